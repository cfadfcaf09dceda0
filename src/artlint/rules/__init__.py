"""The registry of built-in rules. A new rule is imported and listed here, by name."""

from artlint.rule import Rule
from artlint.rules import (
    internal_error,
    invalid_front_matter,
    leftover_comment,
    style_attribute,
    style_block,
    unreadable_file,
)

RULES: tuple[Rule, ...] = (
    unreadable_file.RULE,
    invalid_front_matter.RULE,
    leftover_comment.RULE,
    style_block.RULE,
    style_attribute.RULE,
    internal_error.RULE,
)

UNREADABLE_FILE = unreadable_file.RULE
INTERNAL_ERROR = internal_error.RULE

_BY_KEY = {r.code: r for r in RULES} | {r.name: r for r in RULES}


def lookup(key: str) -> Rule | None:
    """A rule by code (any case) or by name."""
    return _BY_KEY.get(key.upper()) or _BY_KEY.get(key.lower())
