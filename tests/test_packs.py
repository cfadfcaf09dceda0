"""Rule packs: the shipped packs' examples through the harness, loading, validation errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from artlint.document.article import Document
from artlint.engine.check import check_document
from artlint.engine.fixer import fix_document
from artlint.rules import packs
from artlint.rules.base import Rule
from artlint.run.builtin import RULES as BUILTIN_RULES
from artlint.run.config import ConfigError, Resolver
from harness import assert_declared_fixability, assert_fix_invariants

SHIPPED = [packs.load(path) for path in packs.available().values()]
SPECS = [(p, s) for p in SHIPPED for s in p.specs]


def test_shipped_packs() -> None:
    assert {p.name for p in SHIPPED} >= {"rss-portal", "wordpress"}


@pytest.mark.parametrize(("pack", "spec"), SPECS, ids=[s.code for _, s in SPECS])
def test_examples(pack: packs.Pack, spec: packs.Spec) -> None:
    rule = next(r for r in pack.rules if r.code == spec.code)
    for text in spec.fail:
        doc = Document("x.md", text, provenance="imported")
        found = check_document(doc, [rule], known=BUILTIN_RULES)
        assert not found.crashed, found.tracebacks
        assert found.diagnostics, f"{spec.code} does not flag: {text!r}"
        assert_declared_fixability(rule, doc)
        result = fix_document(doc, [rule], unsafe=True, known=BUILTIN_RULES)
        assert not result.refused
        assert_fix_invariants(rule, result)
        if rule.fixability.value != "none":
            assert result.changed, f"{spec.code} offers no fix for {text!r}"
            assert not check_document(result.document, [rule], known=BUILTIN_RULES).diagnostics
    for text in spec.passing:
        assert not check_document(
            Document("x.md", text, provenance="imported"), [rule], known=BUILTIN_RULES
        ).diagnostics, text


def test_rules_of_a_pack_run_when_configured(tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text('packs = ["wordpress"]\n', encoding="utf-8")
    post = tmp_path / "a.md"
    post.write_text("---\ntitle: t\ndate: 2024-01-01\n---\n<!-- wp:paragraph -->\n")
    settings = Resolver().settings_for(str(post))
    assert {"WP101", "WP102", "WP103"} <= {c.rule.code for c in settings.rules}


def test_a_users_pack_from_pack_paths(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mysite.yaml").write_text(
        "pack: mysite\nrules:\n"
        "  - code: MY101\n    name: share-bar\n    message: Share bar\n    kind: selector\n"
        "    selector: div.share\n    action: remove\n    safe: true\n"
        "    examples: {fail: ['<div class=\"share\"></div>'], pass: ['<div></div>']}\n",
        encoding="utf-8",
    )
    (tmp_path / "artlint.toml").write_text(
        'packs = ["mysite"]\npack-paths = ["packs"]\n', encoding="utf-8"
    )
    post = tmp_path / "a.md"
    post.write_text('<div class="share"></div>\n')
    settings = Resolver().settings_for(str(post))
    assert "MY101" in {c.rule.code for c in settings.rules}


BASE = (
    "pack: bad\nrules:\n  - code: BAD101\n    name: x\n    message: m\n    kind: comment\n"
    "    pattern: 'a'\n    action: remove\n"
    "    examples: {fail: ['<!-- a -->'], pass: ['<!-- b -->']}\n"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BASE.replace("pack: bad", "pack: other"), "pack: expected the file's name"),
        (BASE.replace("BAD101", "bad"), "code: expected a pack prefix"),
        (BASE.replace("BAD101", "AL101"), "code: expected a pack prefix"),
        (BASE.replace("kind: comment", "kind: regex"), "kind: expected one of"),
        (BASE.replace("pattern: 'a'", "pattern: '('"), "pattern: bad regular expression"),
        (BASE.replace("action: remove", "action: unwrap"), "action: expected one of remove"),
        (
            BASE.replace("    action: remove\n", "    action: remove\n    colour: red\n"),
            "unknown key 'colour'",
        ),
        (BASE.replace("pass: ['<!-- b -->']", "pass: []"), "examples.pass: expected"),
        (
            BASE.replace("examples: {fail: ['<!-- a -->'], pass: ['<!-- b -->']}", "safe: true"),
            "examples: expected fail and pass",
        ),
        (BASE.replace("name: x", "name: Bad Name"), "name: expected lower-case words"),
        (
            BASE.replace("kind: comment\n    pattern: 'a'", "kind: selector\n    selector: 'div['"),
            "selector: invalid CSS selector",
        ),
    ],
)
def test_validation_errors_name_file_rule_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(packs.PackError) as info:
        packs.load(str(path))
    assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_unknown_pack_and_clashing_codes_are_config_errors(tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text('packs = ["nope"]\n', encoding="utf-8")
    post = tmp_path / "a.md"
    post.write_text("x\n")
    with pytest.raises(ConfigError, match="unknown pack 'nope'"):
        Resolver().settings_for(str(post))


def test_the_readme_pack_example_works(tmp_path: Path) -> None:
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    m = re.search(r"# artlint-packs/mysite.yaml\n(.*?)```", readme, re.DOTALL)
    assert m is not None
    (tmp_path / "mysite.yaml").write_text(m.group(1), encoding="utf-8")
    pack = packs.load(str(tmp_path / "mysite.yaml"))
    for spec in pack.specs:
        rule = next(r for r in pack.rules if r.code == spec.code)
        assert all(
            check_document(
                Document("x.md", t, provenance="imported"), [rule], known=BUILTIN_RULES
            ).diagnostics
            for t in spec.fail
        )
        assert not any(
            check_document(
                Document("x.md", t, provenance="imported"), [rule], known=BUILTIN_RULES
            ).diagnostics
            for t in spec.passing
        )


@pytest.mark.parametrize(
    ("selector", "text", "matches"),
    [
        ("div.promo", '<div class="promo">x</div>', True),
        ("div.promo", '<div class="article">x</div>', False),
        ('span[id^="stock_"]', '<span id="stock_1"></span>', True),
        ("font", "<FONT>x</FONT>", True),
        ("div:not(.x) > p", "<div><p>y</p></div>", True),
        ('a[href="X" i]', '<a href="x">x</a>', True),
        ("p.a, span.b", '<span class="b">x</span>', True),
    ],
)
def test_the_selector_pre_check_never_hides_a_match(
    selector: str, text: str, matches: bool
) -> None:
    assert bool(Document("x.md", text).markup.select(selector)) is matches


def test_redirect_rewrites_keep_links_working() -> None:
    pack = next(p for p in SHIPPED if p.name == "rss-portal")
    rules = [r for r in pack.rules if r.code in ("RSS113", "RSS114")]
    text = (
        "[doc](https://link.zhihu.com/?target=https%3A//example.org/a%20b%29c)\n"
        "<a href='https://link.zhihu.com/?target=https%3A//example.org/it%27s'>b</a>\n"
    )
    fixed = fix_document(
        Document("x.md", text, provenance="imported"), rules, known=BUILTIN_RULES
    ).document.text
    assert fixed == (
        "[doc](https://example.org/a%20b%29c)\n<a href='https://example.org/it%27s'>b</a>\n"
    )


RSS = next(p for p in SHIPPED if p.name == "rss-portal")


def _codes(text: str, provenance: str = "auto") -> list[str]:
    found = check_document(
        Document("x.md", text, provenance=provenance), RSS.rules, known=BUILTIN_RULES
    )
    return [d.code for d in found.diagnostics]


def test_pack_rules_fire_in_imported_markup_only() -> None:
    # An English tech blog's Java colouring and an author's notes (shapes from the calibration
    # issue): the portal pack has no business there.
    authored = (
        "---\ntitle: Notes\n---\nSome **Markdown** prose.\n\n"
        '<pre><font color="#7f0055">public</font> class A</pre>\n\n<!---->\n'
    )
    assert _codes(authored) == []
    assert "RSS115" in _codes(authored, "imported")


def test_comment_patterns_do_not_match_blank_lines_inside_a_comment() -> None:
    # RSS115 (`^-?$`, an empty framework comment) once matched any blank line of a multi-line
    # comment, such as an ASCII diagram, because patterns were compiled with re.MULTILINE.
    diagram = "<p>a</p>\n<!--\n  +---+\n\n  | x |\n  +---+\n-->\n"
    assert "RSS115" not in _codes(diagram, "imported")
    assert "RSS115" in _codes("<p>a</p>\n<!---->\n", "imported")


def one_rule(tmp_path: Path, rule: str) -> Rule[Any]:
    """The rule of a pack `mine` holding just `rule` (its YAML lines after `- code: MY101`)."""
    path = tmp_path / "mine.yaml"
    path.write_text(f"pack: mine\nrules:\n  - code: MY101\n{rule}", encoding="utf-8")
    return packs.load(str(path)).rules[0]


def test_a_rule_with_scope_any_fires_in_authored_markup(tmp_path: Path) -> None:
    rule = one_rule(
        tmp_path,
        "    name: todo\n    message: m\n"
        "    kind: comment\n    pattern: '^\\s*TODO'\n    scope: any\n"
        "    examples: {fail: ['<!-- TODO x -->'], pass: ['<!-- x -->']}\n",
    )
    doc = Document("x.md", "---\ntitle: t\n---\nProse <!-- TODO x -->.\n", provenance="authored")
    assert [d.code for d in check_document(doc, [rule], known=BUILTIN_RULES).diagnostics] == [
        "MY101"
    ]


def test_one_report_per_problem(tmp_path: Path) -> None:
    # The same comment is a leftover comment (AL101) and a Sina keyword marker (RSS107); the
    # same cover is a duplicate field (AL302) and the portal's QR code (AL306).
    (tmp_path / "artlint.toml").write_text('packs = ["rss-portal"]\n', encoding="utf-8")
    post = tmp_path / "a.md"
    post.write_text(
        "---\ntitle: t\ndate: 2024-01-01\nartlint-provenance: imported\n"
        "headimg: https://x.example/qr.png\nthumbnail: https://x.example/qr.png\n---\n"
        "<p>正文。</p><!-- news_keyword_pub,stock,sh600000 -->\n"
        '<div class="qrcode"><img src="https://x.example/qr.png"></div>\n',
        encoding="utf-8",
    )
    settings = Resolver().settings_for(str(post))
    doc = Document.from_bytes(post.read_bytes(), str(post))
    assert isinstance(doc, Document)
    found = check_document(doc, settings.rules, known=BUILTIN_RULES).diagnostics
    by_line = sorted((d.start.line, d.code) for d in found)
    assert (8, "RSS107") in by_line and (8, "AL101") not in by_line
    assert [c for line, c in by_line if line in (5, 6)] == ["AL306", "AL306"]


@pytest.mark.parametrize(
    ("tag", "fixed"),
    [
        ('<a href="">a</a>', '<a href="#">a</a>'),
        ("<a href=''>a</a>", "<a href='#'>a</a>"),
        ('<a title="" href="">a</a>', '<a title="" href="#">a</a>'),
    ],
)
def test_a_rewrite_edits_inside_the_value_even_an_empty_one(
    tmp_path: Path, tag: str, fixed: str
) -> None:
    # The value's place was found with rfind in the attribute's text: for an empty value that
    # is the attribute's end, and the rewrite landed after the closing quote.
    rule = one_rule(
        tmp_path,
        "    name: empty-href\n    message: m\n"
        "    kind: attribute\n    attribute: href\n    value: '^$'\n    action: rewrite\n"
        "    rewrite: '#'\n    safe: true\n    scope: any\n"
        "    examples: {fail: ['<a href=\"\">a</a>'], pass: ['<a href=\"/\">a</a>']}\n",
    )
    doc = Document("x.md", tag + "\n")
    result = fix_document(doc, [rule], unsafe=True, known=BUILTIN_RULES)
    assert result.document.text == fixed + "\n"


def test_a_packs_fingerprint_is_the_same_in_every_process(tmp_path: Path) -> None:
    """The fingerprint keys the result cache: it held the settings in a set's order, which
    changes with each process's hash seed, so pack rules missed the cache on every run."""
    shipped = str(packs.available()["rss-portal"])
    script = (
        "import hashlib, sys; from artlint.rules import packs;"
        "rules = packs.load(sys.argv[1]).rules;"
        "print(hashlib.sha256(repr([r.fingerprint for r in rules]).encode()).hexdigest())"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", script, shipped],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(seen) == 1


def test_a_message_on_several_lines_is_the_whole_summary(tmp_path: Path) -> None:
    rule = one_rule(
        tmp_path,
        "    name: todo\n"
        "    message: |\n      A to-do note\n      left in the copy\n"
        "    kind: comment\n    pattern: 'TODO'\n    scope: any\n"
        "    examples: {fail: ['<!-- TODO x -->'], pass: ['<!-- x -->']}\n",
    )
    assert rule.summary == "A to-do note left in the copy"
