"""AL304 boilerplate-thumbnail: a front-matter image that the body shows only as boilerplate.

## What it does
Reports a front-matter image field (`thumbnail`, `headimg`, `cover`, ...) whose image appears
in the body only inside blocks that another finding removes, together with other content:
the QR-code promo box of news portals is the common case (feed generators pick the first image
of the page, and on these pages that is the promo's QR code). The message says which finding
removes the block and where. Images that AL301 or AL303 would remove on their own, with
nothing but empty wrappers, do not count as blocks.

This rule reads what the other rules found, so it reports only when the rule that removes the
block is on (for news portals: the `rss-portal` pack).

## Why is this bad
The article's cover becomes a QR code or an ad: in the feed, in link previews, on the index.

## Example
```markdown
---
title: Night buses
thumbnail: https://img.example.cn/qr.png
artlint-provenance: imported
---
<p>The first night bus left at 23:00.</p>
<!-- promo <img src="https://img.example.cn/qr.png"> Download our app -->
```

## Use instead
```markdown
---
title: Night buses
thumbnail: https://img.example.cn/bus.jpg
---
<p>The first night bus left at 23:00.</p>
```

## Fix safety
No fix: choosing a real cover image is for a person.

## Options
- `fields`: the front-matter keys that hold images.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from artlint.document import images
from artlint.document.article import Document
from artlint.model.diagnostics import Diagnostic, Fixability, Severity, Span, Violation
from artlint.model.suppression import Outcome
from artlint.parse import elements
from artlint.rules.base import Rule

Options = images.FieldOptions


@dataclass(frozen=True)
class _Deletions:
    """The deletions of the findings' fixes, sorted by start, with the farthest end reached
    so far: which of them hold an image is found without a pass over all findings per image
    (a scraped page had 110 images and 1,000 findings)."""

    edits: list[tuple[int, int, int, Diagnostic]]  # start, end, order in `found`, finding
    starts: list[int]
    reach: list[int]

    @classmethod
    def of(cls, found: tuple[Diagnostic, ...]) -> _Deletions:
        edits = sorted(
            (e.start, e.end, i, d)
            for i, d in enumerate(found)
            for e in (d.fix.edits if d.fix is not None else ())
            if not e.replacement
        )
        return cls(edits, [e[0] for e in edits], list(accumulate((e[1] for e in edits), max)))

    def holding(self, span: Span) -> list[tuple[int, int, int, Diagnostic]]:
        """The deletions that hold `span`, in the order of their findings."""
        out = []
        j = bisect.bisect_right(self.starts, span.start) - 1
        while j >= 0 and self.reach[j] >= span.end:
            if self.edits[j][1] >= span.end:
                out.append(self.edits[j])
            j -= 1
        return sorted(out, key=lambda e: (e[2], e[0]))


def _remover(doc: Document, image: images.BodyImage, deletions: _Deletions) -> Diagnostic | None:
    """A finding whose fix deletes a block holding the image and something else besides."""
    text = doc.text
    for start, end, _, d in deletions.holding(image.span):
        rest = text[start : image.span.start] + text[image.span.end : end]
        # Comment delimiters go first: a comment hiding a promo is a block too.
        if not elements.is_blank_markup(rest.replace("<!--", "").replace("-->", "")):
            return d
    return None


def after(doc: Document, options: Options, outcome: Outcome) -> Iterator[Violation]:
    fields = images.field_images(doc, options.fields)
    if not fields:
        return
    body = list(images.body_images(doc)) + list(images.commented_images(doc))
    deletions = _Deletions.of(outcome.kept)
    for key, url in fields:
        shown = [im for im in body if im.key == url]
        if not shown:
            continue
        removers = [_remover(doc, im, deletions) for im in shown]
        if any(r is None for r in removers):
            continue
        first = removers[0]
        assert first is not None
        line = first.start.line
        yield Violation(
            key.span,
            f"`{key.name}` is an image the body shows only in boilerplate"
            f" ({first.code} {first.name} removes it, line {line})",
        )


RULE = Rule(
    code="AL304",
    name="boilerplate-thumbnail",
    severity=Severity.WARNING,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    options=Options,
    after=after,
    supersedes=("AL302",),
)
