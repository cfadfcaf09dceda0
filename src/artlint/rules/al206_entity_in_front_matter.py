"""AL206 entity-in-front-matter: character references inside front-matter values.

## What it does
Reports top-level string values in the front matter that contain character references, such
as `title: "A &#8211; B"` or `title: Tom &amp; Jerry`.

## Why is this bad
Themes escape titles and descriptions before printing them, so readers see `&#8211;` on the
page, in the browser tab and in feeds.

## Example
```markdown
---
title: "Rust &#8211; a year in review"
---
Body.
```

## Use instead
```markdown
---
title: "Rust – a year in review"
---
Body.
```

## Fix safety
Safe: the value's references are decoded in place and the value keeps its quoting style (a
quote or backslash that the style cannot hold is escaped). The new front matter is parsed
again before the fix is offered: it must give exactly the decoded value and leave every other
key as it was; if it does not, the value is written as a double-quoted string, and if that
fails too no fix is offered.
"""

import json
import re
from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Aspect, Edit, Fix, Fixability, Severity, Violation
from artlint.parse import entities, frontmatter
from artlint.rules.base import NoOptions, Rule


def _decode(value: str) -> str:
    def one(m: re.Match[str]) -> str:
        ref = entities.parse(m.group())
        return ref.value if ref is not None and ref.value is not None else m.group()

    return entities.REFERENCE.sub(one, value)


def _candidates(fmt: str, raw: str, decoded: str) -> list[str]:
    quoted = json.dumps(decoded, ensure_ascii=False)
    if fmt == "json":
        return [quoted]
    styles = []
    if raw.startswith("'") and (fmt == "yaml" or "'" not in decoded):
        styles.append("'" + (decoded.replace("'", "''") if fmt == "yaml" else decoded) + "'")
    elif raw.startswith('"'):
        styles.append('"' + decoded.replace("\\", "\\\\").replace('"', '\\"') + '"')
    elif fmt == "yaml":
        styles.append(decoded)
    styles.append(quoted)
    return styles


def _invisible(reference: str) -> bool:
    ref = entities.parse(reference)
    value = ref.value if ref is not None else None
    return bool(value) and all(entities.is_invisible(ch) for ch in value or "")


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    fm = doc.header.parsed
    if fm is None:
        return
    text = doc.text
    for index, key in enumerate(fm.keys):
        value = key.parsed
        if not isinstance(value, str) or not entities.REFERENCE.search(value):
            continue
        if all(_invisible(m.group()) for m in entities.REFERENCE.finditer(value)):
            continue  # `&shy;`, `&zwj;`: written as references so that they can be seen
        decoded = _decode(value)
        if decoded == value:
            continue
        raw = text[key.value.start : key.value.end]
        fix = None
        for replacement in _candidates(fm.format, raw, decoded):
            again = frontmatter.replace_value(text, fm, index, replacement)
            if again is not None and again.parsed == decoded:
                edit = Edit(key.value.start, key.value.end, replacement)
                fix = Fix(
                    "Decode the references in the value",
                    (edit,),
                    changes=frozenset({Aspect.FRONT_MATTER}),
                )
                break
        refs = ", ".join(dict.fromkeys(m.group() for m in entities.REFERENCE.finditer(value)))
        yield Violation(
            key.value,
            f"`{key.name}` holds character references ({refs}) that themes print as typed",
            fix,
        )


RULE = Rule(
    code="AL206",
    name="entity-in-front-matter",
    severity=Severity.WARNING,
    fixability=Fixability.SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
