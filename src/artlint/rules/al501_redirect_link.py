"""AL501 redirect-link: a link through a redirect wrapper, or with tracking parameters.

## What it does
In **imported** markup (artlint.document.provenance) reports two kinds of link the source site made:
- a redirect wrapper that holds the real target in its query (`link.zhihu.com/?target=`,
  `link.juejin.cn/?target=`, `oschina.net/action/GoToLink?url=` and others:
  artlint.document.links.REDIRECTS), which is unwrapped to the target;
- tracking parameters (`utm_*`, `fbclid`, `gclid`, `spm` ...: artlint.document.links.TRACKING),
which are removed from the query, every other byte of the URL kept.

Both `<a href>` and Markdown links are read. Authored links are not checked: an author who
links through a wrapper or tags a campaign means it.

## Why is this bad
The wrapper sends every reader through the source site (which may be gone, or warn about
"leaving"), and tracking parameters report readers of this copy to someone else's analytics.

## Example
```markdown
---
title: Example
artlint-provenance: imported
---
<p>See <a href="https://link.juejin.cn/?target=https%3A%2F%2Fexample.org%2Fdocs">the docs</a>.</p>
```

## Use instead
```markdown
---
title: Example
artlint-provenance: imported
---
<p>See <a href="https://example.org/docs">the docs</a>.</p>
```

## Fix safety
Safe, and declared: it changes the link's target (`Fix.changes` says "links") to the page the
reader was being sent to anyway, or to the same page without the tracking parameters.

## Options
- `redirects`: more wrappers, as `"host=parameter"` strings (`"go.example.com=url"`).
- `tracking`: more tracking parameter names.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

from artlint.document import links
from artlint.document.article import Document
from artlint.model.diagnostics import Aspect, Edit, Fix, Fixability, Severity, Span, Violation
from artlint.rules.base import Options as RuleOptions
from artlint.rules.base import Rule, snippet


@dataclass(frozen=True)
class Options(RuleOptions):
    redirects: tuple[str, ...] = ()
    tracking: tuple[str, ...] = ()

    def validate(self) -> None:
        for entry in self.redirects:
            name, sep, param = entry.partition("=")
            if not sep or not name or not param:
                raise ValueError(f"redirects: expected 'host=parameter', got {entry!r}")


def check(doc: Document, options: Options) -> Iterator[Violation]:
    origin = doc.origin
    text = doc.text
    extra = dict(entry.partition("=")[::2] for entry in options.redirects)
    tracking = frozenset(options.tracking)
    for link in links.links(doc):
        if not origin.imported_at(link.start):
            continue
        written = text[link.url_start : link.url_end]
        target = links.redirect_target(link.url, extra)
        if target is not None:
            clean = links.without_tracking(target, tracking)
            in_attribute = text[link.start] == "<"
            value = html.escape(clean, quote=True) if in_attribute else clean
            message = f"Link goes through the redirect `{links.host(link.url)}` to {snippet(clean)}"
            yield _rewrite(link, message, "Link to the target directly", value)
            continue
        clean = links.without_tracking(written, tracking)
        if clean != written:
            message = f"Tracking parameters in `{snippet(written)}`"
            yield _rewrite(link, message, "Remove the tracking parameters", clean)


def _rewrite(link: links.Link, message: str, title: str, url: str) -> Violation:
    edit = Edit(link.url_start, link.url_end, url)
    fix = Fix(title, (edit,), changes=frozenset({Aspect.LINKS}))
    return Violation(Span(link.url_start, link.url_end), message, fix)


RULE = Rule(
    code="AL501",
    name="redirect-link",
    severity=Severity.WARNING,
    fixability=Fixability.SAFE,
    doc=__doc__ or "",
    check=check,
    options=Options,
)
