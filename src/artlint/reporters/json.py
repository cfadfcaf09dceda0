"""Machine-readable report: one JSON object, the contract documented in README.md."""

from __future__ import annotations

import json
from typing import Any, TextIO

from artlint import __version__
from artlint.api import FileResult
from artlint.diagnostics import Diagnostic
from artlint.reporters.base import Reporter, ReportOptions, Summary


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "title": d.fix.title,
            "edits": [
                {"start_offset": start, "end_offset": end, "replacement": e.replacement}
                for e, (start, end) in zip(d.fix.edits, d.edit_offsets, strict=True)
            ],
        }
    return {
        "path": d.path,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "line": d.start.line,
        "column": d.start.column,
        "end_line": d.end.line,
        "end_column": d.end.column,
        "start_offset": d.start.offset,
        "end_offset": d.end.offset,
        "fix": fix,
    }


class JsonReporter(Reporter):
    def __init__(self, out: TextIO, *, fixing: bool, options: ReportOptions | None = None) -> None:
        super().__init__(out, fixing=fixing, options=options)
        self.diagnostics: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        super().file(result)
        self.diagnostics.extend(diagnostic_json(d) for d in result.diagnostics)

    def finish(self, *, dry_run: bool = False, unsafe: bool = False) -> Summary:
        s = self.summary
        summary: dict[str, Any] = {
            "files": s.files,
            "files_with_problems": s.files_with_problems,
            "problems": s.problems,
            "fixable": s.fixable,
            "unsafe_fixable": s.unsafe_fixable,
        }
        if self.fixing:
            summary |= {"fixed": s.fixed, "fixed_files": s.fixed_files, "dry_run": dry_run}
        report = {"version": __version__, "diagnostics": self.diagnostics, "summary": summary}
        json.dump(report, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
        return s


class JsonLines:
    """A file's findings as JSON Lines (JsonLinesReporter's renderer)."""

    tag = "json-lines"

    def __call__(self, result: FileResult) -> str:
        return "".join(
            [json.dumps(diagnostic_json(d), ensure_ascii=False) + "\n" for d in result.diagnostics]
        )


class JsonLinesReporter(Reporter):
    """One diagnostic object per line, written as each file is done: for streaming over
    large corpora. No summary line."""

    def renderer(self) -> JsonLines:
        return JsonLines()
