"""The tokenizer: exact spans, HTML5 comment and raw-text rules pinned, lossless."""

from __future__ import annotations

import itertools
import re
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from artlint.parse import html
from artlint.parse.html import Attribute, Kind, Token, tokenize, value_span


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


@given(
    st.text(alphabet=st.sampled_from(list("<>!-/&#;=\"' \nabcp1"))),
    st.integers(0, 30),
    st.integers(0, 30),
    st.booleans(),
)
@example("<!-->x", 0, 4, False)  # an empty comment cut by the window ends with it
@example("<!--->", 5, 0, True)
def test_tokens_tile_any_window(text: str, a: int, b: int, markdown: bool) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    tokens = tokenize(text, start, end, markdown=markdown)
    assert "".join(text[t.start : t.end] for t in tokens) == text[start:end]
    assert all(start <= t.start < t.end <= end for t in tokens)


def test_markdown_mode_follows_commonmark() -> None:
    def md(text: str) -> list[tuple[str, str]]:
        return [(t.kind.value, text[t.start : t.end]) for t in tokenize(text, markdown=True)]

    assert md("\\<!-- x -->") == [("text", "\\<!-- x -->")]
    assert md("\\\\<b>") == [("text", "\\\\"), ("start_tag", "<b>")]
    # Markdown passes `<!-- x --!> b -->` on whole; the browser ends the comment at `--!>`.
    assert md("a <!-- x --!> b --> c")[1] == ("comment", "<!-- x --!>")
    assert md("a <!-- x\n\ny -->")[0] == ("text", "a <!-- x\n\ny -->")
    assert md("<!-- x\n\ny -->")[0] == ("comment", "<!-- x\n\ny -->")


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        # Each `<` that never reaches a `>` used to rescan the rest of the text.
        ("if a<b and b<c then a<c\n" * 5000 + '<a b="x' * 5000, False),
        # Tags that never end (an unclosed quote at the end) read again from every `<` inside
        # them: attribute by attribute, along a long tag name, along a long unquoted value.
        ("<x b " * 20000 + ' q=" >', False),
        ("<a" * 20000 + ' x=" >', False),
        ("<q/b=c" * 20000 + ' x=" >', False),
        # Paragraph comments that each look for the same far blank line, or back along the line.
        ("x <!-- " * 20000 + "\n\n", True),
        ("x <!-- a -->" * 20000, True),
    ],
)
def test_pathological_markup_is_scanned_in_linear_time(text: str, markdown: bool) -> None:
    toks = tokenize(text, markdown=markdown)
    assert "".join(text[t.start : t.end] for t in toks) == text


def read(text: str, **window: Any) -> list[tuple[str, str, str, tuple[Any, ...]]]:
    return [
        (
            t.kind.value,
            text[t.start : t.end],
            t.name,
            tuple((a.name, a.value, a.space_start, a.start, a.end) for a in t.attrs),
        )
        for t in tokenize(text, **window)
    ]


