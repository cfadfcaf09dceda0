"""The registry is explicit and complete: every rule module is listed, codes and names are
unique, every rule with a check has a case file, and every doc has the expected sections."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest

import artlint.engine.own
import artlint.rules
from artlint.document.article import Document
from artlint.engine.check import check_document
from artlint.engine.fixer import fix_document
from artlint.model.diagnostics import Fixability
from artlint.report.rule_pages import table
from artlint.rules.base import Rule
from artlint.run.builtin import RULES, default_rules, lookup
from artlint.run.builtin import RULES as BUILTIN_RULES
from harness import CASES_DIR, case_name, configured_rule, load_cases

DOC_OPTIONS = {"AL407": (("schema", "al407_schema_violation.schema.json"),)}


def _rule_modules() -> list[str]:
    """Every module that declares a rule: the content rules and the engine's own."""
    out = []
    for package in (artlint.rules, artlint.engine.own):
        for m in pkgutil.iter_modules(package.__path__):
            if re.fullmatch(r"al\d{3}_\w+", m.name):
                out.append(f"{package.__name__}.{m.name}")
    return out


def test_every_rule_module_is_registered() -> None:
    modules = _rule_modules()
    assert len(modules) == len(RULES)
    others = {m.name for m in pkgutil.iter_modules(artlint.rules.__path__)}
    rules = {m.rpartition(".")[2] for m in modules}
    assert others - rules == {"base", "pack_checks", "packs", "registry"}
    for name in modules:
        module = importlib.import_module(name)
        assert module.RULE in RULES, f"{name}.RULE is not in RULES"


@pytest.mark.parametrize("module", _rule_modules())
def test_a_rule_module_is_named_by_its_code_and_name(module: str) -> None:
    """So that a rule and its case file (tests/cases/<module>.yaml) sort together."""
    rule = importlib.import_module(module).RULE
    assert module.rpartition(".")[2] == case_name(rule)


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for r in RULES:
        assert re.fullmatch(r"AL\d{3}", r.code), r.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name), r.name


@pytest.mark.parametrize("rule", [r for r in RULES if r.selectable], ids=lambda r: r.code)
def test_every_checking_rule_has_cases(rule: Rule[Any]) -> None:
    path = CASES_DIR / f"{case_name(rule)}.yaml"
    assert path.exists(), f"missing {path.name}"
    cases = load_cases(path)
    assert any(c.findings for c in cases), "no failing case"
    assert any(not c.findings for c in cases), "no passing case"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docs_have_sections(rule: Rule[Any]) -> None:
    for section in ("## What it does", "## Why is this bad", "## Fix safety"):
        assert section in rule.doc, f"{rule.code} doc lacks {section!r}"
    assert rule.doc.startswith(f"{rule.code} {rule.name}:")


def _fence(doc: str, heading: str) -> str | None:
    m = re.search(rf"## {heading}\n```markdown\n(.*?)```", doc, re.DOTALL)
    return m.group(1) if m else None


@pytest.mark.parametrize("rule", [r for r in RULES if r.selectable], ids=lambda r: r.code)
def test_doc_examples_hold(rule: Rule[Any]) -> None:
    """With every default rule on, the Example has a finding of this rule, Use instead has
    none, and fixing the Example gives Use instead."""
    bad, good = _fence(rule.doc, "Example"), _fence(rule.doc, "Use instead")
    assert bad is not None and good is not None, f"{rule.code} doc lacks example fences"
    # Rules that need a setting to act get the one their case file uses.
    rules = tuple(
        configured_rule(r.rule.code, DOC_OPTIONS.get(r.rule.code, ())) for r in default_rules()
    )

    def found(text: str) -> list[str]:
        return [
            d.code
            for d in check_document(Document("x.md", text), rules, known=BUILTIN_RULES).diagnostics
        ]

    assert rule.code in found(bad), "the Example is not flagged"
    assert rule.code not in found(good), "Use instead is flagged"
    if rule.fixability is not Fixability.NONE:
        fixed = fix_document(Document("x.md", bad), rules, unsafe=True, known=BUILTIN_RULES)
        assert fixed.document.text == good


def test_lookup_by_code_or_name() -> None:
    assert lookup("AL101") is lookup("al101") is lookup("leftover-comment")
    assert lookup("nope") is None


def test_readme_table_is_the_rules_own() -> None:
    """The README's table of rules is what the rules say of themselves, row for row."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    lines = readme.split("\n")
    start = lines.index("| code | name | severity | fix | what it finds |")
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    assert lines[start:end] == table(RULES)


def test_summary_is_the_first_line_of_the_doc() -> None:
    rule = lookup("AL101")
    assert rule is not None
    assert rule.doc.startswith("AL101 leftover-comment: an HTML comment left in the article body.")
    assert rule.summary == "An HTML comment left in the article body"
