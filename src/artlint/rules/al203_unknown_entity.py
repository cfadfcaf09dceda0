"""AL203 unknown-entity: a character reference that does not exist or cannot be shown.

## What it does
Reports, in body text outside Markdown code, a named reference that is not an HTML5 entity
(`&nbps;`), and a numeric reference to a code point that cannot be shown: `&#0;`, surrogates
(`&#xD800;`), anything beyond `&#x10FFFF;`, and control characters other than tab and line
breaks (C0 and C1). The message names the closest valid entity when one is near.

## Why is this bad
Browsers show unknown names as typed (`&nbps;` appears on the page) and replace invalid code
points with U+FFFD or drop them; other tools disagree with browsers and with each other.

## Example
```markdown
<p>Price:&nbps;10&#0;</p>
```

## Use instead
```markdown
<p>Price:&nbsp;10</p>
```

## Fix safety
No fix: which character was meant is a guess, however likely.
"""

from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Span, Violation
from artlint.parse import entities
from artlint.parse.html import Kind
from artlint.rules.base import NoOptions, Rule


def _why(ref: entities.Reference) -> str:
    if ref.name is not None:
        near = entities.closest_name(ref.name)
        hint = f"; did you mean `&{near};`?" if near else ""
        return f"Unknown entity `{ref.text}`{hint}"
    cp = ref.code_point if ref.code_point is not None else 0
    if cp > 0x10FFFF:
        what = "beyond the last Unicode code point U+10FFFF"
    elif 0xD800 <= cp <= 0xDFFF:
        what = f"U+{cp:04X}, a surrogate, which is not a character"
    else:
        what = f"U+{cp:04X}, a control character that cannot be shown"
    return f"`{ref.text}` refers to {what}"


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    for tok in doc.markup.tokens_of(Kind.ENTITY):
        if not tok.name.endswith(";"):
            continue
        ref = entities.parse(tok.name)
        if ref is not None and ref.value is None:
            yield Violation(Span(tok.start, tok.end), _why(ref))


RULE = Rule(
    code="AL203",
    name="unknown-entity",
    severity=Severity.WARNING,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
