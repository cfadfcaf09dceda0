"""The Rule value: a rule's identity, metadata and check function, declared once in its module."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from artlint.diagnostics import Fixability, Severity, Violation
from artlint.document import Document


@dataclass(frozen=True)
class NoOptions:
    """For rules that take no options."""


Check = Callable[[Document, Any], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: Severity
    fixability: Fixability
    doc: str
    # None for findings the engine makes itself (a file it cannot read, a rule that crashed).
    check: Check | None = None
    options: type = NoOptions

    def run(self, document: Document, options: Any = None) -> Iterable[Violation]:
        if self.check is None:
            return ()
        return self.check(document, self.options() if options is None else options)


def snippet(raw: str, limit: int = 50) -> str:
    """Source text for a message: whitespace runs collapsed, cut at `limit` code points."""
    flat = " ".join(raw.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
