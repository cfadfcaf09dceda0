"""A small HTML tokenizer that gives every token its exact span.

The standard library's `html.parser` reports only start positions and has changed its comment
handling between CPython patch releases, so artlint scans markup itself, following the HTML5
tokenizer where it matters for articles:

- `<!--` ends at the first `-->` or `--!>`; `<!-->` and `<!--->` are empty comments; a comment
  that never ends runs to the end of the input (`closed=False`), as it does in browsers;
- after `<plaintext>` everything is text (it has no end tag);
- `<style>`, `<script>` and the other raw-text elements hold raw text up to their end tag:
  no tags, comments or entities inside;
- `<title>` and `<textarea>` hold text and entities but no tags;
- `<!...>` and `<?...>` are declarations or bogus comments up to the next `>`;
- a `<` that starts no tag is text, and so are Markdown autolinks (`<https://x>`, `<a@b.c>`);
- a tag cut off by the end of the input is text (browsers drop it; artlint leaves it alone).

The concatenation of all token texts is exactly the input.

Two paths answer: one regular expression per tag or comment for the markup articles are made
of (`_MARKUP`, `_fast_*`), and a careful scanner (`_Scanner`) for everything it does not
match. They are kept in one module, though it is long, because they must agree token for
token (tests/test_html.py and the property tests hold them to it) and are read side by side.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields


class Kind(enum.Enum):
    TEXT = "text"
    START_TAG = "start_tag"
    END_TAG = "end_tag"
    COMMENT = "comment"
    DECLARATION = "declaration"
    ENTITY = "entity"
    RAW_TEXT = "raw_text"

    # Members are singletons: identity hashing in C is right, and Enum's own __hash__ runs
    # Python code for every token sorted by kind.
    __hash__ = object.__hash__


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


# `<plaintext>` has no end tag: everything after it, comments included, is text.
RAW_TEXT_ELEMENTS = frozenset(
    {"style", "script", "xmp", "iframe", "noembed", "noframes", "plaintext"}
)
RCDATA_ELEMENTS = frozenset({"title", "textarea"})

# Pieces of the grammar, shared by the careful code's regexes and the fast path's.
_S = r"[\t\n\f\r ]"  # HTML whitespace
_TAG_NAME_CHAR = r"[^\t\n\f\r />]"
_ATTR_NAME_START = r"[^\t\n\f\r />]"  # `=` included
_ATTR_NAME_CHAR = r"[^\t\n\f\r /=>]"
_UNQUOTED_CHAR = r"[^\t\n\f\r >]"
_AUTOLINK_REST = r"(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>"  # after `<`

_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_AUTOLINK = re.compile("<" + _AUTOLINK_REST)
_TAG_NAME = re.compile(rf"[A-Za-z]{_TAG_NAME_CHAR}*")
_TAG_NAME_REST = re.compile(rf"{_TAG_NAME_CHAR}*")
_SPACE = re.compile(rf"{_S}*")
_ATTR_NAME = re.compile(rf"{_ATTR_NAME_START}{_ATTR_NAME_CHAR}*")
_UNQUOTED = re.compile(rf"{_UNQUOTED_CHAR}*")
_COMMENT_END = re.compile(r"--!?>")
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")

# The fast path: at each `<`, one regex recognises the common complete forms in C. It is given
# the text only up to the next `<`, so a failed attempt costs no more than the text up to there
# and trying at every `<` stays linear; anything it does not match (a `<` inside a tag, an
# unclosed quote, a tag cut off by the end, an autolink, a declaration) goes to the careful
# code, which defines the behaviour. Possessive quantifiers and the lookaheads let a tag be
# read only the one way the careful code reads it (no backtracking into another split), so
# whatever the regex matches, the careful code would have read the same.
_VALUE = rf"""(?:"[^"]*+"|'[^']*+'|(?!["']){_UNQUOTED_CHAR}*+)"""
_ATTR_OR_SLASH = (
    rf"{_S}*+(?:/|{_ATTR_NAME_START}{_ATTR_NAME_CHAR}*+(?:{_S}*+={_S}*+{_VALUE}|(?!{_S}*+=)))"
)
_MARKUP = re.compile(
    rf"</([A-Za-z]{_TAG_NAME_CHAR}*+)[^>]*+>"  # 1: end tag's name
    r"|(<!--[^>]*+>)"  # 2: comment, if it ends at this `>` (`_fast_comment` checks)
    rf"|<(?!{_AUTOLINK_REST})([A-Za-z]{_TAG_NAME_CHAR}*+)"  # 3: start tag's name
    rf"((?:{_ATTR_OR_SLASH})*+){_S}*+>"  # 4: its attributes
)
_END_FORM, _START_FORM = 1, 4  # the match's lastindex (2: a comment)
# One attribute of a start tag `_MARKUP` matched, with the spaces and slashes before it.
_FAST_ATTR = re.compile(
    rf"(?:{_S}*+/)*+({_S}*+)({_ATTR_NAME_START}{_ATTR_NAME_CHAR}*+)"
    rf"""(?:{_S}*+={_S}*+(?:"([^"]*+)"|'([^']*+)'|({_UNQUOTED_CHAR}*+))|(?!{_S}*+=))"""
)
_CONTENT_ELEMENTS = RAW_TEXT_ELEMENTS | RCDATA_ELEMENTS
_CLOSERS = {
    name: re.compile(r"</" + re.escape(name) + r"(?=[\t\n\f\r />])", re.IGNORECASE)
    for name in _CONTENT_ELEMENTS
}
_CLOSERS["plaintext"] = re.compile(r"(?!)")  # never closed

