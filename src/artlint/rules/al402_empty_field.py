"""AL402 empty-field: a front-matter key whose value is empty.

## What it does
Reports keys whose value is empty: `title: ''`, `title:` (null), a string of whitespace only,
and, for required keys (`title` and `date` by default, as for AL401), an empty list or mapping
(`tags: []` when `tags` is required).

In an **imported** article (artlint.document.provenance) every empty key is reported: a feed
generator or an exporter writes `title: ''` or `author:` when the source had nothing, and that is
worth knowing. In an **authored** article only required keys are (`[metadata] required` and
`required-pages`: `title` and `date` by default): an optional key left empty by hand is
nearly always the scaffold's or archetype's default (`description: ""`, `tags:`), which the
theme reads as absent; one calibration blog had the same empty `description` in 268 files.

## Why is this bad
Feed generators write `title: ''` when the source item had none; themes then print an empty
heading and an untitled feed entry. An empty key is also easy to mistake for a set one.

## Example
```markdown
---
title: ''
date: 2024-04-12
---
Body.
```

## Use instead
```markdown
---
title: Council opens night bus line
date: 2024-04-12
---
Body.
```

## Fix safety
No fix: the value is for a person to write.

## Options
- `required`: keys whose empty lists and mappings are reported too (default
  `["title", "date"]`).
"""

from collections.abc import Iterator

from artlint.document.article import Document
from artlint.document.provenance import Provenance
from artlint.model.diagnostics import Fixability, Severity, Violation
from artlint.rules import al401_missing_field as missing_field
from artlint.rules.base import Rule

# The same required keys as missing-field; [metadata] required sets both.
Options = missing_field.Options


def _empty(value: object, required: bool) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return required and not value
    return False


def check(doc: Document, options: Options) -> Iterator[Violation]:
    fm = doc.header.parsed
    if fm is None:
        return
    imported = doc.origin.file is Provenance.IMPORTED
    required = {*options.required, *options.required_pages}
    for key in fm.keys:
        if not imported and key.name not in required:
            continue  # an optional key left empty: the scaffold's default
        if _empty(key.parsed, key.name in options.required):
            yield Violation(key.span, f"`{key.name}` is empty")


RULE = Rule(
    code="AL402",
    name="empty-field",
    severity=Severity.WARNING,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    check=check,
    options=Options,
    # The same keys as AL401: a required key must not be empty either.
    metadata=missing_field.from_metadata,
    metadata_keys=missing_field.RULE.metadata_keys,
)
