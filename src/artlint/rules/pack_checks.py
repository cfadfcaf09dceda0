"""What a pack rule of each kind finds and how it fixes it (comment, selector, line, text,
attribute, field), and the scope every kind shares: imported markup only, unless `scope: any`.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from artlint.document.article import Document
from artlint.model.diagnostics import (
    Applicability,
    Aspect,
    Edit,
    Fix,
    Span,
    Violation,
)
from artlint.parse import elements
from artlint.parse.html import Kind, comment_text, value_span

if TYPE_CHECKING:
    from artlint.rules.packs import Spec


def scoped(spec: Spec, doc: Document, options: object) -> Iterator[Violation]:
    """A pack rule names one family of sites' furniture: it fires in imported markup only
    (artlint.document.provenance), unless it says `scope: any`. (A pack rule has no options:
    `options` is the check's signature, NoOptions.)"""
    found = _CHECKS[spec.kind](spec, doc)
    if spec.scope == "any":
        yield from found
        return
    origin = doc.origin
    for v in found:
        if origin.imported_at(v.span.start):
            yield v


GROUP = re.compile(r"\\(\d+)|\\g<(\w+)>")


def _expand(
    m: Any,
    template: str,
    transform: str | None,
    prepare: Callable[[str], str] = str,
) -> str:
    """`template` with the match's groups in it; `transform` applies to the groups only."""

    def group(g: re.Match[str]) -> str:
        key: int | str = int(g.group(1)) if g.group(1) else g.group(2)
        value = prepare(m.group(key) or "")
        return _url_decode(value) if transform == "url-decode" else value

    return GROUP.sub(group, template)


def _url_decode(url: str) -> str:
    """Undo the percent-encoding a redirect wrapper added, but keep encoded what would end a
    Markdown link or an unquoted attribute (spaces, parentheses, quotes, angle brackets)."""
    return urllib.parse.quote(urllib.parse.unquote(url), safe="/:?#[]@!$&*+,;=%~-._")


def _applicability(spec: Spec, shows_nothing: bool) -> Applicability:
    return Applicability.SAFE if spec.safe and shows_nothing else Applicability.UNSAFE


def _check_comment(spec: Spec, doc: Document) -> Iterator[Violation]:
    pattern = spec.regex("pattern")
    for tok in doc.markup.tokens_of(Kind.COMMENT):
        if tok.closed:
            inner = comment_text(doc.text[tok.start : tok.end])
            if pattern.search(inner):
                span = Span(tok.start, tok.end)
                fix = Fix(
                    f"Remove: {spec.message}", (doc.deletion(span),), _applicability(spec, True)
                )
                yield Violation(span, spec.message, fix)


def _check_selector(spec: Spec, doc: Document) -> Iterator[Violation]:
    hits = doc.markup.select(spec.settings["selector"])
    text = doc.text
    for offset in hits:
        element = doc.markup.element_at(offset)
        if element is None or element.end is None:
            continue
        span = Span(element.start, element.end)
        if spec.action == "unwrap":
            if element.close_start is None or element.close_start == element.end:
                continue
            edits = (
                Edit.deletion(element.start, element.open_end),
                Edit.deletion(element.close_start, element.end),
            )
            fix = Fix(
                f"Unwrap: {spec.message}",
                edits,
                _applicability(spec, True),
                frozenset({Aspect.LINKS}),  # unwrapping an <a> drops its link, on purpose
            )
        else:
            blank = elements.is_blank_markup(text[element.start : element.end])
            fix = Fix(f"Remove: {spec.message}", (doc.deletion(span),), _applicability(spec, blank))
        yield Violation(span, spec.message, fix)


def _check_line(spec: Spec, doc: Document) -> Iterator[Violation]:
    search = spec.regex("pattern").search
    text = doc.text
    # Every line of every article passes here: the cheap test (the pattern) comes first.
    for start, end in doc.lines.following(doc.body.start):
        if search(text, start, end) is None:
            continue
        if doc.regions.in_code(start) or doc.regions.in_code(max(start, end - 1)):
            continue
        span = Span(start, end)
        blank = elements.is_blank_markup(text[start:end])
        fix = Fix(f"Remove: {spec.message}", (doc.deletion(span),), _applicability(spec, blank))
        yield Violation(span, spec.message, fix)


def _check_text(spec: Spec, doc: Document) -> Iterator[Violation]:
    pattern = spec.regex("pattern")
    for start, end in doc.regions.code_gaps:
        for m in pattern.finditer(doc.text, start, end):
            if m.end() == m.start():
                continue
            replacement = _expand(m, spec.settings["replace"], spec.settings.get("transform"))
            fix = Fix(
                f"Replace: {spec.message}",
                (Edit(m.start(), m.end(), replacement),),
                _applicability(spec, True),
                frozenset({Aspect.TEXT, Aspect.LINKS}),
            )
            yield Violation(Span(m.start(), m.end()), spec.message, fix)


def _check_attribute(spec: Spec, doc: Document) -> Iterator[Violation]:
    name = spec.regex("attribute")
    value = spec.regex("value") if "value" in spec.settings else None
    for tok in doc.markup.tokens_of(Kind.START_TAG):
        for attr in tok.attrs:
            if not name.fullmatch(attr.name):
                continue
            m = value.search(attr.value or "") if value is not None else None
            if value is not None and m is None:
                continue
            span = Span(attr.start, attr.end)
            if spec.action == "rewrite" and m is not None and attr.value is not None:
                # The value as written may hold references; the new one fits any quoting.
                transform = spec.settings.get("transform")
                new = html.escape(_expand(m, spec.settings["rewrite"], transform, html.unescape))
                start = value_span(doc.text, attr)[0] + m.start()
                edit = Edit(start, start + (m.end() - m.start()), new)
                fix = Fix(
                    f"Rewrite: {spec.message}",
                    (edit,),
                    _applicability(spec, True),
                    frozenset({Aspect.LINKS, Aspect.IMAGES}),
                )
            else:
                edit = Edit.deletion(attr.space_start, attr.end)
                # Removing where a link or an image points removes the link or the image.
                shows = attr.name in ("href", "src", "srcset")
                fix = Fix(
                    f"Remove: {spec.message}",
                    (edit,),
                    _applicability(spec, not shows),
                    frozenset({Aspect.LINKS, Aspect.IMAGES}),
                )
            yield Violation(span, spec.message, fix)


def _check_field(spec: Spec, doc: Document) -> Iterator[Violation]:
    fm = doc.header.parsed
    if fm is None:
        return
    must = spec.regex("must-match") if "must-match" in spec.settings else None
    must_not = spec.regex("must-not-match") if "must-not-match" in spec.settings else None
    for key in fm.keys:
        if key.name != spec.settings["field"] or not isinstance(key.parsed, str):
            continue
        bad = (must is not None and not must.search(key.parsed)) or (
            must_not is not None and must_not.search(key.parsed)
        )
        if bad:
            yield Violation(key.value, f"{spec.message} (`{key.name}: {key.parsed}`)")


_CHECKS: Mapping[str, Callable[[Spec, Document], Iterator[Violation]]] = {
    "comment": _check_comment,
    "selector": _check_selector,
    "line": _check_line,
    "text": _check_text,
    "attribute": _check_attribute,
    "field": _check_field,
}
