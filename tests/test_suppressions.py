"""Suppressions: every form, names and prefixes, ranges, and what is never suppressed."""

from __future__ import annotations

from pathlib import Path

from artlint.document.article import Document
from artlint.engine.check import check_document
from artlint.run.article import fix_bytes
from artlint.run.builtin import RULES as BUILTIN_RULES
from artlint.run.builtin import default_rules
from cli_runner import invoke


def codes(text: str) -> list[tuple[int, str]]:
    doc = Document("a.md", text, provenance="imported")
    found = check_document(doc, default_rules(), known=BUILTIN_RULES).diagnostics
    return [(d.start.line, d.code) for d in found if d.code not in ("AL401", "AL901")]


def test_range_ends_at_enable_of_the_same_codes() -> None:
    text = (
        "<!-- artlint-disable AL103 -->\n<p style='a'>1</p>\n<!-- artlint-enable AL103 -->\n"
        "<p style='b'>2</p>\n"
    )
    assert codes(text) == [(4, "AL103")]


def test_enable_without_codes_ends_every_range() -> None:
    text = "<!-- artlint-disable AL103 AL102 -->\n<!-- artlint-enable -->\n<p style='b'>2</p>\n"
    assert codes(text) == [(3, "AL103")]


def test_prefixes_and_names() -> None:
    text = "<!-- artlint-disable-file AL1 -->\n<p style='a'>&#8217;</p>\n<!-- x -->\n"
    assert codes(text) == [(2, "AL205")]
    text = "<!-- artlint-disable-file needless-entity -->\n<p>&#8217;</p>\n"
    assert codes(text) == []


def test_front_matter_ignore() -> None:
    text = "---\ntitle: t\ndate: Fri, 01 Apr 2022 00:12:21 GMT\nartlint:\n  ignore: [AL404]\n---\n"
    assert codes(text) == []


def test_the_directive_comments_are_not_leftovers_even_with_a_custom_keep_list() -> None:
    from artlint.rules import al101_leftover_comment as leftover_comment

    rule = leftover_comment.RULE
    doc = Document("a.md", "<!-- artlint-disable AL103 -->\n")
    assert list(rule.run(doc, leftover_comment.Options(keep=()))) == []


def test_enable_of_one_code_ends_only_that_code() -> None:
    text = (
        "<!-- artlint-disable AL101 AL103 -->\n<!-- a -->\n<p style='x'>1</p>\n"
        "<!-- artlint-enable AL101 -->\n<!-- b -->\n<p style='y'>2</p>\n"
    )
    assert codes(text) == [(5, "AL101")]


def test_directive_details() -> None:
    # Next line after a comment that spans lines; "--" starts an explanation; any case.
    text = "<!-- artlint-disable-next-line\n     AL103 -->\n<p style='x'>1</p>\n"
    assert codes(text) == []
    text = "<!-- artlint-disable-next-line AL103 -- keep a red warning -->\n<!-- c -->\n"
    assert codes(text) == [(2, "AL101")]
    text = "<!-- ARTLINT-DISABLE-NEXT-LINE AL103 -->\n<p style='x'>1</p>\n"
    assert codes(text) == []


def test_pack_rules_can_be_suppressed(tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text(
        'packs = ["rss-portal"]\nprovenance = "imported"\n', encoding="utf-8"
    )
    post = tmp_path / "a.md"
    post.write_text(
        "---\ntitle: t\ndate: 2024-01-01\n---\n<!-- artlint-disable-next-line RSS102 -->\n"
        '<p class="article-editor">责任编辑：张三</p>\n',
        encoding="utf-8",
    )
    out = invoke(["check", str(post), "--no-cache"]).output
    assert out == "All checks passed (1 file).\n"


def test_disable_line_covers_the_lines_the_comment_is_on() -> None:
    text = (
        "<p style='a'>1</p> <!-- artlint-disable-line AL103 -->\n<p style='b'>2</p>\n"
        "<p style='c'>3</p><!-- artlint-disable-line\n AL103 --><p style='d'>4</p>\n"
    )
    assert codes(text) == [(2, "AL103")]


def test_fix_keeps_a_suppression_of_a_rule_that_is_not_selected(tmp_path: Path) -> None:
    """AL103 is not run, but it is a rule artlint knows: its suppression is neither unknown
    (AL901) nor deleted by `fix`, in a run that selects the rules or through the library."""
    text = (
        "---\ntitle: t\ndate: 2024-01-01\n---\n<!-- artlint-disable-next-line AL103 -->\n"
        '<p style="color: red">Red.</p>\n'
    )
    post = tmp_path / "a.md"
    post.write_text(text, encoding="utf-8")
    result = invoke(["fix", "--write", "--select", "AL101,AL901", "--no-cache", str(post)])
    assert result.exit_code == 0, result.output
    assert post.read_text(encoding="utf-8") == text
    rules = [r for r in default_rules() if r.rule.code in ("AL101", "AL901")]
    fixed = fix_bytes(text.encode(), "a.md", rules=rules, provenance="imported")
    assert fixed.diagnostics == () and fixed.fixed_bytes is None
