"""CSS selectors matched over artlint's own tokens and elements, exactly as soupsieve would.

`Markup.select` used to build a BeautifulSoup tree (html.parser) and run soupsieve for every
selector rule; most of a pack check went there. This module answers the common case without
either, and says "don't know" (None) whenever it cannot vouch for the same answer, so the caller
falls back to BeautifulSoup. The answer is the set of start offsets of the *closed* elements
(`Element.end` set) that soupsieve would match: the only ones a selector rule can act on.

The subset (`parse`): a comma-separated list of compound selectors, each made of
- an optional type selector or `*` (compared without ASCII case, as soupsieve does in HTML);
- `.class` and `#id` (identifiers without escapes; `-` then a letter, `_` or non-ASCII);
- `[attr]` and `[attr OP value]` with OP one of `=`, `^=`, `$=`, `*=`, `~=` and the value an
  identifier or a quoted string without backslashes; spaces allowed inside the brackets;
- `:empty`.
Anything else is not parsed (None): combinators, other pseudo-classes, namespaces, escapes,
comments, `|=`, `!=`, the `i`/`s` flags; also a value compared with an attribute soupsieve
matches without case in HTML (`type`, `lang` ...: CASE_INSENSITIVE_ATTRIBUTES), an empty
value after `^=`, `$=`, `*=`, `~=` (soupsieve versions disagree there) and a `~=` value
holding whitespace.

Semantics mirror BeautifulSoup's html.parser tree as soupsieve reads it: attribute values are
entity-decoded (`html.unescape`, as html.parser does), a repeated attribute keeps its last
value, `class` and bs4's other multi-valued attributes are lists of whitespace-separated tokens
(joined with single spaces for attribute selectors), and `:empty` means no element child and
no text other than spaces, tabs, CR, LF and FF (comments allowed).

Documents (`View.of`): the matcher trusts artlint's tokens only where html.parser would read the
same markup at the same offsets. A document is taken only if every token is "plain": start
tags of simple names and simple attributes, end tags `</name>`, comments without `--` inside,
no declaration, no text that html.parser could read as markup (`<` + letter, `/`, `!`, `?`),
no `&#` that html.parser's character-reference pattern rejects (it can make html.parser give up
on the rest of the input), no `<template>` (soupsieve does not look inside one), and raw-text
or RCDATA elements (`<style>`, `<title>` ...) whose content holds no `<`. Then both see the same
start tags with the same names and attributes. The trees can still differ (bs4 closes `<x/>`
and its older void elements such as `<spacer>` at once; artlint keeps them open), so `:empty`
is decided from the element's own content only where both provably agree, else None.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from html import unescape

from artlint.parse.elements import VOID_ELEMENTS, Element
from artlint.parse.html import RAW_TEXT_ELEMENTS, RCDATA_ELEMENTS, Kind, Token

# soupsieve (2.x/4.x) compares these attributes' values without case in HTML documents
# (HTML_CASE_INSENSITIVE_ATTRIBUTES in its css_parser; older versions did it for `type` only).
CASE_INSENSITIVE_ATTRIBUTES = frozenset(
    {"accept", "accept-charset", "align", "alink", "axis", "bgcolor", "charset", "checked"}
    | {"clear", "codetype", "color", "compact", "declare", "defer", "dir", "direction"}
    | {"disabled", "enctype", "face", "frame", "hreflang", "http-equiv", "lang", "language"}
    | {"link", "media", "method", "multiple", "nohref", "noresize", "noshade", "nowrap"}
    | {"readonly", "rel", "rev", "rules", "scope", "scrolling", "selected", "shape", "target"}
    | {"text", "type", "valign", "valuetype", "vlink"}
)
# bs4's HTMLTreeBuilder.DEFAULT_CDATA_LIST_ATTRIBUTES: values split into lists of tokens.
LIST_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "accesskey", "dropzone"}),
    "a": frozenset({"rel", "rev"}),
    "link": frozenset({"rel", "rev"}),
    "td": frozenset({"headers"}),
    "th": frozenset({"headers"}),
    "form": frozenset({"accept-charset"}),
    "object": frozenset({"archive"}),
    "area": frozenset({"rel"}),
    "icon": frozenset({"sizes"}),
    "iframe": frozenset({"sandbox"}),
    "output": frozenset({"for"}),
}
# bs4's HTMLTreeBuilder.DEFAULT_EMPTY_ELEMENT_TAGS: closed as soon as they open.
BS4_VOID_ELEMENTS = VOID_ELEMENTS | frozenset(
    {"menuitem", "basefont", "bgsound", "command", "frame", "image", "isindex", "nextid", "spacer"}
)
# Elements whose content some html.parser version reads as raw text or RCDATA; artlint has its
# own list. With no `<` inside, every reading gives the same text.
_RAW_CONTENT = RAW_TEXT_ELEMENTS | RCDATA_ELEMENTS | {"noscript"}

_WS = "[\t\n\f\r ]"
_IDENT = r"-?[A-Za-z_\x80-\U0010ffff][-\w\x80-\U0010ffff]*"
_ASCII_IDENT = r"-?[A-Za-z_][-A-Za-z0-9_]*"
_COMPONENT = re.compile(
    rf"\.(?P<cls>{_IDENT})|#(?P<id>{_IDENT})|:empty(?![-\w(\x80-\U0010ffff])"
    rf"|\[{_WS}*(?P<attr>{_ASCII_IDENT}){_WS}*"
    rf"(?:(?P<op>[$^*~]?=){_WS}*(?P<value>{_IDENT}|\"[^\"\\\r\n\f]*\"|'[^'\\\r\n\f]*'){_WS}*)?\]"
)
_TYPE = re.compile(rf"\*|{_ASCII_IDENT}")
_COMMA = re.compile(rf"{_WS}*,{_WS}*")


@dataclass(frozen=True, slots=True)
class AttributeTest:
    name: str  # ASCII lower-cased
    op: str  # "" (present), "=", "^=", "$=", "*=" or "~="
    value: str


@dataclass(frozen=True, slots=True)
class Compound:
    tag: str | None  # ASCII lower-cased; None for any
    ids: tuple[str, ...]
    classes: tuple[str, ...]
    attributes: tuple[AttributeTest, ...]
    empty: bool


@lru_cache(maxsize=256)
def parse(selector: str) -> tuple[Compound, ...] | None:
    """The selector as compounds, or None when it is outside the subset."""
    parts = _COMMA.split(selector.strip("\t\n\f\r "))
    compounds = []
    for part in parts:
        compound = _compound(part)
        if compound is None:
            return None
        compounds.append(compound)
    return tuple(compounds)


def _compound(part: str) -> Compound | None:
    tag: str | None = None
    pos = 0
    m = _TYPE.match(part)
    if m:
        tag = None if m.group() == "*" else m.group().lower()  # ASCII: see _TYPE
        pos = m.end()
    ids: list[str] = []
    classes: list[str] = []
    attributes: list[AttributeTest] = []
    empty = False
    while pos < len(part):
        m = _COMPONENT.match(part, pos)
        if m is None:
            return None
        pos = m.end()
        if m.group("cls") is not None:
            classes.append(m.group("cls"))
        elif m.group("id") is not None:
            ids.append(m.group("id"))
        elif m.group("attr") is not None:
            test = _attribute_test(m.group("attr"), m.group("op") or "", m.group("value") or "")
            if test is None:
                return None
            attributes.append(test)
        else:
            empty = True
    if pos == 0:
        return None  # an empty part: soupsieve rejects it, the caller reports it
    return Compound(tag, tuple(ids), tuple(classes), tuple(attributes), empty)


def _attribute_test(name: str, op: str, raw: str) -> AttributeTest | None:
    name = name.lower()  # ASCII only (_ASCII_IDENT), as soupsieve lower-cases
    value = raw[1:-1] if raw[:1] in ("'", '"') else raw
    if op and name in CASE_INSENSITIVE_ATTRIBUTES:
        return None
    if op in ("^=", "$=", "*=", "~=") and not value:
        return None
    if op == "~=" and re.search(_WS, value):
        return None
    return AttributeTest(name, op, value)


class View:
    """One document's elements as html.parser would see them, for matching selectors."""

    __slots__ = ("_attrs", "_by_name", "_closed", "_elements", "_starts", "_text", "_tokens")

    def __init__(
        self,
        text: str,
        tokens: tuple[Token, ...],
        start_tags: tuple[Token, ...],
        elements: tuple[Element, ...],
    ) -> None:
        self._text = text
        self._tokens = tokens
        self._elements = elements
        self._starts = start_tags  # one per element, in the same order
        self._by_name: dict[str, list[int]] = {}
        self._closed: list[int] = []
        for i, e in enumerate(elements):
            if e.end is not None:
                self._closed.append(i)
                self._by_name.setdefault(e.name, []).append(i)
        self._attrs: dict[int, dict[str, str]] = {}

    @classmethod
    def of(
        cls,
        text: str,
        tokens: tuple[Token, ...],
        start_tags: tuple[Token, ...],
        elements: tuple[Element, ...],
        gaps: tuple[tuple[int, int], ...],
    ) -> View | None:
        """A view of the document, or None when html.parser might read its markup otherwise."""
        if not _plain(text, tokens, gaps):
            return None
        return cls(text, tokens, start_tags, elements)

    def select(self, compounds: tuple[Compound, ...]) -> frozenset[int] | None:
        """Start offsets of the closed elements matching any compound; None if undecided."""
        found: set[int] = set()
        for c in compounds:
            for i in self._by_name.get(c.tag, ()) if c.tag is not None else self._closed:
                hit = self._matches(i, c)
                if hit is None:
                    return None
                if hit:
                    found.add(self._elements[i].start)
        return frozenset(found)

    def _matches(self, i: int, c: Compound) -> bool | None:
        if c.ids or c.classes or c.attributes:
            attrs = self._attributes(i)
            for ident in c.ids:
                if attrs.get("id", "") != ident:
                    return False
            if c.classes:
                tokens = attrs.get("class", "").split(" ")
                if any(cls not in tokens for cls in c.classes):
                    return False
            for test in c.attributes:
                value = attrs.get(test.name)
                if value is None or not _compare(test, value):
                    return False
        return self._empty(i) if c.empty else True

    def _attributes(self, i: int) -> dict[str, str]:
        known = self._attrs.get(i)
        if known is not None:
            return known
        tok = self._starts[i]
        lists = _list_attributes(tok.name)
        out: dict[str, str] = {}
        for a in tok.attrs:  # a repeated attribute: bs4 keeps the last value
            value = a.value or ""
            if "&" in value:
                value = unescape(value)
            if a.name in lists:
                # bs4 splits at \S+ runs; str.split() knows the same whitespace.
                value = " ".join(value.split())
            out[a.name] = value
        self._attrs[i] = out
        return out

    def _empty(self, i: int) -> bool | None:
        """soupsieve's :empty on bs4's element, decided from artlint's tokens, or None."""
        e = self._elements[i]
        tok = self._starts[i]
        text = self._text
        if e.name in BS4_VOID_ELEMENTS or _self_closing(text, tok):
            return True  # bs4 closes it at once: no children whatever follows
        if e.close_start is None:
            return None
        k = bisect.bisect_left(self._tokens, tok.start, key=_start) + 1
        entity = False
        # Until artlint's close, no end tag closes anything (else artlint would have closed
        # the element there), and bs4's open elements are a subset of artlint's: the element
        # is open in bs4 too, so a child tag or text here is its child.
        while k < len(self._tokens) and self._tokens[k].start < e.close_start:
            t = self._tokens[k]
            if t.kind is Kind.START_TAG:
                return False
            if t.kind in (Kind.TEXT, Kind.RAW_TEXT) and _NOT_BLANK.search(text, t.start, t.end):
                return False
            entity = entity or t.kind is Kind.ENTITY
            k += 1
        if entity:
            return None  # `&#32;` is blank once decoded, `&nbsp;` is not: leave it to bs4
        closer = self._tokens[k] if k < len(self._tokens) else None
        if closer is None or closer.kind is not Kind.END_TAG or closer.name != e.name:
            return None  # closed by an ancestor's end tag, which bs4 may ignore
        return True


