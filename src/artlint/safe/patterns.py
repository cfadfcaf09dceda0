"""Regular expressions that come from configuration: pack rules, `keep` lists, schemas.

A repository's own `artlint.toml` or pack file may hold a pattern such as `(a|aa)+$` that
backtracks for minutes on one line; CI runs artlint on pull requests from strangers, so such
a pattern must not stall the run. These patterns are compiled with the `regex` module, whose
syntax and Unicode classes are those of `re` (version 0), and every search runs under a time
budget for one rule on one file. An overrun raises PatternTimeout; the engine reports it as a
located AL999 finding and the file's result is not cached.

Why not RE2 (linear time)? It accepts most of these patterns but reads them differently:
its `\\s`, `\\w` and `\\b` are ASCII-only and it has no `\\u3000`, so a pattern written for
full-width spaces in Chinese articles would silently stop matching. `.gitignore` and glob
patterns, which artlint translates itself, do use RE2 (see `gitignore`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# Seconds one configured pattern may spend on one file, summed over all its searches.
BUDGET = 0.5

# The same flag values in `re` and `regex`; `regex` itself is imported on first use.
IGNORECASE = int(re.IGNORECASE)
MULTILINE = int(re.MULTILINE)
DOTALL = int(re.DOTALL)


class error(ValueError):  # named as re.error, which it stands for
    """A configured pattern that does not compile; the message says why."""


class PatternTimeout(Exception):
    """A configured pattern used up its time budget on one file."""

    def __init__(self, pattern: str, budget: float, at: int = 0) -> None:
        shown = pattern if len(pattern) <= 60 else pattern[:57] + "..."
        super().__init__(
            f"the pattern `{shown}` ran longer than {budget:g} s on this file"
            " (it backtracks: rewrite it without nested repetition)"
        )
        self.pattern = pattern
        self.at = at  # where in the text the search that ran out began


@lru_cache(maxsize=512)
def compile(pattern: str, flags: int = 0) -> Any:
    """The compiled pattern; raises `error` (with the reason) when it is not valid."""
    import regex

    try:
        return regex.compile(pattern, flags | regex.VERSION0)
    except regex.error as exc:
        raise error(str(exc)) from None


@dataclass
class Guarded:
    """A compiled configured pattern with a time budget shared by all its searches.

    Make one per rule per file: the budget is spent across the calls, so a pattern that
    takes 0.1 s per line cannot take a minute over 600 lines. Only time inside the regex
    engine counts, so a large file's other work does not use up a pattern's budget."""

    source: str
    flags: int = 0
    budget: float = BUDGET
    _compiled: Any = field(init=False, repr=False)
    _spent: float = field(init=False, repr=False, default=0.0)

    def __post_init__(self) -> None:
        self._compiled = compile(self.source, self.flags)

    def _run(self, call: Any, text: str, *args: Any) -> Any:
        at = args[0] if args else 0
        left = self.budget - self._spent
        if left <= 0:
            raise PatternTimeout(self.source, self.budget, at)
        began = time.perf_counter()
        try:
            return call(text, *args, timeout=left)
        except TimeoutError:
            raise PatternTimeout(self.source, self.budget, at) from None
        finally:
            self._spent += time.perf_counter() - began

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._run(self._compiled.search, text, pos, len(text) if endpos is None else endpos)

    def fullmatch(self, text: str) -> Any:
        return self._run(self._compiled.fullmatch, text)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        end = len(text) if endpos is None else endpos
        while pos <= end:
            m = self.search(text, pos, end)
            if m is None:
                return
            yield m
            # An empty match moves on by one, as re.finditer does.
            pos = m.end() if m.end() > m.start() else m.end() + 1


def gitignore(lines: Iterable[str]) -> Any:
    """A `pathspec.GitIgnoreSpec` for `.gitignore`-style lines, matched by RE2.

    pathspec turns each line into a regular expression of its own making, so RE2's ASCII
    classes change nothing there, and its linear time keeps `*a*a*a*a*a*a*a*a*c` from
    hanging the walk on a long file name."""
    import pathspec  # imported on first use: most runs have no globs to match

    return pathspec.GitIgnoreSpec.from_lines(list(lines), backend="re2")
