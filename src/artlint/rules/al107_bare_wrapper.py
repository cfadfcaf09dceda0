"""AL107 bare-wrapper: a `<span>` with no attributes around text.

## What it does
In **imported** markup (artlint.document.provenance) reports `<span>` elements that have no
attributes at all, such as a drop cap left as `<span>T</span>he` or the wrapper an editor leaves
around every run of text once its styles are gone. Authored markup is not checked.

## Why is this bad
A span without attributes does nothing a reader can see; it only splits words for every
tool that reads the HTML (`<span>T</span>he` is two tokens to a search index).

## Example
```markdown
---
title: Example
artlint-provenance: imported
---
<p><span>T</span>he night bus left at 23:00.</p>
```

## Use instead
```markdown
---
title: Example
artlint-provenance: imported
---
<p>The night bus left at 23:00.</p>
```

## Fix safety
Safe: the start and end tags are removed and the content stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Edit, Fix, Fixability, Severity, Span, Violation
from artlint.parse.elements import NEVER_EMPTY_INSIDE, inside_any
from artlint.parse.html import Kind
from artlint.rules.base import NoOptions, Rule


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    origin = doc.origin
    bare = {
        t.start for t in doc.markup.tokens_of(Kind.START_TAG) if t.name == "span" and not t.attrs
    }
    if not bare:
        return
    elements = doc.markup.elements
    inside_code = inside_any(elements, NEVER_EMPTY_INSIDE)
    for i, element in enumerate(elements):
        if element.start not in bare or element.close_start is None or element.end is None:
            continue
        if element.close_start == element.end or not origin.imported_at(element.start):
            continue  # closed by an outer end tag: where it ends is a guess
        if inside_code[i]:
            continue
        yield Violation(
            Span(element.start, element.open_end),
            "<span> without attributes does nothing",
            Fix(
                "Unwrap the <span>",
                (
                    Edit.deletion(element.start, element.open_end),
                    Edit.deletion(element.close_start, element.end),
                ),
            ),
        )


RULE = Rule(
    code="AL107",
    name="bare-wrapper",
    severity=Severity.INFO,
    fixability=Fixability.SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