@cache
def _list_attributes(name: str) -> frozenset[str]:
    return LIST_ATTRIBUTES.get(name, frozenset()) | LIST_ATTRIBUTES["*"]


def _start(t: Token) -> int:
    return t.start


def _compare(test: AttributeTest, value: str) -> bool:
    op, want = test.op, test.value
    if not op:
        return True
    if op == "=":
        return value == want
    if op == "^=":
        return value.startswith(want)
    if op == "$=":
        return value.endswith(want)
    if op == "*=":
        return want in value
    return want in _SPACES.split(value)  # ~=


def _self_closing(text: str, tok: Token) -> bool:
    """Whether html.parser reads the start tag as `<x/>` (an unquoted value may end in `/`)."""
    if text[tok.end - 2] != "/":
        return False
    return not tok.attrs or tok.attrs[-1].end != tok.end - 1


_SPACES = re.compile("[\t\n\f\r ]+")
_NOT_BLANK = re.compile("[^\t\n\f\r ]")
_ATTR = (
    r"[A-Za-z_:][-A-Za-z0-9_:.]*"
    rf"(?:{_WS}*={_WS}*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?"
)
_PLAIN_START = re.compile(rf"<[A-Za-z][-A-Za-z0-9_.:]*(?:{_WS}+{_ATTR})*{_WS}*/?>")
_PLAIN_END = re.compile(rf"</[A-Za-z][-A-Za-z0-9_.:]*{_WS}*>")
# No `--` inside: every html.parser version ends it at the same `-->`.
_PLAIN_COMMENT = re.compile(r"<!--(?!-?>)(?:[^-]|-(?!-))*-->")
# A `<` that html.parser reads as text: not followed by a letter, `/`, `!` or `?`.
_PLAIN_TEXT = re.compile(r"[^<]*(?:<(?![A-Za-z/!?])[^<]*)*")
# html.parser (before 3.13) stops at an `&#` its pattern rejects and may then take the rest of
# the input as text.
_BAD_CHARREF = re.compile(r"&#(?![0-9]+[^0-9a-fA-F]|[xX][0-9a-fA-F]+[^0-9a-fA-F])")


