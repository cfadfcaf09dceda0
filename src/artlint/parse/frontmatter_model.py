"""Front matter as values: what was found, its keys with their spans, and why it cannot be
used. artlint.parse.frontmatter finds and parses it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from artlint.model.diagnostics import Span

Format = Literal["yaml", "toml", "json"]


@dataclass(frozen=True, slots=True)
class KeySpan:
    """One top-level key: `span` covers its whole line(s), `value` just the value text,
    `parsed` what this occurrence of the key parses to (a repeated key has its own)."""

    name: str
    span: Span
    key: Span
    value: Span
    parsed: Any = None


@dataclass(frozen=True, slots=True)
class FrontMatterError:
    span: Span
    message: str


@dataclass(frozen=True)
class FrontMatter:
    format: Format
    span: Span  # separators included, up to and including the closing line's line ending
    content: Span  # the text between the separator lines
    data: Mapping[str, Any] = field(default_factory=dict)
    keys: tuple[KeySpan, ...] = ()
    error: FrontMatterError | None = None
    tabs_to_spaces: bool = False  # parsed as Hexo does, with each tab read as two spaces


@dataclass(frozen=True, slots=True)
class Split:
    front_matter: FrontMatter | None
    body_start: int
    error: FrontMatterError | None


def error_at(content: Span, offset: int, message: str) -> FrontMatterError:
    """An error at `offset` into the content, one character wide where there is one."""
    start = max(content.start, min(content.start + offset, content.end))
    return FrontMatterError(Span(start, min(start + 1, content.end)), message)


def lines_from(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end_without_newline, line) for each line from `start`; lazily, as the front
    matter is usually a small part of the text."""
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        yield pos, end, text[pos:end]
        pos = n if nl < 0 else nl + 1
