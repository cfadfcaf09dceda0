"""AL401 missing-field: a required front-matter key is absent.

## What it does
Reports an article whose front matter lacks a required key (by default `title` and `date`).
`date` is not required when the file's path carries one (`2022-04-01-slug.md`,
`2022/04/01/slug.md`), as Jekyll and Hexo read it from there, or when a `path`, `permalink`,
`url` or `slug` key does (`path = "2016/04/19/mir"`, as Zola sites write). A file with no
front matter at all gets one finding, not one per key.
A front matter that cannot be parsed is AL002's business, not this rule's.

What counts as required follows the site generator (artlint.document.generator): only **posts**
need a
`date` (Hexo's `source/_posts`, Jekyll's `_posts`, Hugo's and Zola's `content/posts` or
`content/blog`, MkDocs' blog, Docusaurus' `blog/`; every article when no generator is known);
**pages** (a Hexo page, a Jekyll page, a docs page, a landing page) need only the keys of
`required_pages` (none by default: a generator titles them from their file, their heading or
their layout). Where the generator titles a post by its first heading (MkDocs, Docusaurus) a
`# Heading` is its title. Section pages (`_index.md`) and redirect stubs (`redirect_to`,
`redirect`, `external_url`) need nothing. A file without front matter is not an article when
it is HTML, or where the generator treats it as a plain file or a page titled by its heading
(Jekyll copies it as it is).

## Why is this bad
Without a title the page, the feed entry and the browser tab are blank or show the file
name; without a date the article sorts wrongly or takes the build time.

## Example
```markdown
---
tags: [news]
---
Body.
```

## Use instead
```markdown
---
title: Council opens night bus line
date: 2024-04-12
tags: [news]
---
Body.
```

## Fix safety
No fix: the values are for a person to write.

## Options
- `required`: the keys every post must have (default `["title", "date"]`; set with
  `[metadata] required`).
- `required_pages`: the keys every page must have (default none; set with
  `[metadata] required-pages`).
"""

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from artlint.document.article import Document
from artlint.document.generator import LAYOUTS, article_kind
from artlint.model.diagnostics import Fixability, Severity, Span, Violation
from artlint.rules.base import Metadata, Rule
from artlint.rules.base import Options as RuleOptions

_DATED = re.compile(r"(?<!\d)\d{4}[-/]\d{2}[-/]\d{2}(?!\d)")
_DATED_KEYS = ("path", "permalink", "url", "slug")


@dataclass(frozen=True)
class Options(RuleOptions):
    required: tuple[str, ...] = ("title", "date")
    required_pages: tuple[str, ...] = ()


def _dated(doc: Document) -> bool:
    if _DATED.search(os.path.abspath(doc.path).replace(os.sep, "/")):
        return True
    fm = doc.header.front_matter
    return fm is not None and any(
        isinstance(fm.data.get(k), str) and _DATED.search(fm.data[k]) for k in _DATED_KEYS
    )


_STUB_KEYS = ("redirect_to", "redirect", "external_url")
_HEADING = re.compile(r"^ {0,3}# +\S", re.MULTILINE)


def required_keys(doc: Document, options: Options) -> tuple[str, ...]:
    """The keys this article must have, after what its path and its kind provide."""
    kind = article_kind(doc.path, doc.generator)
    fm = doc.header.front_matter
    data = fm.data if fm is not None else {}
    if kind == "section" or any(k in data for k in _STUB_KEYS):
        return ()
    if kind == "page":
        return options.required_pages
    layout = LAYOUTS.get(doc.generator, LAYOUTS["none"])
    dated = "date" in options.required and _dated(doc)
    titled = layout.title_from_heading and bool(
        _HEADING.search(doc.text, doc.body.start, doc.body.end)
    )
    return tuple(
        k for k in options.required if not (k == "date" and dated) and not (k == "title" and titled)
    )


def check(doc: Document, options: Options) -> Iterator[Violation]:
    required = required_keys(doc, options)
    if not required or doc.header.error is not None:
        return
    fm = doc.header.front_matter
    if fm is None:
        layout = LAYOUTS.get(doc.generator, LAYOUTS["none"])
        if not layout.needs_front_matter or not doc.is_markdown:
            return  # a plain file to this generator, or an HTML file: not an article
        names = ", ".join(f"`{k}`" for k in required)
        verb = "is" if len(required) == 1 else "are"
        yield Violation(Span(0, 0), f"No front matter: the required {names} {verb} missing")
        return
    where = doc.header.opener
    for key in required:
        if key not in fm.data:
            yield Violation(where, f"Front matter has no `{key}`")


def from_metadata(options: Options, metadata: Metadata) -> Options | None:
    """`[metadata] required` and `required-pages`."""
    required = metadata.strings("required")
    pages = metadata.strings("required-pages")
    if required is None and pages is None:
        return None
    return replace(
        options,
        required=options.required if required is None else required,
        required_pages=options.required_pages if pages is None else pages,
    )


RULE = Rule(
    code="AL401",
    name="missing-field",
    severity=Severity.WARNING,
    fixability=Fixability.NONE,
    doc=__doc__ or "",
    check=check,
    options=Options,
    metadata=from_metadata,
    metadata_keys=("required", "required-pages"),
)