# Token's generated __init__ sets each field through object.__setattr__ (the class is frozen),
# which on ordinary text costs as much as all the scanning; the tokenizer fills the slots
# directly instead. The objects are the same (tests compare them with Token(...)); a field
# added to either class makes this unpacking fail at import.
_new_object = object.__new__
_SET_KIND, _SET_START, _SET_END, _SET_NAME, _SET_ATTRS, _SET_CLOSED = (
    getattr(Token, field.name).__set__ for field in fields(Token)
)
_SET_ATTR_NAME, _SET_VALUE, _SET_ATTR_START, _SET_ATTR_END, _SET_SPACE_START = (
    getattr(Attribute, field.name).__set__ for field in fields(Attribute)
)
_TEXT, _ENTITY_KIND, _START_TAG, _END_TAG = Kind.TEXT, Kind.ENTITY, Kind.START_TAG, Kind.END_TAG


def _token(
    kind: Kind,
    start: int,
    end: int,
    name: str = "",
    attrs: tuple[Attribute, ...] = (),
    closed: bool = True,
) -> Token:
    """Token(kind, start, end, name, attrs, closed), made faster."""
    tok: Token = _new_object(Token)
    _SET_KIND(tok, kind)
    _SET_START(tok, start)
    _SET_END(tok, end)
    _SET_NAME(tok, name)
    _SET_ATTRS(tok, attrs)
    _SET_CLOSED(tok, closed)
    return tok


