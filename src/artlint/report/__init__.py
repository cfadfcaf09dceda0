"""Report formats, one module each, registered here by name.

A reporter turns results (`artlint.model.results`) into one format; the text it writes for a
file is made where the file was checked when the format allows (`Reporter.renderer`).
Rule pages (`rule_pages`: `artlint rule`, `artlint rules --docs`, hover in editors) live here
too: they document the rule set, and fix each pack rule's example to show "Use instead".
May import: `artlint.run` and the layers below it (nothing above).
"""

from artlint.report.base import Reporter, ReportOptions, Summary
from artlint.report.github import GithubReporter
from artlint.report.gitlab import GitlabReporter
from artlint.report.json import JsonLinesReporter, JsonReporter
from artlint.report.junit import JunitReporter
from artlint.report.sarif import SarifReporter
from artlint.report.text import ConciseReporter, TextReporter
from artlint.run.config import OutputFormat

REPORTERS: dict[str, type[Reporter]] = {
    OutputFormat.text: TextReporter,
    OutputFormat.concise: ConciseReporter,
    OutputFormat.json: JsonReporter,
    OutputFormat.json_lines: JsonLinesReporter,
    OutputFormat.sarif: SarifReporter,
    OutputFormat.github: GithubReporter,
    OutputFormat.gitlab: GitlabReporter,
    OutputFormat.junit: JunitReporter,
}

__all__ = ["REPORTERS", "ReportOptions", "Reporter", "Summary"]
