"""The tokenizer: exact spans, HTML5 comment and raw-text rules pinned, lossless."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from artlint.html import Kind, tokenize


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind.value, text[t.start : t.end]) for t in tokenize(text)]


def test_tags_text_entities() -> None:
    assert kinds('<p class="a">x &amp; y&#123;</p>') == [
        ("start_tag", '<p class="a">'),
        ("text", "x "),
        ("entity", "&amp;"),
        ("text", " y"),
        ("entity", "&#123;"),
        ("end_tag", "</p>"),
    ]


def test_comment_forms() -> None:
    assert kinds("<!---->") == [("comment", "<!---->")]
    assert kinds("<!-->a") == [("comment", "<!-->"), ("text", "a")]
    assert kinds("<!--->a") == [("comment", "<!--->"), ("text", "a")]
    assert kinds("<!-- a --!>b") == [("comment", "<!-- a --!>"), ("text", "b")]
    assert kinds("<!-- a -- b -->") == [("comment", "<!-- a -- b -->")]


def test_unclosed_comment_runs_to_the_end() -> None:
    toks = tokenize("a<!-- never\n<p>x</p>")
    assert [t.kind for t in toks] == [Kind.TEXT, Kind.COMMENT]
    assert toks[1].closed is False and toks[1].end == len("a<!-- never\n<p>x</p>")


def test_raw_text_elements_hold_no_markup() -> None:
    text = "<style>a&#123;<!-- x --></style><b>"
    assert kinds(text) == [
        ("start_tag", "<style>"),
        ("raw_text", "a&#123;<!-- x -->"),
        ("end_tag", "</style>"),
        ("start_tag", "<b>"),
    ]
    unclosed = tokenize("<script>if (a < b) {}")
    assert unclosed[1].kind is Kind.RAW_TEXT and not unclosed[1].closed


def test_rcdata_keeps_entities_but_no_tags() -> None:
    assert kinds("<title>a &amp; <b></title>") == [
        ("start_tag", "<title>"),
        ("text", "a "),
        ("entity", "&amp;"),
        ("text", " <b>"),
        ("end_tag", "</title>"),
    ]


def test_attribute_spans() -> None:
    text = "<img src=a.png  style='w:1' alt data-x = \"y\">"
    (tag,) = tokenize(text)
    assert [(a.name, a.value, text[a.start : a.end]) for a in tag.attrs] == [
        ("src", "a.png", "src=a.png"),
        ("style", "w:1", "style='w:1'"),
        ("alt", None, "alt"),
        ("data-x", "y", 'data-x = "y"'),
    ]
    style = tag.attr("style")
    assert style is not None and text[style.space_start : style.start] == "  "


def test_quoted_value_may_hold_gt_and_newlines() -> None:
    (tag,) = tokenize('<a title="1 > 0\nok">')
    assert tag.kind is Kind.START_TAG and tag.attrs[0].value == "1 > 0\nok"


def test_text_that_is_not_markup() -> None:
    for text in ("a < b", "<https://example.com>", "<me@example.com>", "x </> y", "<3 &copy"):
        assert all(t.kind in (Kind.TEXT, Kind.ENTITY) for t in tokenize(text)), text
    assert kinds("<o:p></o:p>") == [("start_tag", "<o:p>"), ("end_tag", "</o:p>")]


def test_tag_cut_off_by_the_end_is_text() -> None:
    assert kinds('a <p class="x') == [("text", 'a <p class="x')]


@given(st.text(alphabet=st.sampled_from(list("<>!-/&#;=\"' \nabcp1中"))))
def test_tokens_reassemble_the_input(text: str) -> None:
    toks = tokenize(text)
    assert "".join(text[t.start : t.end] for t in toks) == text
    assert all(a.end == b.start for a, b in itertools.pairwise(toks))


def test_markdown_mode_follows_commonmark() -> None:
    def md(text: str) -> list[tuple[str, str]]:
        return [(t.kind.value, text[t.start : t.end]) for t in tokenize(text, markdown=True)]

    assert md("\\<!-- x -->") == [("text", "\\<!-- x -->")]
    assert md("\\\\<b>") == [("text", "\\\\"), ("start_tag", "<b>")]
    assert md("a <!-- x --!> b --> c")[1] == ("comment", "<!-- x --!> b -->")
    assert md("a <!-- x\n\ny -->")[0] == ("text", "a <!-- x\n\ny -->")
    assert md("<!-- x\n\ny -->")[0] == ("comment", "<!-- x\n\ny -->")


def test_unclosed_markup_is_scanned_in_linear_time() -> None:
    # Each `<` that never reaches a `>` used to rescan the rest of the text.
    text = "if a<b and b<c then a<c\n" * 5000 + '<a b="x' * 5000
    toks = tokenize(text)
    assert "".join(text[t.start : t.end] for t in toks) == text
