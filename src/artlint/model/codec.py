"""Findings as plain tuples: how they cross from worker processes and how the cache keeps them.

A Diagnostic is a tree of small frozen objects (spans, positions, a fix and its edits).
Pickling that tree runs Python code for every object on both sides and, for a dirty archive
of 85,000 findings, cost more than checking the files. Tuples of strings and integers pickle
and unpickle in C, and the same shape stored as JSON is the cache's entry format. The file's
path is not stored: the caller knows it and gives it back to `unpack`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import starmap
from typing import Any

from artlint.model.diagnostics import (
    Applicability,
    Aspect,
    Diagnostic,
    Edit,
    Fix,
    Position,
    Severity,
    Span,
)

_SEVERITY = {s.value: s for s in Severity}
_APPLICABILITY = {a.value: a for a in Applicability}

Packed = tuple[Any, ...]


def pack(d: Diagnostic) -> Packed:
    # A cold run packs every finding for the cache: attribute look-ups are kept to one
    # each, and enum values are read as `_value_` (`.value` is a property, run per call).
    fix = d.fix
    packed_fix = None
    if fix is not None:
        changes = fix.changes
        packed_fix = (
            fix.title,
            tuple([(e.start, e.end, e.replacement) for e in fix.edits]),
            fix.applicability._value_,
            tuple(sorted(map(str, changes))) if changes else (),
        )
    span, start, end = d.span, d.start, d.end
    return (
        d.code,
        d.name,
        d.severity._value_,
        d.message,
        span.start,
        span.end,
        start.line,
        start.column,
        start.offset,
        end.line,
        end.column,
        end.offset,
        packed_fix,
        d.edit_offsets,
    )


def unpack(path: str, data: Sequence[Any]) -> Diagnostic:
    """The Diagnostic `pack` made; raises ValueError, KeyError or TypeError on other data
    (lists stand for tuples, as JSON gives them back)."""
    (code, name, severity, message, a, b, l1, c1, o1, l2, c2, o2, packed_fix, offsets) = data
    fix = None
    if packed_fix is not None:
        title, edits, applicability, changes = packed_fix
        fix = Fix(
            title,
            tuple(starmap(Edit, edits)),
            _APPLICABILITY[applicability],
            frozenset(map(Aspect, changes)),
        )
    return Diagnostic(
        path,
        code,
        name,
        _SEVERITY[severity],
        message,
        Span(a, b),
        Position(l1, c1, o1),
        Position(l2, c2, o2),
        fix,
        tuple(map(tuple, offsets)),
    )
