"""AL101 leftover-comment: an HTML comment left in the article body.

## What it does
Reports HTML comments in the body outside Markdown code: template markers copied from news
pages (`<!-- 正文下iframe -->`, `<!-- news_keyword_pub,stock,sz300959 -->`), WordPress block
markers (`<!-- wp:paragraph -->`), commented-out promo blocks.

What it reports depends on where the markup came from (artlint.document.provenance). In **imported**
markup every comment is a leftover, but for the kept ones below. In **authored** markup a
comment is the author's (`<!-- markdown separator -->`, a dated editorial note, start and end
markers of a generated section, a theme's `<!-- tab -->`) unless it is one that only editors,
CMS templates and portals write (`<!--StartFragment-->`, `<!--[if gte mso 9]>`,
`<!-- wp:paragraph -->`, `<!-- 正文下iframe -->`, an empty `<!---->`: the one list is
artlint.parse.signatures.JUNK_COMMENT).

Comments that have a job are kept everywhere: the excerpt separators `<!-- more -->` and
`<!--more-->` (Hexo, Hugo, Jekyll, WordPress), WordPress's `<!--nextpage-->`,
table-of-contents markers (`<!-- toc -->`, `<!-- tocstop -->`), and directives of artlint,
markdownlint, prettier, textlint and Vale.

## Why is this bad
Readers never see them, but they ship in every page, leak the source site's internals, and
hide blocks of HTML that search indexes and dataset builders then pick up as text.

## Example
```markdown
---
title: Example
---
<p>First paragraph.</p>
<!-- 正文下iframe -->
<p>Second paragraph.</p>
```

## Use instead
```markdown
---
title: Example
---
<p>First paragraph.</p>
<p>Second paragraph.</p>
```

## Fix safety
Safe: a comment is invisible, so removing it changes nothing a reader sees. A comment that
stands alone on its line is removed with its line. Unsafe when the comment opens a line and
Markdown syntax follows it on that line (`<!-- ad --># Title`): the comment makes that line
raw HTML, and without it the `#` would become a heading. Unsafe when the comment contains another
`<!--`: then an earlier comment was left unclosed and runs on to a later comment's end, and
what lies between is most likely article text. Comments that never close are left alone
(they swallow the rest of the page, and removing one would remove the article).

## Options
- `keep`: regular expressions; a comment whose text (without `<!--`, `-->` and surrounding
  whitespace) fully matches one of them, ignoring case, is kept.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from artlint.document.article import Document
from artlint.model.diagnostics import Applicability, Fix, Fixability, Severity, Span, Violation
from artlint.parse.html import Kind, comment_text
from artlint.parse.signatures import junk_comment
from artlint.rules.base import Options as RuleOptions
from artlint.rules.base import Rule, snippet
from artlint.safe import patterns

DEFAULT_KEEP = (
    r"more(\s.*)?",
    r"nextpage",
    r"noteaser",
    r"/?toc(stop)?",
    r"omit in toc",
    r"(artlint|markdownlint|prettier|textlint)-.*",
    r"prettier-ignore",
    r"vale\s.*",
)


@dataclass(frozen=True)
class Options(RuleOptions):
    keep: tuple[str, ...] = DEFAULT_KEEP

    def validate(self) -> None:
        for pattern in self.keep:
            try:
                patterns.compile(pattern)
            except patterns.error as exc:
                raise ValueError(f"keep: bad regular expression {pattern!r}: {exc}") from exc


def _joined(keep: tuple[str, ...]) -> str:
    return "|".join(f"(?:{k})" for k in keep)


# The shipped list is artlint's own; a configured one runs under a time budget.
_DEFAULT_PATTERN = re.compile(_joined(DEFAULT_KEEP), re.IGNORECASE | re.DOTALL)


_MARKDOWN_SYNTAX = re.compile(r"[*_`#\[\]!|~]|^(?:>|[-+]\s|\d+[.)]\s)")
_TAGS = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>", re.DOTALL)


def _turns_markdown_on(doc: Document, start: int, end: int) -> bool:
    """A comment that opens a Markdown HTML block makes the rest of its last line raw HTML;
    once it is gone, Markdown syntax there (`# x`, `*y*`) would render differently."""
    if not doc.is_markdown:
        return False
    line_start, _ = doc.lines.bounds(start)
    if start - line_start > 3 or doc.text[line_start:start].strip(" "):
        return False
    _, line_end = doc.lines.bounds(end)
    rest = doc.text[end:line_end].strip()
    # HTML after the comment stays HTML; only Markdown syntax outside tags would change.
    return bool(_MARKDOWN_SYNTAX.search(rest) and _MARKDOWN_SYNTAX.search(_TAGS.sub("", rest)))


def check(doc: Document, options: Options) -> Iterator[Violation]:
    keep: re.Pattern[str] | patterns.Guarded = _DEFAULT_PATTERN
    if options.keep is not DEFAULT_KEEP:
        keep = patterns.Guarded(_joined(options.keep), patterns.IGNORECASE | patterns.DOTALL)
    text = doc.text
    origin = doc.origin
    for tok in doc.markup.tokens_of(Kind.COMMENT):
        if not tok.closed:
            continue
        raw = text[tok.start : tok.end]
        inner = comment_text(raw)
        if inner.startswith("artlint-") or (options.keep and keep.fullmatch(inner)):
            continue  # artlint's own directives are never leftovers
        if not origin.imported_at(tok.start) and not junk_comment(inner):
            continue  # the author's own comment
        span = Span(tok.start, tok.end)
        message = f"Leftover HTML comment `{snippet(raw)}`"
        if "<!--" in raw[4:]:
            message += " (it contains another `<!--`: text may be hidden in it)"
            fix = Fix("Remove the comment", (doc.deletion(span),), Applicability.UNSAFE)
        elif _turns_markdown_on(doc, tok.start, tok.end):
            message += " (Markdown after it on its line would start rendering)"
            fix = Fix("Remove the comment", (doc.deletion(span),), Applicability.UNSAFE)
        else:
            fix = Fix("Remove the comment", (doc.deletion(span),))
        yield Violation(span, message, fix)


RULE = Rule(
    code="AL101",
    name="leftover-comment",
    severity=Severity.WARNING,
    fixability=Fixability.SOMETIMES_SAFE,
    doc=__doc__ or "",
    check=check,
    options=Options,
)
