"""The fixer: overlaps, fixed points, refusal, and bad input never written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.document.article import Document
from artlint.engine.fixer import MAX_ROUNDS, fix_document, select_fixes
from artlint.model.diagnostics import (
    Aspect,
    Diagnostic,
    Edit,
    Fix,
    Position,
    Severity,
    Span,
    Violation,
)
from artlint.rules import al101_leftover_comment as leftover_comment
from artlint.run.builtin import RULES as BUILTIN_RULES
from artlint.run.builtin import default_rules
from budget import examples


def test_overlapping_fix_waits_for_the_next_round() -> None:
    # A comment inside a styled element: both fixes touch disjoint text and apply together;
    # a comment inside another rule's deletion is re-checked in the next round.
    d = Document("a.md", '<p style="x">a<!-- 广告 -->b</p>\n', provenance="imported")
    result = fix_document(d, default_rules(), known=BUILTIN_RULES)
    assert result.document.text == "<p>ab</p>\n"
    assert len(result.rounds) == 1


def test_style_block_and_comment_on_its_line() -> None:
    text = "<p>a</p>\n<!-- s --><style>.a{}</style>\n<p>b</p>\n"
    result = fix_document(Document("a.md", text), default_rules(), known=BUILTIN_RULES)
    assert result.document.text == "<p>a</p>\n<p>b</p>\n"


def _appender(doc: Document, options: object) -> Iterator[Violation]:
    # A broken rule: its fix never makes its finding go away.
    yield Violation(
        Span(0, 0), "always", Fix("grow", (Edit(0, 0, "x"),), changes=frozenset({Aspect.TEXT}))
    )


def test_non_convergence_is_refused_and_the_file_left_as_it_was() -> None:
    rule = replace(leftover_comment.RULE, code="AL900", check=_appender)
    d = Document("a.md", "text\n")
    result = fix_document(d, [rule], known=BUILTIN_RULES)
    assert result.refused.startswith(f"fixes did not converge after {MAX_ROUNDS} rounds")
    assert result.document is d and not result.changed


def _crash(doc: Document, options: object) -> Iterator[Violation]:
    raise RuntimeError("boom")


def test_a_crashing_rule_blocks_fixing_the_file() -> None:
    rule = replace(leftover_comment.RULE, code="AL900", check=_crash)
    d = Document("a.md", "<!-- 广告 -->\n")
    result = fix_document(d, [*default_rules(), rule], known=BUILTIN_RULES)
    assert result.crashed == ("AL900",) and not result.changed
    assert any(x.code == "AL999" and "AL900" in x.message for x in result.remaining)


def test_invalid_front_matter_is_never_fixed() -> None:
    d = Document("a.md", "---\ntitle: a: b\n---\n<!-- 广告 -->\n")
    result = fix_document(d, default_rules(), known=BUILTIN_RULES)
    assert not result.changed
    assert [x.code for x in result.remaining] == ["AL002", "AL101"]


def test_a_fix_never_turns_body_text_into_front_matter() -> None:
    text = "<!-- saved from url=(0014)about:internet -->\n---\ntitle: hi\n---\ntext\n"
    result = fix_document(Document("a.md", text), default_rules(), known=BUILTIN_RULES)
    assert result.document.text == text and not result.refused
    assert [d.code for d in result.remaining if d.code == "AL101"] == ["AL101"]


def test_a_fix_never_breaks_the_front_matter() -> None:
    text = "  <!-- 广告 -->\n---\nx\n"
    result = fix_document(Document("a.md", text), default_rules(), known=BUILTIN_RULES)
    assert result.document.text == text and not result.refused


def _eats_words(doc: Document, options: object) -> Iterator[Violation]:
    # A broken rule: its "safe" fix removes a word and does not say so.
    start = doc.text.find("secret")
    if start >= 0:
        yield Violation(Span(start, start + 6), "word", Fix("drop", (Edit(start, start + 6, ""),)))


def test_the_oracle_refuses_a_safe_fix_that_removes_visible_text() -> None:
    rule = replace(leftover_comment.RULE, code="AL900", check=_eats_words)
    d = Document("a.md", "<p>a secret word</p>\n")
    result = fix_document(d, [rule], known=BUILTIN_RULES)
    assert not result.changed and not result.refused
    (refusal,) = result.refusals
    assert refusal.code == "AL998" and (refusal.start.line, refusal.start.column) == (1, 6)
    assert refusal.message == (
        "The safe fix of AL900 was not applied: it would change the text readers see"
    )


def test_a_refused_fix_leaves_the_other_fixes_of_its_round() -> None:
    rule = replace(leftover_comment.RULE, code="AL900", check=_eats_words)
    d = Document("a.md", "<p>a secret word</p>\n<!-- 广告 -->\n", provenance="imported")
    result = fix_document(d, [rule, *default_rules()], known=BUILTIN_RULES)
    assert result.document.text == "<p>a secret word</p>\n"
    assert [r.code for r in result.refusals] == ["AL998"]


def test_the_oracle_lets_declared_changes_through() -> None:
    d = Document("a.md", "<p>Tom&amp;nbsp;Jerry <!-- 广告 --></p>\n")
    result = fix_document(d, default_rules(), known=BUILTIN_RULES)
    assert not result.refusals and result.document.text == "<p>Tom&nbsp;Jerry </p>\n"


def test_nested_escapes_take_as_many_rounds_as_they_need() -> None:
    # `&amp;` escaped twelve times over: one level a round, more rounds than MAX_ROUNDS, each
    # shorter. (Twelve nested empty spans did this too; AL104 now removes a nest at once.)
    text = "<p>&amp;" + "amp;" * 12 + "nbsp;x</p>\n"
    result = fix_document(
        Document("a.md", text, provenance="imported"), default_rules(), known=BUILTIN_RULES
    )
    assert result.document.text == "<p>&nbsp;x</p>\n" and not result.refused
    assert len(result.rounds) > MAX_ROUNDS


def test_nested_empty_elements_go_in_one_round() -> None:
    text = "<p>a</p>\n" + "<span class=x>" * 12 + "</span>" * 12 + "\n<p>b</p>\n"
    result = fix_document(
        Document("a.md", text, provenance="imported"), default_rules(), known=BUILTIN_RULES
    )
    assert result.document.text == "<p>a</p>\n<p>b</p>\n" and len(result.rounds) == 1


def test_a_suppression_needed_after_another_fix_is_not_removed_first() -> None:
    text = "<p>One.</p>\n<!-- artlint-disable-next-line AL104 -->\n<p>&nbsp</p>\n<p>Two.</p>\n"
    result = fix_document(Document("a.md", text), default_rules(), known=BUILTIN_RULES)
    assert result.document.text == (
        "<p>One.</p>\n<!-- artlint-disable-next-line AL104 -->\n<p>&nbsp;</p>\n<p>Two.</p>\n"
    )


def _select_by_definition(found: list[Diagnostic]) -> list[Diagnostic]:
    """select_fixes as its docstring says: in order of position, each fix whose edits overlap
    neither each other nor an edit of a fix already taken."""
    chosen: list[Diagnostic] = []
    taken: list[Span] = []
    for d in sorted(found, key=lambda d: (d.fix.span.start, d.fix.span.end) if d.fix else (0, 0)):
        assert d.fix is not None
        spans = [e.span for e in d.fix.edits]
        itself = any(a.overlaps(b) for i, a in enumerate(spans) for b in spans[i + 1 :])
        if not itself and not any(s.overlaps(t) for s in spans for t in taken):
            chosen.append(d)
            taken.extend(spans)
    return chosen


EDIT = st.builds(
    lambda start, length, text: Edit(start, start + length, text),
    st.integers(0, 40),
    st.integers(0, 6),
    st.sampled_from(["", "x"]),
)


@given(st.lists(st.lists(EDIT, min_size=1, max_size=3), max_size=25))
@settings(max_examples=examples(2000), deadline=None)
def test_selection_is_what_its_definition_says(fixes: list[list[Edit]]) -> None:
    position = Position(1, 1, 0)
    found = [
        Diagnostic(
            "a.md",
            "T1",
            "t",
            Severity.ERROR,
            "m",
            Span(0, 0),
            position,
            position,
            Fix("f", tuple(edits)),
        )
        for edits in fixes
    ]
    chosen, _ = select_fixes(found, unsafe=False)
    assert chosen == _select_by_definition(found)


def test_the_fix_summary_counts_refused_fixes() -> None:
    import io

    from artlint.api import fix_bytes
    from artlint.report.text import TextReporter

    rule = replace(leftover_comment.RULE, code="AL900", check=_eats_words)
    raw = "<p>a secret word</p>\n<!-- 广告 -->\n".encode()
    result = fix_bytes(raw, "a.md", rules=[rule, *default_rules()], provenance="imported")
    assert (result.fixable_before, result.applied, result.refused) == (2, 1, 1)
    out = io.StringIO()
    reporter = TextReporter(out, fixing=True)
    reporter.file(result)
    reporter.finish(dry_run=True)
    assert out.getvalue().splitlines()[-1] == (
        "(check counts 2 fixable in these files as they are: 1 safe fix refused because the"
        " page would change (AL998); a fix can make another needless or reveal a new finding,"
        " fixed in a later round.)"
    )
