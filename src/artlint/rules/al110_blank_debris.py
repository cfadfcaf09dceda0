"""AL110 blank-debris: runs of blank lines and of `<br>` left by a copy.

## What it does
In **imported** markup (artlint.document.provenance), outside code, reports:
- three or more blank lines in a row (feed generators leave dozens where the source page had
  scripts and widgets), which become one;
- three or more `<br>` in a row (`<br><br><br><br></blockquote>`), which become one.

Authored markup is not checked: an author's blank lines and line breaks are the author's.
Nor is the inside of a `<pre>` or `<textarea>`, where each blank line is shown.

## Why is this bad
Holes in the source, noise in every diff, and, for `<br>` runs, a gap of empty lines on the
page where nothing was meant to be.

## Example
```markdown
---
title: Example
artlint-provenance: imported
---
<p>One.</p>



<p>Two.<br><br><br><br></p>
```

## Use instead
```markdown
---
title: Example
artlint-provenance: imported
---
<p>One.</p>

<p>Two.<br></p>
```

## Fix safety
Safe for blank lines: Markdown and HTML treat one blank line as they treat many. Unsafe for
`<br>` runs: each `<br>` is a line of space a reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import (
    Applicability,
    Edit,
    Fix,
    Fixability,
    Severity,
    Span,
    Violation,
)
from artlint.rules.base import NoOptions, Rule

_BLANK_RUN = re.compile(r"\n(?:[ \t]*\r?\n){3,}")
_BR_RUN = re.compile(r"(<br\s*/?>)(?:\s*<br\s*/?>){2,}", re.IGNORECASE)


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    text = doc.text
    origin = doc.origin
    shown = doc.markup.preformatted.spans
    for start, end in doc.regions.code_gaps:
        for m in _BLANK_RUN.finditer(text, start, end):
            if not origin.imported_at(m.start()) or doc.regions.in_code(m.end() - 1):
                continue
            if any(a < m.end() and m.start() < b for a, b in shown):
                continue
            newline = "\r\n" if text[m.start() - 1 : m.start()] == "\r" else "\n"
            lines = m.group().count("\n") - 1
            yield Violation(
                Span(m.start() + 1, m.end()),
                f"{lines} blank lines in a row",
                Fix("Keep one blank line", (Edit(m.start() + 1, m.end(), newline),)),
            )
        for m in _BR_RUN.finditer(text, start, end):
            if not origin.imported_at(m.start()):
                continue
            count = len(re.findall(r"<br", m.group(), re.IGNORECASE))
            yield Violation(
                Span(m.start(), m.end()),
                f"{count} line breaks in a row",
                Fix(
                    "Keep one line break",
                    (Edit.deletion(m.end(1), m.end()),),
                    Applicability.UNSAFE,
                ),
            )


RULE = Rule(
    code="AL110",
    name="blank-debris",
    severity=Severity.INFO,
    fixability=Fixability.SOMETIMES_SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
