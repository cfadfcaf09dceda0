"""AL106 copied-attribute: an attribute that only the source site's scripts read.

## What it does
In **imported** markup (artlint.document.provenance) reports attributes that a page's own scripts
and
frameworks put on elements and that mean nothing once the markup is copied elsewhere:
`data-*` hooks (`data-link`, `data-rawwidth`, `data-wapurl`, `data-vmark`, Vue's
`data-v-78c9b824` ...) and `referrerpolicy`. A lazy-loaded image whose `src` is a placeholder
while the real URL sits in `data-src`, `data-original` or `data-actualsrc` gets that URL as
its `src`. Authored markup is not checked: an author's `data-*` is for the author's scripts.

## Why is this bad
The scripts that read these attributes stayed on the source site; the attributes are noise in
every tool that reads the article, and a placeholder `src` shows a grey box or nothing.

## Example
```markdown
---
title: Example
artlint-provenance: imported
---
<p data-pid="x7">Text.</p>
```

## Use instead
```markdown
---
title: Example
artlint-provenance: imported
---
<p>Text.</p>
```

## Fix safety
Safe for `data-*`: browsers show nothing of them. Putting a lazy-loaded image's real URL in
`src` changes the image readers see, from a placeholder to the picture, and says so. Unsafe
for `referrerpolicy="no-referrer"`: feed generators add it so that images from hosts that
refuse other sites' pages (hot-link protection) still load; without it they may not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import (
    Applicability,
    Aspect,
    Edit,
    Fix,
    Fixability,
    Severity,
    Span,
    Violation,
)
from artlint.parse.html import Attribute, Kind, Token, value_span
from artlint.rules.base import NoOptions, Rule, snippet

_LAZY_SOURCES = ("data-src", "data-original", "data-actualsrc", "data-lazy-src")
_PLACEHOLDER = re.compile(
    r"^(?:$|data:|about:blank|.*(?:placeholder|loading|lazy|blank|grey|gray|spacer|pixel)"
    r"[\w.-]*\.(?:gif|png|svg|jpe?g)(?:\?|$))",
    re.IGNORECASE,
)


def _remove(attr: Attribute) -> Edit:
    return Edit.deletion(attr.space_start, attr.end)


def _lazy_image(doc: Document, tok: Token) -> Violation | None:
    """A placeholder `src` with the real URL in a lazy-loading attribute."""
    real = next((a for a in tok.attrs if a.name in _LAZY_SOURCES and a.value), None)
    if real is None:
        return None
    src = tok.attr("src")
    current = (src.value or "") if src is not None else ""
    if not _PLACEHOLDER.match(current.strip()):
        return None
    text = doc.text
    start, end = value_span(text, real)
    if src is None:  # the lazy attribute becomes the src, its value kept as written
        edit = Edit(real.start, real.start + len(real.name), "src")
    else:
        src_start, src_end = value_span(text, src)
        edit = Edit(src_start, src_end, text[start:end])
    return Violation(
        Span(real.start, real.end),
        f"Lazy-loaded image: `src` is a placeholder, the picture is in `{real.name}`",
        Fix(f"Use `{real.name}` as the image's src", (edit,), changes=frozenset({Aspect.IMAGES})),
    )


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    origin = doc.origin
    text = doc.text
    for tok in doc.markup.tokens_of(Kind.START_TAG):
        if not origin.imported_at(tok.start):
            continue
        lazy = _lazy_image(doc, tok) if tok.name == "img" else None
        if lazy is not None:
            yield lazy
        for attr in tok.attrs:
            raw = text[attr.start : attr.end]
            if attr.name.startswith("data-"):
                if lazy is not None and attr.name in _LAZY_SOURCES:
                    continue  # the lazy-image fix uses it first
                yield Violation(
                    Span(attr.start, attr.end),
                    f"`{snippet(raw)}` is read only by the source site's scripts",
                    Fix(f"Remove {attr.name}", (_remove(attr),)),
                )
            elif attr.name == "referrerpolicy":
                yield Violation(
                    Span(attr.start, attr.end),
                    f"`{snippet(raw)}` was added by the feed generator",
                    Fix(
                        "Remove referrerpolicy (images from hot-link protected hosts may stop"
                        " loading)",
                        (_remove(attr),),
                        Applicability.UNSAFE,
                    ),
                )


RULE = Rule(
    code="AL106",
    name="copied-attribute",
    severity=Severity.WARNING,
    fixability=Fixability.SOMETIMES_SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
