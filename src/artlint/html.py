"""A small HTML tokenizer that gives every token its exact span.

The standard library's `html.parser` reports only start positions and has changed its comment
handling between CPython patch releases, so artlint scans markup itself, following the HTML5
tokenizer where it matters for articles:

- `<!--` ends at the first `-->` or `--!>`; `<!-->` and `<!--->` are empty comments; a comment
  that never ends runs to the end of the input (`closed=False`), as it does in browsers;
- `<style>`, `<script>` and the other raw-text elements hold raw text up to their end tag:
  no tags, comments or entities inside;
- `<title>` and `<textarea>` hold text and entities but no tags;
- `<!...>` and `<?...>` are declarations or bogus comments up to the next `>`;
- a `<` that starts no tag is text, and so are Markdown autolinks (`<https://x>`, `<a@b.c>`);
- a tag cut off by the end of the input is text (browsers drop it; artlint leaves it alone).

The concatenation of all token texts is exactly the input.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class Kind(enum.Enum):
    TEXT = "text"
    START_TAG = "start_tag"
    END_TAG = "end_tag"
    COMMENT = "comment"
    DECLARATION = "declaration"
    ENTITY = "entity"
    RAW_TEXT = "raw_text"


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str  # lower-cased
    value: str | None  # as written, entities not decoded, quotes removed
    start: int  # start of the name
    end: int  # end of the value (closing quote included)
    space_start: int  # start of the whitespace before the name


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    start: int
    end: int
    name: str = ""  # tag name (lower-cased) or, for RAW_TEXT, its element's name
    attrs: tuple[Attribute, ...] = ()
    closed: bool = True  # False for a comment or raw-text element that never ends

    def attr(self, name: str) -> Attribute | None:
        for a in self.attrs:
            if a.name == name:
                return a
        return None


RAW_TEXT_ELEMENTS = frozenset({"style", "script", "xmp", "iframe", "noembed", "noframes"})
RCDATA_ELEMENTS = frozenset({"title", "textarea"})

_SPECIAL = re.compile(r"[<&]")
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_SPACE = re.compile(r"[\t\n\f\r ]*")
_ATTR_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r /=>]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_COMMENT_END = re.compile(r"--!?>")
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


class _Scanner:
    """Searches that remember failure: once a character is known to be absent after some
    point, later searches past that point answer at once. This keeps scanning linear on
    text full of `<` that open nothing (`if a<b and b<c`) or quotes that never close."""

    def __init__(self, text: str, stop: int, markdown: bool) -> None:
        self.text = text
        self.stop = stop
        self.markdown = markdown
        self._absent: dict[str, int] = {}

    def find(self, needle: str, start: int) -> int:
        if start >= self._absent.get(needle, self.stop + 1):
            return -1
        found = self.text.find(needle, start, self.stop)
        if found < 0:
            self._absent[needle] = start
        return found


def tokenize(
    text: str, start: int = 0, end: int | None = None, *, markdown: bool = False
) -> list[Token]:
    """Tokens of text[start:end], with offsets into `text`.

    With `markdown`, two CommonMark rules apply on top of HTML's: a backslash-escaped `<` is
    text, and a comment ends only at `-->` and, unless it starts a line, may not run across a
    blank line (Markdown shows such a `<!--` as text).
    """
    stop = len(text) if end is None else end
    scan = _Scanner(text, stop, markdown)
    tokens: list[Token] = []
    text_start = start
    pos = start

    def flush(upto: int) -> None:
        if upto > text_start:
            tokens.append(Token(Kind.TEXT, text_start, upto))

    while True:
        m = _SPECIAL.search(text, pos, stop)
        if m is None:
            break
        i = m.start()
        if text[i] == "&":
            em = _ENTITY.match(text, i, stop)
            if em is None:
                pos = i + 1
                continue
            flush(i)
            tokens.append(Token(Kind.ENTITY, i, em.end(), name=em.group()))
            pos = text_start = em.end()
            continue
        if markdown and escaped(text, i, start):
            pos = i + 1
            continue
        tok = _markup(scan, i)
        if tok is None:
            pos = i + 1
            continue
        flush(i)
        tokens.append(tok)
        pos = text_start = tok.end
        if tok.kind is Kind.START_TAG and (
            tok.name in RAW_TEXT_ELEMENTS or tok.name in RCDATA_ELEMENTS
        ):
            pos = text_start = _element_content(text, tok, stop, tokens)
    flush(stop)
    return tokens


def escaped(text: str, pos: int, floor: int = 0) -> bool:
    """Whether text[pos] follows an odd number of backslashes (counting back to `floor`)."""
    count = 0
    while pos - count - 1 >= floor and text[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _element_content(text: str, tag: Token, stop: int, tokens: list[Token]) -> int:
    """Emit the content of a raw-text or RCDATA element; return where scanning resumes."""
    closer = re.compile(r"</" + re.escape(tag.name) + r"(?=[\t\n\f\r />])", re.IGNORECASE)
    m = closer.search(text, tag.end, stop)
    content_end = stop if m is None else m.start()
    if tag.name in RAW_TEXT_ELEMENTS:
        if content_end > tag.end or m is None:
            tokens.append(
                Token(Kind.RAW_TEXT, tag.end, content_end, name=tag.name, closed=m is not None)
            )
    else:
        pos = tag.end
        for em in _ENTITY.finditer(text, tag.end, content_end):
            if em.start() > pos:
                tokens.append(Token(Kind.TEXT, pos, em.start()))
            tokens.append(Token(Kind.ENTITY, em.start(), em.end(), name=em.group()))
            pos = em.end()
        if content_end > pos:
            tokens.append(Token(Kind.TEXT, pos, content_end))
    return content_end


def _markup(scan: _Scanner, i: int) -> Token | None:
    text, stop = scan.text, scan.stop
    nxt = text[i + 1 : i + 2] if i + 1 < stop else ""
    if nxt == "!":
        if text.startswith("<!--", i) and i + 4 <= stop:
            return _comment(scan, i)
        close = scan.find(">", i + 2)
        end = stop if close < 0 else close + 1
        return Token(Kind.DECLARATION, i, end, closed=close >= 0)
    if nxt == "?":
        close = scan.find(">", i + 2)
        end = stop if close < 0 else close + 1
        return Token(Kind.DECLARATION, i, end, closed=close >= 0)
    if nxt == "/":
        nm = _TAG_NAME.match(text, i + 2, stop)
        close = scan.find(">", i + 2)
        if close < 0:
            return None
        if nm is None:
            if close == i + 2:  # "</>" is dropped by browsers; leave it as text
                return None
            return Token(Kind.DECLARATION, i, close + 1)
        return Token(Kind.END_TAG, i, close + 1, name=nm.group().lower())
    if nxt.isascii() and nxt.isalpha():
        if scan.find(">", i + 1) < 0 or _AUTOLINK.match(text, i, stop):
            return None
        return _start_tag(scan, i)
    return None


def _comment(scan: _Scanner, i: int) -> Token | None:
    text, stop = scan.text, scan.stop
    body = i + 4
    if text.startswith(">", body):
        return Token(Kind.COMMENT, i, body + 1)
    if text.startswith("->", body):
        return Token(Kind.COMMENT, i, body + 2)
    if scan.markdown:
        close = scan.find("-->", body)
        end = -1 if close < 0 else close + 3
    else:
        m = _COMMENT_END.search(text, body, stop)
        end = -1 if m is None else m.end()
    if scan.markdown and not _starts_line(text, i):
        # Inside a paragraph a comment is inline HTML, which cannot cross a blank line.
        limit = stop if end < 0 else end
        if _BLANK_LINE.search(text, body, limit):
            return None
    if end < 0:
        return Token(Kind.COMMENT, i, stop, closed=False)
    return Token(Kind.COMMENT, i, end)


def _starts_line(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return i - line_start <= 3 and not text[line_start:i].strip(" ")


def _start_tag(scan: _Scanner, i: int) -> Token | None:
    text, stop = scan.text, scan.stop
    nm = _TAG_NAME.match(text, i + 1, stop)
    assert nm is not None
    pos = nm.end()
    attrs: list[Attribute] = []
    while True:
        space = _SPACE.match(text, pos, stop)
        assert space is not None
        space_start, pos = pos, space.end()
        if pos >= stop:
            return None
        ch = text[pos]
        if ch == ">":
            return Token(Kind.START_TAG, i, pos + 1, name=nm.group().lower(), attrs=tuple(attrs))
        if ch == "/":
            pos += 1
            continue
        an = _ATTR_NAME.match(text, pos, stop)
        assert an is not None
        name_start, pos = pos, an.end()
        value: str | None = None
        after = _SPACE.match(text, pos, stop)
        assert after is not None
        if after.end() < stop and text[after.end()] == "=":
            vpos = _SPACE.match(text, after.end() + 1, stop).end()  # type: ignore[union-attr]
            if vpos >= stop:
                return None
            quote = text[vpos]
            if quote in "\"'":
                close = scan.find(quote, vpos + 1)
                if close < 0:
                    return None
                value, pos = text[vpos + 1 : close], close + 1
            else:
                um = _UNQUOTED.match(text, vpos, stop)
                assert um is not None
                value, pos = um.group(), um.end()
        attrs.append(Attribute(an.group().lower(), value, name_start, pos, space_start))


_COMMENT_DELIMS = re.compile(r"^<!--|--!?>$")


def comment_text(raw: str) -> str:
    """The text of a comment without its delimiters and surrounding whitespace."""
    return _COMMENT_DELIMS.sub("", raw).strip()
