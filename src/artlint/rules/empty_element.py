"""AL104 empty-element: an element with no content and no meaning.

## What it does
Reports elements in the body (outside Markdown code) that hold nothing a reader sees and mean
nothing by being there: `<span></span>`, `<p>　</p>`, `<p>&nbsp;</p>`, `<div> </div>`.
Whitespace includes no-break (U+00A0, `&nbsp;`), ideographic (U+3000) and zero-width spaces.

Never reported: elements that show something without content (`img`, `br`, `hr`, `iframe`,
media, `canvas`, `svg`, a background image), table cells and rows and list items (removing
them shifts the table or renumbers the list), icon elements
(`<i class="...">`), elements with an `id` or `name` (they may be link targets), elements with
`data-*` attributes (placeholders that scripts fill, such as gist embeds), anything inside
`<pre>` or `<code>` (code, even when its markup was not escaped), and elements with child
elements (their children are judged on their own; once they are removed, the parent is
reported in the next round).

## Why is this bad
Scraped pages and editors leave spacer paragraphs and placeholders behind; they add blank
space in the page and noise in every tool that reads the HTML.

## Example
```markdown
<p>Text.</p>
<p>&nbsp;</p>
<p>More <span class="img_descr"></span>text.</p>
```

## Use instead
```markdown
<p>Text.</p>
<p>More text.</p>
```

## Fix safety
Safe: the element shows nothing. An element standing alone on its line is removed with it.
"""

from collections.abc import Iterator

from artlint import css
from artlint.diagnostics import Edit, Fix, Fixability, Severity, Span, Violation
from artlint.document import Document
from artlint.elements import Element, is_blank_markup
from artlint.html import Kind
from artlint.rule import NoOptions, Rule

_MEANINGFUL = frozenset(
    {"img", "br", "hr", "iframe", "video", "audio", "canvas", "svg", "object", "embed"}
    | {"td", "th", "tr", "thead", "tbody", "tfoot", "col", "colgroup", "textarea", "i", "li"}
    | {"script", "style", "template", "slot", "input", "select", "button", "picture"}
)


def _inside_code(elements: tuple[Element, ...], element: Element) -> bool:
    parent = element.parent
    while parent is not None:
        if elements[parent].name in ("pre", "code"):
            return True
        parent = elements[parent].parent
    return False


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    text = doc.text
    tokens = doc.tokens
    starts = {t.start: i for i, t in enumerate(tokens) if t.kind is Kind.START_TAG}
    elements = doc.elements
    for element in elements:
        if element.close_start is None or element.end is None or element.name in _MEANINGFUL:
            continue
        inner = text[element.open_end : element.close_start]
        if "<" in inner or not is_blank_markup(inner):
            continue  # children (even a comment) or something to see
        tag = tokens[starts[element.start]]
        if any(a.name in ("id", "name") or a.name.startswith("data-") for a in tag.attrs):
            continue
        style = tag.attr("style")
        if style is not None and css.effect(style.value) == "shows a background image":
            continue
        if _inside_code(elements, element):
            continue
        if element.end == element.close_start:
            continue  # closed implicitly by an outer end tag: leave it to a person
        span = Span(element.start, element.end)
        edit = doc.deletion(span)
        before = text[element.start - 1 : element.start]
        after = text[element.end : element.end + 1]
        if inner and (before and not before.isspace()) and (after and not after.isspace()):
            # `foo<span> </span>bar`: the space inside is the only space between the words.
            edit = Edit(element.start, element.end, " ")
        yield Violation(
            span,
            f"Empty <{element.name}> element",
            Fix(f"Remove the empty <{element.name}>", (edit,)),
        )


RULE = Rule(
    code="AL104",
    name="empty-element",
    summary="Element with no content and no meaning",
    severity=Severity.WARNING,
    fixability=Fixability.SAFE,
    doc=__doc__ or "",
    check=check,
)
