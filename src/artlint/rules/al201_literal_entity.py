"""AL201 literal-entity: references where nothing decodes them, so they break or show.

## What it does
Reports character references in two places where they are not decoded:
- inside `<style>` and `<script>` (and the other raw-text elements): browsers do not decode
  references there, so `.box&#123;float:left&#125;` is broken CSS;
- inside Markdown code (fenced and indented blocks, code spans, `{% codeblock %}`), where the
  reader sees `&#123;` instead of `{`.

Only evident damage is reported: the element or code block shows the escape-everything
signature of feed generators, that is it holds `&#123;`/`&#125;` but no literal brace, or
`&lt;`/`&gt;` but no literal `<`/`>`. A tutorial that shows `&amp;amp;` or `&#123;` on
purpose next to literal characters is left alone, and so is a code span that holds nothing
but references (`` `&#123;` `` names the reference). One finding is made per element or block.

In **authored** markup (artlint.document.provenance) code that escapes only `<` and `>` is the
author's: documentation of HTML escaping shows `&lt;nil&gt;` on purpose. There only braces written
as references (`&#123;`), which nobody writes by hand in code, count as damage.

## Why is this bad
The CSS or script does not work, and code samples cannot be copied.

## Example
```markdown
Run it:

    if (a &lt; b) &#123; swap(a, b); &#125;
```

## Use instead
```markdown
Run it:

    if (a < b) { swap(a, b); }
```

## Fix safety
Safe: every reference in the element or block is decoded in place. Decoding never forms
template syntax (`{{`, `{%`, `{#`, which Jekyll reads even inside code): where it would, the
first brace of the pair stays encoded, as AL205 does.
"""

from collections.abc import Iterator

from artlint.document.article import Document
from artlint.model.diagnostics import Aspect, Edit, Fix, Fixability, Severity, Span, Violation
from artlint.parse import entities
from artlint.parse.html import Kind
from artlint.rules.base import NoOptions, Rule

_PAIRS = (("{", "}"), ("<", ">"))
_BRACES = (("{", "}"),)
_CODE_WORDS = {
    "fence": "a code block",
    "indented": "a code block",
    "span": "a code span",
    "tag": "a code block",
}


def _damaged(
    refs: list[tuple[int, int, str]],
    text: str,
    start: int,
    end: int,
    pairs: tuple[tuple[str, str], ...],
) -> bool:
    """The escape-everything signature: a bracket pair only ever written as references."""
    decoded = {value for _, _, value in refs}
    literal = set(text[start:end])
    return any(
        (a in decoded or b in decoded) and a not in literal and b not in literal for a, b in pairs
    )


def _refs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for m in entities.REFERENCE.finditer(text, start, end):
        ref = entities.parse(m.group())
        if ref is not None and ref.value is not None:
            out.append((m.start(), m.end(), ref.value))
    return out


def _violation(text: str, where: str, refs: list[tuple[int, int, str]]) -> Violation:
    plan = entities.brace_plan(text, refs)
    examples = ", ".join(dict.fromkeys(f"`{text[s:e]}`" for s, e, _ in refs[:20]))
    edits = tuple(Edit(s, e, v) for s, e, v in plan)
    fix = Fix("Decode the references", edits, changes=frozenset({Aspect.TEXT})) if edits else None
    return Violation(
        Span(refs[0][0], refs[-1][1]),
        f"{len(refs)} character references in {where} ({examples}) are not decoded there",
        fix,
    )


def check(doc: Document, options: NoOptions) -> Iterator[Violation]:
    text = doc.text
    blocks: list[tuple[int, int, str]] = [
        (t.start, t.end, f"<{t.name}>") for t in doc.markup.tokens if t.kind is Kind.RAW_TEXT
    ]
    blocks += [(r.start, r.end, _CODE_WORDS[r.kind.value]) for r in doc.regions.code]
    origin = doc.origin
    spans = {r.start for r in doc.regions.code if r.kind.value == "span"}
    for start, end, where in sorted(blocks):
        refs = _refs(text, start, end)
        pairs = _PAIRS if where.startswith("<") or origin.imported_at(start) else _BRACES
        if not refs or not _damaged(refs, text, start, end, pairs):
            continue
        if start in spans and not entities.REFERENCE.sub("", text[start:end]).strip("` "):
            continue  # a code span that names a reference
        yield _violation(text, where, refs)


RULE = Rule(
    code="AL201",
    name="literal-entity",
    severity=Severity.WARNING,
    fixability=Fixability.SAFE,
    doc=__doc__ or "",
    options=NoOptions,
    check=check,
)
