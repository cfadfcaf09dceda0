"""The base of every rule's options.

A rule's options are a frozen dataclass derived from `Options`: each field is a setting of
`[rules.<name>]` (`keep-patterns` for `keep_patterns`), typed, with its default. A field with
`metadata={"internal": True}` is filled by artlint itself (a digest for the cache) and is
refused as a setting.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    def validate(self) -> None:
        """Raise ValueError saying what is wrong with values the field types allow (a pattern
        that does not compile). Called once, when a configuration builds the options."""


@dataclass(frozen=True)
class NoOptions(Options):
    """For rules that take no options."""
