"""The one harness every rule case runs through, with the invariants every fix must keep.

A case gives an article, the exact findings of one rule (`line:col-line:col`), and the text
after safe fixes (`fixed`, default: unchanged) and after unsafe fixes (`fixed_unsafe`, default:
same as `fixed`). Each case also runs as a CRLF copy and a BOM copy.

A case's article is imported markup unless it says `provenance: authored` (or `auto`, to
let artlint decide as it does for files): most cases are the minimal residue of a copy, too
short for the automatic decision to see it as one (see artlint.document.provenance).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from artlint.document.article import Document
from artlint.engine.check import check_document
from artlint.engine.fixer import FixResult, fix_document
from artlint.model.diagnostics import Edit, Fixability
from artlint.rules.base import Configured, Rule
from artlint.run.builtin import RULES

CASES_DIR = Path(__file__).parent / "cases"
RULES_BY_CODE = {r.code: r for r in RULES}


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    input: str
    findings: tuple[str, ...]
    fixed: str
    fixed_unsafe: str
    messages: tuple[str, ...]
    variants: bool
    # Other rules to run with it, for rules that read other findings (AL304, AL901); their
    # fixes then count in `fixed` too.
    also: tuple[str, ...] = ()
    options: tuple[tuple[str, Any], ...] = ()  # options for the rule (paths: from cases/)
    provenance: str = "imported"


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    code = data["rule"]
    out = []
    for raw in data["cases"]:
        unknown = set(raw) - {
            "name",
            "input",
            "findings",
            "fixed",
            "fixed_unsafe",
            "messages",
            "variants",
            "with",
            "options",
            "provenance",
        }
        assert not unknown, f"{path.name}: unknown keys {unknown} in case {raw.get('name')}"
        fixed = raw.get("fixed", raw["input"])
        out.append(
            Case(
                code=code,
                name=raw["name"],
                input=raw["input"],
                findings=tuple(raw.get("findings") or ()),
                fixed=fixed,
                fixed_unsafe=raw.get("fixed_unsafe", fixed),
                messages=tuple(raw.get("messages") or ()),
                variants=raw.get("variants", True),
                also=tuple(raw.get("with") or ()),
                options=tuple((raw.get("options") or {}).items()),
                provenance=raw.get("provenance", "imported"),
            )
        )
    return out


def case_name(rule: Rule[Any]) -> str:
    """A rule's module and case file name: `al101_leftover_comment`."""
    return f"{rule.code.lower()}_{rule.name.replace('-', '_')}"


def all_cases() -> list[Case]:
    return [c for p in sorted(CASES_DIR.glob("*.yaml")) for c in load_cases(p)]


def where(d: Any) -> str:
    return f"{d.start.line}:{d.start.column}-{d.end.line}:{d.end.column}"


def assert_round_edits(result: FixResult) -> None:
    """Each round's edits are disjoint, stay on the lines of their finding (plus whitespace),
    and are the only change."""
    text = result.original.text
    assert sum(result.round_sizes) == len(result.applied)
    applied = iter(result.applied)
    for edits, size in zip(result.rounds, result.round_sizes, strict=True):
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        for a, b in itertools.pairwise(ordered):
            assert a.end <= b.start, f"overlapping edits {a} and {b}"
        for _ in range(size):
            d = next(applied)
            assert d.fix is not None
            lo = text.rfind("\n", 0, d.span.start) + 1
            nl = text.find("\n", d.span.end)
            hi = len(text) if nl < 0 else nl + 1
            for e in d.fix.edits:
                # Beyond the finding's own lines an edit may only take whitespace.
                outside = text[e.start : max(e.start, lo)] + text[min(e.end, hi) : e.end]
                assert not outside.strip(), f"{d.code} edits outside its lines: {e}"
        text = _apply_independently(text, edits)
    assert text == result.document.text


def assert_fix_invariants(rule: Rule[Any] | Configured[Any], result: FixResult) -> None:
    """The round invariants, and the fixed text is a fixed point."""
    assert_round_edits(result)
    again = fix_document(result.document, [rule], unsafe=True, known=RULES)
    if again.changed:
        third = fix_document(again.document, [rule], unsafe=True, known=RULES)
        assert not third.changed, "fixing does not converge"


def _apply_independently(text: str, edits: Sequence[Edit]) -> str:
    # Right to left, so earlier offsets stay valid: not the fixer's own algorithm.
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.replacement + text[e.end :]
    return text


def assert_declared_fixability(rule: Rule[Any] | Configured[Any], doc: Document) -> None:
    entry = rule if isinstance(rule, Configured) else Configured.default(rule)
    rule = entry.rule
    for d in check_document(doc, [entry], known=RULES).diagnostics:
        if d.fix is None:
            continue
        assert rule.fixability is not Fixability.NONE, f"{rule.code} is declared unfixable"
        assert rule.fixability.allows(d.fix.applicability), (
            f"{rule.code} declares {rule.fixability.value} fixes but made a "
            f"{d.fix.applicability.value} one"
        )
        for e in d.fix.edits:
            assert 0 <= e.start <= e.end <= len(doc.text)


def configured_rule(code: str, options: tuple[tuple[str, Any], ...]) -> Configured[Any]:
    rule = RULES_BY_CODE[code]
    values = {k: str(CASES_DIR / v) if k == "schema" else v for k, v in options}
    return Configured(rule, rule.options(**values), rule.severity)


def run_case(case: Case, newline: str = "\n", bom: bool = False) -> None:
    rule = configured_rule(case.code, case.options)

    def convert(s: str) -> str:
        return s.replace("\n", newline)

    doc = Document(f"{case.code}.md", convert(case.input), bom, provenance=case.provenance)
    others = [RULES_BY_CODE[c] for c in case.also]
    checked = check_document(doc, [rule, *others], known=RULES)
    assert not checked.crashed, checked.tracebacks
    got = [where(d) for d in checked.diagnostics if d.code == case.code]
    assert got == list(case.findings), f"findings of {case.code}: {got}"
    own = [d for d in checked.diagnostics if d.code == case.code]
    # Every finding's message is checked: a case file gives one expectation per finding (the
    # message, or a part of it that must appear).
    assert len(case.messages) == len(own), f"{case.name}: one message per finding expected"
    for expected, d in zip(case.messages, own, strict=True):
        assert expected in d.message, f"{expected!r} not in {d.message!r}"
    assert_declared_fixability(rule, doc)

    for unsafe, expected in ((False, case.fixed), (True, case.fixed_unsafe)):
        result = fix_document(doc, [rule, *others], unsafe=unsafe, known=RULES)
        assert not result.refused, result.refused
        assert result.document.text == convert(expected), f"unsafe={unsafe}"
        assert result.document.bom is bom
        assert_fix_invariants(rule, result)
        if result.changed:
            again = fix_document(result.document, [rule, *others], unsafe=unsafe, known=RULES)
            assert not again.changed, "a second fix changed the text again"
