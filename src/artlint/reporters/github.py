"""GitHub Actions workflow commands: annotations on the pull request's changed lines.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`; warnings and infos
become `::warning` and `::notice`. Property values and messages are escaped as the runner
expects (`%`, `\\r`, `\\n`, and `:` `,` in properties).
"""

from __future__ import annotations

from collections.abc import Callable

from artlint.api import FileResult
from artlint.reporters.base import Reporter

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def github_lines(result: FileResult) -> str:
    """A file's findings as workflow commands (GithubReporter's renderer)."""
    out = []
    for d in result.diagnostics:
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
        out.append(f"::{_LEVEL[d.severity.value]} {props}::{_data(d.message)}\n")
    return "".join(out)


class GithubReporter(Reporter):
    def renderer(self) -> Callable[[FileResult], str]:
        return github_lines

    def file(self, result: FileResult) -> None:
        super().file(result)
        if result.rendered is None:
            self.out.write(github_lines(result))
