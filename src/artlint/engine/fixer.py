"""Apply fixes as text edits, the way ruff does: sort, skip overlaps, re-check, repeat.

Each round takes every applicable fix that overlaps no fix already taken, applies all of their
edits to the text, and checks the new text again. It stops when no fix applies. A fix that
would change the front matter's shape (create one, remove one, or break it) is left out.

A round that shortens the text is progress (twelve nested empty `<span>`s take twelve rounds);
MAX_ROUNDS rounds that do not, or a rule crashing, mean the result is not trusted: the caller
gets the original document back. A round whose safe fixes change what a reader sees
(artlint.engine.oracle) keeps only the fixes that do not; the refused ones are not offered again,
and each becomes an AL998 finding on the fixed text, which is written.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from artlint.document.article import Document
from artlint.engine import oracle
from artlint.engine.check import MAX_FIXES_PER_RULE, RuleLike, check_document, locate, rule_plan
from artlint.engine.own import UNSAFE_FIX_BLOCKED
from artlint.engine.spacing import apply_edits, join_emptied_lines, keep_blank_runs
from artlint.model.diagnostics import Applicability, Diagnostic, Edit, Span, Violation
from artlint.rules.base import Rule

MAX_ROUNDS = 10  # rounds that do not shorten the text
MAX_SHRINKING_ROUNDS = 200


@dataclass(frozen=True, kw_only=True)
class FixResult:
    original: Document
    document: Document  # the fixed document; the original when nothing may be written
    applied: tuple[Diagnostic, ...]  # the findings whose fixes were applied, all rounds
    rounds: tuple[tuple[Edit, ...], ...]  # edits of each round, on that round's input text
    remaining: tuple[Diagnostic, ...]  # findings on `document`
    crashed: tuple[str, ...] = ()  # codes of rules that raised
    refused: str = ""  # why fixed text was thrown away (a bug in a rule's fix)
    refusals: tuple[Diagnostic, ...] = ()  # AL998 findings on `document`: safe fixes refused
    round_sizes: tuple[int, ...] = ()  # how many of `applied` each round applied
    before: tuple[Diagnostic, ...] = ()  # findings on `original`, before any fix

    @property
    def changed(self) -> bool:
        return self.document.text != self.original.text


def select_fixes(
    diagnostics: Sequence[Diagnostic], unsafe: bool
) -> tuple[list[Diagnostic], list[Edit]]:
    """The fixes to apply in one round: in order of position, none overlapping another (nor
    itself: overlapping edits have no defined result)."""
    chosen: list[Diagnostic] = []
    edits: list[Edit] = []
    taken = _Taken()
    candidates = [
        d
        for d in diagnostics
        if d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)
    ]
    candidates.sort(key=lambda d: (d.fix.span.start, d.fix.span.end) if d.fix else (0, 0))
    for d in candidates:
        assert d.fix is not None
        spans = [e.span for e in d.fix.edits]
        if any(taken.conflicts(s) for s in spans) or _self_overlapping(spans):
            continue
        chosen.append(d)
        edits.extend(d.fix.edits)
        for s in spans:
            taken.add(s)
    return chosen, edits


def _self_overlapping(spans: list[Span]) -> bool:
    return any(a.overlaps(b) for i, a in enumerate(spans) for b in spans[i + 1 :])


class _Taken:
    """The spans of the fixes taken so far in a round, sorted. None conflicts with another,
    so sorted by start they are sorted by end too, and a new span need only be compared with
    its neighbours (a dirty archive file has hundreds of fixes)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._spans: list[Span] = []

    def conflicts(self, span: Span) -> bool:
        i = bisect.bisect_right(self._starts, span.end) - 1
        while i >= 0 and self._spans[i].end >= span.start:
            if span.overlaps(self._spans[i]):
                return True
            i -= 1
        return False

    def add(self, span: Span) -> None:
        i = bisect.bisect_right(self._starts, span.start)
        self._starts.insert(i, span.start)
        self._spans.insert(i, span)


