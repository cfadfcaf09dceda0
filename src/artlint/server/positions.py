"""Positions as the Language Server Protocol counts them.

LSP positions are a zero-based line and a column in code units of the negotiated encoding
(UTF-16 unless the client offers another), and only `\\n`, `\\r\\n` and `\\r` end lines.
Python's `str.splitlines` also breaks at U+2028, U+0085 and form feeds, which articles
pasted from the web do contain, so lines are found here with the protocol's three breaks.

Offsets are indices into the buffer's text as the client sent it (a BOM, if the client kept
it, is a character like any other).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

_BREAK = re.compile(r"\r\n|\r|\n")
_WIDE = re.compile(r"[\U00010000-\U0010FFFF]")  # two UTF-16 code units each
ENCODINGS = ("utf-16", "utf-8", "utf-32")


def units(text: str, encoding: str) -> int:
    """How many code units of `encoding` `text` takes."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + len(_WIDE.findall(text))


@dataclass(frozen=True)
class LineIndex:
    """Converts between offsets in `text` and LSP (line, character) pairs."""

    text: str
    encoding: str = "utf-16"

    @cached_property
    def starts(self) -> list[int]:
        return [0, *(m.end() for m in _BREAK.finditer(self.text))]

    def offset(self, line: int, character: int) -> int:
        """The offset of an LSP position. A line past the end is the end of the text; a
        column past the end of its line is the line's end (as the protocol says)."""
        starts = self.starts
        if line >= len(starts):
            return len(self.text)
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        body = self.text[start:end]
        m = _BREAK.search(body)
        content = body[: m.start()] if m else body
        if self.encoding == "utf-32" or (self.encoding == "utf-16" and not _WIDE.search(content)):
            return start + min(character, len(content))
        seen = 0
        for i, ch in enumerate(content):
            if seen >= character:
                return start + i
            seen += units(ch, self.encoding)
        return start + len(content)

    def positions(self, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
        """LSP positions of many offsets at once, in one pass over the text: a scraped body
        is often one line of 100 KB with hundreds of findings on it."""
        out: dict[int, tuple[int, int]] = {}
        starts = self.starts
        line = -1
        previous = column = 0
        for offset in sorted(set(offsets)):
            offset = max(0, min(offset, len(self.text)))
            here = bisect.bisect_right(starts, offset) - 1
            if here != line:
                line, previous, column = here, starts[here], 0
            column += units(self.text[previous:offset], self.encoding)
            previous = offset
            out[offset] = (line, column)
        return out

    def position(self, offset: int) -> tuple[int, int]:
        return self.positions((offset,))[offset]


def apply_change(
    text: str, encoding: str, start: tuple[int, int], end: tuple[int, int], new_text: str
) -> str:
    """`text` with the range from `start` to `end` (LSP positions) replaced by `new_text`."""
    index = LineIndex(text, encoding)
    a = index.offset(*start)
    b = max(a, index.offset(*end))
    return text[:a] + new_text + text[b:]
