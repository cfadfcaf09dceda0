"""Where and how a run reports: format, output file, report options, progress bar, diffs."""

from __future__ import annotations

import contextlib
import difflib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from artlint.api import FileResult
from artlint.cli_options import OutputFormat
from artlint.config import Resolver
from artlint.reporters import ReportOptions

PROGRESS_AFTER = 200  # files; shorter runs end before a bar would help
HUMAN_FORMATS = ("text", "concise")


@dataclass(frozen=True)
class Output:
    """How a run reports, whatever it does."""

    output_format: OutputFormat | None
    output_file: str | None
    show_source: bool
    show_fixes: bool
    statistics: bool
    quiet: bool
    no_progress: bool
    stdin_filename: str | None


def choose_format(run: Output, resolver: Resolver) -> str:
    if run.output_format is not None:
        return run.output_format.value
    configured = resolver.settings_for(run.stdin_filename or ".").output_format
    return configured or "text"


@contextlib.contextmanager
def stream(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


def report_options(run: Output, resolver: Resolver) -> ReportOptions:
    rules = tuple(c.rule for c in resolver.settings_for(run.stdin_filename or ".").rules)
    return ReportOptions(
        quiet=run.quiet,
        show_source=run.show_source,
        show_fixes=run.show_fixes,
        statistics=run.statistics,
        rules=rules,
        more_rules=resolver.all_rules,
    )


def with_progress(
    results: Iterator[FileResult], total: int, fmt: str, run: Output
) -> Iterator[FileResult]:
    """The results, with a progress bar on stderr for long runs on a terminal only."""
    if run.no_progress or fmt not in HUMAN_FORMATS or not sys.stderr.isatty():
        yield from results
        return
    if total <= PROGRESS_AFTER:
        yield from results
        return
    from rich.console import Console
    from rich.progress import (  # rich comes with typer; imported only for long runs
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed or 0:,.0f} files/s")

    columns = (
        TextColumn("artlint"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=total)
        for result in results:
            yield result
            bar.advance(task)


def print_diff(result: FileResult, out: TextIO) -> None:
    assert result.fix is not None
    # Split on "\n" only, like artlint's line numbers (splitlines also breaks at U+2028).
    before = re.split(r"(?<=\n)(?!$)", result.fix.original.text)
    after = re.split(r"(?<=\n)(?!$)", result.fix.document.text)
    diff = difflib.unified_diff(before, after, result.path, result.path)
    for line in diff:
        out.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
