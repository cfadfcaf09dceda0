"""AL002 invalid-front-matter: the front matter cannot be parsed.

## What it does
Reports YAML, TOML or JSON (Hexo `;;;`) front matter with a syntax error, at the line and
column of the error in the file; front matter that is not a mapping of keys to values; and a
front matter that opens (`---`) and never closes.

## Why is this bad
The generator either fails the build or, like Hexo with an unclosed block, silently renders the
metadata as part of the article and loses the title, date and tags.

## Example
```markdown
---
title: Release notes: version 2
date: 2024-05-01
---
Body.
```

## Use instead
```markdown
---
title: "Release notes: version 2"
date: 2024-05-01
---
Body.
```

## Fix safety
No fix: the intent of broken metadata cannot be guessed. `artlint fix` never writes a file whose
front matter it could not parse.
"""

from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Violation
from artlint.rules.base import NoOptions, Rule


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    error = doc.header.error
    if error is not None:
        yield Violation(error.span, error.message)


RULE = Rule(
    code="AL002",
    name="invalid-front-matter",
    severity=Severity.ERROR,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
