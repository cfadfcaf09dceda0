"""AL102 style-block: a `<style>` element in the article body.

## What it does
Reports `<style>` elements in the body outside Markdown code: CSS copied along with a news
page's promo box, share bar or layout. The message says when the CSS is also broken by
entities such as `&#123;` (feed generators escape every brace, but browsers do not decode
entities inside `<style>`, so the rules never apply).

In **authored** markup (artlint.document.provenance) a `<style>` is the author's (a tutorial's demo,
a page's own layout) and is not reported; CSS that entities broke there is AL201's finding.

## Why is this bad
Page-level CSS inside one article restyles the whole page of the site that shows it, and it is
noise for every tool that reads the article as text.

## Example
```markdown
---
title: Example
artlint-provenance: imported
---
<p>Text.</p>
<style>
.promo&#123;float:left;&#125;
</style>
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
Safe: the element holds no visible text. An element standing alone on its lines is removed
with its lines. Unsafe when its CSS hides elements (`display: none` and the like): removing it
would reveal what the page hid, often a promo. Unsafe too when the element's content looks
like HTML (`<p>`, `<!--`): browsers
hide it, but it is most likely article text swallowed by a `<style>` someone forgot to close.
A `<style>` that never closes hides the rest of the page; it is reported but not removed.
"""

import re
from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Applicability, Fix, Fixability, Severity, Span, Violation
from artlint.parse import css, entities
from artlint.parse.html import Kind
from artlint.rules.base import NoOptions, Rule

_MARKUP = re.compile(r"<[A-Za-z/!]")
_URL = re.compile(
    r"url\(\s*(?:\"[^\"]*\"|'[^']*'|[^)]*)\)", re.IGNORECASE
)  # SVG data URLs hold tags


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    tokens = doc.markup.tokens
    text = doc.text
    origin = doc.origin
    for i, tok in enumerate(tokens):
        if tok.kind is not Kind.START_TAG or tok.name != "style":
            continue
        if not origin.imported_at(tok.start):
            continue
        nxt = tokens[i + 1 : i + 3]
        content = nxt[0] if nxt and nxt[0].kind is Kind.RAW_TEXT else None
        if content is not None and not content.closed:
            yield Violation(
                Span(tok.start, tok.end),
                "Unclosed <style> element: everything after it is hidden as CSS",
            )
            continue
        end_tag = nxt[1] if content is not None and len(nxt) > 1 else (nxt[0] if nxt else None)
        if end_tag is None or end_tag.kind is not Kind.END_TAG or end_tag.name != "style":
            continue
        span = Span(tok.start, end_tag.end)
        message = "<style> block in the article body"
        applicability = Applicability.SAFE
        if content is not None:
            entity = entities.REFERENCE.search(text, content.start, content.end)
            if entity:
                message += (
                    f"; its CSS is also broken by entities such as `{entity.group()}`,"
                    " which browsers do not decode inside <style>"
                )
            if _MARKUP.search(_URL.sub("", text[content.start : content.end])):
                message += "; it contains HTML, so it may swallow article text (unclosed?)"
                applicability = Applicability.UNSAFE
            elif css.effect(text[content.start : content.end], attribute=False) in (
                "hides the element",
                "may hide text (white on white)",
            ):
                message += "; its CSS hides elements, so removing it may reveal hidden content"
                applicability = Applicability.UNSAFE
        fix = Fix("Remove the <style> element", (doc.deletion(span),), applicability)
        yield Violation(span, message, fix)


RULE = Rule(
    code="AL102",
    name="style-block",
    severity=Severity.WARNING,
    fixability=Fixability.SOMETIMES_SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
