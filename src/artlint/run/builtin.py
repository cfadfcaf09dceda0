"""The built-in rule set: the engine's own rules around the content rules. Callers that do not
choose rules themselves get these; the engine and the rules never import this module.
"""

from typing import Any

from artlint.engine import own
from artlint.rules.base import Configured, Rule
from artlint.rules.registry import CONTENT

RULES: tuple[Rule[Any], ...] = (*own.FIRST, *CONTENT, *own.LAST)

_BY_KEY = {r.code: r for r in RULES} | {r.name: r for r in RULES}


def lookup(key: str) -> Rule[Any] | None:
    """A rule by code (any case) or by name."""
    return _BY_KEY.get(key.upper()) or _BY_KEY.get(key.lower())


def default_rules() -> tuple[Configured[Any], ...]:
    """Every built-in rule that configuration can select, with its default options."""
    return tuple(Configured.default(r) for r in RULES if r.selectable)
