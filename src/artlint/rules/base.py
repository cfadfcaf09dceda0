"""The Rule value: a rule's identity, metadata and check function, declared once in its module,
and how a configuration selects it (Configured)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from artlint.document.article import Document
from artlint.model.diagnostics import Fixability, Severity, Violation


@dataclass(frozen=True)
class NoOptions:
    """For rules that take no options."""


if TYPE_CHECKING:
    from artlint.model.suppression import Outcome

Check = Callable[[Document, Any], Iterable[Violation]]
# Runs after every check and the suppressions, and sees what they left (unused suppressions).
After = Callable[[Document, Any, "Outcome"], Iterable[Violation]]


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


# Options from the `[metadata]` table, None when nothing there concerns the rule. Raises
# ValueError naming the key at fault.
FromMetadata = Callable[[Any, Metadata], Any]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
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
    # The pack that declares it ("" for a built-in rule). On the very same span a pack rule's
    # finding wins over a built-in one's: the pack says what the thing is.
    pack: str = ""
    # How the configuration's `[metadata]` table sets this rule's options (see Metadata).
    metadata: FromMetadata | None = None

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
