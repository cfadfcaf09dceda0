"""The Rule value: a rule's identity, metadata and check function, declared once in its module."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from artlint.diagnostics import Fixability, Severity, Violation
from artlint.document import Document


@dataclass(frozen=True)
class NoOptions:
    """For rules that take no options."""


if TYPE_CHECKING:
    from artlint.suppressions import Outcome

Check = Callable[[Document, Any], Iterable[Violation]]
# Runs after every check and the suppressions, and sees what they left (unused suppressions).
After = Callable[[Document, Any, "Outcome"], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: Severity
    fixability: Fixability
    doc: str
    # Neither check nor after: findings the engine makes itself (unreadable file, crash).
    check: Check | None = None
    options: type = NoOptions
    after: After | None = None
    # What else decides this rule's findings, for the result cache (a pack rule's definition).
    fingerprint: str = ""
    # Codes whose findings this rule's findings make redundant where the two overlap: the
    # engine keeps only the more specific report (AL304 over AL302 on the same cover).
    supersedes: tuple[str, ...] = ()

    @property
    def selectable(self) -> bool:
        """Whether configuration can turn the rule on or off."""
        return self.check is not None or self.after is not None

    def run(self, document: Document, options: Any = None) -> Iterable[Violation]:
        if self.check is None:
            return ()
        return self.check(document, self.options() if options is None else options)


_CONTROL = dict.fromkeys([*range(0x20), 0x7F, *range(0x80, 0xA0)])


def snippet(raw: str, limit: int = 50) -> str:
    """Source text for a message: whitespace runs collapsed, control characters (which could
    drive a terminal) shown as escapes, cut at `limit` code points."""
    flat = " ".join(raw.split())
    if any(ord(c) in _CONTROL for c in flat):
        flat = "".join(repr(c)[1:-1] if ord(c) in _CONTROL else c for c in flat)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class Configured:
    """A rule as a configuration selects it: with its options and its severity there."""

    rule: Rule
    options: Any
    severity: Severity

    @classmethod
    def default(cls, rule: Rule) -> Configured:
        return cls(rule, rule.options(), rule.severity)
