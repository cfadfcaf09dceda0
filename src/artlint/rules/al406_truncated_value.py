"""AL406 truncated-value: an unquoted YAML value cut short by ` #`.

## What it does
Reports a top-level plain (unquoted) YAML string whose text goes on after ` #`, which YAML
reads as the start of a comment: `title: C# vs F# #1` gives the title `C# vs F#`. To tell
text from a real comment, the rule reports only when the value itself holds a `#` or the
"comment" starts right after its `#` without a space (`#1`, `#tag`); `draft: yes # later` and
`title: Post # TODO` are comments and are left alone.

## Why is this bad
The end of the title silently disappears from the page.

## Example
```markdown
---
title: C# vs F# #1
---
Body.
```

## Use instead
```markdown
---
title: "C# vs F# #1"
---
Body.
```

## Fix safety
Safe: the whole text is put in double quotes, and the front matter is parsed again to check
that the key now holds exactly that text and nothing else changed.
"""

import re
from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Aspect, Edit, Fix, Fixability, Severity, Span, Violation
from artlint.parse import frontmatter
from artlint.rules.base import NoOptions, Rule

_COMMENT = re.compile(r"[ \t]+#(\S?)")


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    fm = doc.header.parsed
    if fm is None or fm.format != "yaml":
        return
    text = doc.text
    for index, key in enumerate(fm.keys):
        value = key.parsed
        raw = text[key.value.start : key.value.end]
        if not isinstance(value, str) or not raw or raw[0] in "'\"|>[{&*!" or "\n" in raw:
            continue
        line_end = doc.lines.bounds(key.value.end)[1]
        m = _COMMENT.match(text, key.value.end, line_end)
        if m is None or not (m.group(1) or "#" in raw):
            continue
        full = text[key.value.start : line_end].rstrip()
        quoted = '"' + full.replace("\\", "\\\\").replace('"', '\\"') + '"'
        end = key.value.start + len(full)
        again = frontmatter.reparse(text, fm, key.value.start, end, quoted)
        fix = None
        kept = again.error is None and [(k.name, k.parsed) for k in again.keys] == [
            (k.name, full if i == index else k.parsed) for i, k in enumerate(fm.keys)
        ]
        if kept:
            fix = Fix(
                "Quote the whole value",
                (Edit(key.value.start, end, quoted),),
                changes=frozenset({Aspect.FRONT_MATTER}),
            )
        yield Violation(
            Span(key.value.start, end),
            f"`{key.name}` is cut at ` #`: YAML reads `{value}`, the rest is a comment",
            fix,
        )


RULE = Rule(
    code="AL406",
    name="truncated-value",
    severity=Severity.WARNING,
    fixability=Fixability.SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
