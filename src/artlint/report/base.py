"""What every reporter shares: the running summary of a check or fix run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from artlint.model.diagnostics import Applicability, Severity
from artlint.model.results import FileResult, Renderer
from artlint.rules.base import Rule


@dataclass(frozen=True)
class Summary:
    files: int = 0
    files_with_problems: int = 0
    problems: int = 0
    fixable: int = 0  # with a safe fix
    unsafe_fixable: int = 0  # with a fix that needs --unsafe-fixes
    internal_errors: int = 0  # files on which a rule crashed or a fix was refused
    fixed: int = 0  # problems fixed (or, in a dry run, that would be)
    fixed_files: int = 0
    failing: int = 0  # problems at or above the fail level: these decide the exit status
    fixable_before: int = 0  # in a fix run: fixable findings in the files as they were read
    refused: int = 0  # in a fix run: safe fixes refused because the page would change

    def add(self, result: FileResult, fail_rank: int = 0) -> Summary:
        safe, unsafe = result.fixable
        problems = result.problems
        if fail_rank and result.rendered is None:
            failing = sum(d.severity.rank >= fail_rank for d in result.diagnostics)
        else:  # every finding fails (a rendered part is made only when that is so)
            failing = problems
        return Summary(
            files=self.files + 1,
            files_with_problems=self.files_with_problems + (1 if problems else 0),
            problems=self.problems + problems,
            fixable=self.fixable + safe,
            unsafe_fixable=self.unsafe_fixable + unsafe,
            internal_errors=self.internal_errors + (1 if result.internal_error else 0),
            fixed=self.fixed + result.applied,
            fixed_files=self.fixed_files + (1 if result.applied else 0),
            failing=self.failing + failing,
            fixable_before=self.fixable_before + result.fixable_before,
            refused=self.refused + result.refused,
        )


class Statistics:
    """Findings counted per rule, for --statistics: code, name, count and how many have a
    safe fix, most frequent first (ruff's statistics, with the fixable count)."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], list[int]] = {}

    def add(self, result: FileResult) -> None:
        for d in result.diagnostics:
            entry = self.counts.setdefault((d.code, d.name), [0, 0])
            entry[0] += 1
            entry[1] += d.fix is not None and d.fix.applicability is Applicability.SAFE

    def rows(self) -> list[dict[str, Any]]:
        ordered = sorted(self.counts.items(), key=lambda kv: (-kv[1][0], kv[0][0]))
        return [
            {"code": code, "name": name, "count": count, "fixable": fixable}
            for (code, name), (count, fixable) in ordered
        ]


@dataclass(frozen=True)
class ReportOptions:
    quiet: bool = False  # findings only: no summary
    show_source: bool = False  # the offending line with a caret under the span
    show_fixes: bool = False  # what each fix would do
    statistics: bool = False  # counts per code instead of the findings
    fail_level: Severity = Severity.INFO  # the least severe finding that fails the run
    color: str = "auto"  # text reports: auto, always or never
    docs_url: str | None = None  # `docs-url`: a rule's page, for formats that link to it
    rules: tuple[Rule[Any], ...] = ()  # every rule that ran, for formats that describe them
    # Called when the report ends, for rules known only then (packs of other projects).
    more_rules: Callable[[], tuple[Rule[Any], ...]] | None = None


class Reporter:
    """Receives each file's result as it is ready, then writes the end of the report."""

    def __init__(self, out: TextIO, *, fixing: bool, options: ReportOptions | None = None) -> None:
        self.out = out
        self.fixing = fixing
        self.options = options or ReportOptions()
        self.summary = Summary()

    def renderer(self) -> Renderer | None:
        """What writes a file's part of this report, for formats where that part depends on
        the file alone: workers then send text instead of findings, and the cache keeps it."""
        return None

    def file(self, result: FileResult) -> None:
        """Count the result, and write its part of the report when the format has a
        renderer: as the worker rendered it, or here."""
        self.summary = self.summary.add(result, self.options.fail_level.rank)
        if result.rendered is not None:
            self.out.write(result.rendered.text)
        elif (renderer := self.renderer()) is not None:
            self.out.write(renderer(result))

    def finish(self, *, dry_run: bool = False, unsafe: bool = False) -> Summary:
        return self.summary
