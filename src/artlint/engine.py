"""Run rules over a Document and turn their violations into located Diagnostics."""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass

from artlint.diagnostics import Diagnostic, Position, Span, Violation
from artlint.document import Document, Unreadable
from artlint.rule import Rule
from artlint.rules import INTERNAL_ERROR, RULES, UNREADABLE_FILE


@dataclass(frozen=True)
class Checked:
    diagnostics: tuple[Diagnostic, ...]
    crashed: tuple[str, ...] = ()  # codes of the rules that raised on this document
    tracebacks: tuple[str, ...] = ()


def default_rules() -> tuple[Rule, ...]:
    return tuple(r for r in RULES if r.check is not None)


def locate(doc: Document, rule: Rule, violation: Violation) -> Diagnostic:
    return Diagnostic(
        path=doc.path,
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=violation.message,
        span=violation.span,
        start=doc.position(violation.span.start),
        end=doc.position(violation.span.end),
        fix=violation.fix,
        edit_offsets=tuple(
            (doc.position(e.start).offset, doc.position(e.end).offset)
            for e in (violation.fix.edits if violation.fix else ())
        ),
    )


def check_document(doc: Document, rules: Sequence[Rule]) -> Checked:
    found: list[Diagnostic] = []
    crashed: list[str] = []
    tracebacks: list[str] = []
    for rule in rules:
        try:
            found.extend(locate(doc, rule, v) for v in rule.run(doc))
        except Exception as exc:  # one rule's bug must not stop the others
            crashed.append(rule.code)
            tracebacks.append(traceback.format_exc())
            message = f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}"
            found.append(locate(doc, INTERNAL_ERROR, Violation(Span(0, 0), message)))
    found.sort(key=Diagnostic.sort_key)
    return Checked(tuple(found), tuple(crashed), tuple(tracebacks))


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
