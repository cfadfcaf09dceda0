"""GitHub Actions workflow commands: annotations on the pull request's changed lines.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`; warnings and infos
become `::warning` and `::notice`. Property values and messages are escaped as the runner
expects (`%`, `\\r`, `\\n`, and `:` `,` in properties).
"""

from __future__ import annotations

from artlint.model.diagnostics import Diagnostic
from artlint.model.results import FileResult
from artlint.report.base import Reporter

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


class GithubLines:
    """A file's findings as workflow commands (GithubReporter's renderer)."""

    tag = "github"

    def __call__(self, result: FileResult) -> str:
        return "".join([_command(d) for d in result.diagnostics])


def _command(d: Diagnostic) -> str:
    props = ",".join(
        [
            f"file={_property(d.path)}",
            f"line={d.start.line}",
            f"col={d.start.column}",
            f"endLine={d.end.line}",
            f"endColumn={d.end.column}",
            f"title={_property(f'{d.code} {d.name}')}",
        ]
    )
    return f"::{_LEVEL[d.severity.value]} {props}::{_data(d.message)}\n"


class GithubReporter(Reporter):
    def renderer(self) -> GithubLines:
        return GithubLines()
