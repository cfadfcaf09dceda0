"""Apply fixes as text edits, the way ruff does: sort, skip overlaps, re-check, repeat.

Each round takes every applicable fix that overlaps no fix already taken, applies all of their
edits to the text, and checks the new text again. It stops when no fix applies. Not reaching
that point within MAX_ROUNDS, a rule crashing, or a round breaking the front matter means the
result is not trusted: the caller gets the original document back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from artlint.diagnostics import Applicability, Diagnostic, Edit, Span
from artlint.document import Document
from artlint.engine import RuleLike, check_document

MAX_ROUNDS = 10


@dataclass(frozen=True)
class FixResult:
    original: Document
    document: Document  # the fixed document; the original when nothing may be written
    applied: tuple[Diagnostic, ...]  # the findings whose fixes were applied, all rounds
    rounds: tuple[tuple[Edit, ...], ...]  # edits of each round, on that round's input text
    remaining: tuple[Diagnostic, ...]  # findings on `document`
    crashed: tuple[str, ...] = ()  # codes of rules that raised
    refused: str = ""  # why fixed text was thrown away (a bug in a rule's fix)

    @property
    def changed(self) -> bool:
        return self.document.text != self.original.text


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    parts = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def select_fixes(
    diagnostics: Sequence[Diagnostic], unsafe: bool
) -> tuple[list[Diagnostic], list[Edit]]:
    """The fixes to apply in one round: in order of position, none overlapping another."""
    chosen: list[Diagnostic] = []
    edits: list[Edit] = []
    taken: list[Span] = []
    candidates = [
        d
        for d in diagnostics
        if d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)
    ]
    candidates.sort(key=lambda d: (d.fix.span.start, d.fix.span.end) if d.fix else (0, 0))
    for d in candidates:
        assert d.fix is not None
        spans = [e.span for e in d.fix.edits]
        if any(s.overlaps(t) for s in spans for t in taken):
            continue
        chosen.append(d)
        edits.extend(d.fix.edits)
        taken.extend(spans)
    return chosen, edits


def join_emptied_lines(doc: Document, edits: list[Edit]) -> list[Edit]:
    """Deletions that together empty a line become one deletion of the line, so that two
    comments on one line leave no blank line behind (which would end an HTML block)."""
    text = doc.text
    by_line: dict[int, list[Edit]] = {}
    for e in edits:
        if not e.replacement and "\n" not in text[e.start : e.end]:
            by_line.setdefault(doc.line_bounds(e.start)[0], []).append(e)
    out = list(edits)
    for line_start, group in by_line.items():
        if len(group) < 2:
            continue
        _, line_end = doc.line_bounds(line_start)
        kept = apply_edits(
            text[line_start:line_end],
            [Edit(e.start - line_start, e.end - line_start, "") for e in group],
        )
        if kept.strip() or not text[line_start:line_end].strip():
            continue
        for e in group:
            out.remove(e)
        out.append(doc.deletion(Span(min(e.start for e in group), max(e.end for e in group))))
    return out


def fix_document(doc: Document, rules: Sequence[RuleLike], *, unsafe: bool = False) -> FixResult:
    checked = check_document(doc, rules)
    first = checked.diagnostics
    if checked.crashed or doc.front_matter_error is not None:
        # A crashed rule cannot vouch for the file; unparsed front matter is never written.
        return FixResult(doc, doc, (), (), first, checked.crashed)
    current = doc
    applied: list[Diagnostic] = []
    rounds: list[tuple[Edit, ...]] = []
    for _ in range(MAX_ROUNDS):
        chosen, edits = select_fixes(checked.diagnostics, unsafe)
        if not edits:
            return FixResult(doc, current, tuple(applied), tuple(rounds), checked.diagnostics)
        edits = join_emptied_lines(current, edits)
        current = current.with_text(apply_edits(current.text, edits))
        applied.extend(chosen)
        rounds.append(tuple(edits))
        checked = check_document(current, rules)
        if checked.crashed:
            problem = "a rule crashed on fixed text"
            return FixResult(doc, doc, (), (), first, checked.crashed, problem)
        if current.front_matter_error is not None:
            codes = ", ".join(sorted({d.code for d in chosen}))
            problem = f"fixes of {codes} broke the front matter"
            return FixResult(doc, doc, (), (), first, (), problem)
    codes = ", ".join(sorted({d.code for d in checked.diagnostics if d.fix is not None}))
    problem = f"fixes did not converge after {MAX_ROUNDS} rounds ({codes})"
    return FixResult(doc, doc, (), (), first, (), problem)
