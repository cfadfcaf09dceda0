"""AL104 empty-element: an element with no content and no meaning.

## What it does
Reports elements in the body (outside Markdown code) that hold nothing a reader sees and mean
nothing by being there: `<span></span>`, `<p>　</p>`, `<p>&nbsp;</p>`, `<div> </div>`.
Whitespace includes no-break (U+00A0, `&nbsp;`), ideographic (U+3000) and zero-width spaces.

Never reported, whatever the provenance: the elements of artlint.parse.elements.NEVER_EMPTY (media
and widgets such as `img`, `iframe`, `video`, `canvas`, `svg`, `<progress>`, `<meter>`,
`<textarea>`; table cells, rows and list items, which hold a table's or a list's shape; icons
`<i class="...">`; forms and scripts), anything inside `<svg>`, `<math>`, `<pre>` or `<code>`,
links and named anchors (`<a>`), elements whose `id` or `name` a link in the article points
to, and elements with a background image. An element that holds only empty elements and
blanks is empty as a whole and reported once, as the outermost of the nest
(`<p><span></span></p>`), unless one of them takes space (its style sets layout). A list
whose items hold only blanks and `<br>` (`<ol><li><br></li></ol>`, which shows a bare "1.") is
empty as a whole; such an item in a list with others stays.

Provenance (artlint.document.provenance) decides the rest:
- In **imported** markup an empty element is junk even when it carries the source site's hooks
  (`<div class="video-2017" id="videoList0"></div>`, `<div data-v-78c9b824></div>`): the
  scripts that filled them stayed on the source site.
- In **authored** markup an empty element is the author's (a chart container a script fills,
  a clearing `<div class="clear">`, a spacer) and is not reported, unless its tag carries a
  copy's signature (artlint.parse.signatures.markup_signature, such as `<o:p>` or a portal class).

## Why is this bad
Scraped pages and editors leave spacer paragraphs and placeholders behind; they add blank
space in the page and noise in every tool that reads the HTML.

## Example
```markdown
---
title: Example
artlint-provenance: imported
---
<p>Text.</p>
<p>&nbsp;</p>
<p>More <span class="img_descr"></span>text.</p>
```

## Use instead
```markdown
---
title: Example
artlint-provenance: imported
---
<p>Text.</p>
<p>More text.</p>
```

## Fix safety
Safe: the element shows nothing. An element standing alone on its line is removed with it.
Unsafe when its style sets layout (`height`, `width`, `display` ...): it shows nothing, but it
takes space on the page.
"""

from __future__ import annotations

import re
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
from artlint.parse import css
from artlint.parse.elements import (
    NEVER_EMPTY,
    NEVER_EMPTY_INSIDE,
    Element,
    inside_any,
    is_blank_markup,
)
from artlint.parse.html import Kind, Token
from artlint.parse.signatures import markup_signature
from artlint.rules.base import NoOptions, Rule

_FRAGMENT_LINK = re.compile(r"""href\s*=\s*["']?#([^"'\s>]+)""", re.IGNORECASE)


def _kept(tag: Token, targets: frozenset[str], imported: bool, text: str) -> bool:
    """Whether the element's tag says it is there on purpose."""
    if tag.name == "a":
        return True  # a link, or a named anchor that other pages may point to
    for a in tag.attrs:
        if a.name in ("id", "name") and (a.value or "") in targets:
            return True
        if not imported and (a.name in ("id", "name") or a.name.startswith("data-")):
            return True
    style = tag.attr("style")
    if style is not None and css.effect(style.value) == "shows a background image":
        return True
    return not imported and markup_signature(tag, text) is None


def _layout(tag: Token) -> str:
    style = tag.attr("style")
    if style is None or not style.value:
        return ""
    decls = css.declarations(style.value)
    return ", ".join(d.name for d in decls if d.kind != css.RESIDUE)


