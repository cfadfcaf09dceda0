"""AL108 invisible-character: zero-width and direction characters left by a copy.

## What it does
In **imported** text (artlint.document.provenance; outside tags and code) reports characters that
show nothing and that only copying leaves: zero-width spaces (U+200B, as in link text
`[去购买​](...)`), word joiners (U+2060), byte order marks inside the text (U+FEFF), runs of
two or more zero-width joiners or non-joiners, and a joiner (U+200D, U+200C) that joins
nothing (next to a space, punctuation, CJK or the end of the text), and bidirectional
embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069).

Kept: a zero-width joiner between two emoji or letters (`👩‍💻`, Devanagari conjuncts) and a
non-joiner between two letters (Persian `می‌خواهم`), which the text needs; the marks U+200E and
U+200F, which right-to-left text uses. Authored text is not checked.

## Why is this bad
They split words for search and copy-paste (`去购买​` does not match `去购买`), and direction
controls can make a line read differently from what it holds.

## Example
```markdown
---
title: Example
artlint-provenance: imported
---
<p>Buy it <a href="https://shop.example">here​</a> or there.</p>
```

## Use instead
```markdown
---
title: Example
artlint-provenance: imported
---
<p>Buy it <a href="https://shop.example">here</a> or there.</p>
```

## Fix safety
Safe for the zero-width characters: they show nothing. Unsafe for direction controls: they
change how right-to-left text is shown, so a person should look.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

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
from artlint.rules.base import NoOptions, Rule

_ALWAYS = "\u200b\u2060\ufeff"
_JOINERS = "\u200c\u200d"
_DIRECTION = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_FOUND = re.compile(f"[{_ALWAYS}{_JOINERS}{_DIRECTION}]+")


def _joins(before: str, after: str, joiner: str) -> bool:
    """Whether a single joiner between these characters is part of the text."""
    if not before or not after:
        return False

    def letter_or_emoji(ch: str) -> bool:
        cat = unicodedata.category(ch)
        if cat == "So" or ord(ch) >= 0x1F000 or ch == "\ufe0f":
            return joiner == "\u200d"
        if cat.startswith(("L", "M")):
            return unicodedata.east_asian_width(ch) not in ("W", "F")  # CJK needs no joiner
        return False

    return letter_or_emoji(before) and letter_or_emoji(after)


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    text = doc.text
    if not _FOUND.search(text, doc.body.start):
        return  # most articles: one scan instead of one per run of text
    origin = doc.origin
    for start, end in doc.markup.text_runs:
        if not origin.imported_at(start):
            continue
        for m in _FOUND.finditer(text, start, end):
            run = m.group()
            before = text[m.start() - 1] if m.start() > 0 else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if len(run) == 1 and run in _JOINERS and _joins(before, after, run):
                continue
            names = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in run))
            direction = any(c in _DIRECTION for c in run)
            yield Violation(
                Span(m.start(), m.end()),
                f"Invisible {'direction control' if direction else 'character'} {names} in text",
                Fix(
                    "Remove it",
                    (Edit.deletion(m.start(), m.end()),),
                    Applicability.UNSAFE if direction else Applicability.SAFE,
                ),
            )


RULE = Rule(
    code="AL108",
    name="invisible-character",
    severity=Severity.WARNING,
    fixability=Fixability.SOMETIMES_SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
