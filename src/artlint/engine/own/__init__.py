"""The engine's own findings, declared as rules like any other (one module each) so that they
are documented, selectable where it makes sense and reported the same way."""

from typing import Any

from artlint.engine.own import (
    al001_unreadable_file,
    al901_unused_suppression,
    al998_unsafe_fix_blocked,
    al999_internal_error,
)
from artlint.rules.base import Rule

UNREADABLE_FILE = al001_unreadable_file.RULE
UNUSED_SUPPRESSION = al901_unused_suppression.RULE
UNSAFE_FIX_BLOCKED = al998_unsafe_fix_blocked.RULE
INTERNAL_ERROR = al999_internal_error.RULE

# Where they stand in the list of every rule: an unreadable file first, the rest last.
FIRST: tuple[Rule[Any], ...] = (UNREADABLE_FILE,)
LAST: tuple[Rule[Any], ...] = (UNUSED_SUPPRESSION, UNSAFE_FIX_BLOCKED, INTERNAL_ERROR)