def _empties(doc: Document) -> dict[int, str]:
    """Index of each element that shows nothing -> the layout its style sets ("" for none).

    An element holding only such elements (and blanks) shows nothing either, provided none
    of them takes space: `<p><span></span></p>` is empty as a whole. Judged children first
    (they come after their parent), so a nest of any depth is one finding, not one round of
    fixes per level."""
    text = doc.text
    tokens = doc.markup.tokens
    starts = {t.start: i for i, t in enumerate(tokens) if t.kind is Kind.START_TAG}
    elements = doc.markup.elements
    origin = doc.origin
    children: dict[int, list[int]] = {}
    for i, element in enumerate(elements):
        if element.parent is not None:
            children.setdefault(element.parent, []).append(i)
    targets: frozenset[str] | None = None
    inside_kept = inside_any(elements, NEVER_EMPTY_INSIDE)
    empty: dict[int, str] = {}
    blank_items: set[int] = set()  # judged only as part of their list
    for i in range(len(elements) - 1, -1, -1):
        element = elements[i]
        if element.name == "li" and _blank_item(doc, element, children.get(i, [])):
            blank_items.add(i)
            continue
        if element.close_start is None or element.end is None or element.name in NEVER_EMPTY:
            continue
        if element.end == element.close_start:
            continue  # closed implicitly by an outer end tag: leave it to a person
        inner = text[element.open_end : element.close_start]
        if "<" in inner:
            kids = children.get(i, [])
            if any(empty.get(k) != "" and k not in blank_items for k in kids):
                continue  # a child that shows something, or takes space
            pieces, pos = [], element.open_end
            for k in kids:
                kid = elements[k]
                assert kid.end is not None  # empty children are closed
                pieces.append(text[pos : kid.start])
                pos = kid.end
            pieces.append(text[pos : element.close_start])
            inner = "".join(pieces)
            if "<" in inner:
                continue  # a comment or a tag that is not an element of its own
        if not is_blank_markup(inner):
            continue
        if targets is None:
            targets = frozenset(m.group(1) for m in _FRAGMENT_LINK.finditer(text))
        tag = tokens[starts[element.start]]
        if _kept(tag, targets, origin.imported_at(element.start), text):
            continue
        if inside_kept[i]:
            continue
        empty[i] = _layout(tag)
    return empty


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _blank_item(doc: Document, item: Element, kids: list[int]) -> bool:
    """A list item holding nothing but blanks and line breaks (`<li><br></li>`, what editors
    leave when a list is emptied). Alone it keeps its list's shape; a list of only such items
    shows a bare "1." and is empty as a whole."""
    if item.close_start is None or item.end is None or item.close_start == item.end:
        return False
    if any(doc.markup.elements[k].name != "br" for k in kids):
        return False
    inner = _BREAK.sub("", doc.text[item.open_end : item.close_start])
    return "<" not in inner and is_blank_markup(inner)


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    text = doc.text
    elements = doc.markup.elements
    empty = _empties(doc)
    for i in sorted(empty):
        element = elements[i]
        if element.parent in empty and empty[element.parent] == "":
            continue  # removed with its parent
        assert element.end is not None and element.close_start is not None
        span = Span(element.start, element.end)
        edit = doc.deletion(span)
        inner = text[element.open_end : element.close_start]
        before = text[element.start - 1 : element.start]
        after = text[element.end : element.end + 1]
        if inner and (before and not before.isspace()) and (after and not after.isspace()):
            # `foo<span> </span>bar`: the space inside is the only space between the words.
            edit = Edit(element.start, element.end, " ")
        holding = " (it holds only empty elements)" if "<" in inner else ""
        layout = empty[i]
        if layout:
            # `<div style="height:20px"></div>` shows nothing but takes space: a spacer to a
            # copy, a chart's box to an author.
            yield Violation(
                span,
                f"Empty <{element.name}> element{holding} (its style sets {layout})",
                Fix(f"Remove the empty <{element.name}>", (edit,), Applicability.UNSAFE),
            )
            continue
        yield Violation(
            span,
            f"Empty <{element.name}> element{holding}",
            Fix(f"Remove the empty <{element.name}>", (edit,)),
        )


RULE = Rule(
    code="AL104",
    name="empty-element",
    severity=Severity.WARNING,
    fixability=Fixability.SOMETIMES_SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
