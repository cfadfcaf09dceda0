"""Document: decoding, BOM, line endings, front matter spans and coordinates."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from artlint.document.article import Document, Unreadable
from artlint.model.diagnostics import Span
from artlint.parse.html import Kind, Token, tokenize
from budget import examples


def doc(text: str, bom: bool = False) -> Document:
    return Document("a.md", text, bom)


def test_bom_is_remembered_and_written_back() -> None:
    raw = "\ufeff---\ntitle: x\n---\nBody\n".encode()
    d = Document.from_bytes(raw, "a.md")
    assert isinstance(d, Document) and d.bom and d.text.startswith("---")
    assert d.header.front_matter is not None and d.header.front_matter.data == {"title": "x"}
    assert d.to_bytes() == raw
    assert d.lines.position(0).offset == 3  # byte offsets count the BOM


def test_not_utf8_names_line_and_likely_encoding() -> None:
    raw = ("---\ntitle: 新闻\n---\n" + "这是一篇用国标码保存的新闻文章，" * 20).encode("gb18030")
    d = Document.from_bytes(raw, "gbk.md")
    assert isinstance(d, Unreadable)
    assert d.line == 2 and d.column == 8
    assert "not valid UTF-8" in d.message and "iconv -f GB" in d.message


def test_nul_bytes_mean_binary() -> None:
    d = Document.from_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "x.md")
    assert isinstance(d, Unreadable) and "binary" in d.message


def test_positions_count_newlines_and_code_points() -> None:
    d = doc("ab\r\n中文x\n")
    p = d.lines.position(d.text.index("x"))
    assert (p.line, p.column) == (2, 3)
    assert p.offset == len("ab\r\n中文".encode())


@given(st.text(alphabet=st.sampled_from(list("a\n\r中é😀 "))), st.booleans())
def test_byte_offsets_match_encoding(text: str, bom: bool) -> None:
    d = doc(text, bom)
    for i in range(len(text) + 1):
        p = d.lines.position(i)
        assert p.offset == len(text[:i].encode()) + (3 if bom else 0)
        assert p.line == text[:i].count("\n") + 1
        assert p.column == i - (text.rfind("\n", 0, i) + 1) + 1


def test_yaml_front_matter_spans() -> None:
    text = "---\r\ntitle: 标题\r\ntags:\r\n  - a\r\n  - b\r\ndate: 2022-04-01\r\n---\r\nBody\r\n"
    d = doc(text)
    fm = d.header.front_matter
    assert fm is not None and fm.format == "yaml"
    assert fm.data == {"title": "标题", "tags": ["a", "b"], "date": datetime.date(2022, 4, 1)}
    spans = {k.name: text[k.span.start : k.span.end] for k in fm.keys}
    assert spans == {
        "title": "title: 标题",
        "tags": "tags:\r\n  - a\r\n  - b",
        "date": "date: 2022-04-01",
    }
    assert text[d.body.start :] == "Body\r\n"
    assert text[fm.span.start : fm.span.end].endswith("---\r\n")


def test_rfc2822_date_stays_a_string_and_yes_is_a_bool() -> None:
    d = doc("---\ndate: Fri, 01 Apr 2022 00:12:21 GMT\ncomments: no\n---\n")
    assert d.header.front_matter is not None
    assert d.header.front_matter.data == {
        "date": "Fri, 01 Apr 2022 00:12:21 GMT",
        "comments": False,
    }


def test_toml_and_json_key_spans() -> None:
    text = '+++\ntitle = "T"\ntags = [\n  "a",\n]\n[params]\nx = 1\n+++\nBody\n'
    fm = doc(text).header.front_matter
    assert fm is not None and fm.format == "toml" and fm.error is None
    assert {k.name: text[k.value.start : k.value.end] for k in fm.keys} == {
        "title": '"T"',
        "tags": '[\n  "a",\n]',
    }
    text = ';;;\n"title": "T",\n"n": [1, 2]\n;;;\nBody\n'
    fm = doc(text).header.front_matter
    assert fm is not None and fm.format == "json" and fm.data == {"title": "T", "n": [1, 2]}
    assert [text[k.value.start : k.value.end] for k in fm.keys] == ['"T"', "[1, 2]"]


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x",  # never closes
        "+++\ntitle = x\n+++\n",  # bad TOML
        "---\n[1, 2]\n---\n",  # not a mapping
    ],
)
def test_front_matter_errors_are_located(text: str) -> None:
    err = doc(text).header.error
    assert err is not None and 0 <= err.span.start <= err.span.end <= len(text)


def test_leading_blank_line_before_separator() -> None:
    d = doc("\n---\ntitle: x\n---\nBody\n")
    assert d.header.front_matter is not None and d.header.front_matter.span.start == 1
    assert d.header.front_matter.data == {"title": "x"}


def test_no_front_matter() -> None:
    d = doc("# Title\n\nText\n")
    assert d.header.front_matter is None and d.header.error is None and d.body == Span(0, 14)


def test_front_matter_without_its_opening_line() -> None:
    # Hexo reads `key: value` lines before the first `---` as front matter when they make a
    # YAML mapping; anything else there is body text.
    d = doc("title: x\n---\nBody\n")
    assert d.header.parsed is not None and d.header.parsed.data == {"title": "x"}
    assert d.body.start == len("title: x\n---\n")
    assert doc("title: x\n- a\n---\nBody\n").header.front_matter is None
    # A value YAML cannot build is the front matter's error, not a crash.
    broken = doc("title: x\ndate: 2022-02-30\n---\nBody\n")
    assert broken.header.error is not None and "day is out of range" in broken.header.error.message
    # The size guard comes before any parse.
    huge = doc("k: v\n" * 100_000 + "---\nBody\n")
    assert huge.header.error is not None and "at most 256 KB" in huge.header.error.message


def test_deletion_takes_a_lone_line_with_its_ending() -> None:
    text = "a\r\n  <!-- x -->  \r\nb"
    d = doc(text)
    start = text.index("<")
    edit = d.deletion(Span(start, start + 10))
    # Between two lines of Markdown text the line is emptied, so they stay two blocks.
    assert text[: edit.start] + text[edit.end :] == "a\r\n\r\nb"
    html = "<div>\n<!-- x -->\n<p>b</p>\n</div>\n"
    inner = doc(html).deletion(Span(6, 16))
    assert html[: inner.start] + html[inner.end :] == "<div>\n<p>b</p>\n</div>\n"
    inline = doc("a<!-- x -->b").deletion(Span(1, 11))
    assert (inline.start, inline.end) == (1, 11)


def test_utf16_is_named() -> None:
    raw = "---\ntitle: 测试\n---\n正文\n".encode("utf-16")
    d = Document.from_bytes(raw, "u.md")
    assert isinstance(d, Unreadable) and "UTF-16" in d.message and "iconv" in d.message


def test_control_character_position_after_cjk() -> None:
    d = doc('---\ntitle: "中文中文中文\x01"\nauthor: someone\n---\nbody\n')
    err = d.header.error
    assert err is not None and d.lines.position(err.span.start).line == 2
    assert d.text[err.span.start] == "\x01"


def test_hexo_tabs_keep_exact_key_spans() -> None:
    text = "---\ntitle:\t'a'\ntags:\n\t- x\n\t- y\n---\n"
    d = Document("a.md", text, generator="hexo")
    fm = d.header.front_matter
    assert fm is not None and fm.error is None and fm.data == {"title": "a", "tags": ["x", "y"]}
    assert [text[k.value.start : k.value.end] for k in fm.keys] == ["'a'", "- x\n\t- y"]
    assert Document("a.md", text).header.error is not None


FRONT = st.sampled_from(
    [
        *("---\ntitle: a\n---\n", "---\ntitle: a\n---", "+++\ntitle = 'a'\n+++\n"),
        *("title: a\n---\n", "", "\n---\ndate: 2024-01-01\n---\r\n", ';;;\n{"title": "a"}\n;;;\n'),
    ]
)


@given(FRONT, st.text("ab-\n<>: ", max_size=20), st.integers(0, 40), st.text("-\n: x", max_size=5))
@example("---\ntitle: a\n---", "", 0, "x")  # the closing line itself would grow
def test_a_body_edit_keeps_the_front_matter_as_parsing_would(
    front: str, body: str, where: int, inserted: str
) -> None:
    doc = Document("a.md", front + body)
    at = min(max(where, doc.body.start), len(doc.text))
    text = doc.text[:at] + inserted + doc.text[at:]
    reused = doc.with_text(text, at)
    fresh = Document("a.md", text)
    assert (reused.header.front_matter, reused.body, reused.header.error) == (
        fresh.header.front_matter,
        fresh.body,
        fresh.header.error,
    )


def _restarting_tokens(d: Document) -> list[tuple[object, ...]]:
    """Document tokens as first defined: after a comment Markdown shows as text, tokenize
    again from just after its `<!--` to the end of the stretch."""
    out: list[Token] = []
    for start, end in d.regions.code_gaps:
        pos = start
        while True:
            tokens = tokenize(d.text, pos, end, markdown=True)
            fake = next((t for t in tokens if d.markup._shown_as_text(t)), None)
            if fake is None:
                out.extend(tokens)
                break
            out.extend(t for t in tokens if t.end <= fake.start)
            out.append(Token(Kind.TEXT, fake.start, fake.start + 4))
            pos = fake.start + 4
    return [_shape(t) for t in out]


def _shape(t: Token) -> tuple[object, ...]:
    attrs = tuple((a.name, a.value, a.start, a.end) for a in t.attrs)
    return (t.kind, t.start, t.end, t.name, t.closed, attrs)


_PIECES = [
    "para",
    " <!-- ",
    " -->",
    "-->",
    "\n",
    "\n\n",
    "# h ",
    "> q ",
    "- item ",
    "<div>",
    "</div>",
    "<script>",
    "</script>",
    "<style>",
    "<b>",
    "</b>",
    "&amp;",
    "`",
    "    code ",
    "\\",
    "<!-->",
    "<!-- x\n",
    "x",
    "<",
    "&",
    "<title>",
    "</title>",
    '<a href="',
]


@settings(max_examples=examples(1500), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
@example(["para", " <!-- ", "\n", "# h ", " -->", "\n"] * 3)
@example(["para", " <!-- ", "<script>", "\n", "# h ", " -->", "</script>", " -->"])
def test_tokens_after_a_comment_shown_as_text_are_those_of_starting_over(
    pieces: list[str],
) -> None:
    # Tokenizing again only until the first tokenization is met must give what tokenizing
    # again to the end gave.
    d = doc("".join(pieces))
    assert [_shape(t) for t in d.markup.tokens] == _restarting_tokens(d)


def test_thousands_of_comments_shown_as_text_are_read_in_linear_time() -> None:
    # Each used to start the rest of the body over (and look for a blank line to its end):
    # 4,000 of them took 25 s.
    d = doc("".join(f"para {i} <!-- open\n# heading {i} -->\n" for i in range(20000)))
    assert sum(t.kind is Kind.COMMENT for t in d.markup.tokens) == 0
