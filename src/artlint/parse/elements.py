"""Elements from the token stream: which start tag closes where, and what contains what.

Built the way browsers are forgiving: void elements (`<img>`, `<br>` ...) never have content,
an end tag closes the nearest open element of its name and everything opened inside it, and an
end tag nothing opened is ignored. Elements still open at the end have no end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from artlint.model.diagnostics import Span
from artlint.parse.html import Kind, Token

VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta"}
    | {"param", "source", "track", "wbr"}
)
MEDIA = re.compile(r"<(?:img|iframe|video|audio|picture|svg|object|embed|canvas)\b", re.I)

# Elements a reader sees, or a page needs, without any content of their own: no rule ever
# empties or removes one as "empty", whatever its provenance. Media and widgets show something
# by themselves (`<progress value="14" max="34">` is a bar), table cells and list items hold
# a table's or a list's shape, `<i class>` is an icon, forms and scripts do work, and anything
# inside `<svg>` or `<math>` is drawing, not text.
NEVER_EMPTY = frozenset(
    {"img", "br", "hr", "wbr", "iframe", "video", "audio", "source", "track", "picture"}
    | {"canvas", "svg", "math", "object", "embed", "progress", "meter", "output", "textarea"}
    | {"td", "th", "tr", "thead", "tbody", "tfoot", "col", "colgroup", "caption", "li", "i"}
    | {"script", "style", "template", "slot", "noscript", "input", "select", "button", "form"}
    | {"label", "option", "datalist", "dialog", "details", "summary", "head", "body", "html"}
    | {"link", "meta", "base", "title", "area", "map", "param"}
)
# Inside these, every element belongs to the drawing or the code.
NEVER_EMPTY_INSIDE = frozenset({"svg", "math", "pre", "code", "template", "noscript"})
_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_BLANK_ENTITY = re.compile(r"&(?:nbsp|#160|#xa0|#x3000|#12288|ensp|emsp|thinsp|zwsp);", re.I)
# Zero-width characters show nothing (str.strip() does not count them as space).
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE = re.compile(f"[{_ZERO_WIDTH}]")  # str.translate with a table is ten times slower
# What shows nothing, from the start of a fragment: it stops at the first thing that shows,
# which in a wrapper full of text comes early.
_SHOWS_NOTHING = re.compile(
    r"(?:<!--.*?-->|<[^>]*>|" + _BLANK_ENTITY.pattern + rf"|[\s{_ZERO_WIDTH}])*",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Element:
    name: str
    start: int  # start of the start tag
    open_end: int  # end of the start tag
    close_start: int | None  # start of the end tag; None for void or unclosed elements
    end: int | None  # end of the end tag (of the start tag, for void elements)
    parent: int | None  # index of the enclosing element

    @property
    def span(self) -> Span | None:
        return None if self.end is None else Span(self.start, self.end)


def build(tokens: tuple[Token, ...]) -> tuple[Element, ...]:
    # Built as lists first: an element's end is known only when its end tag comes.
    out: list[list[Any]] = []  # name, start, open_end, close_start, end, parent
    stack: list[int] = []
    start_tag, end_tag = Kind.START_TAG, Kind.END_TAG
    for tok in tokens:
        kind = tok.kind
        if kind is start_tag:
            parent = stack[-1] if stack else None
            if tok.name in VOID_ELEMENTS:
                out.append([tok.name, tok.start, tok.end, None, tok.end, parent])
            else:
                out.append([tok.name, tok.start, tok.end, None, None, parent])
                stack.append(len(out) - 1)
        elif kind is end_tag:
            for depth in range(len(stack) - 1, -1, -1):
                if out[stack[depth]][0] == tok.name:
                    for i in stack[depth:]:
                        # Elements left open inside end where this end tag starts.
                        out[i][3] = tok.start
                        out[i][4] = tok.end if i == stack[depth] else tok.start
                    del stack[depth:]
                    break
    return tuple(Element(*e) for e in out)


def inside_any(elements: tuple[Element, ...], names: frozenset[str]) -> list[bool]:
    """For each element, whether an element around it is named in `names`. One pass (a parent
    comes before its children): walking up from each element was quadratic in the depth."""
    out: list[bool] = []
    for element in elements:
        parent = element.parent
        out.append(parent is not None and (elements[parent].name in names or out[parent]))
    return out


def push_open(stack: list[str], tok: Token) -> None:
    """`tok` applied to `stack`, the names of the elements still open: a start tag opens one
    (not a void element), an end tag closes the innermost of its name and all inside it."""
    if tok.kind is Kind.START_TAG:
        if tok.name not in VOID_ELEMENTS:
            stack.append(tok.name)
    elif tok.kind is Kind.END_TAG and tok.name in stack:
        del stack[len(stack) - 1 - stack[::-1].index(tok.name) :]


def innermost(elements: tuple[Element, ...], span: Span) -> int | None:
    """The index of the smallest closed element whose content holds `span`."""
    best: int | None = None
    for i, e in enumerate(elements):
        if e.close_start is None or e.end is None:
            continue
        if (
            e.open_end <= span.start
            and span.end <= e.close_start
            and (best is None or e.start >= elements[best].start)
        ):
            best = i
    return best


def is_blank_markup(fragment: str) -> bool:
    """True when a piece of HTML shows nothing: only tags without media, comments, and
    whitespace (including no-break, ideographic and zero-width spaces)."""
    if MEDIA.search(fragment):
        return False
    stop = _SHOWS_NOTHING.match(fragment).end()  # type: ignore[union-attr]
    if stop == len(fragment):
        return True
    if fragment[stop] != "&":
        return False  # it shows, whatever is removed around it
    # Rare: an entity that only forms once tags are removed (`&nb<b></b>sp;`).
    rest = _BLANK_ENTITY.sub("", _TAG_OR_COMMENT.sub("", fragment))
    return not INVISIBLE.sub("", rest).strip()


def removal(text: str, elements: tuple[Element, ...], span: Span) -> Span:
    """`span` widened to the wrappers that would be left showing nothing without it."""
    current = span
    index = innermost(elements, current)
    while index is not None:
        e = elements[index]
        if e.close_start is None or e.end is None:
            break  # a wrapper never closed: where it ends is a guess, so it stays
        inside = text[e.open_end : current.start] + text[current.end : e.close_start]
        if not is_blank_markup(inside):
            break
        current = Span(e.start, e.end)
        index = e.parent
    return current
