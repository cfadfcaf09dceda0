"""Human-readable report: `path:line:col: CODE [*] severity: message`, then a summary line."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from typing import TextIO

from artlint.model.diagnostics import Applicability, Diagnostic
from artlint.model.results import FileResult
from artlint.report.base import Reporter, ReportOptions, Statistics, Summary
from artlint.report.terminal import safe


def _use_colour(out: TextIO, choice: str = "auto") -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return out.isatty()


def _paint(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m"


def _safe(d: Diagnostic) -> bool:
    return d.fix is not None and d.fix.applicability is Applicability.SAFE


_SEVERITY_COLOUR = {"error": "1;31", "warning": "1;33", "info": "1;34"}


def text_line(d: Diagnostic, colour: bool) -> str:
    """`path:line:col: CODE [*] severity: message`; `[*]` when `fix --write` applies the fix
    (a fix that needs --unsafe-fixes is not marked, as in ruff). The severity is spelled out,
    not only coloured, because `--fail-level` decides by it and logs have no colour."""
    path, message, level = safe(d.path), safe(d.message), d.severity.value
    if not colour:
        mark = " [*]" if _safe(d) else ""
        return f"{path}:{d.start.line}:{d.start.column}: {d.code}{mark} {level}: {message}"
    paint = _SEVERITY_COLOUR[level]
    where = _paint(f"{path}:{d.start.line}:{d.start.column}:", "1")
    code = _paint(d.code, paint)
    mark = " " + _paint("[*]", "36") if _safe(d) else ""
    return f"{where} {code}{mark} {_paint(level + ':', paint)} {message}"


@dataclass(frozen=True)
class TextLines:
    """A file's findings as text lines (a reporter's renderer: see Reporter.renderer)."""

    colour: bool

    @property
    def tag(self) -> str:
        return "text-colour" if self.colour else "text"

    def __call__(self, result: FileResult) -> str:
        return "".join([text_line(d, self.colour) + "\n" for d in result.diagnostics])


class TextReporter(Reporter):
    def __init__(self, out: TextIO, *, fixing: bool, options: ReportOptions | None = None) -> None:
        super().__init__(out, fixing=fixing, options=options)
        self.colour = _use_colour(out, self.options.color)
        self.statistics = Statistics()

    def renderer(self) -> TextLines | None:
        o = self.options
        return None if o.statistics or o.show_source or o.show_fixes else TextLines(self.colour)

    def file(self, result: FileResult) -> None:
        super().file(result)
        if self.options.statistics:
            self.statistics.add(result)
        elif self.options.show_source or self.options.show_fixes:
            # Otherwise the base class wrote the lines, one write per file.
            for d in result.diagnostics:
                self.out.write(text_line(d, self.colour) + "\n")
                if self.options.show_source and result.text is not None:
                    self.out.write(source_excerpt(result.text, d))
                if self.options.show_fixes and d.fix is not None:
                    self.out.write(fix_excerpt(result.text, d))
        for tb in result.tracebacks:
            self.out.write("\n".join(safe(line) for line in tb.split("\n")))

    def finish(self, *, dry_run: bool = False, unsafe: bool = False) -> Summary:
        s = self.summary
        if self.options.statistics:
            for row in self.statistics.rows():
                count, fixable = row["count"], row["fixable"]
                mark = "[*]" if fixable == count else ("[-]" if fixable else "   ")
                self.out.write(f"{count:>6}  {row['code']:<7} {mark} {row['name']}\n")
        if self.options.quiet:
            return s
        files = plural(s.files, "file")
        if self.fixing:
            verb = "Would fix" if dry_run else "Fixed"
            tail = " (run with --write to apply)" if dry_run and s.fixed else ""
            remaining = (
                f"{plural(s.problems, 'problem')} remaining"
                f" in {plural(s.files_with_problems, 'file')}"
                if s.problems
                else "none remaining"
            )
            self.out.write(
                f"{verb} {plural(s.fixed, 'problem')} in {plural(s.fixed_files, 'file')}"
                f"{tail}; {remaining}.\n"
            )
            if s.fixed != s.fixable_before:
                self.out.write(_square_with_check(s) + "\n")
            if s.unsafe_fixable and not unsafe:
                self.out.write(
                    f"{s.unsafe_fixable} more fixable with '--unsafe-fixes'"
                    " (they may remove content: review the diff).\n"
                )
            return s
        if not s.problems:
            self.out.write(f"All checks passed ({files}).\n")
            return s
        fixes = []
        if s.fixable:
            fixes.append(f"{s.fixable} fixable with 'artlint fix --write'")
        if s.unsafe_fixable:
            more = "more" if s.fixable else "fixable"
            fixes.append(f"{s.unsafe_fixable} {more} with '--unsafe-fixes'")
        found = f"Found {plural(s.problems, 'problem')} in {plural(s.files_with_problems, 'file')}"
        if s.failing < s.problems:
            level = self.options.fail_level.value
            fixes.append(f"{s.problems - s.failing} below the fail level, {level}")
        self.out.write(found + (f" ({', '.join(fixes)})" if fixes else "") + ".\n")
        return s


def _square_with_check(s: Summary) -> str:
    """Why the number fixed is not the number `check` called fixable: fixing goes round by
    round on the changed text, and the oracle may refuse a safe fix."""
    why = []
    if s.refused:
        why.append(f"{plural(s.refused, 'safe fix')} refused because the page would change (AL998)")
    why.append("a fix can make another needless or reveal a new finding, fixed in a later round")
    counted = f"check counts {s.fixable_before} fixable in these files as they are"
    return f"({counted}: {'; '.join(why)}.)"


def plural(n: int, word: str) -> str:
    """`1 file`, `2 files`: counts in summaries."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _line_of(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _columns(text: str, start: int = 0) -> int:
    """How many terminal columns `text` takes after `start` columns: tabs to the next stop of
    8, wide (CJK) characters 2."""
    col = start
    for ch in text:
        if ch == "\t":
            col += 8 - col % 8
        else:
            col += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return col - start


