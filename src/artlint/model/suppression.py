"""Suppression comments as values: what a directive says, and what the suppressions of one
article left of its findings (artlint.engine.suppressions finds and applies them; rules that
judge the outcome, such as unused suppressions, read it)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from artlint.model.diagnostics import Diagnostic, Span


class DirectiveKind(StrEnum):
    """What a suppression comment does; its text after `artlint-`."""

    disable_next_line = "disable-next-line"
    disable_line = "disable-line"
    disable_file = "disable-file"
    disable = "disable"
    enable = "enable"


@dataclass(frozen=True, slots=True)
class Directive:
    kind: DirectiveKind
    codes: frozenset[str] | None  # None: every rule
    unknown: tuple[str, ...]  # words that name no rule
    span: Span
    line: int


@dataclass(frozen=True)
class Outcome:
    kept: tuple[Diagnostic, ...]
    unused: tuple[Directive, ...]  # directives that suppressed nothing
