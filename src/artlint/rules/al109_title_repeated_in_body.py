"""AL109 title-repeated-in-body: the body opens with the article's title again.

## What it does
In **imported** articles (artlint.document.provenance) reports a first paragraph or heading whose
text is the front matter's `title` (compared without spaces, full-width indentation and
punctuation at the ends), as news portals repeat the headline at the top of the article body
(`<p>　　夜间公交开通</p>` under `title: 夜间公交开通`). Authored articles are not checked:
some themes show no title, and the author chose.

## Why is this bad
Themes print the title as the page's heading, so the reader sees the headline twice.

## Example
```markdown
---
title: Night bus line opens
artlint-provenance: imported
---
<p>Night bus line opens</p>
<p>The first night bus left at 23:00.</p>
```

## Use instead
```markdown
---
title: Night bus line opens
artlint-provenance: imported
---
<p>The first night bus left at 23:00.</p>
```

## Fix safety
Unsafe: it removes a line of text a reader sees (once more than needed).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from artlint.document.article import Document
from artlint.document.provenance import Provenance
from artlint.model.diagnostics import Applicability, Fix, Fixability, Severity, Span, Violation
from artlint.parse.elements import is_blank_markup
from artlint.rules.base import NoOptions, Rule

_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "div"})
_TAGS = re.compile(r"<[^>]*>")
_NOISE = re.compile(r"[\s\u3000\u00a0\"'“”‘’「」《》:：,，.。!！?？]+")


def _plain(text: str) -> str:
    return _NOISE.sub("", html.unescape(_TAGS.sub("", text))).lower()


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    fm = doc.header.parsed
    if fm is None or doc.origin.file is not Provenance.IMPORTED:
        return
    title = fm.data.get("title")
    if not isinstance(title, str) or len(_plain(title)) < 4:
        return
    text = doc.text
    body = doc.body
    for element in doc.markup.elements:
        if element.close_start is None or element.end is None or element.name not in _BLOCKS:
            continue
        inner = text[element.open_end : element.close_start]
        if element.name == "div" and "<" in inner:
            continue  # a wrapper: its first paragraph is judged on its own
        if not is_blank_markup(text[body.start : element.start]):
            return  # the body's first words are something else
        if _plain(inner) != _plain(title):
            return
        span = Span(element.start, element.end)
        yield Violation(
            span,
            "The body opens with the title again",
            Fix("Remove the repeated title", (doc.deletion(span),), Applicability.UNSAFE),
        )
        return


RULE = Rule(
    code="AL109",
    name="title-repeated-in-body",
    severity=Severity.WARNING,
    fixability=Fixability.UNSAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