# A scraped body is often one line of thousands of characters: show this much of it around
# the finding, as ruff does, with `…` where the line goes on.
_BEFORE, _SPAN, _AFTER = 40, 80, 20


def source_excerpt(text: str, d: Diagnostic) -> str:
    """The finding's first line with a caret line under its span, aligned in a terminal; a
    long line is cut to a window around the span."""
    start, end = _line_of(text, d.span.start)
    line = text[start:end].rstrip("\r")
    at = d.span.start - start
    stop = min(d.span.end, start + len(line)) - start
    left = max(0, at - _BEFORE)
    shown_stop = min(stop, at + _SPAN)
    right = min(len(line), shown_stop + _AFTER)
    opening = "…" if left > 0 else ""
    closing = "…" if right < len(line) else ""
    piece = line[left:right]
    lead = _columns(opening + safe(piece[: at - left]))
    width = max(1, _columns(safe(piece[at - left : shown_stop - left]), lead))
    gutter = f"{d.start.line:>5} | "
    caret = " " * lead + "^" * width
    # The gutter is 8 columns wide, so tabs in the line keep their stops.
    return f"{gutter}{opening}{safe(piece)}{closing}\n{' ' * (len(gutter) - 2)}| {caret}\n"


def fix_excerpt(text: str | None, d: Diagnostic) -> str:
    """What the fix does: its title, then each edit's removed and inserted text."""
    assert d.fix is not None
    lines = [f"      fix ({d.fix.applicability.value}): {d.fix.title}\n"]
    for e in d.fix.edits:
        removed = text[e.start : e.end] if text is not None else ""
        if removed:
            lines.append(f"        - {removed!r}\n")
        if e.replacement:
            lines.append(f"        + {e.replacement!r}\n")
    return "".join(lines)


class ConciseReporter(TextReporter):
    """One line per finding and nothing else."""

    def __init__(self, out: TextIO, *, fixing: bool, options: ReportOptions | None = None) -> None:
        base = options or ReportOptions()
        concise = ReportOptions(quiet=True, rules=base.rules)
        super().__init__(out, fixing=fixing, options=concise)