# Tags read the way the HTML5 tokenizer reads them, down to each attribute's offsets:
# (text, tokenize's window and mode, [(kind, token text, name, attributes as
# (name, value, space start, start, end))]).
TAG_CASES: list[tuple[str, dict[str, Any], list[tuple[str, str, str, tuple[Any, ...]]]]] = [
    (
        "<a  b = \"c\"\td='e' f=g h>",
        {},
        [
            (
                "start_tag",
                "<a  b = \"c\"\td='e' f=g h>",
                "a",
                (
                    ("b", "c", 2, 4, 11),
                    ("d", "e", 11, 12, 17),
                    ("f", "g", 17, 18, 21),
                    ("h", None, 21, 22, 23),
                ),
            )
        ],
    ),
    # `=` may start a name; after a name and spaces, `=` starts a value.
    ("<a =b =c=d>", {}, [("start_tag", "<a =b =c=d>", "a", (("=b", "c=d", 2, 3, 10),))]),
    # An unquoted value runs to a space or `>`, quotes and `/` and `<` included.
    (
        "<a b=c\"d e=f'g>",
        {},
        [("start_tag", "<a b=c\"d e=f'g>", "a", (("b", 'c"d', 2, 3, 8), ("e", "f'g", 8, 9, 14)))],
    ),
    ("<a b=c<d>", {}, [("start_tag", "<a b=c<d>", "a", (("b", "c<d", 2, 3, 8),))]),
    # A `/` between attributes is skipped; the next attribute's space starts after it.
    (
        "<a/b/c=d/>",
        {},
        [("start_tag", "<a/b/c=d/>", "a", (("b", None, 3, 3, 4), ("c", "d/", 5, 5, 9)))],
    ),
    ("<a / b>", {}, [("start_tag", "<a / b>", "a", (("b", None, 4, 5, 6),))]),
    ("<br/><br />", {}, [("start_tag", "<br/>", "br", ()), ("start_tag", "<br />", "br", ())]),
    # Quoted values hold `>`, the other quote, `<` and entities as they are.
    (
        "<a title=\"1 > 0\" b='>'>",
        {},
        [
            (
                "start_tag",
                "<a title=\"1 > 0\" b='>'>",
                "a",
                (("title", "1 > 0", 2, 3, 16), ("b", ">", 16, 17, 22)),
            )
        ],
    ),
    ("<a b='c\"d'>", {}, [("start_tag", "<a b='c\"d'>", "a", (("b", 'c"d', 2, 3, 10),))]),
    (
        '<a title="a<b">x',
        {},
        [
            ("start_tag", '<a title="a<b">', "a", (("title", "a<b", 2, 3, 14),)),
            ("text", "x", "", ()),
        ],
    ),
    (
        "<a b=c&amp;d>&amp;",
        {},
        [
            ("start_tag", "<a b=c&amp;d>", "a", (("b", "c&amp;d", 2, 3, 12),)),
            ("entity", "&amp;", "&amp;", ()),
        ],
    ),
    # Empty values; spaces around `=`, newlines included.
    (
        "<a b=><a c= ><a d=\"\"><a e=''>",
        {},
        [
            ("start_tag", "<a b=>", "a", (("b", "", 2, 3, 5),)),
            ("start_tag", "<a c= >", "a", (("c", "", 8, 9, 12),)),
            ("start_tag", '<a d="">', "a", (("d", "", 15, 16, 20),)),
            ("start_tag", "<a e=''>", "a", (("e", "", 23, 24, 28),)),
        ],
    ),
    ("<a b = 'c'>", {}, [("start_tag", "<a b = 'c'>", "a", (("b", "c", 2, 3, 10),))]),
    ("<a\tb\n=\nc>", {}, [("start_tag", "<a\tb\n=\nc>", "a", (("b", "c", 2, 3, 8),))]),
    (
        '<img\nsrc="x"\n  alt="y"\n>',
        {},
        [
            (
                "start_tag",
                '<img\nsrc="x"\n  alt="y"\n>',
                "img",
                (("src", "x", 4, 5, 12), ("alt", "y", 12, 15, 22)),
            )
        ],
    ),
    # Names are lower-cased, values are not.
    (
        '<DIV CLASS="X" Data-Y>',
        {},
        [
            (
                "start_tag",
                '<DIV CLASS="X" Data-Y>',
                "div",
                (("class", "X", 4, 5, 14), ("data-y", None, 14, 15, 21)),
            )
        ],
    ),
    (
        '</a > </a x="y"> </A>',
        {},
        [
            ("end_tag", "</a >", "a", ()),
            ("text", " ", "", ()),
            ("end_tag", '</a x="y">', "a", ()),
            ("text", " ", "", ()),
            ("end_tag", "</A>", "a", ()),
        ],
    ),
    (
        "<STYLE>a</stylex></style ><b>",
        {},
        [
            ("start_tag", "<STYLE>", "style", ()),
            ("raw_text", "a</stylex>", "style", ()),
            ("end_tag", "</style >", "style", ()),
            ("start_tag", "<b>", "b", ()),
        ],
    ),
    # An unclosed quote makes the rest text, even past a `>`.
    ('<a b="x>y', {}, [("text", '<a b="x>y', "", ())]),
    # An autolink needs a scheme of two letters or more.
    (
        "<ab:c> <a:b> <x@y.z>",
        {},
        [
            ("text", "<ab:c> ", "", ()),
            ("start_tag", "<a:b>", "a:b", ()),
            ("text", " <x@y.z>", "", ()),
        ],
    ),
    (
        "<!-- a > b --> <!-- c --!> d",
        {},
        [
            ("comment", "<!-- a > b -->", "", ()),
            ("text", " ", "", ()),
            ("comment", "<!-- c --!>", "", ()),
            ("text", " d", "", ()),
        ],
    ),
    (
        "<!-- c --!> d -->",
        {"markdown": True},
        [("comment", "<!-- c --!>", "", ()), ("text", " d -->", "", ())],
    ),
    (
        "\\<b> \\\\<i>",
        {"markdown": True},
        [("text", "\\<b> \\\\", "", ()), ("start_tag", "<i>", "i", ())],
    ),
    # A window's end cuts a tag off (in its name, its attributes or before its `>`): text.
    ('<p class="x">', {"end": 8}, [("text", "<p class", "", ())]),
    ('<p class="x">', {"end": 12}, [("text", '<p class="x"', "", ())]),
    ("<p title='>'>", {"end": 11}, [("text", "<p title='>", "", ())]),
    ("<p>a</p>", {"start": 3, "end": 7}, [("text", "a</p", "", ())]),
    ('<p class="x">y', {"start": 1}, [("text", 'p class="x">y', "", ())]),
]


