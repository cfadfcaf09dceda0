"""CommonMark's top-level leaf blocks, found with a few regular-expression jumps per block.

markdown-it-py walks an article line by line in Python and was the largest single cost of a
check. Most articles are a flat run of paragraphs, headings, HTML blocks and code blocks with
no container (block quote, list item) at the top level, and for those the block boundaries
follow from a handful of line tests (CommonMark 0.31, §4): this module applies them, and
jumps over the lines in between with regular expressions.

`leaf_blocks` answers None as soon as it meets anything it does not model exactly: a block
quote, a list marker, a link reference definition. The caller then asks markdown-it. The
test suite holds the two to the same answer on generated documents and on every corpus file.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Block(NamedTuple):
    """A block as markdown-it reports it: `kind` is its token type ("fence", "code_block",
    "html_block", or "inline" for the text of a paragraph or heading); `start`/`end` are the
    offsets of its first line and of the line after its last; `after_html` tells, for a code
    block, whether the top-level block before it was an HTML block."""

    kind: str
    start: int
    end: int
    after_html: bool


_NON_BLANK = re.compile(r"^[ \t]*[^ \t\n]", re.MULTILINE)
_BLANK = re.compile(r"^[ \t]*$", re.MULTILINE)
# Lines that may end a paragraph or turn it into a heading; every other line continues it.
_PARAGRAPH_EVENT = re.compile(r"^(?:[ \t]*$| {0,3}(?:[\t`~>*_+=#<-]|\d))", re.MULTILINE)
_CODE_END = re.compile(r"^(?! {4}| {0,3}\t)[ \t]*[^ \t\n]", re.MULTILINE)
_FENCE_CLOSE = {
    "`": re.compile(r"^[ \t]*(`{3,})[ \t]*$", re.MULTILINE),
    "~": re.compile(r"^[ \t]*(~{3,})[ \t]*$", re.MULTILINE),
}
_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})")
_HR = re.compile(r"([*_-])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_MARKER = re.compile(r"(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")

_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
_ATTRIBUTE = (
    r"(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*"
    r"(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)"
)
# The seven kinds of HTML block (§4.6): how each starts, and how it ends (None: at a blank
# line). Kind 7 cannot interrupt a paragraph.
_HTML_STARTS: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = (
    (
        re.compile(r"<(?a:script|pre|style|textarea)(?=\s|>|$)", re.IGNORECASE),
        re.compile(r"</(?a:script|pre|style|textarea)>", re.IGNORECASE),
    ),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
    (re.compile(rf"</?(?a:{_BLOCK_NAMES})(?=\s|/?>|$)", re.IGNORECASE), None),
    (
        re.compile(
            rf"(?:<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$"
        ),
        None,
    ),
)
_KIND_7 = 6


class _Unsupported(Exception):
    """A construct this scanner does not model; markdown-it decides instead."""


def leaf_blocks(body: str) -> list[Block] | None:
    """The blocks of `body` (with "\\n" line breaks only), or None when the body holds a
    container block or a link reference definition."""
    try:
        return _Scan(body).blocks()
    except _Unsupported:
        return None


def _columns(indent: str) -> int:
    col = 0
    for ch in indent:
        col += 4 - col % 4 if ch == "\t" else 1
    return col


class _Scan:
    def __init__(self, body: str) -> None:
        self.body = body
        # A last line of only spaces and tabs is no line at all to markdown-it.
        last = body.rfind("\n") + 1
        self.eod = last if not body[last:].strip(" \t") else len(body)
        self.out: list[Block] = []
        self.after_html = False

    def _line(self, start: int) -> tuple[int, int, int, int]:
        """For the line at `start`: where its text begins, its indent in columns, where it
        ends (before its line break) and where the next line starts."""
        body, eod = self.body, self.eod
        end = body.find("\n", start, eod)
        following = eod if end < 0 else end + 1
        end = eod if end < 0 else end
        text = start
        while text < end and body[text] in " \t":
            text += 1
        return text, _columns(body[start:text]), end, following

    def _emit(self, kind: str, start: int, end: int, *, html: bool = False) -> None:
        self.out.append(Block(kind, start, end, kind == "code_block" and self.after_html))
        self.after_html = html

    def blocks(self) -> list[Block]:
        body, eod = self.body, self.eod
        pos = 0
        while True:
            m = _NON_BLANK.search(body, pos, eod)
            if m is None:
                return self.out
            pos = self._block(m.start())

    def _block(self, start: int) -> int:
        """Read the block whose first line starts at `start`; return where the next begins."""
        body = self.body
        text, indent, line_end, following = self._line(start)
        if indent >= 4:
            return self._indented_code(start, following)
        opens, html_kind = self._opens(text, line_end)
        if opens in ("quote", "list") or body[text] == "[":
            raise _Unsupported  # a container; maybe a link reference definition
        if opens == "fence":
            return self._fence(start, text, following)
        if opens == "hr":
            self.after_html = False  # a thematic break: a block, with nothing in it to scan
            return following
        if opens == "html":
            return self._html(start, text, line_end, following, html_kind)
        if opens == "atx":
            self._emit("inline", start, following)
            return following
        return self._paragraph(start, following)

    def _opens(self, text: int, line_end: int) -> tuple[str, int]:
        """What a line indented less than four columns starts, in CommonMark's order of
        precedence: "fence", "quote", "hr", "list", "html" (with its kind), "atx" or ""."""
        body = self.body
        ch = body[text]
        if ch in "`~" and self._fence_opens(text, line_end):
            return "fence", 0
        if ch == ">":
            return "quote", 0
        if ch in "*_-" and _HR.match(body, text, line_end):
            return "hr", 0
        if _LIST_MARKER.match(body, text, line_end):
            return "list", 0
        if ch == "<":
            kind = self._html_kind(text, line_end)
            if kind is not None:
                return "html", kind
        if ch == "#" and _ATX.match(body, text, line_end):
            return "atx", 0
        return "", 0

    def _fence_opens(self, text: int, line_end: int) -> bool:
        m = _FENCE_OPEN.match(self.body, text, line_end)
        if m is None:
            return False
        return not (m.group()[0] == "`" and "`" in self.body[m.end() : line_end])

    def _fence(self, start: int, text: int, following: int) -> int:
        body, eod = self.body, self.eod
        opener = _FENCE_OPEN.match(body, text)
        assert opener is not None
        marker, length = opener.group()[0], len(opener.group())
        closer = _FENCE_CLOSE[marker]
        pos = following
        while True:
            m = closer.search(body, pos, eod)
            if m is None:
                self._emit("fence", start, eod)
                return eod
            _, indent, _, after = self._line(m.start())
            if indent < 4 and len(m.group(1)) >= length:
                self._emit("fence", start, after)
                return after
            pos = after

    def _indented_code(self, start: int, following: int) -> int:
        body, eod = self.body, self.eod
        m = _CODE_END.search(body, following, eod)
        stop = eod if m is None else m.start()
        # The block ends after its last non-blank line; blank lines after it are not in it.
        last = start + len(body[start:stop].rstrip(" \t\n"))
        newline = body.find("\n", last, eod)
        end = eod if newline < 0 else newline + 1
        self._emit("code_block", start, end)
        return end

    def _html_kind(self, text: int, line_end: int) -> int | None:
        for kind, (opener, _) in enumerate(_HTML_STARTS):
            if opener.match(self.body, text, line_end):
                return kind
        return None

    def _html(self, start: int, text: int, line_end: int, following: int, kind: int) -> int:
        body, eod = self.body, self.eod
        closer = _HTML_STARTS[kind][1]
        if closer is None:  # ends before the next blank line
            m = _BLANK.search(body, following, eod)
            end = eod if m is None else m.start()
        elif closer.search(body, text, line_end):
            end = following
        else:  # ends with the line holding the closer; no closer: at the end
            m = closer.search(body, following, eod)
            newline = -1 if m is None else body.find("\n", m.end(), eod)
            end = eod if m is None or newline < 0 else newline + 1
        self._emit("html_block", start, end, html=True)
        return end

    def _paragraph(self, start: int, following: int) -> int:
        """A paragraph, or a setext heading when an underline comes before its end."""
        body, eod = self.body, self.eod
        pos = following
        while pos < eod:
            m = _PARAGRAPH_EVENT.search(body, pos, eod)
            if m is None or m.start() == eod:
                break
            line = m.start()
            text, indent, line_end, after = self._line(line)
            if text == line_end:  # a blank line
                self._emit("inline", start, line)
                return line
            if indent >= 4:
                pos = after
                continue
            if _UNDERLINE.match(body, text, line_end):
                self._emit("inline", start, line)
                return after
            if self._interrupts(text, line_end):
                self._emit("inline", start, line)
                return line
            pos = after
        self._emit("inline", start, eod)
        return eod

    def _interrupts(self, text: int, line_end: int) -> bool:
        opens, html_kind = self._opens(text, line_end)
        if opens in ("quote", "list"):
            raise _Unsupported  # a quote interrupts; some list items do, others do not
        return opens in ("fence", "hr", "atx") or (opens == "html" and html_kind != _KIND_7)
