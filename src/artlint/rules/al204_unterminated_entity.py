"""AL204 unterminated-entity: a valid reference written without its `;`.

## What it does
Reports, in body text outside Markdown code, references such as `&nbsp ` or `&copy 2022`,
and numeric ones such as `&#8217 `, that HTML5 still decodes without the closing `;` for
compatibility with old pages. Only the 106 names HTML5 accepts without `;` count; `AT&T` and
`R&D` are plain text. A reference followed by `=` is left alone: it is most likely part of a
URL's query string (`?a=1&copy=2`).

## Why is this bad
Browsers decode it, but Markdown converters, feed readers, search indexes and most HTML
libraries do not, so the same article reads differently in each of them.

## Example
```markdown
<p>&copy 2024 Example News&nbsp</p>
```

## Use instead
```markdown
<p>&copy; 2024 Example News&nbsp;</p>
```

## Fix safety
Safe inside HTML (an HTML block, an `.html` article): adding the `;` spells out what browsers
already show. Unsafe in Markdown text: a Markdown renderer decodes only references with their
`;`, so readers see `&copy 2024` as typed, and the fix changes that to `© 2024`.
"""

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
from artlint.parse import entities
from artlint.parse.html import Kind
from artlint.rules.base import NoOptions, Rule


def _decodes_without_semicolon(ref_text: str) -> bool:
    body = ref_text[1:]
    if body.startswith("#"):
        ref = entities.parse(ref_text + ";")
        return ref is not None and ref.value is not None
    return body in entities.legacy_names()


def _in_html(doc: Document, offset: int) -> bool:
    """Whether what is at `offset` reaches the browser as HTML (not through Markdown)."""
    return not doc.is_markdown or doc.regions.html_block_at(offset) is not None


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    text = doc.text
    for tok in doc.markup.tokens_of(Kind.ENTITY):
        if tok.name.endswith(";"):
            continue
        if text.startswith("=", tok.end) or not _decodes_without_semicolon(tok.name):
            continue
        if _in_html(doc, tok.start):
            message = (
                f"`{tok.name}` lacks its `;`: browsers decode it, other tools show it as typed"
            )
            fix = Fix("Add the `;`", (Edit.insertion(tok.end, ";"),))
        else:
            message = f"`{tok.name}` lacks its `;`: in Markdown text readers see it as typed"
            fix = Fix(
                "Add the `;` (readers then see the character)",
                (Edit.insertion(tok.end, ";"),),
                Applicability.UNSAFE,
                frozenset({Aspect.TEXT}),
            )
        yield Violation(Span(tok.start, tok.end), message, fix)


RULE = Rule(
    code="AL204",
    name="unterminated-entity",
    severity=Severity.WARNING,
    fixability=Fixability.SOMETIMES_SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
