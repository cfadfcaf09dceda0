"""Laws that hold for every article: generated from front matter, real-looking text in several
scripts, and the junk the rules target, with LF, CRLF and BOM."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from artlint.document.article import Document
from artlint.engine.check import check_document
from artlint.engine.fixer import fix_document
from artlint.parse import elements, markdown
from artlint.parse.html import Kind, Token, tokenize
from artlint.run.builtin import RULES as BUILTIN_RULES
from artlint.run.builtin import default_rules
from budget import examples
from harness import assert_round_edits

TEXTS = [
    "　　市民出行更方便，夜间公交正式开通。",
    "Sequential writes improved by a fifth.",
    "Ça coûte 5 € — «très» cher.",
    "Привет, мир: обычный абзац.",
    "한국어 문단도 있습니다.",
    "Tom &amp; Jerry &#8217; &nbsp;ok",
]
PARAGRAPHS = st.sampled_from(TEXTS)
JUNK = st.sampled_from(
    [
        "<!-- 正文下iframe -->",
        "<!-- wp:paragraph -->",
        "<!---->",
        "<style>.a&#123;b:c&#125;</style>",
        '<span style="color:red">x</span>',
        '<div style="display:none">promo</div>',
        "<!-- more -->",
        "```\n<!-- code -->\n```",
        "`<style>`",
        "    <!-- indented -->",
        "<!-- unclosed",
        "<style>",
    ]
)
BLOCK = st.one_of(
    PARAGRAPHS.map(lambda p: f"<p>{p}</p>"),
    PARAGRAPHS,
    JUNK,
    st.tuples(PARAGRAPHS, JUNK).map(lambda t: f"<p>{t[0]}</p>{t[1]}"),
)
FRONT = st.sampled_from(
    [
        "",
        "---\ntitle: t\n---\n",
        "\n---\ntitle: '标题'\ntags:\n - a\n---\n",
        '+++\ntitle = "t"\n+++\n',
    ]
)


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, str, bool]:
    blocks = draw(st.lists(BLOCK, max_size=8))
    seps = draw(
        st.lists(
            st.sampled_from(["\n", "\n\n", "\n  \n"]), min_size=len(blocks), max_size=len(blocks)
        )
    )
    text = draw(FRONT) + "".join(b + s for b, s in zip(blocks, seps, strict=True))
    return text, draw(st.sampled_from(["\n", "\r\n"])), draw(st.booleans())


SETTINGS = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(articles(), st.booleans())
def test_fix_is_idempotent_and_keeps_the_words(
    article: tuple[str, str, bool], unsafe: bool
) -> None:
    text, newline, bom = article
    doc = Document("a.md", text.replace("\n", newline), bom)
    result = fix_document(doc, default_rules(), unsafe=unsafe, known=BUILTIN_RULES)
    assert not result.refused and not result.crashed
    # Each round's edits are disjoint, stay on their findings' lines and are the only change.
    assert_round_edits(result)
    fixed = result.document
    assert fixed.bom is bom
    again = fix_document(fixed, default_rules(), unsafe=unsafe, known=BUILTIN_RULES)
    assert not again.changed
    # Safe fixes keep every paragraph of real text, as a reader sees it.
    for paragraph in TEXTS if not unsafe else ():
        seen = html.unescape(paragraph)
        assert html.unescape(fixed.text).count(seen) == html.unescape(text).count(seen)
    # No remaining finding has a fix that the run was allowed to apply.
    for d in result.remaining:
        assert d.fix is None or (not unsafe and d.fix.applicability.value == "unsafe")
    # CRLF files stay CRLF.
    if newline == "\r\n":
        assert "\n" not in fixed.text.replace("\r\n", "")


@SETTINGS
@given(articles())
def test_crlf_and_lf_give_the_same_findings(article: tuple[str, str, bool]) -> None:
    text, _, bom = article
    lf = check_document(
        Document("a.md", text, bom), default_rules(), known=BUILTIN_RULES
    ).diagnostics
    crlf = check_document(
        Document("a.md", text.replace("\n", "\r\n"), bom), default_rules(), known=BUILTIN_RULES
    )
    assert [(d.code, d.start.line, d.start.column) for d in lf] == [
        (d.code, d.start.line, d.start.column) for d in crlf.diagnostics
    ]
    fixed_lf = fix_document(
        Document("a.md", text, bom), default_rules(), known=BUILTIN_RULES
    ).document.text
    fixed_crlf = fix_document(
        Document("a.md", text.replace("\n", "\r\n"), bom), default_rules(), known=BUILTIN_RULES
    )
    assert fixed_crlf.document.text == fixed_lf.replace("\n", "\r\n")


@SETTINGS
@given(articles())
def test_tokens_and_code_regions_tile_the_body(article: tuple[str, str, bool]) -> None:
    text = article[0]
    doc = Document("a.md", text)
    pieces = sorted(
        [(t.start, t.end) for t in doc.markup.tokens] + [(r.start, r.end) for r in doc.regions.code]
    )
    pos = doc.body.start
    for start, end in pieces:
        assert start == pos
        pos = end
    assert pos == doc.body.end
    assert all(t.kind in Kind for t in doc.markup.tokens)


def _blank_by_definition(fragment: str) -> bool:
    """is_blank_markup as its docstring defines it: remove tags and comments, then blank
    entities, then see whether anything but (zero-width) space is left."""
    if elements.MEDIA.search(fragment):
        return False
    rest = re.sub(r"<!--.*?-->|<[^>]*>", "", fragment, flags=re.DOTALL)
    rest = re.sub(r"&(?:nbsp|#160|#xa0|#x3000|#12288|ensp|emsp|thinsp|zwsp);", "", rest, flags=re.I)
    return not elements.INVISIBLE.sub("", rest).strip()


FRAGMENT_PARTS = st.sampled_from(
    [
        *("<b>", "</b>", "<!--", "-->", "<", ">", " ", "\u3000", "\u200b", "&nbsp;", "&NBSP;"),
        *("&nb", "sp;", "x", "&", "\n", "<img>", "<!-- x -->", "&#160;", "&emsp;", "a"),
    ]
)


@given(st.lists(FRAGMENT_PARTS, max_size=12))
@settings(max_examples=examples(3000), deadline=None)
def test_blank_markup_is_what_its_definition_says(parts: list[str]) -> None:
    fragment = "".join(parts)
    assert elements.is_blank_markup(fragment) == _blank_by_definition(fragment)


def leaves_open(tokens: Iterable[Token]) -> bool:
    """Whether `build(tokens)` would leave a non-void element without an end, by the stack
    the Markdown scanner keeps (elements.push_open): the reference its tracker is held to."""
    stack: list[str] = []
    for tok in tokens:
        elements.push_open(stack, tok)
    return bool(stack)


TAGS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<b>", "</b>", "<img>", "<br/>"])


@given(st.lists(st.one_of(TAGS, st.sampled_from(["</span>", "<span>", "x", "</i>"])), max_size=15))
@settings(max_examples=examples(2000), deadline=None)
def test_leaves_open_is_what_build_says(parts: list[str]) -> None:
    tokens = tuple(tokenize("".join(parts)))
    built = elements.build(tokens)
    expected = any(e.close_start is None and e.name not in elements.VOID_ELEMENTS for e in built)
    assert leaves_open(tokens) == expected


def _open_from_scratch(body: str, offset: int, code: list[markdown.CodeRegion]) -> bool:
    """What the incremental tracker must answer: tokenize all HTML before `offset` outside
    the code regions, from the start."""
    tokens = []
    pos = 0
    for region in sorted(code, key=lambda r: r.start):
        if region.start >= offset:
            break
        tokens.extend(tokenize(body, pos, region.start, markdown=True))
        pos = max(pos, region.end)
    tokens.extend(tokenize(body, pos, offset, markdown=True))
    return leaves_open(tokens)


BODY_PARTS = st.sampled_from(
    [
        *("<div>", "</div>", "<p>", "</p>", "<img>", "<style>", "</style>", "<title>", "</title>"),
        *("<script>", "</script>", "<!--", "-->", "<div\n", 'class="a">', "\n", "    ", "x", "<"),
        *("<plaintext>", "</p", ">", "`", "<!-- c -->", '<a title="x>', '"', "'", "<b "),
    ]
)


@given(st.lists(BODY_PARTS, max_size=40), st.data())
@settings(max_examples=examples(1500), deadline=None)
def test_open_elements_tracker_answers_as_tokenizing_from_the_start(
    parts: list[str], data: st.DataObject
) -> None:
    body = "".join(parts)
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(body)), max_size=8))))
    tracker = markdown._OpenElements(body)
    code: list[markdown.CodeRegion] = []
    previous = 0
    for offset in cuts:
        # Code found between two questions, as scan() finds fences between indented blocks.
        if data.draw(st.booleans()) and offset - previous >= 2:
            a = data.draw(st.integers(previous, offset - 1))
            b = data.draw(st.integers(a + 1, offset))
            code.append(markdown.CodeRegion(markdown.CodeKind.FENCE, a, b))
        assert tracker.leaves_open(offset, code) == _open_from_scratch(body, offset, code)
        previous = offset
