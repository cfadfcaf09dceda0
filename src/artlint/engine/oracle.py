"""The fix safety oracle: what a reader sees must not change under a safe fix.

A document's view has these aspects, each of which a fix may change only by declaring it in
`Fix.changes`:
- `text`: the visible text (text and decoded entities outside tags, comments, `<style>` and
  `<script>`, and outside Markdown link destinations, plus the text of code, with runs of
  whitespace made one space). Decoding a
  double-escaped entity declares it.
- `images`: the image sources the body shows, in order.
- `links`: the link targets (`<a href>` and Markdown links), in order. Unwrapping a redirect
  link to its target declares it.
- `front_matter`: the parsed front-matter data. Rewriting a date as ISO 8601 declares it.
- `media`: the media and widgets the body shows without text of their own (`<iframe>`,
  `<video>`, `<audio>`, `<canvas>`, `<svg>`, `<progress>`, `<meter>`, `<object>`, `<embed>`,
  `<textarea>`, `<output>`), with their sources and values.
- `blocks`: the block structure of the rendered Markdown: paragraphs, headings and their
  levels, lists and their nesting, quotes, code blocks, rules, tables. Deleting a comment
  between `-` and text must not turn a list item into a nested list; deleting a line must not
  join two paragraphs or turn a paragraph into a heading. HTML blocks are left out: a fix that
  removes a comment removes an HTML block of its own.
- `layout`: the layout and meaning of inline styles (every declaration artlint.parse.css does not
  call residue: sizes, display, alignment, backgrounds, visibility, weight), element by
  element. Removing copied typography leaves it alone; removing a chart's `height` does not.

Unsafe fixes are not checked: removing content is what they are for.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from artlint.document.article import Document
from artlint.model.diagnostics import Aspect
from artlint.parse import css
from artlint.parse.elements import INVISIBLE
from artlint.parse.html import Kind

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ASPECTS = frozenset(Aspect)
MEDIA = frozenset(
    {"iframe", "video", "audio", "canvas", "svg", "progress", "meter", "object", "embed"}
    | {"textarea", "output", "source", "track"}
)
_MEDIA_ATTRS = ("src", "data", "value", "max", "min", "poster")

_MARKDOWN_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^\s)>]+)")
_DESTINATION = re.compile(r"\]\(\s*<?[^\s)>]+>?(?:\s+\"[^\"\n]*\")?\s*\)")


@dataclass(frozen=True)
class View:
    text: str
    images: tuple[str, ...]
    links: tuple[str, ...]
    front_matter: Any
    media: tuple[tuple[str, ...], ...]
    blocks: tuple[tuple[str, int], ...]
    layout: tuple[tuple[str, str], ...]

    def differences(self, other: View) -> set[Aspect]:
        return {a for a in ASPECTS if getattr(self, a) != getattr(other, a)}


def view(doc: Document) -> View:
    from artlint.document import images  # images imports document; keep the import graph a tree

    pieces: list[tuple[int, str]] = []
    text = doc.text
    for start, end in doc.markup.text_runs:
        # A Markdown link's or image's destination is not text a reader sees; it is in
        # `links` or `images`.
        pieces.append((start, _DESTINATION.sub("]", text[start:end])))
    for region in doc.regions.code:
        pieces.append((region.start, text[region.start : region.end]))
    pieces.sort()
    decoded = INVISIBLE.sub("", html.unescape("".join(p for _, p in pieces)))
    visible = " ".join(decoded.split())
    links = [
        html.unescape(a.value or "")
        for tok in doc.markup.tokens_of(Kind.START_TAG)
        if tok.name == "a"
        for a in tok.attrs
        if a.name == "href"
    ]
    if "](" in text:  # a Markdown link needs one; most scraped articles have none
        for start, end in doc.markup.text_runs:
            links.extend(m.group(1) for m in _MARKDOWN_LINK.finditer(text, start, end))
    fm = doc.header.front_matter
    return View(
        text=visible,
        images=tuple(i.url for i in images.body_images(doc)),
        links=tuple(links),
        front_matter=None if fm is None else dict(fm.data),
        media=_media(doc),
        blocks=_blocks(doc),
        layout=_layout(doc),
    )


def _media(doc: Document) -> tuple[tuple[str, ...], ...]:
    out = []
    for tok in doc.markup.tokens_of(Kind.START_TAG):
        if tok.name in MEDIA:
            values = tuple(
                f"{a.name}={html.unescape(a.value or '')}"
                for a in tok.attrs
                if a.name in _MEDIA_ATTRS
            )
            out.append((tok.name, *values))
    return tuple(out)


def _layout(doc: Document) -> tuple[tuple[str, str], ...]:
    out = []
    for tok in doc.markup.tokens_of(Kind.START_TAG):
        style = tok.attr("style")
        if style is None or not style.value:
            continue
        raw = style.value
        kept = [
            " ".join(css.normalise(raw[d.start : d.end], attribute=True).strip(" ;\t\r\n").split())
            for d in css.declarations(raw)
            if d.kind != css.RESIDUE
        ]
        if kept:
            out.append((tok.name, ";".join(kept)))
    return tuple(out)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.disable([r for r in ("inline", "text_join") if r in md.get_active_rules()["core"]])
    return md


_MARKUP = re.compile(r"<(style|script)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)


_SHOWN_TAG = re.compile(
    r"<(?:img|iframe|video|audio|picture|svg|object|embed|canvas|progress|meter|hr|table)\b",
    re.IGNORECASE,
)


def _shows_something(source: str) -> bool:
    if _SHOWN_TAG.search(source):
        return True
    return bool(INVISIBLE.sub("", html.unescape(_MARKUP.sub(" ", source))).strip())


def _blocks(doc: Document) -> tuple[tuple[str, int], ...]:
    """The rendered Markdown's blocks as (kind, nesting level), in order.

    An HTML block that shows something (text, an image, a widget) counts as a paragraph, and
    one that shows nothing (a comment, a `<style>`) is left out: removing a comment that
    opened an HTML block turns the rest of its line into a paragraph, which a reader cannot
    tell apart, while joining two paragraphs, nesting a list or making a heading changes the
    sequence.
    """
    if not doc.is_markdown:
        return ()
    body = doc.text[doc.body.start : doc.body.end]
    if not body.strip():
        return ()
    out: list[tuple[str, int]] = []
    for tok in _parser().parse(body):
        if tok.type == "html_block":
            if _shows_something(tok.content):
                out.append(("p", tok.level))
        elif tok.nesting >= 0 and tok.type != "inline":
            out.append((tok.tag or tok.type, tok.level))
    return tuple(out)
