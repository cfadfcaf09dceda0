"""AL103 style-attribute: an inline `style="..."` attribute.

## What it does
Reports `style` attributes on elements in the body outside Markdown code, such as the
`<span style="line-height: 15px;">` and `<p style="text-align:center">` that WordPress
editors and copy-paste leave behind.

## Why is this bad
Inline styles override the site's theme (fonts, colours, widths that break on phones) and
travel with the text into feeds, indexes and datasets.

## Example
```markdown
---
title: Example
---
<p style="color: #333; font-size: 14px">Text.</p>
```

## Use instead
```markdown
---
title: Example
---
<p>Text.</p>
```

## Fix safety
Safe in general: the attribute and the whitespace before it are removed, nothing else in the
tag changes. Unsafe when the style carries meaning a reader sees: it hides the element
(`display: none`, `visibility: hidden`, zero size or opacity, clipping, an off-screen
position, transparent or white text, however the CSS is written: entities, comments and
escapes are read as browsers read them; removing it would show content the page hid, often a
promo block), shows a background
image (`url(...)`), strikes text through (a struck-out word is part of what the author says),
or makes text bold or italic. Those need a person, or a semantic element (`<del>`, `<strong>`,
`<em>`) instead.
"""

from collections.abc import Iterator

from artlint import css
from artlint.diagnostics import Applicability, Edit, Fix, Fixability, Severity, Span, Violation
from artlint.document import Document
from artlint.html import Kind
from artlint.rule import NoOptions, Rule, snippet


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    text = doc.text
    for tok in doc.tokens_of(Kind.START_TAG):
        for attr in tok.attrs:
            if attr.name != "style":
                continue
            raw = text[attr.start : attr.end]
            edit = Edit(attr.space_start, attr.end, "")
            effect = css.effect(attr.value)
            if effect is not None:
                fix = Fix(
                    f"Remove the style attribute (it {effect})", (edit,), Applicability.UNSAFE
                )
                message = f"Inline `{snippet(raw)}` on <{tok.name}> {effect}"
            else:
                fix = Fix("Remove the style attribute", (edit,))
                message = f"Inline `{snippet(raw)}` on <{tok.name}>"
            yield Violation(Span(attr.start, attr.end), message, fix)


RULE = Rule(
    code="AL103",
    name="style-attribute",
    summary="Inline style attribute",
    severity=Severity.WARNING,
    fixability=Fixability.SOMETIMES_SAFE,
    doc=__doc__ or "",
    check=check,
)