def _shape(doc: Document) -> tuple[object, ...]:
    """What a fix may never change: whether there is a front matter, its format, where it
    starts, and whether it parses."""
    fm = doc.header.front_matter
    where = None if fm is None else (fm.format, fm.span.start)
    return (where, doc.header.error is None)


def _apply_keeping_shape(
    doc: Document, chosen: list[Diagnostic], edits: list[Edit]
) -> tuple[Document, list[Diagnostic], list[Edit]]:
    """Apply the round's edits; if together they change the front matter's shape (a comment
    removed above a `---` line turns body text into metadata), apply only the fixes that keep
    it, one by one."""
    shape = _shape(doc)
    joined = keep_blank_runs(doc, join_emptied_lines(doc, edits))
    same_until = min((e.start for e in joined), default=0)
    result = doc.with_text(apply_edits(doc.text, joined), same_until)
    if _shape(result) == shape:
        return result, chosen, joined
    current = doc
    kept: list[Diagnostic] = []
    done: list[Edit] = []
    for d in chosen:
        assert d.fix is not None
        if any(e.span.overlaps(x.span) for e in d.fix.edits for x in done):
            continue
        trial_edits = [*done, *d.fix.edits]
        trial = doc.with_text(apply_edits(doc.text, trial_edits))
        if _shape(trial) == shape:
            current, done = trial, trial_edits
            kept.append(d)
    return current, kept, done


def _oracle(before: Document, after: Document, chosen: Sequence[Diagnostic]) -> tuple[str, ...]:
    """The aspects of what readers see that a round of safe fixes changed without declaring
    them; none when the round is fine or holds unsafe fixes (they may remove)."""
    fixes = [d.fix for d in chosen if d.fix is not None]
    if not fixes or any(f.applicability is Applicability.UNSAFE for f in fixes):
        return ()
    declared = frozenset().union(*(f.changes for f in fixes))
    # Each round's "after" is the next round's "before": a document's view is computed once.
    views = [d.memo("view", oracle.view) for d in (before, after)]
    return tuple(sorted(views[0].differences(views[1]) - declared))


def _key(doc: Document, d: Diagnostic) -> Hashable:
    """A refused fix, as the same fix would be offered again on the same text. Once other
    fixes changed the text it is tried again: what a deletion does to the rendering depends
    on its neighbours, and a second `fix` run must have nothing left to do."""
    edits = () if d.fix is None else tuple((e.start, e.end, e.replacement) for e in d.fix.edits)
    return (d.code, d.message, edits, hash(doc.text))