class _Scanner:
    """What the careful code has learnt about the text, so that text full of `<` that open
    nothing (`if a<b and b<c`), quotes that never close or tags that never end is scanned in
    linear time: a search is answered from what an earlier one found wherever it can be."""

    def __init__(self, text: str, stop: int, markdown: bool) -> None:
        self.text = text
        self.stop = stop
        self.markdown = markdown
        self._absent: dict[str, int] = {}  # needle: a start from which it is absent
        self._found: dict[str, tuple[int, int]] = {}  # needle: (a start, where it was found)
        self._runs: dict[re.Pattern[str], tuple[int, int]] = {}  # run: (a start, its end)
        self._blank = (stop + 1, 0, 0)  # a start, and the first blank line's span after it
        # How `_start_tag`'s loop reads on from its top depends only on the position, so a
        # position once read into a tag that never ends always will be.
        self.doomed: set[int] = set()

    def find(self, needle: str, start: int) -> int:
        if start >= self._absent.get(needle, self.stop + 1):
            return -1
        known_from, known = self._found.get(needle, (0, -1))
        if known_from <= start <= known:
            return known
        found = self.text.find(needle, start, self.stop)
        if found < 0:
            self._absent[needle] = start
        else:
            self._found[needle] = (start, found)
        return found

    def run_end(self, run: re.Pattern[str], start: int) -> int:
        """Where `run` (a repeated character class) matched from `start` ends. A start inside
        a run already scanned is answered at once; one before it scans only up to it."""
        end = -1
        known = self._runs.get(run)
        if known is not None:
            known_from, known_end = known
            if known_from <= start <= known_end:
                return known_end
            if start < known_from:
                end = run.match(self.text, start, known_from).end()  # type: ignore[union-attr]
                if end == known_from:
                    end = known_end
        if end < 0:
            end = run.match(self.text, start, self.stop).end()  # type: ignore[union-attr]
        self._runs[run] = (start, end)
        return end

    def blank_line(self, start: int, end: int) -> bool:
        """Whether text[start:end] holds a blank line."""
        if end < self.stop:
            # Short of the end (a closed comment), look only inside: searching on to the
            # end for each of thousands of comments without a blank line was quadratic.
            return _BLANK_LINE.search(self.text, start, end) is not None
        known_from, line_start, line_end = self._blank
        if not known_from <= start <= line_start:
            m = _BLANK_LINE.search(self.text, start, self.stop)
            line_start, line_end = (self.stop, self.stop + 1) if m is None else m.span()
            self._blank = (start, line_start, line_end)
        # The first blank line after `start` ends first: one that starts later ends later.
        return line_end <= end


def rejoin_points(tokens: Sequence[Token]) -> dict[int, int]:
    """For each offset where `tokens` (as `tokenize` made them) could be made afresh from
    that offset on, the index of the next token: after every token but text, and but the
    start tag of an element whose content is read raw (script, style, textarea, title)."""
    return {
        t.end: i + 1
        for i, t in enumerate(tokens)
        if t.kind is not _TEXT and not (t.kind is _START_TAG and t.name in _CONTENT_ELEMENTS)
    }


