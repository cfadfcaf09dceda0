"""Markdown code regions: where markup is content."""

from __future__ import annotations

from artlint.parse.markdown import CodeKind, code_regions


def regions(text: str) -> list[tuple[str, str]]:
    return [(r.kind.value, text[r.start : r.end]) for r in code_regions(text, 0, len(text))]


def test_fences_spans_and_indented_blocks() -> None:
    text = "Use `a` and ``b ` c``.\n\n```\nx\n```\n\nPara:\n\n    code\n"
    assert regions(text) == [
        ("span", "`a`"),
        ("span", "``b ` c``"),
        ("fence", "```\nx\n```"),
        ("indented", "    code"),
    ]


def test_unmatched_and_escaped_backticks_are_not_code() -> None:
    assert regions("a ` b\n") == []
    assert regions("\\`not code` here\n") == []


def test_html_block_content_is_not_a_fence() -> None:
    assert regions("<div>\n```\n<!-- x -->\n```\n</div>\n") == []


def test_indented_html_after_html_block_is_not_code() -> None:
    text = "<div>x\n\n        <!-- junk -->\n        <style>a{}</style>\n</div>\n"
    assert regions(text) == []
    closed = "<div>x</div>\n\n        <!-- code -->\n"
    assert regions(closed) == [("indented", "        <!-- code -->")]


def test_template_code_tags() -> None:
    text = "{% highlight html %}\n<!-- x -->\n{% endhighlight %}\n"
    assert [r.kind for r in code_regions(text, 0, len(text))] == [CodeKind.TAG]


def test_offsets_are_into_the_whole_text() -> None:
    text = "---\nt: 1\n---\r\nA `b` c\r\n"
    start = text.index("A")
    (r,) = code_regions(text, start, len(text))
    assert text[r.start : r.end] == "`b`"
