"""Blank lines a round of deletions leaves (artlint.engine.spacing), through the fixer."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from artlint.document.article import Document
from artlint.engine.fixer import fix_document
from artlint.engine.spacing import apply_edits, keep_blank_runs
from artlint.model.diagnostics import Edit
from artlint.run.builtin import RULES, default_rules

CASES = [
    pytest.param(
        # Feed debris (excerpt of ../shared/corpus/news-feed/000_7d0a66084c85cdd5.md): each
        # comment stands between blank lines; deleting them used to leave three in a row,
        # which took AL110 a second round.
        "<p>a</p>\n<!-- x -->\n\n<!-- y -->\n\n<!-- z -->\n\n<p>b</p>\n",
        "<p>a</p>\n\n<p>b</p>\n",
        1,
        id="comments between blank lines leave one",
    ),
    pytest.param(
        "<p>a</p>\n\n\n<!-- x -->\n\n<p>b</p>\n",
        "<p>a</p>\n\n\n<p>b</p>\n",
        1,
        id="the largest run there is kept",
    ),
    pytest.param(
        "<p>a</p>\n<!-- x -->\n<p>b</p>\n",
        "<p>a</p>\n<p>b</p>\n",
        1,
        id="no blank line around: none made",
    ),
    pytest.param(
        # AL110 collapses the first run to one line; the comment's neighbours join it.
        "<p>a</p>\n\n\n\n\n<!-- x -->\n\n<!-- y -->\n\n\n\n\n<p>b</p>\n",
        "<p>a</p>\n\n<p>b</p>\n",
        1,
        id="with AL110's own edits in the zone",
    ),
    pytest.param(
        "<p>a</p>\r\n<!-- x -->\r\n\r\n<!-- y -->\r\n\r\n<p>b</p>\r\n",
        "<p>a</p>\r\n\r\n<p>b</p>\r\n",
        1,
        id="CRLF line endings",
    ),
    pytest.param(
        # The blank lines around the comment are the <pre>'s content: both stay, and so does
        # the comment's own line (the <pre> shows it).
        "<pre>\nx\n\n<!-- c -->\n\ny\n</pre>\n",
        "<pre>\nx\n\n\n\ny\n</pre>\n",
        1,
        id="blank lines inside a pre are content",
    ),
    pytest.param(
        # Inside a <pre> every blank line is shown: AL110 leaves them, and so does this.
        "<pre>\nx\n\n\n\n<!-- c -->\n\n\n\ny\n</pre>\n",
        "<pre>\nx\n\n\n\n\n\n\n\ny\n</pre>\n",
        1,
        id="runs of blank lines inside a pre stay whole",
    ),
    pytest.param(
        # A line of no-break spaces is a paragraph, not a blank line: the real blank line
        # that separates it from the next paragraph stays.
        "<p>a</p>\n\xa0\n<!-- y -->\n\n<p>b</p>\n",
        "<p>a</p>\n\xa0\n\n<p>b</p>\n",
        1,
        id="a line of no-break spaces is not blank",
    ),
]


@pytest.mark.parametrize(("text", "fixed", "rounds"), CASES)
def test_deleted_lines_leave_no_longer_run(text: str, fixed: str, rounds: int) -> None:
    doc = Document("a.md", "---\ntitle: t\n---\n" + text, provenance="imported")
    result = fix_document(doc, default_rules(), known=RULES)
    assert result.document.text == "---\ntitle: t\n---\n" + fixed
    assert len(result.rounds) == rounds


def test_an_edit_leaving_blank_lines_inside_a_pre_is_kept() -> None:
    # Two edits each leaving one blank line where there were three, around a deleted line,
    # inside a <pre>: joining them would remove a line a reader sees.
    text = "<pre>\nx\n\n\n\nDEL\n\n\n\ny\n</pre>\n"
    doc = Document("a.md", text)
    starts = doc.lines.starts
    edits = [
        Edit(starts[2], starts[5], "\n"),
        Edit.deletion(starts[5], starts[6]),
        Edit(starts[6], starts[9], "\n"),
    ]
    assert keep_blank_runs(doc, edits) == edits


LINES = st.lists(st.sampled_from(["", "", "text", "<p>x</p>", "\xa0", "DEL"]), max_size=14)


def _longest_run(text: str) -> int:
    return max((len(m) for m in re.findall(r"\n(\n+)", "\n" + text)), default=0)


def _gaps(lines: list[str]) -> list[bool]:
    """For each pair of neighbouring kept lines, whether blank lines stand between them."""
    out: list[bool] = []
    blank = False
    for line in lines:
        if line == "":
            blank = True
        elif line != "DEL":
            out.append(blank)
            blank = False
    return out[1:]


@given(LINES)
def test_deleting_lines_never_makes_a_longer_blank_run(lines: list[str]) -> None:
    """For any lines, some deleted whole: the other non-blank lines stay, in order; no run of
    blank lines is longer than the longest the text had; and kept lines that had blank lines
    between them still have."""
    text = "".join(line + "\n" for line in lines)
    doc = Document("a.md", text)
    starts = doc.lines.starts
    edits = [
        Edit.deletion(starts[i], starts[i + 1]) for i, line in enumerate(lines) if line == "DEL"
    ]
    out = apply_edits(text, keep_blank_runs(doc, edits)).split("\n")[:-1]
    assert [line for line in out if line] == [line for line in lines if line not in ("", "DEL")]
    assert _longest_run("".join(line + "\n" for line in out)) <= _longest_run(text)
    assert _gaps(out) == _gaps(lines)
