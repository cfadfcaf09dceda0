"""AL306 furniture-cover: the cover is a QR code, an avatar or a logo from the page around it.

## What it does
Reports image fields (`thumbnail`, `headimg`, `cover` ...) whose picture is also in the body
inside the source site's furniture: an `<img>` whose own class or id, or that of one of its
three nearest enclosing elements, names an avatar, a QR code, a logo or an app promo
(`<img class="avatar">`, `<div class="appendQr_normal"><img ...>`). Feed importers take the
first picture of the item as its cover; when the item opens with the answerer's avatar
(Zhihu) or its only picture is the portal's "download our app" QR code (Sina), that becomes the
article's cover in every list and social card, and stays there after the body's copy is
removed as junk. Imported markup only: an author's own avatar cover is the author's choice.

## Why is this bad
The cover is the portal's advertisement or a stranger's face, not the article's picture.

## Example
```markdown
---
title: Night buses
headimg: https://n.sinaimg.cn/finance/20200514/343233024.png
artlint-provenance: imported
---
<p>Text.</p>
<div class="appendQr_normal"><img src="https://n.sinaimg.cn/finance/20200514/343233024.png"></div>
```

## Use instead
```markdown
---
title: Night buses
artlint-provenance: imported
---
<p>Text.</p>
<div class="appendQr_normal"><img src="https://n.sinaimg.cn/finance/20200514/343233024.png"></div>
```
(The QR block itself is for the rss-portal pack's RSS101.)

## Fix safety
Unsafe: the field's line is removed, so the article has no cover until someone picks one. No
fix in JSON front matter, where removing a line can leave a stray comma.

## Options
- `fields`: the image fields to read (the same as AL301's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.document import images
from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Violation
from artlint.parse.html import Kind
from artlint.rules.base import Rule

Options = images.FieldOptions

# A class or id token that names page furniture around a picture.
_FURNITURE = re.compile(
    r"avatar|qr(?:code)?|appendqr|erweima|logo|app-?promo|author-?(?:img|pic|photo)|userpic",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\s]+")
_ANCESTORS = 3


def _furniture_images(doc: Document) -> dict[str, str]:
    """Normalised URL -> the class or id that marks it, for each body image in furniture."""
    elements = doc.markup.elements
    index = {e.start: i for i, e in enumerate(elements)}
    tags_at = {t.start: t for t in doc.markup.tokens_of(Kind.START_TAG)}
    origin = doc.origin
    found: dict[str, str] = {}
    for image in images.body_images(doc):
        tok = tags_at.get(image.span.start)  # None for a Markdown image
        if tok is None or not origin.imported_at(tok.start):
            continue
        marks: list[str] = []
        i: int | None = index.get(tok.start)
        tags = [tok]
        for _ in range(_ANCESTORS):
            if i is None:
                break
            i = elements[i].parent
            if i is not None and elements[i].start in tags_at:
                tags.append(tags_at[elements[i].start])
        for tag in tags:
            for name in ("class", "id"):
                attr = tag.attr(name)
                for token in _TOKEN.findall(attr.value or "") if attr is not None else ():
                    if _FURNITURE.search(token):
                        marks.append(f'{name}="{token}"')
        if marks:
            found.setdefault(image.key, marks[0])
    return found


def check(doc: Document, options: Options) -> Iterator[Violation]:
    fields = images.field_images(doc, options.fields)
    if not fields:
        return
    furniture = _furniture_images(doc)
    for key, url in fields:
        mark = furniture.get(url)
        if mark is not None:
            message = f"`{key.name}` is the page's furniture (the body shows it in {mark})"
            yield Violation(key.value, message, images.drop_field(doc, key))


RULE = Rule(
    code="AL306",
    name="furniture-cover",
    severity=Severity.WARNING,
    fixability=Fixability.UNSAFE,
    doc=__doc__ or "",
    check=check,
    supersedes=("AL302", "AL304"),
    options=Options,
)
