"""The Markdown structure of an article body that rules ask about: code regions (where markup
is content), HTML blocks, paragraphs, and the stretches between code."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from artlint.model.diagnostics import Span
from artlint.parse import markdown


@dataclass(frozen=True, slots=True)
class Spans:
    """Spans in order that do not overlap (blocks, code regions), searched by bisection: a
    scan of all of them for each comment was quadratic on files with thousands."""

    spans: Sequence[tuple[int, int]]
    starts: list[int]

    @classmethod
    def of(cls, spans: Sequence[tuple[int, int]]) -> Spans:
        return cls(spans, [a for a, _ in spans])

    def holding(self, offset: int) -> tuple[int, int] | None:
        """The span holding `offset`, if any."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.spans[i] if i >= 0 and offset < self.spans[i][1] else None


class Regions:
    """One body's Markdown regions, each computed on first use and kept. An HTML article
    (`markdown=False`) has none: its whole body is markup."""

    __slots__ = (
        "_blocks",
        "_code",
        "_code_index",
        "_gaps",
        "_html_index",
        "_inline_index",
        "body",
        "is_markdown",
        "text",
    )

    def __init__(self, text: str, body: Span, is_markdown: bool) -> None:
        self.text = text
        self.body = body
        self.is_markdown = is_markdown
        self._blocks: markdown.Blocks | None = None
        self._code: tuple[markdown.CodeRegion, ...] | None = None
        self._gaps: tuple[tuple[int, int], ...] | None = None
        self._code_index: Spans | None = None
        self._html_index: Spans | None = None
        self._inline_index: Spans | None = None

    @property
    def blocks(self) -> markdown.Blocks:
        blocks = self._blocks
        if blocks is None:
            if not self.is_markdown:
                blocks = markdown.Blocks((), (), ())
            else:
                blocks = markdown.scan(self.text, self.body.start, self.body.end)
            self._blocks = blocks
        return blocks

    @property
    def code(self) -> tuple[markdown.CodeRegion, ...]:
        """Fenced and indented code blocks and code spans of the body, in order."""
        code = self._code
        if code is None:
            if self.is_markdown and not markdown.may_hold_code(
                self.text, self.body.start, self.body.end
            ):
                code = ()  # no backtick, fence, code tag or indented line: no need to parse
            else:
                code = self.blocks.code
            self._code = code
        return code

    @property
    def html_blocks(self) -> tuple[tuple[int, int], ...]:
        """Spans of the body's Markdown HTML blocks (lines Markdown passes through as HTML)."""
        return self.blocks.html

    @property
    def code_gaps(self) -> tuple[tuple[int, int], ...]:
        """The stretches of the body between Markdown code regions."""
        gaps = self._gaps
        if gaps is None:
            found = []
            pos = self.body.start
            for region in self.code:
                if region.start > pos:
                    found.append((pos, region.start))
                pos = region.end
            if self.body.end > pos:
                found.append((pos, self.body.end))
            gaps = self._gaps = tuple(found)
        return gaps

    def in_code(self, offset: int) -> bool:
        index = self._code_index
        if index is None:
            index = self._code_index = Spans.of([(r.start, r.end) for r in self.code])
        return index.holding(offset) is not None

    def html_block_at(self, offset: int) -> tuple[int, int] | None:
        """The HTML block holding `offset`, if any."""
        index = self._html_index
        if index is None:
            index = self._html_index = Spans.of(self.blocks.html)
        return index.holding(offset)

    def paragraph_at(self, offset: int) -> tuple[int, int] | None:
        """The paragraph (inline content) holding `offset`, if any."""
        index = self._inline_index
        if index is None:
            index = self._inline_index = Spans.of(self.blocks.inline)
        return index.holding(offset)
