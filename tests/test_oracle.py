"""The oracle sees what a reader sees: block structure, media and layout, not only text.

Property tests: for generated articles mixing Markdown lists, paragraphs, headings, comments in
awkward places, widgets and styles, a safe fix never changes the rendered block structure,
the media or the layout; and a deliberately careless rule whose "safe" fix deletes a comment
without care for its line is refused whenever its deletion would change the structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from artlint.document.article import Document
from artlint.engine import oracle
from artlint.engine.fixer import fix_document
from artlint.model.diagnostics import Edit, Fix, Span, Violation
from artlint.rules import al101_leftover_comment as leftover_comment
from artlint.run.builtin import RULES as BUILTIN_RULES
from artlint.run.builtin import default_rules
from budget import examples

LINES = st.sampled_from(
    [
        "Plain prose.",
        "- <!-- 广告 -->- item",
        "- item <!-- 广告 -->",
        "1. first",
        "<!-- 广告 -->",
        "<!-- 广告 --># Not a heading yet",
        "## Heading",
        "> quoted <!-- wp:paragraph -->",
        "---",
        "",
        "<p>Para <span></span></p>",
        '<progress value="3" max="9"></progress>',
        '<div style="height:600px; font-family: 微软雅黑">chart</div>',
        '<p style="color:#333; text-align:center">x</p>',
        '<iframe src="https://v.example/1"></iframe>',
        "    indented after prose",
        "<div>",
        "</div>",
        '<span style="font-weight:normal">not bold</span>',
    ]
)
BODIES = st.lists(LINES, min_size=1, max_size=14).map("\n".join)
PROVENANCE = st.sampled_from(["imported", "authored", "auto"])


@given(BODIES, PROVENANCE)
@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_safe_fixes_keep_blocks_media_and_layout(body: str, provenance: str) -> None:
    doc = Document("a.md", "---\ntitle: t\n---\n" + body + "\n", provenance=provenance)
    result = fix_document(doc, default_rules(), known=BUILTIN_RULES)
    assert not result.refused
    before, after = oracle.view(doc), oracle.view(result.document)
    assert before.blocks == after.blocks
    assert before.media == after.media
    assert before.layout == after.layout
    again = fix_document(result.document, default_rules(), known=BUILTIN_RULES)
    assert not again.changed


_COMMENT = re.compile(r"<!--.*?-->")


def _careless(doc: Document, options: object) -> Iterator[Violation]:
    # Deletes each comment and nothing else: no care for the line it leaves behind.
    for m in _COMMENT.finditer(doc.text, doc.body.start):
        yield Violation(Span(m.start(), m.end()), "careless", Fix("cut", (Edit(*m.span(), ""),)))


CARELESS = replace(leftover_comment.RULE, code="AL900", check=_careless)


@given(BODIES)
@settings(max_examples=examples(300), deadline=None)
def test_a_careless_deletion_that_changes_the_structure_is_refused(body: str) -> None:
    doc = Document("a.md", "---\ntitle: t\n---\n" + body + "\n")
    result = fix_document(doc, [CARELESS], known=BUILTIN_RULES)
    assert oracle.view(doc).blocks == oracle.view(result.document).blocks
    naive = oracle.view(doc.with_text(_COMMENT.sub("", doc.text)))
    if naive.blocks != oracle.view(doc).blocks:
        assert result.refusals, "a structure change went through"


def test_known_structure_changes_are_seen() -> None:
    def blocks(text: str) -> tuple[tuple[str, int], ...]:
        return oracle.view(Document("a.md", text)).blocks

    # A comment between `-` and the text: without it the item holds a nested list.
    assert blocks("- <!-- x -->- Cargo script\n") != blocks("- - Cargo script\n")
    # A comment line between two paragraph lines: without it they are one paragraph.
    assert blocks("a\n<!-- x -->\nb\n") != blocks("a\nb\n")
    # A comment before `#`: without it the line is a heading.
    assert blocks("<!-- x --># Title\n") != blocks("# Title\n")
    # A comment that opened an HTML block: without it the text is a paragraph, as it looked.
    assert blocks("<!--StartFragment-->Text<!--EndFragment-->\n") == blocks("Text\n")


def test_media_and_layout_are_seen() -> None:
    def view(text: str) -> oracle.View:
        return oracle.view(Document("a.md", text))

    assert view('<progress value="1" max="3"></progress>\n').media != view("\n").media
    chart = '<div style="height:600px; color:#333">x</div>\n'
    assert view(chart).layout == view('<div style="height:600px">x</div>\n').layout
    assert view(chart).layout != view("<div>x</div>\n").layout
    bold = "<b><span style='font-weight:normal'>x</span></b>\n"
    assert view(bold).layout != view("<b><span>x</span></b>\n").layout
