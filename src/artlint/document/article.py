"""Bytes -> Document: the one parsed view of an article that every rule reads.

A Document keeps the text exactly (line endings, trailing spaces, everything) minus a UTF-8 BOM,
which is remembered and written back. Every span is an offset in code points into `text`;
line and column are derived from it only when a finding is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from artlint.document.header import Header
from artlint.document.lines import Lines
from artlint.document.markup import Markup
from artlint.document.provenance import Origin, Provenance, decide
from artlint.document.regions import Regions
from artlint.model.diagnostics import Edit, Span
from artlint.parse import frontmatter

T = TypeVar("T")

BOM = "\ufeff"
_BOM_BYTES = BOM.encode("utf-8")


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file that could not be turned into a Document, and where and why."""

    path: str
    message: str
    line: int = 1
    column: int = 1
    offset: int = 0


class _Views:
    """What a Document derives from its text, made on first use and kept: the one mutable
    part of a Document, declared here rather than written into its __dict__."""

    __slots__ = ("header", "lines", "markup", "memo", "origin", "regions")

    def __init__(self) -> None:
        self.lines: Lines | None = None
        self.header: Header | None = None
        self.regions: Regions | None = None
        self.markup: Markup | None = None
        self.origin: Origin | None = None
        self.memo: dict[str, Any] = {}


@dataclass(frozen=True)
class Document:
    """One article: its path and exact text, and the views rules read, each computed once:

    - `lines`: line, column and byte of an offset, and line bounds (artlint.document.lines);
    - `header`: the front matter, parsed or broken, and where it opens (.header);
    - `regions`: the body's Markdown code regions and HTML blocks (.regions);
    - `markup`: HTML tokens, elements, text runs and CSS selection (.markup);
    - `origin`: whether the markup at an offset was imported or authored (.provenance).
    """

    path: str
    text: str
    bom: bool = False
    # The site generator the article is for (hexo, hugo, jekyll or none): Hexo reads tabs in
    # YAML front matter as two spaces, where every other YAML reader fails.
    generator: str = "none"
    # Where the markup came from, as configured: auto, imported or authored (see `origin`).
    provenance: str = "auto"
    _views: _Views = field(
        default_factory=_Views, init=False, repr=False, compare=False, hash=False
    )

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
        # Only the fields travel between processes; the views are made again on demand.
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
        object.__setattr__(self, "_views", _Views())

    def to_bytes(self) -> bytes:
        return ((BOM if self.bom else "") + self.text).encode("utf-8")

    def with_text(self, text: str, same_until: int = 0) -> Document:
        """This document with another text, of which text[:same_until] is this one's own.
        A front matter that ends (with its line break) before that is not parsed again: fix
        rounds mostly edit the body."""
        new = Document(self.path, text, self.bom, self.generator, self.provenance)
        header = self._views.header
        if header is not None:
            split = header.split
            if (
                0 < split.body_start <= same_until
                and self.text[split.body_start - 1] == "\n"  # else an edit may extend its line
            ):
                new._views.header = Header(split, new.lines)
        origin = self._views.origin
        if origin is not None and origin.file is Provenance.IMPORTED:
            # A file is imported as it was read: removing its junk in one round of fixes must
            # not make the next round judge what is left as written by hand.
            new._views.origin = origin
        return new

    # --- views -------------------------------------------------------------------------------

    @property
    def lines(self) -> Lines:
        lines = self._views.lines
        if lines is None:
            lines = self._views.lines = Lines(self.text, self.bom)
        return lines

    @property
    def header(self) -> Header:
        header = self._views.header
        if header is None:
            split = frontmatter.split(self.text, tabs_to_spaces=self.generator == "hexo")
            header = self._views.header = Header(split, self.lines)
        return header

    @property
    def regions(self) -> Regions:
        regions = self._views.regions
        if regions is None:
            regions = self._views.regions = Regions(self.text, self.body, self.is_markdown)
        return regions

    @property
    def markup(self) -> Markup:
        markup = self._views.markup
        if markup is None:
            markup = self._views.markup = Markup(self.text, self.body, self.regions, self.lines)
        return markup

    @property
    def origin(self) -> Origin:
        """Whether the markup at each offset was imported or authored
        (artlint.document.provenance)."""
        origin = self._views.origin
        if origin is None:
            origin = self._views.origin = decide(self)
        return origin

    @property
    def body(self) -> Span:
        """Everything after the front matter."""
        return Span(self.header.split.body_start, len(self.text))

    @property
    def is_markdown(self) -> bool:
        """False for .html/.htm files: their bodies are HTML, with no Markdown code."""
        return not self.path.lower().endswith((".html", ".htm"))

    def memo(self, key: str, make: Callable[[Document], T]) -> T:
        """A value derived from this document, computed once however many rules ask."""
        cache = self._views.memo
        if key not in cache:
            cache[key] = make(self)
        return cache[key]  # type: ignore[no-any-return]

    # --- edits -------------------------------------------------------------------------------

    def deletion(self, span: Span) -> Edit:
        """An edit deleting `span`; its whole line(s) and line ending when it stands alone.

        Between two lines of Markdown text the line is emptied instead of removed: an HTML
        line there separates blocks, and removing it would join two paragraphs, or turn a
        paragraph and a `---` into a heading. Inside an HTML block it is removed, since an
        empty line would end the block. Inside a `<pre>` or `<textarea>` only the span goes:
        there the line, and the spaces before it, are shown.
        """
        if self.markup.preformatted.holding(span.start) is not None:
            return Edit.deletion(span.start, span.end)  # in a <pre> each line is shown
        start, _ = self.lines.bounds(span.start)
        _, end = self.lines.bounds(span.end)
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
        prev_start, prev_end = self.lines.bounds(start - 1)
        next_start, next_end = self.lines.bounds(after)
        if not self.text[prev_start:prev_end].strip() or not self.text[next_start:next_end].strip():
            return False
        if self.regions.paragraph_at(start) is not None:
            return False  # a comment line inside a paragraph: removing it keeps the paragraph
        block = self.regions.html_block_at(prev_start)
        return block is None or next_end > block[1]


_VISIBLE = re.compile(r"\S")


def _located(path: str, data: bytes, at: int, bom: bool, message: str) -> Unreadable:
    before = data[:at]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", "replace")) + 1
    return Unreadable(
        path, message, before.count(b"\n") + 1, column, at + (len(_BOM_BYTES) if bom else 0)
    )


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
