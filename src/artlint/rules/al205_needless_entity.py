"""AL205 needless-entity: a character reference for a character that needs no escaping.

## What it does
Reports, in body text outside Markdown code, numeric references such as `&#8217;` (’),
`&#26032;` (新), `&#123;` (`{`), and `&#x20;` between two letters, where the character itself
can be written and means the same. Named references (`&hellip;`, `&mdash;`) are readable and
often written on purpose; they are reported only with the `named` option.

Never reported, because the reference does a job where it stands:
- `&lt; &gt; &amp; &quot;`, and every reference to an ASCII punctuation character, which
  Markdown or HTML may read as markup (`&#42;` for a `*` that would start emphasis, `&#35;`
  for a `#` that would start a heading);
- references next to an emphasis or code delimiter (`*`, `_`, `~`, a backtick): decoding
  changes whether the delimiter opens or closes, which is why Markdown converters write
  `&#x20;**bold**&#x20;`;
- `&#x20;` anywhere but between two letters or digits, and an ASCII letter or digit at the
  start of a line (`&#49;.` keeps a line from becoming a list);
- invisible characters: no-break and other spaces, joiners, direction marks, soft hyphens;
- a brace that would form template syntax with its neighbours (see Fix safety).

## Why is this bad
The source is harder to read and to search, and tools that do not decode references (search
indexes, feed readers, dataset builders) see codes instead of words.

## Example
```markdown
<p>It&#8217;s &#26032;: a&#x20;b &hellip;</p>
```

## Use instead
```markdown
<p>It’s 新: a b &hellip;</p>
```

## Options
- `named` (default false): also report named references such as `&mdash;`.

## Fix safety
Safe: the reference is replaced by its character. The fix never creates template syntax:
Nunjucks (Hexo), Liquid (Jekyll) and Hugo read `{{`, `{%` and `{#` even inside HTML, which is
why feed generators escape every brace. Where decoding would form such a pair, the first brace
stays encoded and the rest is decoded: `&#123;&#123; msg &#125;&#125;` becomes
`&#123;{ msg }}`, and the kept brace is not reported.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from artlint.document.article import Document
from artlint.model.diagnostics import Edit, Fix, Fixability, Severity, Span, Violation
from artlint.parse import entities
from artlint.parse.html import Kind
from artlint.rules.base import Options as RuleOptions
from artlint.rules.base import Rule

_DELIMITERS = frozenset("*_~`")


@dataclass(frozen=True)
class Options(RuleOptions):
    named: bool = False


_VISIBLE = re.compile(r"\S")
_VARIATION = re.compile(r"&#(?:x[fF][eE]0[eEfF]|6503[89]);|\ufe0e|\ufe0f")


def _needless(doc: Document, start: int, end: int, ch: str) -> bool:
    text = doc.text
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if _VARIATION.match(text, end):
        return False  # `&#x21a9;&#xfe0e;`: the pair is written as one unit
    if before in _DELIMITERS or after in _DELIMITERS:
        return False
    if ch in "{}":
        return True
    if ch == " ":
        return before.isalnum() and after.isalnum()
    if ch.isascii():
        if not ch.isalnum():
            return False
        # Something stands before it on its line (by bisection and a search that stops at the
        # first character: scanning back per reference was quadratic on a one-line body).
        return _VISIBLE.search(text, doc.lines.bounds(start)[0], start) is not None
    return not entities.is_invisible(ch)


def check(doc: Document, options: Options) -> Iterator[Violation]:
    text = doc.text
    candidates: list[tuple[int, int, str]] = []
    for tok in doc.markup.tokens_of(Kind.ENTITY):
        if not tok.name.endswith(";"):
            continue
        ref = entities.parse(tok.name)
        if ref is None or ref.value is None or len(ref.value) != 1:
            continue
        if ref.name is not None and not options.named:
            continue
        if _needless(doc, tok.start, tok.end, ref.value):
            candidates.append((tok.start, tok.end, ref.value))
    for start, end, value in entities.brace_plan(text, candidates):
        shown = "a space" if value == " " else f"`{value}`"
        yield Violation(
            Span(start, end),
            f"`{text[start:end]}` needs no escaping: write {shown}",
            Fix("Write the character", (Edit(start, end, value),)),
        )


RULE = Rule(
    code="AL205",
    name="needless-entity",
    severity=Severity.INFO,
    fixability=Fixability.SAFE,
    doc=__doc__ or "",
    check=check,
    options=Options,
)
