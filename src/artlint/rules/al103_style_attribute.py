"""AL103 style-attribute: an inline `style="..."` attribute left by a copy.

## What it does
Reads each `style` attribute in the body (outside Markdown code) one declaration at a time and
sorts the declarations into three kinds (artlint.parse.css):
- **residue**: the typography and spacing a copy carries along: `font-*`, `color`,
  `line-height`, `letter-spacing`, margins and padding (not `margin: auto`), `mso-*`, vendor
  prefixed text properties;
- **layout**: what places or shows things: `display`, flex and grid, sizes, positions,
  alignment, backgrounds, borders, `margin: auto` (and any property it does not know);
- **meaning**: what a reader would lose or newly see: hiding (`display: none`, zero size or
  opacity, off-screen, transparent or white text), a background image, struck-through, bold
  or italic text.

What it reports depends on where the markup came from (artlint.document.provenance):
- In **imported** markup (a feed post, an export, a clip) every style is reported.
- In **authored** markup (Markdown written by hand) a style is the author's intent and is not
  reported, unless it carries a copy's signature: an editor property (`mso-*`,
  `-webkit-text-*` ...: artlint.parse.signatures.RESIDUE_PROPERTY), a font stack copied from a
  portal or an office suite (`微软雅黑`, `Microsoft YaHei`, `-apple-system` ...), or five or
  more typography declarations at once (a computed style pasted whole). Then its residue is
  reported; its layout and meaning never are.

## Why is this bad
Copied inline styles override the site's theme (fonts, colours, spacing that break on phones)
and travel with the text into feeds, indexes and datasets.

## Example
```markdown
---
title: Example
artlint-provenance: imported
---
<p style="color: #333; font-size: 14px">Text.</p>
```

## Use instead
```markdown
---
title: Example
artlint-provenance: imported
---
<p>Text.</p>
```

## Fix safety
Safe when it removes residue only: a style of nothing but residue goes whole (with the space
before it); from a style that mixes residue with layout or meaning only the residue
declarations are removed, and the rest stays byte for byte. Unsafe when it would remove layout
(a chart's `height`, a banner's centring and background). What carries meaning is never
removed, even by `--unsafe-fixes`: a style that strikes, bolds or italicises text, or sets
its weight (`font-weight: normal` inside `<b>`), keeps those declarations, and one that holds
nothing else gets no fix (a person decides: `<del>`, `<strong>`, `<em>`, or nothing). A style
that hides its element is a hidden block: the
unsafe fix removes the element with its content rather than show what the page hid (often a
promo block).
"""

from __future__ import annotations

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
from artlint.parse.html import Attribute, Kind, Token, value_span
from artlint.parse.signatures import RESIDUE_FONT, RESIDUE_PROPERTY
from artlint.rules.base import NoOptions, Rule, snippet

_MEANING = frozenset(
    {
        "makes text bold",
        "makes text italic",
        "strikes text through",
        "sets the text's weight or slant",
    }
)
PASTED_TYPOGRAPHY = 5  # residue declarations in one style that only a pasted computed style has
_HIDES = "hides the element"


def _pasted(raw: str, decls: tuple[css.Declaration, ...]) -> bool:
    """Whether a style carries a copy's signature (see the module's documentation)."""
    if any(RESIDUE_PROPERTY.fullmatch(d.name) for d in decls):
        return True
    if sum(d.kind == css.RESIDUE for d in decls) >= PASTED_TYPOGRAPHY:
        return True
    return any(
        d.name.startswith("font")
        and RESIDUE_FONT.search(css.normalise(raw[d.start : d.end], attribute=True))
        for d in decls
    )


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    text = doc.text
    origin = doc.origin
    for tok in doc.markup.tokens_of(Kind.START_TAG):
        for attr in tok.attrs:
            if attr.name == "style":
                yield from _judge(doc, tok, attr, origin.imported_at(tok.start), text)


