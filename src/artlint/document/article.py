"""Bytes -> Document: the one parsed view of an article that every rule reads.

A Document keeps the text exactly (line endings, trailing spaces, everything) minus a UTF-8 BOM,
which is remembered and written back. Every span is an offset in code points into `text`;
line and column are derived from it only when a finding is reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from artlint.document.provenance import Origin, Provenance, decide
from artlint.model.diagnostics import Edit, Position, Span
from artlint.parse import elements, frontmatter, html, markdown
from artlint.parse.selector_hints import hint_groups

if TYPE_CHECKING:
    from artlint.parse import selectors

T = TypeVar("T")

BOM = "\ufeff"
_BOM_BYTES = BOM.encode("utf-8")
_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file that could not be turned into a Document, and where and why."""

    path: str
    message: str
    line: int = 1
    column: int = 1
    offset: int = 0


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    bom: bool = False
    # The site generator the article is for (hexo, hugo, jekyll or none): Hexo reads tabs in
    # YAML front matter as two spaces, where every other YAML reader fails.
    generator: str = "none"
    # Where the markup came from, as configured: auto, imported or authored (see `origin`).
    provenance: str = "auto"

    @classmethod
    def from_bytes(
        cls, raw: bytes, path: str, generator: str = "none", provenance: str = "auto"
    ) -> Document | Unreadable:
        for utf16_bom in (b"\xff\xfe", b"\xfe\xff"):
            if raw.startswith(utf16_bom):
                return Unreadable(
                    path,
                    "not valid UTF-8: it is UTF-16 (it starts with a UTF-16 byte order mark);"
                    " convert it with `iconv -f UTF-16 -t UTF-8`",
                )
        bom = raw.startswith(_BOM_BYTES)
        data = raw[len(_BOM_BYTES) :] if bom else raw
        nul = data.find(b"\0")
        if nul >= 0:
            return _located(
                path, data, nul, bom, "binary file (contains NUL bytes), not an article"
            )
        if b"\r" in data and b"\n" not in data:
            # Classic Mac OS line endings: every tool after it would see one long line.
            return Unreadable(
                path,
                "lines end with CR alone (old Mac OS); convert them first, e.g."
                " `perl -pi -e 's/\\r/\\n/g' FILE`",
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _located(path, data, exc.start, bom, _encoding_message(data, exc))
        return cls(path, text, bom, generator, provenance)

    def __getstate__(self) -> dict[str, Any]:
        # Only the fields travel between processes; parsed structure is rebuilt on demand.
        return {
            "path": self.path,
            "text": self.text,
            "bom": self.bom,
            "generator": self.generator,
            "provenance": self.provenance,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)

    def to_bytes(self) -> bytes:
        return ((BOM if self.bom else "") + self.text).encode("utf-8")

    def with_text(self, text: str, same_until: int = 0) -> Document:
        """This document with another text, of which text[:same_until] is this one's own.
        A front matter that ends (with its line break) before that is not parsed again: fix
        rounds mostly edit the body."""
        new = Document(self.path, text, self.bom, self.generator, self.provenance)
        split = self.__dict__.get("_split")
        if (
            split is not None
            and 0 < split.body_start <= same_until
            and self.text[split.body_start - 1] == "\n"  # else an edit may extend its last line
        ):
            new.__dict__["_split"] = split
        origin = self.__dict__.get("origin")
        if origin is not None and origin.file is Provenance.IMPORTED:
            # A file is imported as it was read: removing its junk in one round of fixes must
            # not make the next round judge what is left as written by hand.
            new.__dict__["origin"] = Origin(
                origin.file, origin.reason, ((new.body.start, new.body.end),)
            )
        return new

    # --- structure -------------------------------------------------------------------------

    @cached_property
    def _split(self) -> frontmatter.Split:
        return frontmatter.split(self.text, tabs_to_spaces=self.generator == "hexo")

    @property
    def front_matter(self) -> frontmatter.FrontMatter | None:
        return self._split.front_matter

    @property
    def parsed_front_matter(self) -> frontmatter.FrontMatter | None:
        """The front matter when there is one and it parses: what rules about keys read."""
        fm = self._split.front_matter
        return fm if fm is not None and fm.error is None else None

    @property
    def front_matter_opener(self) -> Span:
        """The front matter's opening line (where a finding about it as a whole points), or
        an empty span at the start when there is none."""
        fm = self._split.front_matter
        return Span(0, 0) if fm is None else Span(fm.span.start, self.line_bounds(fm.span.start)[1])

    @property
    def front_matter_error(self) -> frontmatter.FrontMatterError | None:
        """Why the front matter cannot be used; a fix never writes such a file."""
        return self._split.error

    @property
    def body(self) -> Span:
        return Span(self._split.body_start, len(self.text))

    @cached_property
    def newline(self) -> str:
        nl = self.text.find("\n")
        return "\r\n" if nl > 0 and self.text[nl - 1] == "\r" else "\n"

    @cached_property
    def origin(self) -> Origin:
        """Whether the markup at each offset was imported or authored
        (artlint.document.provenance)."""
        return decide(self)

    @property
    def is_markdown(self) -> bool:
        """False for .html/.htm files: their bodies are HTML, with no Markdown code."""
        return not self.path.lower().endswith((".html", ".htm"))

    @cached_property
    def _blocks(self) -> markdown.Blocks:
        if not self.is_markdown:
            return markdown.Blocks((), (), ())
        return markdown.scan(self.text, self.body.start, self.body.end)

    @cached_property
    def code_regions(self) -> tuple[markdown.CodeRegion, ...]:
        if self.is_markdown and not markdown.may_hold_code(
            self.text, self.body.start, self.body.end
        ):
            return ()  # no backtick, fence, code tag or indented line: no need to parse
        return self._blocks.code

    @property
    def html_blocks(self) -> tuple[tuple[int, int], ...]:
        """Spans of the body's Markdown HTML blocks (lines Markdown passes through as HTML)."""
        return self._blocks.html

    @cached_property
    def tokens(self) -> tuple[html.Token, ...]:
        """HTML tokens of the body outside Markdown code, in order."""
        return tuple(tok for start, end in self.code_gaps for tok in self._tokenize(start, end))

    @cached_property
    def code_gaps(self) -> tuple[tuple[int, int], ...]:
        """The stretches of the body between Markdown code regions."""
        gaps = []
        pos = self.body.start
        for region in self.code_regions:
            if region.start > pos:
                gaps.append((pos, region.start))
            pos = region.end
        if self.body.end > pos:
            gaps.append((pos, self.body.end))
        return tuple(gaps)

    def _tokenize(self, start: int, end: int) -> list[html.Token]:
        if not self.is_markdown:
            return html.tokenize(self.text, start, end)
        # A comment that Markdown shows as text is text up to its "<!--", and what follows is
        # tokenized again, only until it meets the first tokenization: starting over to the
        # end each time took minutes on a file with thousands of them.
        base = html.tokenize(self.text, start, end, markdown=True)
        rejoin: dict[int, int] | None = None  # made at the first such comment: they are rare
        comment = html.Kind.COMMENT
        out: list[html.Token] = []
        tokens, i, then = base, 0, None  # then: where in `base` to go on after `tokens`
        while True:
            if i == len(tokens):
                if then is None:
                    return out
                tokens, i, then = base, then, None
                continue
            tok = tokens[i]
            if tok.kind is not comment or not self._shown_as_text(tok):
                out.append(tok)
                i += 1
                continue
            out.append(html.Token(html.Kind.TEXT, tok.start, tok.start + 4))
            if rejoin is None:
                rejoin = html.rejoin_points(base)
            again = html.tokenize(self.text, tok.start + 4, end, markdown=True, rejoin=rejoin)
            stop = again[-1].end if again else tok.start + 4
            tokens, i, then = again, 0, rejoin.get(stop)

    def _shown_as_text(self, tok: html.Token) -> bool:
        """A comment Markdown does not read as one: it neither stands in an HTML block nor
        fits inside one paragraph (it runs into a heading, a quote, a list ...)."""
        if tok.kind is not html.Kind.COMMENT:
            return False
        if "\n" not in self.text[tok.start : tok.end]:
            return False  # on one line it is inline or block HTML, whatever surrounds it
        if self._html_index.holding(tok.start) is not None:
            return False
        paragraph = self._inline_index.holding(tok.start)
        return paragraph is None or tok.end > paragraph[1]

    @cached_property
    def _html_index(self) -> _Spans:
        return _Spans.of(self._blocks.html)

    @cached_property
    def _inline_index(self) -> _Spans:
        return _Spans.of(self._blocks.inline)

    @cached_property
    def elements(self) -> tuple[elements.Element, ...]:
        """Elements of the body outside code, with their nesting."""
        return elements.build(self.tokens)

    @cached_property
    def _soup(self) -> Any:
        # BeautifulSoup is imported and built only when a selector rule asks, once per
        # document. It reads the body with Markdown code blanked out (same length, same
        # lines), so its line/column positions map straight back to offsets.
        from bs4 import BeautifulSoup

        pieces = []
        pos = self.body.start
        for region in self.code_regions:
            pieces.append(self.text[pos : region.start])
            pieces.append(_NOT_NEWLINE.sub(" ", self.text[region.start : region.end]))
            pos = region.end
        pieces.append(self.text[pos : self.body.end])
        return BeautifulSoup("".join(pieces), "html.parser")

    @cached_property
    def _body_text(self) -> tuple[str, str]:
        """The body, as written and lower-cased (for the selector pre-check)."""
        body = self.text[self.body.start : self.body.end]
        return body, body.lower()

    @cached_property
    def _selector_view(self) -> selectors.View | None:
        from artlint.parse import selectors

        body_start = self.body.start
        if body_start > 0 and self.text[body_start - 1] != "\n":
            return None  # bs4's columns on the first line would not be offsets from its start
        return selectors.View.of(
            self.text,
            self.tokens,
            self.tokens_of(html.Kind.START_TAG),
            self.elements,
            self.code_gaps,
        )

    def select(self, selector: str) -> frozenset[int]:
        """Start offsets of the closed body elements (outside code) that a CSS selector matches:
        those a rule can remove or unwrap."""
        body, lowered = self._body_text
        if not any(
            all(h in (lowered if any_case else body) for h, any_case in group)
            for group in hint_groups(selector)
        ):
            return frozenset()  # cheap pre-check: what the selector names is not in the text
        from artlint.parse import selectors  # only with selector rules: 13 ms of regexes to compile

        compounds = selectors.parse(selector)
        if compounds is not None and self._selector_view is not None:
            found = self._selector_view.select(compounds)
            if found is not None:
                return found
        return self._soup_select(selector)

    def _soup_select(self, selector: str) -> frozenset[int]:
        """`select` through BeautifulSoup and soupsieve: any CSS, at the price of a tree."""
        first_line = bisect.bisect_right(self._line_starts, self.body.start) - 1
        starts = self._line_starts
        out = set()
        for tag in self._soup.select(selector):
            if tag.sourceline is not None and tag.sourcepos is not None:
                out.add(starts[first_line + tag.sourceline - 1] + tag.sourcepos)
        return frozenset(out & self._closed_starts)

    @cached_property
    def _closed_starts(self) -> frozenset[int]:
        return frozenset(e.start for e in self.elements if e.end is not None)

    @cached_property
    def _by_kind(self) -> dict[html.Kind, tuple[html.Token, ...]]:
        groups: dict[html.Kind, list[html.Token]] = {k: [] for k in html.Kind}
        for tok in self.tokens:
            groups[tok.kind].append(tok)
        return {k: tuple(v) for k, v in groups.items()}

    @cached_property
    def text_runs(self) -> tuple[tuple[int, int], ...]:
        """Maximal runs of text and entity tokens: the body's text outside tags and code,
        where Markdown syntax (links, images) lives."""
        runs: list[tuple[int, int]] = []
        for tok in self.tokens_of(html.Kind.TEXT, html.Kind.ENTITY):
            if runs and runs[-1][1] == tok.start:
                runs[-1] = (runs[-1][0], tok.end)
            else:
                runs.append((tok.start, tok.end))
        return tuple(runs)

    def tokens_of(self, *kinds: html.Kind) -> tuple[html.Token, ...]:
        """The body's tokens of the given kinds, in order (rules read only what they need)."""
        if len(kinds) == 1:
            return self._by_kind[kinds[0]]
        memo = self.__dict__.setdefault("_tokens_of", {})
        if kinds not in memo:
            # A tuple: `in` compares members by identity first, a set would hash Enum members
            # in Python code.
            memo[kinds] = tuple(t for t in self.tokens if t.kind in kinds)
        return memo[kinds]  # type: ignore[no-any-return]

    def memo(self, key: str, make: Callable[[Document], T]) -> T:
        """A value derived from this document, computed once however many rules ask."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = make(self)
        return cache[key]  # type: ignore[no-any-return]

    @cached_property
    def _code_index(self) -> _Spans:
        return _Spans.of([(r.start, r.end) for r in self.code_regions])

    def in_code(self, offset: int) -> bool:
        return self._code_index.holding(offset) is not None

    # --- coordinates -----------------------------------------------------------------------

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    @cached_property
    def _line_byte_starts(self) -> list[int] | None:
        if self.text.isascii():
            return None
        out = []
        total = 0
        starts = self._line_starts
        for i, s in enumerate(starts):
            out.append(total)
            e = starts[i + 1] if i + 1 < len(starts) else len(self.text)
            total += len(self.text[s:e].encode("utf-8", "surrogatepass"))
        return out

    @cached_property
    def _positions(self) -> dict[int, Position]:
        return {}

    def position(self, offset: int) -> Position:
        # Findings and their fixes' edits mostly start and end at the same few offsets.
        known = self._positions.get(offset)
        if known is not None:
            return known
        starts = self._line_starts
        line = bisect.bisect_right(starts, offset) - 1
        column = offset - starts[line]
        byte_starts = self._line_byte_starts
        if byte_starts is None:
            byte = offset
        else:
            byte = byte_starts[line] + self._bytes_into_line(line, starts[line], offset)
        found = Position(line + 1, column + 1, byte + (len(_BOM_BYTES) if self.bom else 0))
        self._positions[offset] = found
        return found

    @cached_property
    def _chunk_bytes(self) -> dict[int, list[int]]:
        return {}

    def _bytes_into_line(self, line: int, start: int, offset: int) -> int:
        """UTF-8 bytes from `start` (where `line` starts) to `offset`. A long line keeps the
        byte count at every _CHUNK characters, so a finding costs at most one chunk: encoding
        from the line's start made a one-line body of a megabyte quadratic."""
        if offset - start <= _CHUNK:
            return len(self.text[start:offset].encode("utf-8", "surrogatepass"))
        chunks = self._chunk_bytes.get(line)
        if chunks is None:
            end = self.line_bounds(start)[1]
            chunks = [0]
            for at in range(start, end, _CHUNK):
                piece = self.text[at : at + _CHUNK]
                chunks.append(chunks[-1] + len(piece.encode("utf-8", "surrogatepass")))
            self._chunk_bytes[line] = chunks
        k = (offset - start) // _CHUNK
        rest = self.text[start + k * _CHUNK : offset]
        return chunks[k] + len(rest.encode("utf-8", "surrogatepass"))

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the line holding `offset`; end excludes the line ending."""
        # By bisection: scanning for the newlines cost a whole line per finding, which on a
        # one-line body of a megabyte made fixing it quadratic.
        starts = self._line_starts
        line = bisect.bisect_right(starts, offset) - 1
        start = starts[line]
        if line + 1 == len(starts):
            return start, len(self.text)
        return start, _line_end(self.text, start, starts[line + 1] - 1)

    def lines(self, start: int) -> Iterator[tuple[int, int]]:
        """(start, end) of each line from the one starting at `start`, as line_bounds gives
        them."""
        text = self.text
        find = text.find
        while start < len(text):
            newline = find("\n", start)
            if newline < 0:
                yield start, len(text)
                return
            yield start, _line_end(text, start, newline)
            start = newline + 1

    def deletion(self, span: Span) -> Edit:
        """An edit deleting `span`; its whole line(s) and line ending when it stands alone.

        Between two lines of Markdown text the line is emptied instead of removed: an HTML
        line there separates blocks, and removing it would join two paragraphs, or turn a
        paragraph and a `---` into a heading. Inside an HTML block it is removed, since an
        empty line would end the block.
        """
        start, _ = self.line_bounds(span.start)
        _, end = self.line_bounds(span.end)
        text = self.text
        # A search stops at the first character; slicing and stripping the rest of a line
        # cost the whole line per finding.
        if _VISIBLE.search(text, start, span.start) or _VISIBLE.search(text, span.end, end):
            return Edit.deletion(span.start, span.end)
        nl = text.find("\n", span.end)
        after = len(text) if nl < 0 else nl + 1
        if self._separates_blocks(start, after):
            return Edit.deletion(start, end)
        return Edit.deletion(start, after)

    def _separates_blocks(self, start: int, after: int) -> bool:
        """Whether lines start..after stand between two non-blank lines of Markdown text."""
        if not self.is_markdown or start <= self.body.start or after >= len(self.text):
            return False
        prev_start, prev_end = self.line_bounds(start - 1)
        next_start, next_end = self.line_bounds(after)
        if not self.text[prev_start:prev_end].strip() or not self.text[next_start:next_end].strip():
            return False
        if self._inline_index.holding(start) is not None:
            return False  # a comment line inside a paragraph: removing it keeps the paragraph
        block = self._html_index.holding(prev_start)
        return block is None or next_end > block[1]


_VISIBLE = re.compile(r"\S")
_CHUNK = 4096


def _line_end(text: str, start: int, newline: int) -> int:
    """Where the line from `start` to the "\n" at `newline` ends: before a "\r" there."""
    return newline - 1 if newline > start and text[newline - 1] == "\r" else newline


@dataclass(frozen=True, slots=True)
class _Spans:
    """Spans in order that do not overlap (blocks, code regions), searched by bisection: a
    scan of all of them for each comment was quadratic on files with thousands."""

    spans: Sequence[tuple[int, int]]
    starts: list[int]

    @classmethod
    def of(cls, spans: Sequence[tuple[int, int]]) -> _Spans:
        return cls(spans, [a for a, _ in spans])

    def holding(self, offset: int) -> tuple[int, int] | None:
        """The span holding `offset`, if any."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.spans[i] if i >= 0 and offset < self.spans[i][1] else None


def _located(path: str, data: bytes, at: int, bom: bool, message: str) -> Unreadable:
    before = data[:at]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", "replace")) + 1
    return Unreadable(path, message, before.count(b"\n") + 1, column, at + (3 if bom else 0))


def _encoding_message(data: bytes, exc: UnicodeDecodeError) -> str:
    bad = data[exc.start : exc.start + 1].hex()
    message = f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})"
    guess = _guess_encoding(data)
    if guess:
        message += f"; it looks like {guess}: convert it with `iconv -f {guess} -t UTF-8`"
    return message


def _guess_encoding(data: bytes) -> str | None:
    # charset-normalizer is imported here only: it is needed on this error path alone.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return str(best.encoding).upper().replace("_", "-")
