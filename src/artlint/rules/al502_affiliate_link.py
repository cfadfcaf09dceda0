"""AL502 affiliate-link: a commission link the source site earns from.

## What it does
In **imported** markup (artlint.document.provenance) reports links through affiliate and commission
services (`union-click.jd.com`, `u.jd.com`, `s.click.taobao.com`, `c.duomai.com`,
`apple.pvxt.net`, `amzn.to` ...:
artlint.document.links.AFFILIATES), in `<a href>` and Markdown links. Authored links are the
author's business and are not checked.

## Why is this bad
The copy keeps earning for the source site, and the link usually ends in a shop page that
has nothing to do with the article by the time a reader clicks.

## Example
```markdown
---
title: Example
artlint-provenance: imported
---
<p>On sale <a href="https://u.jd.com/abc123">here</a> today.</p>
```

## Use instead
```markdown
---
title: Example
artlint-provenance: imported
---
<p>On sale here today.</p>
```

## Fix safety
Unsafe: the link is unwrapped to its text, which removes a link readers could follow.

## Options
- `hosts`: more affiliate hosts (a host matches itself and its subdomains).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from artlint.document import links
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
from artlint.rules.base import Options as RuleOptions
from artlint.rules.base import Rule


@dataclass(frozen=True)
class Options(RuleOptions):
    hosts: tuple[str, ...] = ()


def check(doc: Document, options: Options) -> Iterator[Violation]:
    origin = doc.origin
    for link in links.links(doc):
        if not origin.imported_at(link.start) or not links.affiliate(link.url, options.hosts):
            continue
        fix = None
        if link.text_end > link.text_start or link.end > link.text_end:
            fix = Fix(
                "Unwrap the link to its text",
                (
                    Edit.deletion(link.start, link.text_start),
                    Edit.deletion(link.text_end, link.end),
                ),
                Applicability.UNSAFE,
            )
        yield Violation(
            Span(link.url_start, link.url_end),
            f"Affiliate link through `{links.host(link.url)}`",
            fix,
        )


RULE = Rule(
    code="AL502",
    name="affiliate-link",
    severity=Severity.WARNING,
    fixability=Fixability.UNSAFE,
    doc=__doc__ or "",
    check=check,
    supersedes=("AL501",),
    options=Options,
)
