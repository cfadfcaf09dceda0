"""AL303 repeated-body-image: the body shows the same image more than once.

## What it does
Reports every occurrence of a body image (`<img src>` or `![alt](url)`, outside code) after
the first, comparing URLs after light normalisation (scheme, `//host`, host case; paths and
query strings must match).

In **authored** markup (artlint.document.provenance) a repeated image is the author's (a diagram
shown again where the text returns to it, a gallery demo) and is not reported.

Badges and icons are meant to repeat (a status badge per section, an icon per list item) and
are never reported: images from badge services (`img.shields.io`, `badgen.net`, any URL with
`badge` in it), icon and emoji images (`/icons/`, `emoji`, `.ico`), and images whose tag
declares a width or height of 64 pixels or less.

## Why is this bad
Scraped pages repeat the lead image (once as a header, once in the text) and lazy-loading
markup leaves copies behind; the reader scrolls past the same picture twice.

## Example
```markdown
<p><img src="https://img.example.cn/bus.jpg"></p>
<p>The first night bus left at 23:00.</p>
<p><img src="https://img.example.cn/bus.jpg"></p>
```

## Use instead
```markdown
<p><img src="https://img.example.cn/bus.jpg"></p>
<p>The first night bus left at 23:00.</p>
```

## Fix safety
Unsafe: it removes the later copies, with the wrapper elements that would be left showing
nothing. The first occurrence always stays.
"""

import re
from collections.abc import Iterator

from artlint.document import images
from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Violation
from artlint.rules.base import NoOptions, Rule

_DECORATIVE_URL = re.compile(
    r"shields\.io|badgen\.net|badge|/icons?/|icon[-_.]|emoji|favicon|\.ico(?:$|\?)",
    re.IGNORECASE,
)
_SMALL = re.compile(r"""\b(?:width|height)\s*=\s*["']?(\d{1,2})(?:px)?["'\s/>]""", re.IGNORECASE)


def _decorative(doc: Document, image: images.BodyImage) -> bool:
    if _DECORATIVE_URL.search(image.url):
        return True
    tag_end = doc.text.find(">", image.span.start, image.span.end + 1)
    tag = doc.text[image.span.start : tag_end if tag_end >= 0 else image.span.end]
    return any(int(m.group(1)) <= 64 for m in _SMALL.finditer(tag))


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    first: dict[str, int] = {}
    origin = doc.origin
    for image in images.body_images(doc):
        if _decorative(doc, image) or not origin.imported_at(image.span.start):
            continue
        if image.key not in first:
            first[image.key] = image.span.start
            continue
        line = doc.lines.position(first[image.key]).line
        yield images.removal_violation(
            doc,
            image,
            f"The body shows this image again (first on line {line})",
            "Remove the repeated image",
        )


RULE = Rule(
    code="AL303",
    name="repeated-body-image",
    severity=Severity.WARNING,
    fixability=Fixability.UNSAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
