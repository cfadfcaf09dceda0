"""AL111 mojibake: text whose encoding was read wrongly on the way in.

## What it does
Reports runs of text in the body (outside tags and code) that are another encoding's bytes read
as Windows-1252 or Latin-1, and gives the repaired text:
- UTF-8 read as Windows-1252: `ä¸­æ–‡` for `中文`, `rÃ©flexion` for `réflexion`, `â€™` for
  `’`. The run must decode as UTF-8 exactly, which ordinary accented text never does (`é`
  alone, `créée`, `Übergröße` are not UTF-8 byte sequences).
- GBK read as Latin-1: `ÖÐÎÄ` for `中文`. Two accented letters can happen to be one GBK
  character (`éé` in `créée`), so only a run of at least four such characters, not touching a
  Latin letter, that decodes to Chinese characters and nothing else, most of them common ones
  (as running text is), is reported.

Any provenance: mojibake is broken everywhere.

## Why is this bad
Readers see gibberish where the article had words; search and translation see it too.

## Example
```markdown
---
title: Example
---
Le mot Ã©tÃ© et ä¸­æ–‡.
```

## Use instead
```markdown
---
title: Example
---
Le mot été et 中文.
```

## Fix safety
Unsafe: the repaired text replaces what readers see now. The repair is exact when the guess
of the encoding is right; a person should read the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import (
    Applicability,
    Aspect,
    Edit,
    Fix,
    Fixability,
    Severity,
    Span,
    Violation,
)
from artlint.rules.base import NoOptions, Rule, snippet

# Characters that Windows-1252 or Latin-1 give for bytes 0x80-0xFF (the C1 controls are
# Latin-1's, the rest Windows-1252's).
_HIGH = (
    "\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
# A candidate: a run of such characters, with the ASCII letters around it (`rÃ©flexion`).
_CANDIDATE = re.compile(rf"[A-Za-z]*(?:[{_HIGH}]+[A-Za-z]*)+")
_LEAD = "\u00c2-\u00f4"  # the first character of a UTF-8 multi-byte sequence, as Windows-1252
_UTF8_LEAD = re.compile(rf"[{_LEAD}]")
_GBK_RUN = re.compile(rf"(?<![A-Za-z])[{_HIGH}]{{4,}}(?![A-Za-z])")
_HAN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")
# What any finding needs somewhere in the text: a lead character of a UTF-8 sequence read
# as Windows-1252, or four such characters in a row (GB2312 read as Latin-1). Chinese text
# has “quotes” and …, which are candidates too: one search over the text spares walking
# every text run of an article that cannot hold mojibake.
_POSSIBLE = re.compile(rf"[{_LEAD}]|[{_HIGH}]{{4,}}")


def _as_bytes(run: str) -> bytes | None:
    out = bytearray()
    for ch in run:
        for codec in ("cp1252", "latin-1"):
            try:
                out += ch.encode(codec)
                break
            except UnicodeEncodeError:
                continue
        else:
            return None
    return bytes(out)


def _utf8(run: str) -> str | None:
    """`run` repaired, when it is UTF-8 read as Windows-1252 and holds at least one
    multi-byte character."""
    if not _UTF8_LEAD.search(run):
        return None
    raw = _as_bytes(run)
    if raw is None or raw.isascii():
        return None
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if fixed != run else None


def _gbk(run: str) -> str | None:
    """`run` repaired, when it is GB2312 text read as Latin-1: every byte pair in GB2312's
    range, and most of them among its 3,755 common characters or its punctuation (lead bytes
    0xA1-0xA3, 0xB0-0xD7), as running Chinese text is. Accented letters read as GBK land
    elsewhere (`àé` is 0xE0E9)."""
    raw = _as_bytes(run)
    if raw is None or len(raw) % 2 or any(b < 0xA1 or b == 0xFF for b in raw):
        return None
    leads = raw[::2]
    common = sum(0xA1 <= b <= 0xA3 or 0xB0 <= b <= 0xD7 for b in leads)
    if common * 4 < len(leads) * 3:
        return None
    try:
        fixed = raw.decode("gbk")
    except UnicodeDecodeError:
        return None
    return fixed if _HAN.fullmatch(fixed) else None


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    text = doc.text
    if text.isascii() or not _POSSIBLE.search(text):
        return
    for start, end in doc.markup.text_runs:
        if doc.regions.in_code(start):
            continue
        for m in _CANDIDATE.finditer(text, start, end):
            fixed = _utf8(m.group())
            span = Span(m.start(), m.end())
            if fixed is None:
                g = _GBK_RUN.search(m.group())
                fixed = _gbk(g.group()) if g is not None else None
                if fixed is None or g is None:
                    continue
                span = Span(m.start() + g.start(), m.start() + g.end())
            found = text[span.start : span.end]
            yield Violation(
                span,
                f"Mojibake `{snippet(found)}`: it reads `{snippet(fixed)}`",
                Fix(
                    "Repair the text",
                    (Edit(span.start, span.end, fixed),),
                    Applicability.UNSAFE,
                    frozenset({Aspect.TEXT}),
                ),
            )


RULE = Rule(
    code="AL111",
    name="mojibake",
    severity=Severity.WARNING,
    fixability=Fixability.UNSAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
