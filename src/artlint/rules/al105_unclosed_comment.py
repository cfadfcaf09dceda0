"""AL105 unclosed-comment: an HTML comment that never ends.

## What it does
Reports a `<!--` with no `-->` after it (outside Markdown code), where browsers and Markdown
treat it as a comment: everything after it, to the end of the file, is hidden.

## Why is this bad
The rest of the article silently disappears from the page; it usually starts with a template
comment whose closing half was cut off when the page was copied.

## Example
```markdown
<p>First paragraph.</p>
<!-- 正文下iframe
<p>Second paragraph, hidden from readers.</p>
```

## Use instead
```markdown
<p>First paragraph.</p>
<!-- 正文下iframe -->
<p>Second paragraph, hidden from readers.</p>
```

## Fix safety
No fix: where the comment was meant to end is for a person to decide, and removing it would
remove the article with it.
"""

from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Span, Violation
from artlint.parse.html import Kind
from artlint.rules.base import NoOptions, Rule, snippet


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    for tok in doc.markup.tokens_of(Kind.COMMENT):
        if not tok.closed:
            line_end = doc.lines.bounds(tok.start)[1]
            shown = snippet(doc.text[tok.start : line_end], 40)
            hidden = doc.text[tok.start : tok.end].count("\n")
            yield Violation(
                Span(tok.start, line_end),
                f"`{shown}` never closes: the {hidden} line(s) after it are hidden",
            )


RULE = Rule(
    code="AL105",
    name="unclosed-comment",
    severity=Severity.ERROR,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
