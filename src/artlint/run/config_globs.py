"""Globs in a configuration: `exclude`, `per-file-ignores` and `per-file-provenance` patterns,
read the way .gitignore reads them, each checked when the configuration is read."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from artlint.rules.base import Rule
from artlint.run.config_files import ConfigError
from artlint.run.config_rules import resolve_selectors, strings
from artlint.safe.patterns import gitignore


@lru_cache(maxsize=256)
def matcher(patterns: tuple[str, ...]) -> Any:
    return gitignore(patterns)


def file_patterns(
    table: Mapping[str, Any], where: str, known: Sequence[Rule[Any]]
) -> tuple[tuple[tuple[str, frozenset[str]], ...], tuple[str, ...]]:
    """`per-file-ignores` (glob -> codes) and `exclude` with `extend-exclude`, each glob
    checked."""
    per_file: list[tuple[str, frozenset[str]]] = []
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}: per-file-ignores: expected a table of glob = [codes]")
    for pattern, codes in pfi.items():
        key = f"per-file-ignores.{pattern!r}"
        named = resolve_selectors(strings(where, key, codes), where, key, known)
        per_file.append((pattern, frozenset(named)))
        check_glob(where, key, pattern)
    exclude = strings(where, "exclude", table.get("exclude", []))
    for pattern in exclude:
        check_glob(where, "exclude", pattern)
    extended = strings(where, "extend-exclude", table.get("extend-exclude", []))
    for pattern in extended:
        check_glob(where, "extend-exclude", pattern)
    return tuple(per_file), exclude + extended


def check_glob(where: str, key: str, pattern: str) -> None:
    if UNCLOSED_BRACKET.search(pattern):
        # pathspec reads `[abc` as the literal text; git matches nothing with it. Either way
        # it is not what was meant.
        raise ConfigError(f"{where}: {key}: bad glob {pattern!r}: `[` is never closed by `]`")
    try:
        matcher((pattern,))
    except Exception as exc:  # pathspec raises several types for malformed patterns
        raise ConfigError(f"{where}: {key}: bad glob {pattern!r}: {exc}") from exc


# A `[` (not escaped) with no `]` after it.
UNCLOSED_BRACKET = re.compile(r"(?<!\\)\[(?![^\]]*\])")