def _judge(
    doc: Document, tok: Token, attr: Attribute, imported: bool, text: str
) -> Iterator[Violation]:
    start, end = value_span(text, attr)
    raw = text[start:end]
    decls = css.declarations(raw)
    residue = [d for d in decls if d.kind == css.RESIDUE]
    kept = [d for d in decls if d.kind != css.RESIDUE]
    shown = snippet(text[attr.start : attr.end])
    whole = Edit.deletion(attr.space_start, attr.end)
    span = Span(attr.start, attr.end)
    if not imported:
        if residue and _pasted(raw, decls):
            names = ", ".join(d.name for d in residue)
            edits = (whole,) if not kept else _deletions(raw, decls, kept, start)
            title = "Remove the copied typography" + (f" ({names})" if kept else "")
            yield Violation(
                span, f"Copied editor typography `{shown}` on <{tok.name}>", Fix(title, edits)
            )
        return
    if not kept:
        yield Violation(
            span, f"Inline `{shown}` on <{tok.name}>", Fix("Remove the style attribute", (whole,))
        )
        return
    if residue:
        names = ", ".join(d.name for d in residue)
        edits = _deletions(raw, decls, kept, start)
        keeps = ", ".join(d.name for d in kept)
        yield Violation(
            span,
            f"Inline `{shown}` on <{tok.name}> (its layout stays: {keeps})",
            Fix(f"Remove the typography ({names})", edits),
        )
        return
    effects = [d.kind for d in kept if d.kind != css.LAYOUT]
    if _HIDES in effects:
        yield Violation(
            span,
            f"Inline `{shown}` on <{tok.name}> {_HIDES}: a hidden block",
            _remove_element(doc, tok),
        )
        return
    what = effects[0] if effects else "sets layout (" + ", ".join(d.name for d in kept) + ")"
    meaning = [d for d in kept if d.kind in _MEANING]
    if not meaning:
        fix = Fix(f"Remove the style attribute (it {what})", (whole,), Applicability.UNSAFE)
    elif len(meaning) < len(kept):
        # Even --unsafe-fixes keeps weight, slant and strike-through: `font-weight: normal`
        # inside <b> is what keeps a line from turning bold.
        names = ", ".join(d.name for d in kept if d not in meaning)
        edits = _deletions(raw, decls, meaning, start)
        fix = Fix(
            f"Remove the layout ({names}), keep what carries meaning", edits, Applicability.UNSAFE
        )
    else:
        fix = None  # a person decides: <strong>, <em>, <del>, or nothing
    yield Violation(span, f"Inline `{shown}` on <{tok.name}> {what}", fix)


def _deletions(
    raw: str, decls: tuple[css.Declaration, ...], kept: list[css.Declaration], start: int
) -> tuple[Edit, ...]:
    """Edits that delete every declaration but the `kept` ones (`start`: where `raw` begins
    in the text). Each run of deleted declarations goes with its own separator; a run at the
    end takes the separator of the kept declaration before it too, unless the style ended in
    `;`, so that `a: 1; b: 2` without `b` reads `a: 1`, not `a: 1; `."""
    edits = []
    run: list[css.Declaration] = []
    for d in (*decls, None):
        if d is not None and d not in kept:
            run.append(d)
            continue
        if run:
            cut, put = run[0].start, ""
            if d is None:  # the run ends the style
                before = [k for k in kept if k.end <= run[0].start]
                if before:
                    last = before[-1]
                    cut = last.start + len(raw[last.start : last.end].rstrip(" \t\r\n;"))
                    put = ";" if raw.rstrip(" \t\r\n").endswith(";") else ""
            edits.append(Edit(start + cut, start + run[-1].end, put))
            run = []
    return tuple(edits)


def _remove_element(doc: Document, tok: Token) -> Fix | None:
    element = doc.markup.element_at(tok.start)
    if element is None or element.end is None or element.close_start is None:
        return None  # never closed: where it ends is a guess
    edit = doc.deletion(Span(element.start, element.end))
    return Fix(f"Remove the hidden <{tok.name}> and its content", (edit,), Applicability.UNSAFE)


RULE = Rule(
    code="AL103",
    name="style-attribute",
    severity=Severity.WARNING,
    fixability=Fixability.SOMETIMES_SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
