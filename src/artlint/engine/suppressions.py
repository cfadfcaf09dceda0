"""Suppressions written in the article itself.

- `<!-- artlint-disable AL101 AL103 -->` ... `<!-- artlint-enable -->`: a range (an `enable`
  with codes ends only those; without codes, all);
- `<!-- artlint-disable-next-line AL301 -->`: the line after the comment;
- `<!-- artlint-disable-line AL101 -->`: the line the comment is on;
- `<!-- artlint-disable-file -->`: the whole file;
- front matter `artlint: {ignore: [AL404]}`: the whole file.

Codes may be written as codes, prefixes or rule names; no codes means every rule. A finding
is suppressed when it starts inside a suppressed range. Internal errors are never suppressed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from artlint.document.article import Document
from artlint.engine.own import INTERNAL_ERROR
from artlint.model.diagnostics import Diagnostic, Span
from artlint.model.suppression import Directive, DirectiveKind, Outcome
from artlint.parse.html import Kind
from artlint.rules.base import Rule

# Longer kinds first: `disable` is a prefix of the others.
_DIRECTIVE = re.compile(
    r"<!--\s*artlint-("
    + "|".join(sorted((k.value for k in DirectiveKind), key=len, reverse=True))
    + r")\b(.*?)\s*--!?>",
    re.DOTALL | re.IGNORECASE,
)
NEVER_SUPPRESSED = frozenset({INTERNAL_ERROR.code})


@dataclass(frozen=True, slots=True)
class Region:
    directive: Directive
    codes: frozenset[str] | None
    start: int  # offsets into the text; for next-line directives, a line range instead
    end: int
    by_line: bool = False


_CODE_LIKE = re.compile(r"[A-Za-z]{2,}\d*")


def _codes(
    words: Sequence[str], known: Sequence[Rule[Any]]
) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """The codes words name (codes, code prefixes such as AL1, rule names), and the words
    that name nothing. `--` ends the list: what follows is a comment for people."""
    if "--" in words:
        words = words[: list(words).index("--")]
    if not words:
        return None, ()
    codes: set[str] = set()
    unknown: list[str] = []
    for word in words:
        matched = {r.code for r in known if r.name == word}
        if not matched and _CODE_LIKE.fullmatch(word):
            matched = {r.code for r in known if r.code.startswith(word.upper())}
        if matched:
            codes |= matched
        else:
            unknown.append(word)
    return frozenset(codes), tuple(unknown)


def directives(doc: Document, known: Sequence[Rule[Any]]) -> list[Directive]:
    out = []
    for tok in doc.markup.tokens_of(Kind.COMMENT):
        m = _DIRECTIVE.fullmatch(doc.text, tok.start, tok.end)
        if m is None:
            continue
        words = [w for w in re.split(r"[\s,]+", m.group(2)) if w]
        codes, unknown = _codes(words, known)
        # "Next line" is the line after the one the comment ends on.
        line = doc.lines.position(tok.end).line
        kind = DirectiveKind(m.group(1).lower())
        out.append(Directive(kind, codes, unknown, Span(tok.start, tok.end), line))
    return out


def _front_matter_ignores(doc: Document, known: Sequence[Rule[Any]]) -> frozenset[str]:
    fm = doc.header.front_matter
    settings = fm.data.get("artlint") if fm is not None and fm.error is None else None
    ignore = settings.get("ignore") if isinstance(settings, dict) else None
    if not isinstance(ignore, list):
        return frozenset()
    codes, _ = _codes([str(w) for w in ignore], known)
    return codes or frozenset()


def regions(doc: Document, found: list[Directive], every: frozenset[str]) -> list[Region]:
    out: list[Region] = []
    open_ranges: list[Region] = []
    end = len(doc.text)
    for d in found:
        if d.kind is DirectiveKind.disable_file:
            out.append(Region(d, d.codes, 0, end))
        elif d.kind is DirectiveKind.disable_next_line:
            out.append(Region(d, d.codes, d.line + 1, d.line + 1, by_line=True))
        elif d.kind is DirectiveKind.disable_line:  # every line the comment is on
            first = doc.lines.position(d.span.start).line
            out.append(Region(d, d.codes, first, d.line, by_line=True))
        elif d.kind is DirectiveKind.disable:
            open_ranges.append(Region(d, d.codes, d.span.end, end))
        else:  # enable: end the ranges of the codes it names (all of them without codes)
            still_open = []
            for r in open_ranges:
                disabled = every if r.codes is None else r.codes
                ending = disabled if d.codes is None else disabled & d.codes
                if ending:
                    out.append(Region(r.directive, frozenset(ending), r.start, d.span.start))
                rest = disabled - ending
                if rest:
                    still_open.append(Region(r.directive, frozenset(rest), r.start, r.end))
            open_ranges = still_open
    return out + open_ranges


def apply(
    doc: Document,
    diagnostics: Sequence[Diagnostic],
    enabled: frozenset[str],
    known: Sequence[Rule[Any]],
) -> Outcome:
    """Drop the suppressed findings; `known` are the rules directives may name (built-in and
    those of the packs in use)."""
    file_ignores = _front_matter_ignores(doc, known)
    found = directives(doc, known)
    if not found and not file_ignores:
        return Outcome(tuple(diagnostics), ())
    active = regions(doc, found, frozenset(r.code for r in known))
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
        if d.kind is not DirectiveKind.enable
        and id(d) not in used
        and (d.codes is None or d.codes & enabled or d.unknown)
    )
    return Outcome(tuple(kept), unused)
