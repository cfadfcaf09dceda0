"""AL403 invalid-date: a front-matter date that no common generator can read.

## What it does
Reports a date key (`date`, `updated`, `lastmod`, `publishDate` by default) whose value is
neither a date (a YAML or TOML timestamp, or an ISO 8601 string) nor one of the other forms
generators read: RFC 2822 (`Fri, 01 Apr 2022 00:12:21 GMT`), `April 1, 2022`,
`1 April 2022`, `2022/04/01`, `04/01/2022`. So `date: yesterday` and `date: 2022-13-01`
are reported.

The question is whether the site's own generator would fail or misread the date, so its own
rules count too (artlint.parse.dates.generator_reads): Hexo hands what its formats miss to
JavaScript's `Date`, which reads `2020 10 23` and `2020 04`; Jekyll hands it to Ruby's
`Time.parse`, which finds `2023-01-29` inside `2023-01-29 18:30:22 2023 -0800`; MkDocs' blog
reads a mapping of dates (`date: {created: 2024-01-01}`). Such a date is not an error there; it
is AL404's (not ISO 8601). Without a generator, `date: 2020 10 23` is an error.

## Why is this bad
Hugo stops the build; Hexo and Jekyll fall back to the file's time or fail, and the article
lands at the wrong place in every list and feed.

## Example
```markdown
---
title: Council opens night bus line
date: 2020 10 23
---
Body.
```

## Use instead
```markdown
---
title: Council opens night bus line
date: 2020-10-23
---
Body.
```

## Fix safety
No fix: an unreadable date has no exact meaning to convert.

## Options
- `fields`: the keys that hold dates.
"""

from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Violation
from artlint.parse.dates import DateKind, DateOptions, dated_keys, generator_reads, read
from artlint.rules.base import Rule

Options = DateOptions


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for _, key in dated_keys(doc, options.fields):
        value = key.parsed
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # empty: AL402
        if read(value).kind is DateKind.INVALID and not generator_reads(value, doc.generator):
            yield Violation(key.value, f"`{key.name}: {value}` is not a date generators can read")


RULE = Rule(
    code="AL403",
    name="invalid-date",
    severity=Severity.ERROR,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    check=check,
    options=Options,
)
