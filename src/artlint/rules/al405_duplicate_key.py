"""AL405 duplicate-key: the same key twice in the front matter.

## What it does
Reports a top-level front-matter key that appears again after its first occurrence, in YAML
or JSON front matter (in TOML it is a syntax error, reported by AL002).

## Why is this bad
YAML and JSON parsers silently keep the last value, so an edit to the first occurrence has no
effect and nobody knows why.

## Example
```markdown
---
title: Draft title
date: 2024-04-12
title: Final title
---
Body.
```

## Use instead
```markdown
---
date: 2024-04-12
title: Final title
---
Body.
```

## Fix safety
No fix: which of the two values is meant is for a person to decide.
"""

from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Violation
from artlint.rules.base import NoOptions, Rule


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    fm = doc.header.parsed
    if fm is None:
        return
    first: dict[str, int] = {}
    for key in fm.keys:
        if key.name in first:
            line = doc.lines.position(first[key.name]).line
            yield Violation(
                key.key,
                f"`{key.name}` is set again (first on line {line}); only this last value is used",
            )
        else:
            first[key.name] = key.span.start


RULE = Rule(
    code="AL405",
    name="duplicate-key",
    severity=Severity.WARNING,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
