"""AL305 placeholder-image: a front-matter image from a placeholder service.

## What it does
Reports image fields (`thumbnail`, `headimg`, `cover` ...) whose URL is a placeholder or
random-picture service: `picsum.photos`, `placehold.co`, `via.placeholder.com`,
`dummyimage.com`, `source.unsplash.com/random`, `placekitten.com`, `loremflickr.com`. Feed
generators put one there when the item had no picture (`headimg:
'https://picsum.photos/400/300?random=6434'`), and themes then show a random photo as the
article's cover. Any provenance: an author does not publish a random picture as a cover
either.

## Why is this bad
The cover has nothing to do with the article, changes on every load, and shows in every list,
feed and social card.

## Example
```markdown
---
title: Night buses
thumbnail: https://picsum.photos/400/300?random=12
---
Body.
```

## Use instead
```markdown
---
title: Night buses
---
Body.
```

## Fix safety
Unsafe: the field's line is removed, so the article has no cover until someone picks a real
one (a random picture is worse than none). No fix in JSON front matter, where removing a line
can leave a stray comma.

## Options
- `fields`: the image fields to read (the same as AL301's).
- `hosts`: more placeholder hosts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from artlint.document import images, links
from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Violation
from artlint.rules.base import Options as RuleOptions
from artlint.rules.base import Rule

PLACEHOLDER_HOSTS = (
    "picsum.photos",
    "placehold.co",
    "placehold.it",
    "via.placeholder.com",
    "dummyimage.com",
    "placekitten.com",
    "loremflickr.com",
    "fakeimg.pl",
)


@dataclass(frozen=True)
class Options(RuleOptions):
    fields: tuple[str, ...] = images.IMAGE_FIELDS
    hosts: tuple[str, ...] = ()


def _placeholder(url: str, hosts: tuple[str, ...]) -> bool:
    if links.host_in(url, (*PLACEHOLDER_HOSTS, *hosts)):
        return True
    return links.host(url) == "source.unsplash.com" and "/random" in url


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for key, url in images.field_images(doc, options.fields):
        if _placeholder(url, options.hosts):
            yield Violation(
                key.value,
                f"`{key.name}` is a random picture from `{links.host(url)}`, not the article's",
                images.drop_field(doc, key),
            )


RULE = Rule(
    code="AL305",
    name="placeholder-image",
    severity=Severity.WARNING,
    fixability=Fixability.UNSAFE,
    doc=__doc__ or "",
    check=check,
    supersedes=("AL302", "AL304"),
    options=Options,
)
