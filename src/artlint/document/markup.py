"""The markup of an article body: its HTML tokens outside Markdown code, the elements they
make, the runs of text between tags, and CSS selection over them."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from artlint.document.lines import Lines
from artlint.document.regions import Regions, Spans
from artlint.model.diagnostics import Span
from artlint.parse import elements, html
from artlint.parse.elements import Element
from artlint.parse.selector_hints import hint_groups

if TYPE_CHECKING:
    from artlint.parse import selectors

_NOT_NEWLINE = re.compile(r"[^\n]")
_PREFORMATTED = re.compile(r"<(?:pre|textarea)\b", re.IGNORECASE)
_MISSING: Any = object()  # a cached value not computed yet (None is a value: no selector view)


class Markup:
    """One body's markup, each part computed on first use and kept."""

    __slots__ = (
        "_by_kind",
        "_by_start",
        "_closed",
        "_elements",
        "_of",
        "_pre",
        "_runs",
        "_soup",
        "_texts",
        "_tokens",
        "_view",
        "body",
        "lines",
        "regions",
        "text",
    )

    def __init__(self, text: str, body: Span, regions: Regions, lines: Lines) -> None:
        self.text = text
        self.body = body
        self.regions = regions
        self.lines = lines
        self._tokens: tuple[html.Token, ...] | None = None
        self._by_kind: dict[html.Kind, tuple[html.Token, ...]] | None = None
        self._of: dict[tuple[html.Kind, ...], tuple[html.Token, ...]] = {}
        self._elements: tuple[elements.Element, ...] | None = None
        self._by_start: dict[int, elements.Element] | None = None
        self._pre: Spans | None = None
        self._runs: tuple[tuple[int, int], ...] | None = None
        self._closed: frozenset[int] | None = None
        self._texts: tuple[str, str] | None = None
        self._soup: Any = None
        self._view: selectors.View | None = _MISSING

    @property
    def tokens(self) -> tuple[html.Token, ...]:
        """HTML tokens of the body outside Markdown code, in order."""
        tokens = self._tokens
        if tokens is None:
            gaps = self.regions.code_gaps
            tokens = self._tokens = tuple(tok for a, b in gaps for tok in self._tokenize(a, b))
        return tokens

    def _tokenize(self, start: int, end: int) -> list[html.Token]:
        if not self.regions.is_markdown:
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
        if self.regions.html_block_at(tok.start) is not None:
            return False
        paragraph = self.regions.paragraph_at(tok.start)
        return paragraph is None or tok.end > paragraph[1]

    def tokens_of(self, *kinds: html.Kind) -> tuple[html.Token, ...]:
        """The body's tokens of the given kinds, in order (rules read only what they need)."""
        if len(kinds) == 1:
            by_kind = self._by_kind
            if by_kind is None:
                groups: dict[html.Kind, list[html.Token]] = {k: [] for k in html.Kind}
                for tok in self.tokens:
                    groups[tok.kind].append(tok)
                by_kind = self._by_kind = {k: tuple(v) for k, v in groups.items()}
            return by_kind[kinds[0]]
        found = self._of.get(kinds)
        if found is None:
            # A tuple: `in` compares members by identity first, a set would hash Enum members
            # in Python code.
            found = self._of[kinds] = tuple(t for t in self.tokens if t.kind in kinds)
        return found

    @property
    def elements(self) -> tuple[elements.Element, ...]:
        """Elements of the body outside code, with their nesting."""
        found = self._elements
        if found is None:
            found = self._elements = elements.build(self.tokens)
        return found

    def element_at(self, start: int) -> Element | None:
        """The element whose start tag begins at `start`, if any."""
        by_start = self._by_start
        if by_start is None:
            by_start = self._by_start = {e.start: e for e in self.elements}
        return by_start.get(start)

    @property
    def preformatted(self) -> Spans:
        """The insides of `<pre>` and `<textarea>` elements (to the body's end for one left
        open), merged where they overlap: there every space and line break is shown."""
        found = self._pre
        if found is None:
            spans: list[tuple[int, int]] = []
            if _PREFORMATTED.search(self.text, self.body.start):
                inside = sorted(
                    (e.open_end, self.body.end if e.close_start is None else e.close_start)
                    for e in self.elements
                    if e.name in ("pre", "textarea")
                )
                for a, b in inside:
                    if spans and a <= spans[-1][1]:
                        spans[-1] = (spans[-1][0], max(spans[-1][1], b))
                    else:
                        spans.append((a, b))
            found = self._pre = Spans.of(spans)
        return found

    @property
    def text_runs(self) -> tuple[tuple[int, int], ...]:
        """Maximal runs of text and entity tokens: the body's text outside tags and code,
        where Markdown syntax (links, images) lives."""
        found = self._runs
        if found is None:
            runs: list[tuple[int, int]] = []
            for tok in self.tokens_of(html.Kind.TEXT, html.Kind.ENTITY):
                if runs and runs[-1][1] == tok.start:
                    runs[-1] = (runs[-1][0], tok.end)
                else:
                    runs.append((tok.start, tok.end))
            found = self._runs = tuple(runs)
        return found

    # --- CSS selection ----------------------------------------------------------------------

    def select(self, selector: str) -> frozenset[int]:
        """Start offsets of the closed body elements (outside code) that a CSS selector matches:
        those a rule can remove or unwrap."""
        texts = self._texts
        if texts is None:
            body = self.text[self.body.start : self.body.end]
            texts = self._texts = (body, body.lower())
        body, lowered = texts
        if not any(
            all(h in (lowered if any_case else body) for h, any_case in group)
            for group in hint_groups(selector)
        ):
            return frozenset()  # cheap pre-check: what the selector names is not in the text
        from artlint.parse import selectors  # only with selector rules: 13 ms of regexes

        compounds = selectors.parse(selector)
        view = self.selector_view
        if compounds is not None and view is not None:
            found = view.select(compounds)
            if found is not None:
                return found
        return self.soup_select(selector)

    @property
    def selector_view(self) -> selectors.View | None:
        """artlint's own selector engine over these tokens (artlint.parse.selectors)."""
        view = self._view
        if view is _MISSING:
            from artlint.parse import selectors

            body_start = self.body.start
            if body_start > 0 and self.text[body_start - 1] != "\n":
                view = None  # bs4's columns on the first line would not be offsets from its start
            else:
                view = selectors.View.of(
                    self.text,
                    self.tokens,
                    self.tokens_of(html.Kind.START_TAG),
                    self.elements,
                    self.regions.code_gaps,
                )
            self._view = view
        return view

    def soup_select(self, selector: str) -> frozenset[int]:
        """`select` through BeautifulSoup and soupsieve: any CSS, at the price of a tree."""
        starts = self.lines.starts
        first_line = bisect.bisect_right(starts, self.body.start) - 1
        out = set()
        for tag in self._tree().select(selector):
            if tag.sourceline is not None and tag.sourcepos is not None:
                out.add(starts[first_line + tag.sourceline - 1] + tag.sourcepos)
        closed = self._closed
        if closed is None:
            closed = self._closed = frozenset(e.start for e in self.elements if e.end is not None)
        return frozenset(out & closed)

    def _tree(self) -> Any:
        # BeautifulSoup is imported and built only when a selector rule asks, once per
        # document. It reads the body with Markdown code blanked out (same length, same
        # lines), so its line/column positions map straight back to offsets.
        if self._soup is None:
            from bs4 import BeautifulSoup

            pieces = []
            pos = self.body.start
            for region in self.regions.code:
                pieces.append(self.text[pos : region.start])
                pieces.append(_NOT_NEWLINE.sub(" ", self.text[region.start : region.end]))
                pos = region.end
            pieces.append(self.text[pos : self.body.end])
            self._soup = BeautifulSoup("".join(pieces), "html.parser")
        return self._soup