@pytest.mark.parametrize(("text", "window", "expected"), TAG_CASES)
def test_tags_are_read_exactly(
    text: str, window: dict[str, Any], expected: list[tuple[str, str, str, tuple[Any, ...]]]
) -> None:
    assert read(text, **window) == expected


MARKUP_PIECES = [
    *"<>/!?-&#;=\"' \n\t\\aBp1:@",
    *("div", "STYLE", "script", "title", "textarea", "a", "img", "<a ", "</a>", "<title>"),
    *("<!--", "-->", "--!>", "<!-->", "<style>", "</style>", "&amp;", "&#x1F;", "\n\n", " = "),
]


@given(
    st.lists(st.sampled_from(MARKUP_PIECES), max_size=30).map("".join),
    st.integers(0, 40),
    st.integers(0, 40),
    st.booleans(),
)
def test_fast_path_reads_as_the_careful_code(text: str, a: int, b: int, markdown: bool) -> None:
    # The regex fast path must only ever take a shortcut: turned off, every `<` goes through
    # the careful code, and the tokens must not change.
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    fast = tokenize(text, start, end, markdown=markdown)
    with mock.patch.object(html, "_MARKUP", re.compile(r"(?!)")):
        careful = tokenize(text, start, end, markdown=markdown)
    assert fast == careful


def test_tokens_made_by_the_tokenizer_equal_constructed_ones() -> None:
    attr = Attribute("b", "c", 3, 8, 2)
    tok = Token(Kind.START_TAG, 0, 9, "a", (attr,), True)
    made = html._token(Kind.START_TAG, 0, 9, "a", (attr,), True)
    assert made == tok and hash(made) == hash(tok) and repr(made) == repr(tok)
    assert tokenize('<a b="c">') == [tok]
    assert tokenize("x") == [Token(Kind.TEXT, 0, 1)]


@pytest.mark.parametrize(
    ("markup", "value"),
    [
        ('<a href="x y">', "x y"),
        ("<a href='x'>", "x"),
        ("<a href=x>", "x"),
        ('<a href=x">', 'x"'),  # unquoted: the quote is part of the value
        ('<a href = "">', ""),
        ("<a HREF>", ""),
    ],
)
def test_value_span_finds_the_value_as_written(markup: str, value: str) -> None:
    tok = tokenize(markup)[0]
    start, end = value_span(markup, tok.attrs[0])
    assert markup[start:end] == value
