"""Character references: what a reference means, whether it is valid, and how to decode it
without creating template syntax.

Names are checked against HTML5's table (`html.entities.html5`, 2,231 names, 106 of them also
legal without `;`), never HTML 4's. References are classified before anything is decoded:
`html.unescape` silently turns `&#1;` into nothing and `&#0;` into U+FFFD.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.entities import html5

REFERENCE = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));")

# Code points a reference may not stand for: they cannot be shown, or HTML5 replaces them.
_ALLOWED_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D}


@dataclass(frozen=True, slots=True)
class Reference:
    text: str  # as written, e.g. "&#123;" or "&nbsp;"
    name: str | None  # for named references, without & and ;
    code_point: int | None  # for numeric references
    value: str | None  # the decoded text; None when the reference is invalid


def parse(text: str) -> Reference | None:
    """A complete reference (`&...;`), or None if `text` is not one."""
    m = REFERENCE.fullmatch(text)
    if m is None:
        return None
    dec, hexa, name = m.groups()
    if name is not None:
        return Reference(text, name, None, html5.get(name + ";"))
    cp = int(dec) if dec is not None else int(hexa, 16)
    return Reference(text, None, cp, chr(cp) if showable(cp) else None)


def showable(cp: int) -> bool:
    if cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF or cp == 0:
        return False
    if cp < 0x20 or 0x7F <= cp <= 0x9F:
        return cp in _ALLOWED_CONTROLS
    return True


@lru_cache(maxsize=1)
def _names() -> tuple[str, ...]:
    return tuple(sorted({k.rstrip(";") for k in html5}))


@lru_cache(maxsize=1)
def legacy_names() -> frozenset[str]:
    """Names HTML5 still decodes without their `;` (`&nbsp`, `&copy`, `&amp` ...)."""
    return frozenset(k for k in html5 if not k.endswith(";"))


def closest_name(name: str) -> str | None:
    lowered = {n.lower(): n for n in _names()}
    if name.lower() in lowered:
        return lowered[name.lower()]
    import difflib  # only a name that is not HTML5's needs a suggestion

    match = difflib.get_close_matches(name, _names(), n=1, cutoff=0.75)
    return match[0] if match else None


def is_invisible(ch: str) -> bool:
    """Characters that are better left as references: spaces of other widths, joiners,
    direction marks, soft hyphens, combining marks standing alone."""
    if ch == " ":
        return False
    cat = unicodedata.category(ch)
    return cat in ("Zs", "Zl", "Zp", "Cf", "Cc", "Mn", "Me") or ch == "\u00a0"


# Openers of Nunjucks (Hexo), Liquid (Jekyll) and Go template (Hugo) syntax.
_TEMPLATE_NEXT = frozenset("{%#")


def brace_plan(text: str, refs: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Of the (start, end, decoded) candidates, sorted, those that may be decoded without
    forming `{{`, `{%` or `{#` with what stands around them after decoding.

    Where a pair would form, the first brace stays encoded and the rest is decoded:
    `&#123;&#123; x &#125;&#125;` -> `&#123;{ x }}`. Closing braces form nothing on their own.
    """
    chosen: list[tuple[int, int, str]] = []
    after: dict[int, str] = {}  # end offset of a decided reference -> its last char after
    starts = {start: value for start, _end, value in refs}
    for start, end, value in refs:
        prev = after.get(start, text[start - 1] if start > 0 else "")
        keep = value in _TEMPLATE_NEXT and prev == "{"
        if value == "{":
            following = starts.get(end)
            nxt = following if following is not None else text[end : end + 1]
            keep = keep or nxt in _TEMPLATE_NEXT
        if keep:
            after[end] = ";"
        else:
            chosen.append((start, end, value))
            after[end] = value[-1:] if value else prev
    return chosen
