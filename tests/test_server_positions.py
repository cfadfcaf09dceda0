"""LSP positions and edits (artlint.server.positions, .convert): laws for all texts."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from artlint.server.convert import text_edits
from artlint.server.positions import ENCODINGS, LineIndex, apply_change

# Line breaks LSP knows and characters it does not take as breaks, wide and astral ones.
TEXT = st.text(alphabet=st.sampled_from(["a", "汉", "😀", "\n", "\r", "\u2028", "\x0c", "\ufeff"]))
_BREAK = re.compile(r"\r\n|\r|\n")


def expected(text: str, offset: int, encoding: str) -> tuple[int, int]:
    """The position of `offset`, computed the slow and obvious way."""
    starts = [0, *(m.end() for m in _BREAK.finditer(text))]
    line = max(i for i, s in enumerate(starts) if s <= offset)
    prefix = text[starts[line] : offset]
    size = {"utf-8": len(prefix.encode()), "utf-32": len(prefix)}
    return line, size.get(encoding, len(prefix.encode("utf-16-le")) // 2)


def addressable(text: str) -> list[int]:
    # Between \r and \n of one break is no position LSP can name.
    return [o for o in range(len(text) + 1) if text[o - 1 : o + 1] != "\r\n"]


@given(TEXT, st.sampled_from(ENCODINGS))
def test_positions_count_code_units_and_only_lsp_line_breaks(text: str, encoding: str) -> None:
    index = LineIndex(text, encoding)
    offsets = addressable(text)
    found = index.positions(offsets)
    for o in offsets:
        assert found[o] == expected(text, o, encoding)
        assert index.offset(*found[o]) == o


def test_a_column_past_the_line_end_is_the_line_end() -> None:
    index = LineIndex("ab\r\ncd", "utf-16")
    assert index.offset(0, 99) == 2 and index.offset(7, 0) == 6
    # Inside a surrogate pair, UTF-16 columns land after the character.
    assert LineIndex("😀x", "utf-16").offset(0, 1) == 1


@given(TEXT, st.data())
def test_apply_change_replaces_the_range(text: str, data: st.DataObject) -> None:
    offsets = addressable(text)
    a = data.draw(st.sampled_from(offsets))
    b = data.draw(st.sampled_from([o for o in offsets if o >= a]))
    new = data.draw(TEXT)
    index = LineIndex(text, "utf-16")
    changed = apply_change(text, "utf-16", index.position(a), index.position(b), new)
    assert changed == text[:a] + new + text[b:]


@example("aa\r\n", "aa\r", "utf-16")  # an edit must not start between "\r" and "\n"
@example("\r\nb", "\nb", "utf-8")  # nor end there
@given(TEXT, TEXT, st.sampled_from(ENCODINGS))
def test_text_edits_turn_one_text_into_the_other(before: str, after: str, encoding: str) -> None:
    edits = text_edits(before, after, encoding)
    index = LineIndex(before, encoding)
    spans = sorted(
        (
            (
                index.offset(e.range.start.line, e.range.start.character),
                index.offset(e.range.end.line, e.range.end.character),
                e.new_text,
            )
            for e in edits
        ),
        reverse=True,
    )
    text = before
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    assert text == after
    assert (edits == []) == (before == after)


def test_text_edits_touch_only_what_changed_in_a_long_line() -> None:
    body = "<p>" + "字" * 50_000 + "</p>"
    before = "---\ntitle: t\n---\n" + body + "<!-- ad -->" + body + "\n"
    after = before.replace("<!-- ad -->", "")
    (edit,) = text_edits(before, after, "utf-16")
    assert edit.new_text == ""
    assert edit.range.start.line == edit.range.end.line == 3
    assert edit.range.end.character - edit.range.start.character == len("<!-- ad -->")
