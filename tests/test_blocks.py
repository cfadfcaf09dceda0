"""artlint.parse.blocks finds the blocks markdown-it finds, or says it cannot.

The lean scanner is only trusted because of this law: for every body, `leaf_blocks` either
answers None (markdown-it decides) or gives exactly markdown-it's blocks. Bodies are generated
from lines that sit on the edges of CommonMark's block rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from artlint.document.article import Document
from artlint.parse.blocks import leaf_blocks
from artlint.parse.markdown import markdown_it_blocks
from budget import examples

LINES = [
    "",
    "   ",
    "\t",
    "plain text with `code` in it",
    "more text",
    "    indented four",
    "   three spaces",
    "\tafter a tab",
    "  \tspaces then a tab",
    "        deeper",
    "```",
    "```python",
    "``` has ` inside",
    "````",
    "   ```",
    "    ```",
    "~~~",
    "~~~~ info `ok`",
    "``",
    "---",
    "- - -",
    "***",
    "___",
    "===",
    "=",
    "-",
    " --  ",
    "# Title",
    "###### six",
    "####### seven",
    "#no space",
    "   ## indented heading ##",
    "<div>",
    "</div>",
    '<div class="wrap" style="x">',
    "<DIV>",
    "<p>para</p>",
    "<span>inline</span>",
    '<a href="x">',
    "<img src=x alt='y' />",
    "<custom-tag>",
    "</custom-tag>  ",
    "<!-- comment -->",
    "<!-- opens",
    "closes -->",
    "<!-->",
    "<script>",
    "</script>",
    "<style>a{}</style>",
    "<pre>",
    "</pre>",
    "<textarea x>",
    "<?php",
    "?>",
    "<!DOCTYPE html>",
    "<![CDATA[",
    "]]>",
    "<notatag",
    "< div>",
    "text <b>bold</b>",
    "1 not a list",
    "12345678901. too long",
    "a]: b",
    "+notalist",
    "*notalist*",
    "_emphasis_",
    "\\# escaped",
]
CONTAINERS = ["> quote", "- item", "* item", "+ item", "1. one", "2) two", "[ref]: /url", "-"]


def _same_as_markdown_it(body: str) -> None:
    lean = leaf_blocks(body)
    if lean is not None:
        assert lean == markdown_it_blocks(body), body


@given(st.lists(st.sampled_from(LINES), max_size=14), st.booleans())
@settings(max_examples=examples(3000), suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_flat_bodies_match_markdown_it(lines: list[str], final_newline: bool) -> None:
    body = "\n".join(lines) + ("\n" if final_newline else "")
    assert leaf_blocks(body) is not None or any(
        line.lstrip(" \t")[:1] in ">-*+[0123456789" for line in lines
    ), "only containers and references are left to markdown-it"
    _same_as_markdown_it(body)


@given(st.lists(st.sampled_from(LINES + CONTAINERS), max_size=14))
@settings(max_examples=examples(1500), suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_any_body_is_lean_and_right_or_left_to_markdown_it(lines: list[str]) -> None:
    _same_as_markdown_it("\n".join(lines))


@given(st.text(alphabet=" \t\n`~-=#<>*_+!/[]:1.a", max_size=60))
@settings(max_examples=examples(3000), deadline=None)
def test_character_soup(body: str) -> None:
    _same_as_markdown_it(body)


ROOT = Path(__file__).parent.parent
ARTICLES = sorted(
    p for folder in ("examples", "tests") for p in (ROOT / folder).rglob("*.m*") if p.is_file()
)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_articles(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
    doc = Document(str(path), text, False)
    body = text[doc.body.start :].replace("\r", " ").replace("\0", " ")
    _same_as_markdown_it(body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("a\n> b\n", None),  # a block quote interrupts a paragraph
        ("- a\n", None),
        ("[x]: /u\n", None),
        ("a\n---\n", [("inline", 0, 2, False)]),  # a setext heading: its text only
        ("<div>\n\n    <p>x</p>\n", [("html_block", 0, 6, False), ("code_block", 7, 20, True)]),
        ("```\nx\n", [("fence", 0, 6, False)]),  # unclosed: to the end
        ("a\n   \t", [("inline", 0, 2, False)]),  # a last line of blanks is no line
    ],
)
def test_cases(body: str, expected: list[tuple[str, int, int, bool]] | None) -> None:
    assert leaf_blocks(body) == expected
    if expected is not None:
        assert markdown_it_blocks(body) == expected