def tokenize(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    markdown: bool = False,
    rejoin: Mapping[int, int] | None = None,
) -> list[Token]:
    """Tokens of text[start:end], with offsets into `text`.

    With `markdown`, two CommonMark rules apply on top of HTML's: a backslash-escaped `<` is
    text, and a comment ends only at `-->` and, unless it starts a line, may not run across a
    blank line (Markdown shows such a `<!--` as text).

    With `rejoin` (`rejoin_points` of an earlier tokenization of the same text and end), it
    stops at the first of those offsets it reaches between tokens: from there on, the earlier
    tokens are the same, since the tokenizer carries nothing from one token to the next but
    its position.
    """
    stop = len(text) if end is None else end
    scan: _Scanner | None = None
    tokens: list[Token] = []
    append = tokens.append
    find = text.find
    match_entity = _ENTITY.match
    match_markup = _MARKUP.match
    text_start = start
    # `lt` and `amp` are the next `<` and `&` at or after `pos` (`limit` when there is none),
    # each looked for again only once passed: str.find outruns a regex search by far. The `<`
    # after the one being read is found before reading it, to bound the fast path. (str.find
    # counts negative bounds from the end, where a regex search clamps them to 0.)
    pos = max(start, 0)
    limit = max(stop, 0)
    lt = amp = -1
    while True:
        if rejoin is not None and pos == text_start and pos in rejoin:
            return tokens
        if lt < pos:
            lt = find("<", pos, limit)
            if lt < 0:
                lt = limit
        if amp < pos:
            amp = find("&", pos, limit)
            if amp < 0:
                amp = limit
        if amp < lt:
            i = amp
            m = match_entity(text, i, stop)
            if m is None:
                pos = i + 1
                continue
            if i > text_start:
                append(_token(_TEXT, text_start, i))
            pos = text_start = m.end()
            append(_token(_ENTITY_KIND, i, pos, m.group()))
            continue
        i = lt
        if i >= limit:
            break
        lt = find("<", i + 1, limit)
        if lt < 0:
            lt = limit
        if markdown and i > start and text[i - 1] == "\\" and escaped(text, i, start):
            pos = i + 1
            continue
        m = match_markup(text, i, lt)
        tok = None
        if m is not None:
            form = m.lastindex
            if form == _START_FORM:
                attrs_start, attrs_end = m.span(4)
                attrs = (
                    _fast_attributes(text, attrs_start, attrs_end)
                    if attrs_end > attrs_start
                    else ()
                )
                tok = _token(_START_TAG, i, m.end(), m.group(3).lower(), attrs)
            elif form == _END_FORM:
                tok = _token(_END_TAG, i, m.end(), m.group(1).lower())
            else:
                tok = _fast_comment(text, i, m.end(), markdown)
        if tok is None:
            if scan is None:
                scan = _Scanner(text, stop, markdown)
            tok = _markup(scan, i)
            if tok is None:
                pos = i + 1
                continue
        if i > text_start:
            append(_token(_TEXT, text_start, i))
        append(tok)
        pos = text_start = tok.end
        if tok.kind is _START_TAG and tok.name in _CONTENT_ELEMENTS:
            pos = text_start = _element_content(text, tok, stop, tokens)
    if stop > text_start:
        append(_token(_TEXT, text_start, stop))
    return tokens


def _fast_attributes(text: str, start: int, end: int) -> tuple[Attribute, ...]:
    """The attributes in text[start:end], the attribute part of a tag `_MARKUP` matched."""
    attrs: list[Attribute] = []
    for m in _FAST_ATTR.finditer(text, start, end):
        _, name, double, single, unquoted = m.groups()
        attr: Attribute = _new_object(Attribute)
        _SET_ATTR_NAME(attr, name.lower())
        _SET_VALUE(
            attr, double if double is not None else single if single is not None else unquoted
        )
        _SET_ATTR_START(attr, m.start(2))
        _SET_ATTR_END(attr, m.end())
        _SET_SPACE_START(attr, m.start(1))
        attrs.append(attr)
    return tuple(attrs)


def _fast_comment(text: str, i: int, end: int, markdown: bool) -> Token | None:
    """The comment text[i:end] (`<!--`, no `>`, then `>`) if it ends at that `>`, else None
    (for the careful code)."""
    length = end - i
    if length == 5 or (length == 6 and text[i + 4] == "-"):  # `<!-->`, `<!--->`
        return _token(Kind.COMMENT, i, end)
    if length >= 7 and text.startswith("-->", end - 3):
        # On one line it holds no blank line; on several, that depends on where it starts.
        if markdown and "\n" in text[i:end]:
            return None
        return _token(Kind.COMMENT, i, end)
    if length >= 8 and text.startswith("--!>", end - 4):
        if markdown and "\n" in text[i:end]:
            return None
        return _token(Kind.COMMENT, i, end)
    return None