def _refuse(
    previous: Document, chosen: list[Diagnostic]
) -> tuple[Document, list[Diagnostic], list[Edit], dict[Hashable, tuple[str, ...]]]:
    """After a round the oracle blocked: the round again, keeping the fixes that, with those
    kept before them, change nothing undeclared; and the aspects each refused fix would have
    changed, by _key.

    The fixes are tried in order, in halves: a half the oracle accepts is kept whole, one it
    blocks is split again, down to single fixes. Trying them one by one cost a whole-document
    check per fix: thousands of fixes on a large file, with one of them refused, took minutes.
    """
    refused: dict[Hashable, tuple[str, ...]] = {}
    current = previous
    good: list[Diagnostic] = []
    done: list[Edit] = []
    applied: list[Edit] = []

    def attempt(chunk: list[Diagnostic]) -> None:
        nonlocal current, good, done, applied
        edits = [e for d in chunk if d.fix is not None for e in d.fix.edits]
        trial, kept, joined = _apply_keeping_shape(previous, [*good, *chunk], [*done, *edits])
        kept_ids = {id(d) for d in kept}
        whole = all(id(d) in kept_ids for d in chunk)
        aspects = _oracle(previous, trial, kept) if whole else ("front matter",)
        if not aspects:
            current, good, done, applied = trial, kept, [*done, *edits], joined
        elif len(chunk) == 1:
            refused[_key(previous, chunk[0])] = aspects
        else:
            attempt(chunk[: len(chunk) // 2])
            attempt(chunk[len(chunk) // 2 :])

    if len(chosen) == 1:
        attempt(chosen)
    else:  # the whole round was just refused
        attempt(chosen[: len(chosen) // 2])
        attempt(chosen[len(chosen) // 2 :])
    return current, good, applied, refused


def fix_document(
    doc: Document,
    rules: Sequence[RuleLike],
    *,
    unsafe: bool = False,
    known: Sequence[Rule[Any]],
) -> FixResult:
    """Fix `doc` with `rules` (`known` as in check_document)."""
    checked = check_document(doc, rules, known=known, cap=MAX_FIXES_PER_RULE)
    first = checked.diagnostics
    if checked.crashed or doc.header.error is not None:
        # A crashed rule cannot vouch for the file; unparsed front matter is never written.
        return _unwritten(doc, first, crashed=checked.crashed)
    current = doc
    applied: list[Diagnostic] = []
    rounds: list[tuple[Edit, ...]] = []
    sizes: list[int] = []
    # Rules that judge the others' findings (unused suppressions) fix only once nothing else
    # does: a suppression that looks unused now may be needed after another fix.
    late = {e.rule.code for e in rule_plan(rules, known).afters}
    stalls = 0
    refused: dict[Hashable, tuple[str, ...]] = {}  # _key -> aspects
    for _ in range(MAX_SHRINKING_ROUNDS):
        found = checked.diagnostics
        if refused:
            found = tuple(d for d in found if _key(current, d) not in refused)
        early = [d for d in found if d.code not in late]
        chosen, edits = select_fixes(early, unsafe)
        if not edits:
            chosen, edits = select_fixes(found, unsafe)
        previous = current
        if edits:
            current, chosen, edits = _apply_keeping_shape(current, chosen, edits)
        if not edits:
            return FixResult(
                original=doc,
                document=current,
                applied=tuple(applied),
                rounds=tuple(rounds),
                remaining=checked.diagnostics,
                round_sizes=tuple(sizes),
                before=first,
                refusals=_refusals(current, checked.diagnostics, refused),
            )
        if _oracle(previous, current, chosen):  # on `previous`: _refuse keys fixes there
            current, chosen, edits, newly = _refuse(previous, chosen)
            refused.update(newly)
        if edits:
            applied.extend(chosen)
            sizes.append(len(chosen))
            rounds.append(tuple(edits))
            checked = check_document(current, rules, known=known, cap=MAX_FIXES_PER_RULE)
        if checked.crashed:
            problem = "a rule crashed on fixed text"
            return _unwritten(doc, first, crashed=checked.crashed, refused=problem)
        stalls += len(current.text) >= len(previous.text)
        if stalls >= MAX_ROUNDS:
            break
    codes = ", ".join(sorted({d.code for d in checked.diagnostics if d.fix is not None}))
    problem = f"fixes did not converge after {len(rounds)} rounds ({codes})"
    return _unwritten(doc, first, refused=problem)


def _unwritten(
    doc: Document,
    found: tuple[Diagnostic, ...],
    *,
    crashed: tuple[str, ...] = (),
    refused: str = "",
) -> FixResult:
    """The document left as it was, with the findings on it: nothing may be written."""
    return FixResult(
        original=doc,
        document=doc,
        applied=(),
        rounds=(),
        remaining=found,
        crashed=crashed,
        refused=refused,
        before=found,
    )


def _refusals(
    doc: Document,
    found: Sequence[Diagnostic],
    refused: dict[Hashable, tuple[str, ...]],
) -> tuple[Diagnostic, ...]:
    out = []
    for d in found:
        aspects = refused.get(_key(doc, d))
        if aspects is not None:
            what = ", ".join(aspects)
            message = (
                f"The safe fix of {d.code} was not applied: it would change the {what} readers see"
            )
            out.append(locate(doc, UNSAFE_FIX_BLOCKED, Violation(d.span, message)))
    return tuple(out)
