"""Run rules over a Document and turn their violations into located Diagnostics."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from artlint.document.article import Document, Unreadable
from artlint.engine import suppressions
from artlint.engine.own import INTERNAL_ERROR, UNREADABLE_FILE
from artlint.model.diagnostics import Diagnostic, Position, Severity, Span, Violation
from artlint.rules.base import Configured, Rule
from artlint.safe.patterns import PatternTimeout


@dataclass(frozen=True)
class Checked:
    diagnostics: tuple[Diagnostic, ...]
    crashed: tuple[str, ...] = ()  # codes of the rules that raised on this document
    tracebacks: tuple[str, ...] = ()


RuleLike = Rule[Any] | Configured[Any]


def configured(rules: Sequence[RuleLike]) -> tuple[Configured[Any], ...]:
    return tuple(r if isinstance(r, Configured) else Configured.default(r) for r in rules)


def locate(
    doc: Document, rule: Rule[Any], violation: Violation, severity: Severity | None = None
) -> Diagnostic:
    # Positional arguments and a list, not keywords and a generator: a dirty archive has
    # a hundred thousand findings, and this ran for each.
    position = doc.lines.position
    span = violation.span
    fix = violation.fix
    offsets = (
        ()
        if fix is None
        else tuple([(position(e.start).offset, position(e.end).offset) for e in fix.edits])
    )
    return Diagnostic(
        doc.path,
        rule.code,
        rule.name,
        rule.severity if severity is None else severity,
        violation.message,
        span,
        position(span.start),
        position(span.end),
        fix,
        offsets,
    )


def check_document(
    doc: Document,
    rules: Sequence[RuleLike],
    *,
    known: Sequence[Rule[Any]],
    cap: int | None = None,
) -> Checked:
    """Run the checks, apply the article's suppressions, then the rules that look at what is
    left (unused suppressions). A rule that raises becomes an AL999 finding. Each rule reports
    at most `cap` findings (default MAX_PER_RULE) and one more that counts the rest.

    `known` are the rules a suppression comment may name besides those run (the caller's
    whole rule set, such as artlint.run.builtin.RULES). It has no default: left out, a
    suppression of a rule that is not running would look unknown (AL901), and fixing would
    delete it."""
    plan = rule_plan(rules, known)
    run = _Run(doc, MAX_PER_RULE if cap is None else cap)
    for entry in plan.checks:
        assert entry.rule.check is not None
        run.collect(entry, entry.rule.check, (doc, entry.options))
    outcome = suppressions.apply(doc, run.found, plan.codes, plan.known)
    run.found = list(outcome.kept)
    for entry in plan.afters:
        assert entry.rule.after is not None
        run.collect(entry, entry.rule.after, (doc, entry.options, outcome))
    found = _most_specific(run.found, plan.supersedes, plan.specific)
    found.sort(key=Diagnostic.sort_key)
    return Checked(tuple(found), tuple(run.crashed), tuple(run.tracebacks))


@dataclass(frozen=True, eq=False)
class RulePlan:
    """What check_document derives from its rule set alone: made once for a set, not once
    per file (on one-line articles it was a tenth of the time)."""

    rules: tuple[RuleLike, ...]
    given: tuple[Rule[Any], ...]  # `known` as the caller gave it
    checks: tuple[Configured[Any], ...]
    afters: tuple[Configured[Any], ...]
    codes: frozenset[str]
    known: tuple[Rule[Any], ...]  # with the rules outside the caller's set
    supersedes: dict[str, tuple[str, ...]]
    specific: frozenset[str]  # codes of rules outside the caller's set (a pack's)


_last_plan: RulePlan | None = None


def rule_plan(rules: Sequence[RuleLike], known: Sequence[Rule[Any]]) -> RulePlan:
    global _last_plan
    rules, known = tuple(rules), tuple(known)
    plan = _last_plan
    # Tuples compare their members by identity first: the same set costs no rule comparison.
    if plan is not None and plan.rules == rules and plan.given == known:
        return plan
    entries = configured(rules)
    named = {r.code for r in known}
    # Rules outside the caller's set: a pack's, or one passed in through the library.
    extra = tuple(e.rule for e in entries if e.rule.code not in named)
    plan = RulePlan(
        rules=rules,
        given=known,
        checks=tuple(e for e in entries if e.rule.check is not None),
        afters=tuple(e for e in entries if e.rule.after is not None),
        codes=frozenset(e.rule.code for e in entries),
        known=(*known, *extra),
        supersedes={e.rule.code: e.rule.supersedes for e in entries},
        specific=frozenset(r.code for r in extra),
    )
    _last_plan = plan  # one assignment: threads (the language server's) see one plan or another
    return plan


def _most_specific(
    found: list[Diagnostic], supersedes: dict[str, tuple[str, ...]], specific: frozenset[str]
) -> list[Diagnostic]:
    """One report per problem. A finding of a rule that supersedes another code drops that
    code's findings where the two overlap; a finding of a `specific` rule (one outside the
    caller's rule set: a pack's, or one passed in through the library) drops a built-in
    rule's on the very same span (the pack was written for that family and says what the
    thing is: an app promo, not just an HTML comment)."""
    packs = [d for d in found if d.code in specific]
    claimed = {(d.span.start, d.span.end) for d in packs}
    ruling = [d for d in found if supersedes.get(d.code)]
    if not claimed and not ruling:
        return found

    def redundant(d: Diagnostic) -> bool:
        if d.code not in specific and (d.span.start, d.span.end) in claimed:
            return True
        return any(d.code in supersedes[r.code] and d.span.overlaps(r.span) for r in ruling)

    return [d for d in found if not redundant(d)]


MAX_PER_RULE = 1000  # findings of one rule in one file; the rest become one finding
# The fixer takes more per round: at 1,000, a one-line body of 65,000 comments took 66 rounds,
# each reading the whole file again. 20,000 findings hold about 35 MB.
MAX_FIXES_PER_RULE = 20_000


class _Run:
    def __init__(self, doc: Document, cap: int) -> None:
        self.doc = doc
        self.cap = cap
        self.found: list[Diagnostic] = []
        self.crashed: list[str] = []
        self.tracebacks: list[str] = []

    def collect(
        self,
        entry: Configured[Any],
        produce: Callable[..., Iterable[Violation]],
        args: tuple[Any, ...],
    ) -> None:
        rule = entry.rule
        try:
            more = 0
            first_more: Violation | None = None
            for count, v in enumerate(produce(*args)):
                if count < self.cap:
                    self.found.append(locate(self.doc, rule, v, entry.severity))
                else:
                    # A 16 MB file of one entity, repeated, makes millions: memory, not news.
                    more += 1
                    first_more = first_more or v
            if first_more is not None:
                message = (
                    f"{more} more findings of {rule.code} in this file (artlint reports at"
                    f" most {self.cap} of a rule per file; fix these and check again)"
                )
                summary = Violation(Span(first_more.span.start, first_more.span.start), message)
                self.found.append(locate(self.doc, rule, summary, entry.severity))
        except PatternTimeout as exc:
            # A configured pattern that backtracks: the rule is stopped, located where its
            # search began, and the file counts as not checked (no fix, no cache entry).
            self.crashed.append(rule.code)
            message = f"rule {rule.code} ({rule.name}) stopped: {exc}"
            span = Span(exc.at, exc.at)
            self.found.append(locate(self.doc, INTERNAL_ERROR, Violation(span, message)))
        except Exception as exc:  # one rule's bug must not stop the others
            self.crashed.append(rule.code)
            self.tracebacks.append(traceback.format_exc())
            message = f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}"
            self.found.append(locate(self.doc, INTERNAL_ERROR, Violation(Span(0, 0), message)))


def unreadable(problem: Unreadable) -> Diagnostic:
    position = Position(problem.line, problem.column, problem.offset)
    return Diagnostic(
        path=problem.path,
        code=UNREADABLE_FILE.code,
        name=UNREADABLE_FILE.name,
        severity=UNREADABLE_FILE.severity,
        message=problem.message,
        span=Span(0, 0),
        start=position,
        end=position,
    )
