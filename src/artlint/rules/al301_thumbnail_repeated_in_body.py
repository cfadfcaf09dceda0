"""AL301 thumbnail-repeated-in-body: the body shows the image a front-matter field holds.

## What it does
Reports an image in the body (`<img src>` or `![alt](url)`, outside code) that is the same
image as a front-matter image field (`thumbnail`, `headimg`, `cover`, `image`, `banner`,
`featured_image`, `og_image`). URLs are compared after light normalisation (scheme,
`//host`, host case, surrounding whitespace; paths and query strings must match).

Only an image that opens the body (nothing a reader sees comes before it) is a repeat of the
header: an image further down is part of the article, which often points to it ("the figure
below") or captions it, and so is an image with a caption or a sentence in its element. An
image that is all the body shows is never reported: removing the last piece of content is
never right.

## Why is this bad
Themes render the field as the header image, so the reader sees the same picture twice, one
right after the other.

## Example
```markdown
---
title: Night buses
thumbnail: https://img.example.cn/bus.jpg
---
<div class="img_wrapper"><img src="https://img.example.cn/bus.jpg">
<span class="img_descr"></span></div>
<p>The first night bus left at 23:00.</p>
```

## Use instead
```markdown
---
title: Night buses
thumbnail: https://img.example.cn/bus.jpg
---
<p>The first night bus left at 23:00.</p>
```

## Fix safety
Unsafe: it removes an image from the body, together with the wrapper elements that would be
left showing nothing (`<div class="img_wrapper">…<span class="img_descr"></span></div>`), and
a Markdown image's surrounding link. A caption with text keeps its wrapper.

## Options
- `fields`: the front-matter keys that hold images.
"""

from collections.abc import Iterator

from artlint.document import images
from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Span, Violation
from artlint.parse.elements import innermost, is_blank_markup
from artlint.rules.base import Rule

Options = images.FieldOptions


def _captioned(doc: Document, span: Span) -> bool:
    """Whether the element around the image holds text too (a caption, a sentence)."""
    index = innermost(doc.markup.elements, span)
    if index is None:
        return False
    e = doc.markup.elements[index]
    assert e.close_start is not None
    rest = doc.text[e.open_end : span.start] + doc.text[span.end : e.close_start]
    return not is_blank_markup(rest)


def check(doc: Document, options: Options) -> Iterator[Violation]:
    fields: dict[str, str] = {}
    for key, url in images.field_images(doc, options.fields):
        fields.setdefault(url, key.name)
    if not fields:
        return
    text = doc.text
    body = doc.body
    for image in images.body_images(doc):
        name = fields.get(image.key)
        if name is None:
            continue
        span = images.removal(doc, image)
        if not is_blank_markup(text[body.start : span.start]):
            break  # text before it: the article's own picture, and so is every later one
        if is_blank_markup(text[span.end : body.end]):
            break  # the body's only content
        if _captioned(doc, span):
            break
        yield images.removal_violation(
            doc,
            image,
            f"The body repeats the `{name}` image, which themes already show as the header",
            "Remove the image from the body",
        )


RULE = Rule(
    code="AL301",
    name="thumbnail-repeated-in-body",
    severity=Severity.WARNING,
    fixability=Fixability.UNSAFE,
    doc=__doc__ or "",
    check=check,
    options=Options,
)
