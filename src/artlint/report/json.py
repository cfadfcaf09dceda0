"""Machine-readable report: one JSON object, the contract documented in README.md."""

from __future__ import annotations

import json
from typing import Any, TextIO

from artlint import __version__
from artlint.model.diagnostics import Diagnostic
from artlint.model.results import FileResult
from artlint.report.base import Reporter, ReportOptions, Statistics, Summary


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
        self.statistics = Statistics()

    def file(self, result: FileResult) -> None:
        super().file(result)
        if self.options.statistics:
            self.statistics.add(result)
        else:
            self.diagnostics.extend(diagnostic_json(d) for d in result.diagnostics)

    def finish(self, *, dry_run: bool = False, unsafe: bool = False) -> Summary:
        s = self.summary
        if self.options.statistics:
            json.dump(self.statistics.rows(), self.out, ensure_ascii=False, indent=2)
            self.out.write("\n")
            return s
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

    def __init__(self, out: TextIO, *, fixing: bool, options: ReportOptions | None = None) -> None:
        super().__init__(out, fixing=fixing, options=options)
        self.statistics = Statistics()

    def renderer(self) -> JsonLines | None:
        return None if self.options.statistics else JsonLines()

    def file(self, result: FileResult) -> None:
        super().file(result)  # writes nothing with --statistics: there is no renderer
        if self.options.statistics:
            self.statistics.add(result)

    def finish(self, *, dry_run: bool = False, unsafe: bool = False) -> Summary:
        if self.options.statistics:  # one object per rule, once every file is done
            for row in self.statistics.rows():
                self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return super().finish(dry_run=dry_run, unsafe=unsafe)
