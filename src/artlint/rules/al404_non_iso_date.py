"""AL404 non-iso-date: a front-matter date written in a form other than ISO 8601.

## What it does
Reports a date key (`date`, `updated`, `lastmod`, `publishDate` by default) whose value
generators can read but that is not an ISO 8601 / YAML timestamp: `Fri, 01 Apr 2022 00:12:21
GMT` (what feeds write), `04/01/2022`, `April 1, 2022`. The documented forms are fine:
`2022-04-01`, `2022-04-01 00:12:21`, `2022-04-01T00:12:21Z`, and Jekyll's
`2022-04-01 00:12:21 +0800`.

## Why is this bad
Each generator, and each version of its date library, reads the other forms its own way:
time zones are dropped, `04/01` is April in one and January in another, and sorting by the
raw value puts Friday before Monday.

## Example
```markdown
---
title: Council opens night bus line
date: Fri, 12 Apr 2024 08:30:00 GMT
---
Body.
```

## Use instead
```markdown
---
title: Council opens night bus line
date: 2024-04-12T08:30:00Z
---
Body.
```

## Fix safety
Safe when the reading is exact: the value is rewritten as ISO 8601, keeping the time and the
zone (`GMT` becomes `Z`, `+0800` becomes `+08:00`) and the key's quoting; nothing else on the
line changes, and the front matter is parsed again to check. Unsafe when the reading is a
guess: `04/01/2022` is read as JavaScript reads it (April 1), which may not be what the
author meant.

## Options
- `fields`: the keys that hold dates (as for AL403).
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
    Violation,
)
from artlint.parse import frontmatter
from artlint.parse.dates import DateKind, DateOptions, dated_keys, generator_reads, read
from artlint.rules.base import Rule

Options = DateOptions


def check(doc: Document, options: Options) -> Iterator[Violation]:
    fm = doc.header.front_matter
    text = doc.text
    for index, key in dated_keys(doc, options.fields):
        value = key.parsed
        if fm is None or not isinstance(value, str):
            continue
        reading = read(value)
        if reading.kind is DateKind.INVALID and generator_reads(value, doc.generator):
            yield Violation(
                key.value,
                f"`{key.name}: {value.strip()}` is read by {doc.generator.capitalize()}, but other"
                " tools cannot read it: write it as ISO 8601 (`YYYY-MM-DD`)",
            )
            continue
        if reading.kind is not DateKind.CONVERTIBLE or reading.iso is None:
            continue
        raw = text[key.value.start : key.value.end]
        quote = raw[0] if raw[:1] in ("'", '"') else ""
        replacement = f"{quote}{reading.iso}{quote}"
        fix = None
        if _reparses_as_iso(text, fm, index, replacement):
            applicability = Applicability.SAFE if reading.exact else Applicability.UNSAFE
            fix = Fix(
                f"Write `{reading.iso}`",
                (Edit(key.value.start, key.value.end, replacement),),
                applicability,
                frozenset({Aspect.FRONT_MATTER}),
            )
        yield Violation(
            key.value, f"`{key.name}: {value.strip()}` is not ISO 8601: write `{reading.iso}`", fix
        )


def _reparses_as_iso(text: str, fm: frontmatter.FrontMatter, index: int, new: str) -> bool:
    again = frontmatter.replace_value(text, fm, index, new)
    return again is not None and read(again.parsed).kind is DateKind.ISO


RULE = Rule(
    code="AL404",
    name="non-iso-date",
    severity=Severity.WARNING,
    fixability=Fixability.SOMETIMES_SAFE,
    doc=__doc__ or "",
    check=check,
    options=Options,
)
