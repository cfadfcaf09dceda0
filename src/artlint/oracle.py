"""The fix safety oracle: what a reader sees must not change under a safe fix.

A document's view is its visible text (text and decoded entities outside tags, comments,
`<style>` and `<script>`, plus the text of code, with runs of whitespace made one space), the
image sources and link targets it shows, and its parsed front matter. A round of fixes may
change a part of the view only if every fix that could have done it declares that part
(`Fix.changes`): decoding a double-escaped entity changes text on purpose, rewriting a date
changes the front matter on purpose. Unsafe fixes are not checked: removing content is what
they are for.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from artlint.document import Document
from artlint.elements import INVISIBLE
from artlint.html import Kind

ASPECTS = frozenset({"text", "images", "links", "front_matter"})

_MARKDOWN_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^\s)>]+)")


@dataclass(frozen=True)
class View:
    text: str
    images: tuple[str, ...]
    links: tuple[str, ...]
    front_matter: Any

    def differences(self, other: View) -> set[str]:
        return {a for a in ASPECTS if getattr(self, a) != getattr(other, a)}


def view(doc: Document) -> View:
    from artlint import images  # images imports document; keep the import graph a tree

    pieces: list[tuple[int, str]] = []
    text = doc.text
    for start, end in doc.text_runs:
        pieces.append((start, text[start:end]))
    for region in doc.code_regions:
        pieces.append((region.start, text[region.start : region.end]))
    pieces.sort()
    decoded = INVISIBLE.sub("", html.unescape("".join(p for _, p in pieces)))
    visible = " ".join(decoded.split())
    links = [
        html.unescape(a.value or "")
        for tok in doc.tokens_of(Kind.START_TAG)
        if tok.name == "a"
        for a in tok.attrs
        if a.name == "href"
    ]
    if "](" in text:  # a Markdown link needs one; most scraped articles have none
        for start, end in doc.text_runs:
            links.extend(m.group(1) for m in _MARKDOWN_LINK.finditer(text, start, end))
    fm = doc.front_matter
    return View(
        text=visible,
        images=tuple(i.url for i in images.body_images(doc)),
        links=tuple(links),
        front_matter=None if fm is None else dict(fm.data),
    )
