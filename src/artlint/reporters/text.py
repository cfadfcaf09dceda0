"""Human-readable report: `path:line:col: CODE [*] message`, then a summary line."""

from __future__ import annotations

import os
from typing import TextIO

from artlint.api import FileResult
from artlint.diagnostics import Diagnostic
from artlint.reporters.base import Reporter, Summary


def _use_colour(out: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return out.isatty()


class TextReporter(Reporter):
    def __init__(self, out: TextIO, *, fixing: bool) -> None:
        super().__init__(out, fixing=fixing)
        self.colour = _use_colour(out)

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text

    def line(self, d: Diagnostic) -> str:
        where = self._paint(f"{d.path}:{d.start.line}:{d.start.column}:", "1")
        code = self._paint(d.code, "1;31" if d.severity.value == "error" else "1;33")
        mark = " " + self._paint("[*]", "36") if d.fix is not None else ""
        return f"{where} {code}{mark} {d.message}"

    def file(self, result: FileResult) -> None:
        super().file(result)
        for d in result.diagnostics:
            self.out.write(self.line(d) + "\n")
        for tb in result.tracebacks:
            self.out.write(tb)

    def finish(self, *, dry_run: bool = False, unsafe: bool = False) -> Summary:
        s = self.summary
        files = _plural(s.files, "file")
        if self.fixing:
            verb = "Would fix" if dry_run else "Fixed"
            tail = " (run with --write to apply)" if dry_run and s.fixed else ""
            self.out.write(
                f"{verb} {_plural(s.fixed, 'problem')} in {_plural(s.fixed_files, 'file')}"
                f"{tail}; {_plural(s.problems, 'problem')} remaining in {files}.\n"
            )
            if s.unsafe_fixable and not unsafe:
                self.out.write(
                    f"{s.unsafe_fixable} more fixable with '--unsafe-fixes'"
                    " (they may remove content: review the diff).\n"
                )
            return s
        if not s.problems:
            self.out.write(f"All checks passed ({files}).\n")
            return s
        message = (
            f"Found {_plural(s.problems, 'problem')} in {_plural(s.files_with_problems, 'file')}"
            f" ({s.fixable} fixable with 'artlint fix --write'"
        )
        if s.unsafe_fixable:
            message += f", {s.unsafe_fixable} more with '--unsafe-fixes'"
        self.out.write(message + ").\n")
        return s


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
