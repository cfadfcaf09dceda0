"""Where an offset is: its line and column, the UTF-8 byte offset reports give, and the bounds
of the line that holds it. Every span in artlint is an offset in code points into a text;
this view turns one into what people and tools read, when a finding is reported."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from artlint.model.diagnostics import Position

_BOM_LENGTH = len("\ufeff".encode())  # a UTF-8 byte order mark, before the text
_CHUNK = 4096


class Lines:
    """The line structure of one text, computed on first use and kept."""

    __slots__ = ("_bom", "_byte_starts", "_chunks", "_positions", "_starts", "text")

    def __init__(self, text: str, bom: bool = False) -> None:
        self.text = text
        self._bom = bom
        self._starts: list[int] | None = None
        self._byte_starts: list[int] | None = None  # [] for an ASCII text
        self._positions: dict[int, Position] = {}
        self._chunks: dict[int, list[int]] = {}

    @property
    def starts(self) -> list[int]:
        """The offset where each line starts."""
        starts = self._starts
        if starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos >= 0:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._starts = starts
        return starts

    def _count_bytes(self, starts: list[int]) -> list[int]:
        out = []
        total = 0
        text = self.text
        for i, s in enumerate(starts):
            out.append(total)
            e = starts[i + 1] if i + 1 < len(starts) else len(text)
            total += len(text[s:e].encode("utf-8", "surrogatepass"))
        return out

    def position(self, offset: int) -> Position:
        # Findings and their fixes' edits mostly start and end at the same few offsets.
        known = self._positions.get(offset)
        if known is not None:
            return known
        starts = self.starts
        line = bisect.bisect_right(starts, offset) - 1
        column = offset - starts[line]
        # Each line's UTF-8 byte offset, counted at the first position asked for (line bounds
        # alone do not need it); an ASCII text needs none: its offsets are its bytes.
        byte_starts = self._byte_starts
        if byte_starts is None:
            ascii_only = self.text.isascii()
            byte_starts = self._byte_starts = [] if ascii_only else self._count_bytes(starts)
        if not byte_starts:  # ASCII
            byte = offset
        else:
            byte = byte_starts[line] + self._bytes_into_line(line, starts[line], offset)
        found = Position(line + 1, column + 1, byte + (_BOM_LENGTH if self._bom else 0))
        self._positions[offset] = found
        return found

    def _bytes_into_line(self, line: int, start: int, offset: int) -> int:
        """UTF-8 bytes from `start` (where `line` starts) to `offset`. A long line keeps the
        byte count at every _CHUNK characters, so a finding costs at most one chunk: encoding
        from the line's start made a one-line body of a megabyte quadratic."""
        text = self.text
        if offset - start <= _CHUNK:
            return len(text[start:offset].encode("utf-8", "surrogatepass"))
        chunks = self._chunks.get(line)
        if chunks is None:
            end = self.bounds(start)[1]
            chunks = [0]
            for at in range(start, end, _CHUNK):
                piece = text[at : at + _CHUNK]
                chunks.append(chunks[-1] + len(piece.encode("utf-8", "surrogatepass")))
            self._chunks[line] = chunks
        k = (offset - start) // _CHUNK
        rest = text[start + k * _CHUNK : offset]
        return chunks[k] + len(rest.encode("utf-8", "surrogatepass"))

    def bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the line holding `offset`; end excludes the line ending."""
        # By bisection: scanning for the newlines cost a whole line per finding, which on a
        # one-line body of a megabyte made fixing it quadratic.
        starts = self.starts
        line = bisect.bisect_right(starts, offset) - 1
        start = starts[line]
        if line + 1 == len(starts):
            return start, len(self.text)
        return start, line_end(self.text, start, starts[line + 1] - 1)

    def following(self, start: int) -> Iterator[tuple[int, int]]:
        """(start, end) of each line from the one starting at `start`, as `bounds` gives
        them."""
        text = self.text
        find = text.find
        while start < len(text):
            newline = find("\n", start)
            if newline < 0:
                yield start, len(text)
                return
            yield start, line_end(text, start, newline)
            start = newline + 1


def line_end(text: str, start: int, newline: int) -> int:
    """Where the line from `start` to the "\n" at `newline` ends: before a "\r" there."""
    return newline - 1 if newline > start and text[newline - 1] == "\r" else newline
