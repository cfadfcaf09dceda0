"""Frozen value types shared by rules, the engine, the fixer and the reporters.

All spans are offsets in code points into one file's text (BOM excluded, front matter
included). Line, column and byte offsets are computed once, when a Diagnostic is built.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error: `--fail-level` compares these."""
        return ("info", "warning", "error").index(self.value)


class Applicability(enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class Fixability(enum.Enum):
    """What a rule declares about its fixes; the test harness holds rules to it."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"
    SOMETIMES_SAFE = "sometimes-safe"

    def allows(self, applicability: Applicability) -> bool:
        if self is Fixability.NONE:
            return False
        if self is Fixability.SAFE:
            return applicability is Applicability.SAFE
        if self is Fixability.UNSAFE:
            return applicability is Applicability.UNSAFE
        return True


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        # Two insertions at one point, or an insertion inside a deletion, also conflict.
        if self.start == self.end or other.start == other.end:
            return self.start <= other.end and other.start <= self.end
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `replacement`."""

    start: int
    end: int
    replacement: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @classmethod
    def deletion(cls, start: int, end: int) -> Edit:
        """Remove text[start:end]."""
        return cls(start, end, "")

    @classmethod
    def insertion(cls, at: int, text: str) -> Edit:
        """Insert `text` before text[at]."""
        return cls(at, at, text)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Edit, (self.start, self.end, self.replacement))  # see Diagnostic.__reduce__


class Aspect(StrEnum):
    """What a reader sees of a document, as the fix safety oracle compares it
    (artlint.engine.oracle says what each covers)."""

    TEXT = "text"
    IMAGES = "images"
    LINKS = "links"
    FRONT_MATTER = "front_matter"
    MEDIA = "media"
    BLOCKS = "blocks"
    LAYOUT = "layout"


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    # What a reader sees that this fix changes on purpose. The fix safety oracle holds every
    # other safe fix to changing none.
    changes: frozenset[Aspect] = frozenset()

    @property
    def span(self) -> Span:
        return Span(min(e.start for e in self.edits), max(e.end for e in self.edits))


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule yields: where, what, and optionally how to repair it."""

    span: Span
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based, counting "\n" only
    column: int  # 1-based, in code points
    offset: int  # byte offset into the file as stored (BOM included)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """What the engine reports: a violation placed in a file, with its rule's identity."""

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    start: Position
    end: Position
    fix: Fix | None = None
    # Byte offsets (start, end) in the stored file of each of the fix's edits, in order.
    edit_offsets: tuple[tuple[int, int], ...] = ()

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start, self.span.end, self.code)

    def __reduce__(self) -> tuple[Any, ...]:
        # Results cross from worker processes by pickle. The default for slotted frozen
        # classes runs Python code per object and per field, which cost more than the check.
        from artlint.model.codec import pack, unpack  # codec builds on this module

        return (unpack, (self.path, pack(self)))