def escaped(text: str, pos: int, floor: int = 0) -> bool:
    """Whether text[pos] follows an odd number of backslashes (counting back to `floor`)."""
    count = 0
    while pos - count - 1 >= floor and text[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _element_content(text: str, tag: Token, stop: int, tokens: list[Token]) -> int:
    """Emit the content of a raw-text or RCDATA element; return where scanning resumes."""
    m = _CLOSERS[tag.name].search(text, tag.end, stop)
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


# The careful code: every `<` the fast path does not read goes through here.


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
    # `<!-->` and `<!--->` are whole comments, if the window holds them.
    if body < stop and text.startswith(">", body):
        return Token(Kind.COMMENT, i, body + 1)
    if body + 2 <= stop and text.startswith("->", body):
        return Token(Kind.COMMENT, i, body + 2)
    # Browsers end a comment at `--!>` too, Markdown or not: Markdown passes the HTML on and
    # the reader sees what follows it.
    m = _COMMENT_END.search(text, body, stop)
    end = -1 if m is None else m.end()
    # Inside a paragraph a comment is inline HTML, which cannot cross a blank line.
    if (
        scan.markdown
        and not _starts_line(text, i)
        and scan.blank_line(body, stop if end < 0 else end)
    ):
        return None
    if end < 0:
        return Token(Kind.COMMENT, i, stop, closed=False)
    return Token(Kind.COMMENT, i, end)


def _starts_line(text: str, i: int) -> bool:
    """Whether at most three spaces stand between the start of its line and text[i]."""
    j = i
    while j > 0 and i - j < 3 and text[j - 1] == " ":
        j -= 1
    return j == 0 or text[j - 1] == "\n"


def _start_tag(scan: _Scanner, i: int) -> Token | None:
    text, stop, doomed = scan.text, scan.stop, scan.doomed
    tag_name_end = pos = scan.run_end(_TAG_NAME_REST, i + 2)
    # Strings are cut only once the tag is known to end: a tag that does not may be read again
    # from each `<` inside it, and cutting its long names and values each time is quadratic.
    # Per attribute: space start, name start, name end, value start (-1: none), value end, end.
    spans: list[tuple[int, int, int, int, int, int]] = []
    visited: list[int] = []
    while pos not in doomed:
        visited.append(pos)
        space_start, pos = pos, _SPACE.match(text, pos, stop).end()  # type: ignore[union-attr]
        if pos >= stop:
            break
        ch = text[pos]
        if ch == ">":
            attrs = tuple(
                Attribute(text[ns:ne].lower(), None if vs < 0 else text[vs:ve], ns, e, ss)
                for ss, ns, ne, vs, ve, e in spans
            )
            return Token(Kind.START_TAG, i, pos + 1, text[i + 1 : tag_name_end].lower(), attrs)
        if ch == "/":
            pos += 1
            continue
        name_start = pos
        name_end = pos = _ATTR_NAME.match(text, pos, stop).end()  # type: ignore[union-attr]
        value_start = value_end = -1
        after = _SPACE.match(text, pos, stop).end()  # type: ignore[union-attr]
        if after < stop and text[after] == "=":
            vpos = _SPACE.match(text, after + 1, stop).end()  # type: ignore[union-attr]
            if vpos >= stop:
                break
            quote = text[vpos]
            if quote in "\"'":
                close = scan.find(quote, vpos + 1)
                if close < 0:
                    break
                value_start, value_end, pos = vpos + 1, close, close + 1
            else:
                value_start = vpos
                value_end = pos = scan.run_end(_UNQUOTED, vpos)
        spans.append((space_start, name_start, name_end, value_start, value_end, pos))
    doomed.update(visited)
    return None


def value_span(text: str, attr: Attribute) -> tuple[int, int]:
    """Where an attribute's value lies in `text`, without its quotes; an empty span at the
    attribute's end when it has no value. An unquoted value never follows a quote (that would
    have opened a quoted one), so the character before the value tells which it was."""
    if attr.value is None:
        return attr.end, attr.end
    quote = text[attr.end - 1]
    opening = attr.end - len(attr.value) - 2
    if quote in "\"'" and opening >= attr.start and text[opening] == quote:
        return opening + 1, attr.end - 1
    return attr.end - len(attr.value), attr.end


_COMMENT_DELIMS = re.compile(r"^<!--|--!?>$")


def comment_text(raw: str) -> str:
    """The text of a comment without its delimiters and surrounding whitespace."""
    return _COMMENT_DELIMS.sub("", raw).strip()
