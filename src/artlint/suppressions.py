"""Suppressions written in the article itself.

- `<!-- artlint-disable AL101 AL103 -->` ... `<!-- artlint-enable -->`: a range (an `enable`
  with codes ends only those; without codes, all);
- `<!-- artlint-disable-next-line AL301 -->`: the line after the comment;
- `<!-- artlint-disable-file -->`: the whole file;
- front matter `artlint: {ignore: [AL404]}`: the whole file.

Codes may be written as codes, prefixes or rule names; no codes means every rule. A finding
is suppressed when it starts inside a suppressed range. Internal errors are never suppressed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from artlint.diagnostics import Diagnostic, Span
from artlint.document import Document
from artlint.html import Kind
from artlint.rules import INTERNAL_ERROR, RULES

_DIRECTIVE = re.compile(
    r"<!--\s*artlint-(disable-next-line|disable-file|disable|enable)\b(.*?)\s*--!?>", re.DOTALL
)
NEVER_SUPPRESSED = frozenset({INTERNAL_ERROR.code})


@dataclass(frozen=True, slots=True)
class Directive:
    kind: str
    codes: frozenset[str] | None  # None: every rule
    unknown: tuple[str, ...]  # words that name no rule
    span: Span
    line: int


@dataclass(frozen=True, slots=True)
class Region:
    directive: Directive
    codes: frozenset[str] | None
    start: int  # offsets into the text; for next-line directives, a line range instead
    end: int
    by_line: bool = False


def _codes(words: Sequence[str]) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    if not words:
        return None, ()
    codes: set[str] = set()
    unknown: list[str] = []
    for word in words:
        matched = {r.code for r in RULES if r.code.startswith(word.upper()) or r.name == word}
        if matched and word:
            codes |= matched
        else:
            unknown.append(word)
    return frozenset(codes), tuple(unknown)


def directives(doc: Document) -> list[Directive]:
    out = []
    for tok in doc.tokens_of(Kind.COMMENT):
        if tok.kind is not Kind.COMMENT:
            continue
        m = _DIRECTIVE.fullmatch(doc.text, tok.start, tok.end)
        if m is None:
            continue
        codes, unknown = _codes([w for w in re.split(r"[\s,]+", m.group(2)) if w])
        line = doc.position(tok.start).line
        out.append(Directive(m.group(1), codes, unknown, Span(tok.start, tok.end), line))
    return out


def _front_matter_ignores(doc: Document) -> frozenset[str]:
    fm = doc.front_matter
    settings = fm.data.get("artlint") if fm is not None and fm.error is None else None
    ignore = settings.get("ignore") if isinstance(settings, dict) else None
    if not isinstance(ignore, list):
        return frozenset()
    codes, _ = _codes([str(w) for w in ignore])
    return codes or frozenset()


def regions(doc: Document, found: list[Directive]) -> list[Region]:
    out: list[Region] = []
    open_ranges: list[Region] = []
    end = len(doc.text)
    for d in found:
        if d.kind == "disable-file":
            out.append(Region(d, d.codes, 0, end))
        elif d.kind == "disable-next-line":
            out.append(Region(d, d.codes, d.line + 1, d.line + 1, by_line=True))
        elif d.kind == "disable":
            open_ranges.append(Region(d, d.codes, d.span.end, end))
        else:  # enable: close the ranges it names
            still_open = []
            for r in open_ranges:
                closes = d.codes is None or (r.codes is not None and r.codes <= d.codes)
                if closes:
                    out.append(Region(r.directive, r.codes, r.start, d.span.start))
                else:
                    still_open.append(r)
            open_ranges = still_open
    return out + open_ranges


@dataclass(frozen=True)
class Outcome:
    kept: tuple[Diagnostic, ...]
    unused: tuple[Directive, ...]  # directives that suppressed nothing


def apply(doc: Document, diagnostics: Sequence[Diagnostic], enabled: frozenset[str]) -> Outcome:
    file_ignores = _front_matter_ignores(doc)
    found = directives(doc)
    if not found and not file_ignores:
        return Outcome(tuple(diagnostics), ())
    active = regions(doc, found)
    used: set[int] = set()
    kept = []
    for diag in diagnostics:
        if diag.code in NEVER_SUPPRESSED:
            kept.append(diag)
            continue
        if diag.code in file_ignores:
            continue
        hit = False
        for _i, r in enumerate(active):
            if r.codes is not None and diag.code not in r.codes:
                continue
            inside = (
                r.start <= diag.start.line <= r.end
                if r.by_line
                else r.start <= diag.span.start < r.end
            )
            if inside:
                used.add(id(r.directive))
                hit = True
        if not hit:
            kept.append(diag)
    unused = tuple(
        d
        for d in found
        if d.kind != "enable"
        and id(d) not in used
        and (d.codes is None or d.codes & enabled or d.unknown)
    )
    return Outcome(tuple(kept), unused)