def _plain(text: str, tokens: tuple[Token, ...], gaps: tuple[tuple[int, int], ...]) -> bool:
    """Whether html.parser reads exactly artlint's start tags, at the same offsets."""
    for start, end in gaps:
        if _BAD_CHARREF.search(text, start, end):
            return False
    find = text.find
    raw: str | None = None  # the raw-text or RCDATA element being read
    for tok in tokens:
        kind = tok.kind
        if raw is not None:
            if kind is Kind.END_TAG and tok.name == raw:
                raw = None
            elif kind is Kind.ENTITY or (
                kind in (Kind.TEXT, Kind.RAW_TEXT)
                and tok.closed
                and find("<", tok.start, tok.end) < 0
            ):
                continue
            else:
                return False
        # Most often first; text rarely holds a `<` at all.
        if kind is Kind.START_TAG:
            if _PLAIN_START.fullmatch(text, tok.start, tok.end) is None:
                return False
            if tok.name in _RAW_CONTENT:
                raw = tok.name
            elif tok.name in ("template", "plaintext"):
                return False
        elif kind is Kind.END_TAG:
            if _PLAIN_END.fullmatch(text, tok.start, tok.end) is None:
                return False
        elif kind is Kind.TEXT:
            if find("<", tok.start, tok.end) >= 0 and not _PLAIN_TEXT.fullmatch(
                text, tok.start, tok.end
            ):
                return False
        elif kind is Kind.COMMENT:
            if _PLAIN_COMMENT.fullmatch(text, tok.start, tok.end) is None:
                return False
        elif kind is not Kind.ENTITY:
            return False  # a declaration, or raw text without its start tag
    return raw is None
