"""artlint's findings and fixes as LSP values, and text edits between two versions of a buffer.

Everything here is a pure function of the buffer's text: the server module does the I/O.
A finding's span and its fix's edits are offsets into the article's text without its BOM;
`shift` is 1 when the buffer starts with one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from lsprotocol import types

from artlint.model.diagnostics import Applicability, Diagnostic, Severity
from artlint.report.sarif import help_uri
from artlint.server.positions import LineIndex

SOURCE = "artlint"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def _range(where: dict[int, tuple[int, int]], start: int, end: int) -> types.Range:
    return types.Range(types.Position(*where[start]), types.Position(*where[end]))


def to_lsp(
    found: Sequence[Diagnostic],
    index: LineIndex,
    shift: int,
    version: int | None,
    docs_url: str | None = None,
) -> list[types.Diagnostic]:
    """The findings as LSP diagnostics; each carries its fix in `data` (edits as LSP ranges
    of this version of the buffer), so that a quick fix needs no second check."""
    offsets: list[int] = []
    for d in found:
        offsets += (d.span.start + shift, d.span.end + shift)
        if d.fix is not None:
            for e in d.fix.edits:
                offsets += (e.start + shift, e.end + shift)
    where = index.positions(offsets)
    out = []
    for d in found:
        data: dict[str, Any] = {"version": version, "name": d.name}
        if d.fix is not None:
            data["fix"] = {
                "title": d.fix.title,
                "safe": d.fix.applicability is Applicability.SAFE,
                "edits": [
                    {
                        "range": _range_json(where, e.start + shift, e.end + shift),
                        "newText": e.replacement,
                    }
                    for e in d.fix.edits
                ],
            }
        href = help_uri(docs_url, d.code, d.name)
        out.append(
            types.Diagnostic(
                range=_range(where, d.span.start + shift, d.span.end + shift),
                message=d.message,
                severity=_SEVERITY[d.severity],
                code=d.code,
                code_description=None if href is None else types.CodeDescription(href=href),
                source=SOURCE,
                data=data,
            )
        )
    return out


def _range_json(where: dict[int, tuple[int, int]], start: int, end: int) -> dict[str, Any]:
    (l0, c0), (l1, c1) = where[start], where[end]
    return {"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}}


def edits_of(data: object) -> tuple[str, bool, list[types.TextEdit]] | None:
    """A quick fix from a diagnostic's `data`: title, whether it is safe, and its edits."""
    fix = data.get("fix") if isinstance(data, dict) else None
    if not isinstance(fix, dict):
        return None
    edits = []
    for e in fix.get("edits", []):
        r = e["range"]
        edits.append(
            types.TextEdit(
                range=types.Range(
                    types.Position(r["start"]["line"], r["start"]["character"]),
                    types.Position(r["end"]["line"], r["end"]["character"]),
                ),
                new_text=e["newText"],
            )
        )
    return str(fix.get("title", "Fix")), bool(fix.get("safe")), edits


def text_edits(before: str, after: str, encoding: str) -> list[types.TextEdit]:
    """Edits that turn `before` into `after`, line by line, so that the editor keeps the
    cursor and folds where nothing changed (a whole-buffer replacement would not)."""
    if before == after:
        return []
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    # Offsets of each old line, then the edits as offset ranges, then positions in one pass.
    starts = [0]
    for line in old:
        starts.append(starts[-1] + len(line))
    ranges: list[tuple[int, int, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            ranges.append(_trimmed(before, starts[i1], starts[i2], "".join(new[j1:j2])))
    where = LineIndex(before, encoding).positions(o for a, b, _ in ranges for o in (a, b))
    return [types.TextEdit(range=_range(where, a, b), new_text=text) for a, b, text in ranges]


def _trimmed(before: str, start: int, end: int, text: str) -> tuple[int, int, str]:
    """The edit replacing before[start:end] with `text`, less what the two share at either
    end: removing one comment from a one-line body of 100 KB replaces the comment, not the
    line."""
    old = before[start:end]
    limit = min(len(old), len(text))
    head = 0
    while head < limit and old[head] == text[head]:
        head += 1
    if head and old[head - 1 : head + 1] == "\r\n":
        head -= 1  # LSP has no position between the two characters of one line break
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == text[len(text) - 1 - tail]:
        tail += 1
    if tail and old[len(old) - tail - 1 : len(old) - tail + 1] == "\r\n":
        tail -= 1
    return start + head, end - tail, text[head : len(text) - tail]


def insertion(index: LineIndex, offset: int, text: str) -> types.TextEdit:
    at = types.Position(*index.position(offset))
    return types.TextEdit(range=types.Range(at, at), new_text=text)


def overlapping(found: Iterable[types.Diagnostic], wanted: types.Range) -> list[types.Diagnostic]:
    """The diagnostics whose range touches `wanted`."""

    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return [
        d
        for d in found
        if key(d.range.start) <= key(wanted.end) and key(wanted.start) <= key(d.range.end)
    ]
