"""Where and how a run reports: format, output file, report options, progress line, diffs."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from collections.abc import Iterator
from typing import TextIO

from artlint.cli.options import RunArgs
from artlint.model.results import FileResult
from artlint.report import ReportOptions
from artlint.report.terminal import safe
from artlint.run.config import Resolver

PROGRESS_AFTER = 200  # files; shorter runs end before a progress line would help
HUMAN_FORMATS = ("text", "concise")
REDRAW_EVERY = 0.1  # seconds: often enough to look alive, seldom enough to cost nothing
BAR_WIDTH = 40
ERASE_TO_END = "\x1b[K"


def choose_format(run: RunArgs, resolver: Resolver) -> str:
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


def report_options(run: RunArgs, resolver: Resolver) -> ReportOptions:
    settings = resolver.settings_for(run.stdin_filename or ".")
    rules = tuple(c.rule for c in settings.rules)
    return ReportOptions(
        quiet=run.quiet,
        show_source=run.show_source,
        show_fixes=run.show_fixes,
        statistics=run.statistics,
        fail_level=settings.fail_level,
        color=run.color,
        docs_url=settings.docs_url,
        rules=rules,
        more_rules=resolver.all_rules,
    )


def shows_progress(fmt: str, run: RunArgs) -> bool:
    """Whether a long run gets a progress line: human formats, on a terminal, unless asked not."""
    return not run.no_progress and fmt in HUMAN_FORMATS and sys.stderr.isatty()


def with_progress(results: Iterator[FileResult], total: int, run: RunArgs) -> Iterator[FileResult]:
    """The results, with a progress line on stderr for runs long enough to need one."""
    if total <= PROGRESS_AFTER:
        return results
    # When the report goes to the same terminal, its lines must not land on the progress line.
    shared = run.output_file is None and sys.stdout.isatty()
    return _with_line(results, ProgressLine(sys.stderr, total), shared)


def _with_line(
    results: Iterator[FileResult], line: ProgressLine, shared: bool
) -> Iterator[FileResult]:
    try:
        line.draw()
        for result in results:
            if shared and _prints(result):
                line.erase()
            yield result
            line.advance()
    finally:
        line.erase()  # transient: nothing is left of it once the run ends, however it ends


def _prints(result: FileResult) -> bool:
    """Whether a human report may write something for this file before the summary."""
    return bool(result.problems or result.tracebacks or result.applied)


class ProgressLine:
    """`artlint [#####.....]  120/252  1,234 files/s  0:00:03 left`, redrawn in place."""

    def __init__(self, err: TextIO, total: int) -> None:
        self.err = err
        self.total = total
        self.done = 0
        self.start = time.monotonic()
        self.drawn_at: float | None = None  # None: not on the screen

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        due = self.drawn_at is None or now - self.drawn_at >= REDRAW_EVERY
        if due or self.done == self.total:
            self.draw(now)

    def draw(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        self.err.write("\r" + self.text(now - self.start, _columns(self.err)) + ERASE_TO_END)
        self.err.flush()
        self.drawn_at = now

    def erase(self) -> None:
        if self.drawn_at is not None:
            self.err.write("\r" + ERASE_TO_END)
            self.err.flush()
            self.drawn_at = None

    def text(self, elapsed: float, columns: int) -> str:
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if rate > 0:
            left = round((self.total - self.done) / rate)
            eta = f"{left // 3600}:{left // 60 % 60:02}:{left % 60:02} left"
        else:
            eta = "-:--:-- left"
        count = f"{self.done:>{len(str(self.total))}}/{self.total}"
        tail = f"  {count}  {rate:,.0f} files/s  {eta}"
        # The last column stays empty: writing there makes some terminals wrap the line.
        room = min(BAR_WIDTH, columns - 1 - len("artlint [] ") - len(tail))
        if room < 10:
            return ("artlint" + tail)[: max(columns - 1, 0)]
        filled = room * self.done // self.total
        return f"artlint [{'#' * filled}{'.' * (room - filled)}]{tail}"


def _columns(err: TextIO) -> int:
    """The terminal's width: COLUMNS if set, as other tools read it, else the terminal's own."""
    with contextlib.suppress(ValueError):
        if int(os.environ.get("COLUMNS", "")) > 0:
            return int(os.environ["COLUMNS"])
    try:
        columns = os.get_terminal_size(err.fileno()).columns
    except (OSError, ValueError):
        return 80
    return columns or 80  # a fresh pseudo-terminal reports 0


def print_diff(result: FileResult, out: TextIO) -> None:
    import difflib  # only dry runs of `fix` show diffs

    assert result.fix is not None
    # Split on "\n" only, like artlint's line numbers (splitlines also breaks at U+2028).
    before = re.split(r"(?<=\n)(?!$)", result.fix.original.text)
    after = re.split(r"(?<=\n)(?!$)", result.fix.document.text)
    name = safe(result.path)  # a newline in a file name would forge diff headers
    diff = difflib.unified_diff(before, after, name, name)
    for line in diff:
        out.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
