"""The front matter of an article as rules ask about it: parsed, usable or broken, and where
it opens."""

from __future__ import annotations

from artlint.document.lines import Lines
from artlint.model.diagnostics import Span
from artlint.parse import frontmatter


class Header:
    """One text's front matter, split from the body once."""

    __slots__ = ("lines", "split")

    def __init__(self, split: frontmatter.Split, lines: Lines) -> None:
        self.split = split
        self.lines = lines

    @property
    def front_matter(self) -> frontmatter.FrontMatter | None:
        """The front matter, parsed or not (see `error`); None when the file has none."""
        return self.split.front_matter

    @property
    def parsed(self) -> frontmatter.FrontMatter | None:
        """The front matter when there is one and it parses: what rules about keys read."""
        fm = self.split.front_matter
        return fm if fm is not None and fm.error is None else None

    @property
    def error(self) -> frontmatter.FrontMatterError | None:
        """Why the front matter cannot be used; a fix never writes such a file."""
        return self.split.error

    @property
    def opener(self) -> Span:
        """The front matter's opening line (where a finding about it as a whole points), or
        an empty span at the start when there is none."""
        fm = self.split.front_matter
        return (
            Span(0, 0) if fm is None else Span(fm.span.start, self.lines.bounds(fm.span.start)[1])
        )
