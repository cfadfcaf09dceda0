"""Report formats, one module each, registered here by name."""

from artlint.config import OutputFormat
from artlint.reporters.base import Reporter, ReportOptions, Summary
from artlint.reporters.github import GithubReporter
from artlint.reporters.gitlab import GitlabReporter
from artlint.reporters.json import JsonLinesReporter, JsonReporter
from artlint.reporters.junit import JunitReporter
from artlint.reporters.sarif import SarifReporter
from artlint.reporters.text import ConciseReporter, TextReporter

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
