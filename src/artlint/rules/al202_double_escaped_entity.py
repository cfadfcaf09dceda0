"""AL202 double-escaped-entity: an entity escaped twice, so readers see its code.

## What it does
Reports `&amp;nbsp;`, `&amp;#8217;`, `&amp;quot;` and the like in body text and attribute
values outside Markdown code: a reference whose `&` was escaped again on the way through a
feed or an export. Readers see `&nbsp;` instead of a space.

A reference that stands alone between spaces (`you can write &amp;hellip; here`) is taken to be
mentioned on purpose and is not reported; neither is anything in code, where `&amp;amp;` is
often the point of the example.

## Why is this bad
The page shows entity codes in the middle of sentences.

## Example
```markdown
<p>&amp;quot;Hi&amp;quot; and&amp;nbsp;bye</p>
```

## Use instead
```markdown
<p>&quot;Hi&quot; and&nbsp;bye</p>
```

## Fix safety
Safe: exactly one level of escaping is removed (`&amp;` becomes `&`), which gives readers the
character the author meant. A reference escaped three times needs two fixes, and the fixer's
next round takes care of the second.
"""

import re
from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Aspect, Edit, Fix, Fixability, Severity, Span, Violation
from artlint.parse import entities
from artlint.parse.html import Kind
from artlint.rules.base import NoOptions, Rule

_INNER = re.compile(r"(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_IN_ATTRIBUTE = re.compile(r"&amp;((?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
_ALONE_AFTER = " \t\r\n<.,;:!?)"


def _valid(inner: str) -> bool:
    ref = entities.parse("&" + inner)
    return ref is not None and ref.value is not None


def _finding(start: int, end: int, inner: str) -> Violation:
    return Violation(
        Span(start, end),
        f"Double-escaped `&amp;{inner}`: readers see `&{inner}` instead of the character",
        Fix(
            "Remove one level of escaping",
            (Edit(start, start + 5, "&"),),
            # Decoding `&amp;nbsp;` in a paragraph of nothing else leaves a blank paragraph,
            # which the block structure does not count: it changes the blocks on purpose too.
            changes=frozenset({Aspect.TEXT, Aspect.LINKS, Aspect.IMAGES, Aspect.BLOCKS}),
        ),
    )


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    text = doc.text
    for tok in doc.markup.tokens_of(Kind.ENTITY, Kind.START_TAG):
        if tok.kind is Kind.ENTITY and tok.name == "&amp;":
            m = _INNER.match(text, tok.end)
            if m is None or not _valid(m.group()):
                continue
            before = text[tok.start - 1] if tok.start > 0 else "\n"
            after = text[m.end()] if m.end() < len(text) else "\n"
            if before.isspace() and after in _ALONE_AFTER:
                continue  # mentioned on purpose: "write &amp;hellip; for …"
            yield _finding(tok.start, m.end(), m.group())
        elif tok.kind is Kind.START_TAG:
            for attr in tok.attrs:
                if attr.value is None:
                    continue
                for m in _IN_ATTRIBUTE.finditer(text, attr.start, attr.end):
                    if _valid(m.group(1)):
                        yield _finding(m.start(), m.end(), m.group(1))


RULE = Rule(
    code="AL202",
    name="double-escaped-entity",
    severity=Severity.WARNING,
    fixability=Fixability.SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
