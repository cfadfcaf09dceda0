"""AL302 duplicate-image-fields: several front-matter image fields hold the same image.

## What it does
Reports two or more front-matter image fields (`thumbnail`, `headimg`, `cover`, `image`,
`banner`, `featured_image`, `og_image`) that hold the same URL after light normalisation.
One finding per group, at the later field.

## Why is this bad
Feed generators copy the first image they find into every field; themes that show more than
one of them show the picture twice, and the copies hide that no real cover was chosen.

## Example
```markdown
---
title: Night buses
headimg: https://img.example.cn/bus.jpg
thumbnail: https://img.example.cn/bus.jpg
---
Body.
```

## Use instead
```markdown
---
title: Night buses
thumbnail: https://img.example.cn/bus.jpg
---
Body.
```

## Fix safety
No fix: themes often read both fields, and which one to keep depends on the theme.

## Options
- `fields`: the front-matter keys that hold images.
"""

from collections.abc import Iterator

from artlint.document import images
from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Violation
from artlint.parse.frontmatter import KeySpan
from artlint.rules.base import Rule

Options = images.FieldOptions


def check(doc: Document, options: Options) -> Iterator[Violation]:
    groups: dict[str, list[KeySpan]] = {}
    for key, url in images.field_images(doc, options.fields):
        groups.setdefault(url, []).append(key)
    for keys in groups.values():
        if len({k.name for k in keys}) < 2:
            continue
        last = keys[-1]
        others = ", ".join(
            f"`{k.name}` (line {doc.lines.position(k.span.start).line})" for k in keys[:-1]
        )
        yield Violation(last.span, f"`{last.name}` holds the same image as {others}")


RULE = Rule(
    code="AL302",
    name="duplicate-image-fields",
    severity=Severity.INFO,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    check=check,
    options=Options,
)
