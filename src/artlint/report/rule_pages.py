"""Rule documentation as pages: what `artlint rule CODE` prints and `artlint rules --docs DIR`
writes, one Markdown page per rule (built-in and of every shipped pack) with an index, so that
a report's link (`docs-url`) lands somewhere."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from artlint.rules.base import Rule

if TYPE_CHECKING:
    from artlint.rules.packs import Spec


@dataclass(frozen=True)
class RulePage:
    rule: Rule[Any]
    doc: str  # the documentation, with "Use instead" for pack rules
    pack: str | None  # None for a built-in rule

    @property
    def text(self) -> str:
        where = "built-in" if self.pack is None else f"pack `{self.pack}`"
        return (
            f"# {self.rule.code} {self.rule.name}\n\n"
            f"Default severity: {self.rule.severity.value}. Fix: {self.rule.fixability.value}."
            f" Rule set: {where}.\n\n{self.doc}\n"
        )


def _rules() -> Iterator[tuple[Rule[Any], Spec | None, str | None]]:
    """Every rule, with its pack's spec and name (None for a built-in rule)."""
    from artlint.rules import packs
    from artlint.run.builtin import RULES

    for rule in RULES:
        yield rule, None, None
    for name, path in packs.available().items():
        pack = packs.load(path)
        for spec, rule in zip(pack.specs, pack.rules, strict=True):
            yield rule, spec, name


def _page(rule: Rule[Any], spec: Spec | None, pack: str | None) -> RulePage:
    doc = rule.doc.strip()
    fixed = None if spec is None else use_instead(rule, spec.fail[0])
    if fixed is not None:
        # A pack rule's "Use instead" is its first example as the rule's fix leaves it.
        shown = f"## Use instead\n```html\n{fixed.rstrip()}\n```\n\n## Fix safety"
        doc = doc.replace("## Fix safety", shown, 1)
    return RulePage(rule, doc, pack)


def use_instead(rule: Rule[Any], example: str) -> str | None:
    """`example` as this rule's own fixes (unsafe ones too) leave it, for the docs."""
    from artlint.document import Document
    from artlint.engine.fixer import fix_document
    from artlint.run.builtin import RULES

    doc = Document("example.md", example, provenance="imported")
    fixed = fix_document(doc, [rule], unsafe=True, known=RULES).document.text
    return fixed if fixed != example else None


def pages() -> Iterator[RulePage]:
    """Every rule's page: the built-in rules, then each shipped pack's."""
    for entry in _rules():
        yield _page(*entry)


def find(key: str) -> RulePage | None:
    """A rule's page by code (any case) or name. Only that rule's example is fixed for its
    "Use instead" (an editor asks at every hover)."""
    for rule, spec, pack in _rules():
        if key.upper() == rule.code or key == rule.name:
            return _page(rule, spec, pack)
    return None


def _row(code: str, rule: Rule[Any], *more: str) -> str:
    """A table row for `rule`, its code cell as given: name, severity, fix, any `more`, and
    its summary (its one description)."""
    cells = (code, rule.name, rule.severity.value, rule.fixability.value, *more)
    return "| " + " | ".join((*cells, rule.summary.replace("|", "\\|"))) + " |"


def table(rules: Iterable[Rule[Any]]) -> list[str]:
    """The README's table of rules."""
    rows = ["| code | name | severity | fix | what it finds |", "| --- | --- | --- | --- | --- |"]
    return rows + [_row(r.code, r) for r in rules]


def write_pages(folder: str) -> list[str]:
    """Write `CODE.md` for every rule and `index.md` listing them; return the paths written."""
    os.makedirs(folder, exist_ok=True)
    written = []
    rows = [
        "# artlint rules\n",
        "| code | name | severity | fix | rule set | summary |",
        "|---|---|---|---|---|---|",
    ]
    for page in pages():
        r = page.rule
        path = os.path.join(folder, f"{r.code}.md")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page.text)
        written.append(path)
        rows.append(_row(f"[{r.code}]({r.code}.md)", r, page.pack or "built-in"))
    index = os.path.join(folder, "index.md")
    with open(index, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(rows) + "\n")
    written.append(index)
    return written
