"""The Rule value: a rule's identity, metadata and check function, declared once in its module,
and how a configuration selects it (Configured)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Violation
from artlint.model.options import NoOptions, Options
from artlint.model.suppression import Outcome

__all__ = ["Configured", "Metadata", "NoOptions", "Options", "Rule", "snippet"]

OptionsT = TypeVar("OptionsT", bound=Options)


@dataclass(frozen=True, kw_only=True)
class Metadata:
    """The configuration's `[metadata]` table, as the rules that read it see it."""

    table: Mapping[str, object]
    # A path the table names, relative to the configuration file; refused (with the reason
    # located) when it lies outside the project.
    resolve: Callable[[str, str], str]  # (key, path) -> path

    def strings(self, key: str) -> tuple[str, ...] | None:
        """The list of strings under `key`, None without it; ValueError for anything else."""
        if key not in self.table:
            return None
        value = self.table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"metadata.{key}: expected a list of strings")
        return tuple(value)


@dataclass(frozen=True, kw_only=True)
class Rule(Generic[OptionsT]):
    """A rule, generic over its options: `check` receives an instance of `options`."""

    code: str
    name: str
    severity: Severity
    fixability: Fixability
    doc: str  # `CODE name: what it reports.`, then its sections (the module's docstring)
    options: type[OptionsT]
    # Neither check nor after: findings the engine makes itself (unreadable file, crash).
    check: Callable[[Document, OptionsT], Iterable[Violation]] | None = None
    # Runs after every check and the suppressions, and sees what they left (unused
    # suppressions).
    after: Callable[[Document, OptionsT, Outcome], Iterable[Violation]] | None = None
    # What else decides this rule's findings, for the result cache (a pack rule's definition).
    fingerprint: str = ""
    # Codes whose findings this rule's findings make redundant where the two overlap: the
    # engine keeps only the more specific report (AL304 over AL302 on the same cover).
    supersedes: tuple[str, ...] = ()
    # How the configuration's `[metadata]` table sets this rule's options (see Metadata):
    # None when nothing there concerns the rule; ValueError naming the key at fault.
    metadata: Callable[[OptionsT, Metadata], OptionsT | None] | None = None
    # The `[metadata]` keys that hook reads: the table accepts those of the rules in use.
    metadata_keys: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The rule in one line, from the first line of its documentation (`CODE name: what
        it reports.`): the one description `artlint rules`, SARIF and the README show."""
        first = self.doc.partition("\n")[0]
        what = first.partition(": ")[2].strip().rstrip(".")
        return what[:1].upper() + what[1:]

    @property
    def selectable(self) -> bool:
        """Whether configuration can turn the rule on or off."""
        return self.check is not None or self.after is not None

    def run(self, document: Document, options: OptionsT | None = None) -> Iterable[Violation]:
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
class Configured(Generic[OptionsT]):
    """A rule as a configuration selects it: with its options and its severity there."""

    rule: Rule[OptionsT]
    options: OptionsT
    severity: Severity

    @classmethod
    def default(cls, rule: Rule[OptionsT]) -> Configured[OptionsT]:
        return cls(rule, rule.options(), rule.severity)
