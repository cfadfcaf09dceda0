"""Report formats, one module each, registered here by name."""

from artlint.reporters.base import Reporter, ReportOptions, Summary
from artlint.reporters.github import GithubReporter
from artlint.reporters.gitlab import GitlabReporter
from artlint.reporters.json import JsonLinesReporter, JsonReporter
from artlint.reporters.junit import JunitReporter
from artlint.reporters.sarif import SarifReporter
from artlint.reporters.text import ConciseReporter, TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "concise": ConciseReporter,
    "json": JsonReporter,
    "json-lines": JsonLinesReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "gitlab": GitlabReporter,
    "junit": JunitReporter,
}

__all__ = ["REPORTERS", "ReportOptions", "Reporter", "Summary"]
