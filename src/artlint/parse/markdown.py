"""Find the Markdown code regions of an article body, where markup is content.

The block structure (fenced and indented code blocks, HTML blocks, and the lines of every
inline run) comes from artlint.parse.blocks for flat articles and from markdown-it-py (CommonMark)
for articles with block quotes, lists or link reference definitions. Code spans are found by
scanning those inline runs for backtick strings, as CommonMark defines them. Hexo and Jekyll
code tags
(`{% codeblock %}`, `{% highlight %}`) are code too.

One exception is deliberate: scraped HTML that a generator indented by four or more spaces
after a blank line parses as an indented code block, although it is plainly the rest of the
page's HTML. An indented block is treated as HTML when it follows an HTML block, starts with a
tag or a comment, and stands inside an element the HTML before it opened and has not closed
(the page's wrapper `<div>`); so the junk in it is still found, while a code sample after
`<!-- more -->` stays code.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from artlint.parse import html
from artlint.parse.blocks import Block, leaf_blocks
from artlint.parse.html import escaped

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


class CodeKind(enum.Enum):
    FENCE = "fence"
    INDENTED = "indented"
    SPAN = "span"
    TAG = "tag"  # {% codeblock %} / {% highlight %}


@dataclass(frozen=True, slots=True)
class CodeRegion:
    kind: CodeKind
    start: int
    end: int


_BACKTICKS = re.compile(r"`+")
_TEMPLATE_OPEN = re.compile(r"\{%-?\s*(codeblock|code|highlight)\b[^\n]*?%\}")
_TEMPLATE_CLOSE = {
    name: re.compile(r"\{%-?\s*end" + name + r"\s*-?%\}")
    for name in ("codeblock", "code", "highlight")
}
_STARTS_WITH_MARKUP = re.compile(r"\s*<(?:[A-Za-z/]|!--)")
_INLINE_COMMENT = re.compile(r"<!--(?:-?>|.*?-->)", re.DOTALL)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Block structure only: code spans are found here, and inline parsing costs as much
    # again as everything else.
    md = MarkdownIt("commonmark")
    md.disable([r for r in ("inline", "text_join") if r in md.get_active_rules()["core"]])
    return md


@dataclass(frozen=True, slots=True)
class Blocks:
    code: tuple[CodeRegion, ...]  # sorted and disjoint
    html: tuple[tuple[int, int], ...]  # spans of HTML blocks (raw HTML lines)
    inline: tuple[tuple[int, int], ...] = ()  # spans of inline content (paragraphs, headings)


_MAY_HOLD_CODE = re.compile(r"`|~~~|\{%|^(?: {4}|\t| {0,3}\t)", re.MULTILINE)


def may_hold_code(text: str, start: int, end: int) -> bool:
    """False when text[start:end] certainly has no code: no backtick, no `~~~` fence, no
    `{%` tag and no line indented by four columns."""
    return _MAY_HOLD_CODE.search(text, start, end) is not None


def code_regions(text: str, start: int, end: int) -> tuple[CodeRegion, ...]:
    """Code regions of text[start:end], as offsets into `text`, sorted and disjoint."""
    return scan(text, start, end).code


def scan(text: str, start: int, end: int) -> Blocks:
    """Code regions and HTML blocks of text[start:end], as offsets into `text`."""
    body = text[start:end]
    if not body:
        return Blocks((), (), ())
    # "\r" would count as a line break for markdown-it but not for artlint's line table.
    clean = body.replace("\r", " ").replace("\0", " ")
    found = leaf_blocks(clean)
    if found is None:
        found = markdown_it_blocks(clean)
    regions: list[CodeRegion] = []
    html_blocks: list[tuple[int, int]] = []
    inline: list[tuple[int, int]] = []
    open_elements = _OpenElements(body)
    for kind, a, b, after_html in found:
        if kind == "fence":
            regions.append(CodeRegion(CodeKind.FENCE, a, _trim_newline(body, a, b)))
        elif kind == "code_block":
            scraped = (
                after_html
                and _STARTS_WITH_MARKUP.match(body, a)
                and open_elements.leaves_open(a, regions)
            )
            if scraped:
                html_blocks.append((a + start, _trim_newline(body, a, b) + start))
            else:
                regions.append(CodeRegion(CodeKind.INDENTED, a, _trim_newline(body, a, b)))
        elif kind == "html_block":
            html_blocks.append((a + start, _trim_newline(body, a, b) + start))
        elif kind == "inline":
            regions.extend(_code_spans(body, a, b))
            inline.append((a + start, _trim_newline(body, a, b) + start))
    regions.extend(_template_code(body))
    code = tuple(CodeRegion(r.kind, r.start + start, r.end + start) for r in _disjoint(regions))
    return Blocks(code, tuple(html_blocks), tuple(inline))


def markdown_it_blocks(body: str) -> list[Block]:
    """The blocks of `body` as markdown-it-py parses it, containers included."""
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", body))
    line_starts.append(len(body))
    last = len(line_starts) - 1
    out: list[Block] = []
    previous = ""
    for tok in _parser().parse(body):
        if tok.map is None:
            continue
        if tok.type in ("fence", "code_block", "html_block", "inline"):
            a = line_starts[min(tok.map[0], last)]
            b = line_starts[min(tok.map[1], last)]
            out.append(Block(tok.type, a, b, tok.type == "code_block" and previous == "html_block"))
        if tok.level == 0 and tok.nesting >= 0:
            previous = tok.type
    return out


class _OpenElements:
    """Whether the HTML before an offset (outside the code found so far) leaves an element
    open, for the indented blocks after HTML of one body, in order. Each stretch of the body
    is tokenized once: re-tokenizing everything before each such block made a scraped body
    with many of them quadratic (a 100 KB page spent 0.4 s here).

    Answers are the same as tokenizing from the start each time. The state carried forward
    is taken at a clean cut only: after a code region (there every tokenization cuts), or
    after a tag or comment that ended before the offset asked about, leaves the tokenizer in
    its data state (not the start tag of a raw-text or RCDATA element), and follows no `<`
    that the tokenizer took as text."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.pos = 0  # tokenized up to here...
        self.stack: list[str] = []  # ...leaving these elements open
        self.passed = 0  # code regions already walked past (they come in order)

    def leaves_open(self, offset: int, code: list[CodeRegion]) -> bool:
        """`code`: the code regions found so far, in order (the caller appends to it)."""
        from artlint.parse.elements import push_open  # only for indented blocks after HTML

        content = html.RAW_TEXT_ELEMENTS | html.RCDATA_ELEMENTS
        pos, stack = self.pos, list(self.stack)
        while self.passed < len(code) and code[self.passed].start < offset:
            region = code[self.passed]
            self.passed += 1
            if region.end <= pos:
                continue
            for tok in html.tokenize(self.body, pos, region.start, markdown=True):
                push_open(stack, tok)
            pos = max(pos, region.end)
        self.pos, self.stack = pos, list(stack)
        tokens = html.tokenize(self.body, pos, offset, markdown=True)
        clean = -1
        settled = True
        for i, tok in enumerate(tokens):
            push_open(stack, tok)
            if tok.kind is html.Kind.TEXT and "<" in self.body[tok.start : tok.end]:
                # A `<` the tokenizer gave up on (`<a title="x>` with its quote still open)
                # may become a tag once the text goes on: nothing after it is settled yet.
                settled = False
            if (
                settled
                and tok.end < offset
                and (
                    tok.kind in (html.Kind.END_TAG, html.Kind.COMMENT)
                    or (tok.kind is html.Kind.START_TAG and tok.name not in content)
                )
            ):
                clean = i
        if clean >= 0:
            for tok in tokens[: clean + 1]:
                push_open(self.stack, tok)
            self.pos = tokens[clean].end
        return bool(stack)


def _template_code(body: str) -> list[CodeRegion]:
    """`{% codeblock %}`...`{% endcodeblock %}` and the like; linear even when many never
    close (a tag whose end is missing once is missing for every later opener too)."""
    out: list[CodeRegion] = []
    missing: set[str] = set()
    pos = 0
    while True:
        m = _TEMPLATE_OPEN.search(body, pos)
        if m is None:
            return out
        name = m.group(1)
        close = None if name in missing else _TEMPLATE_CLOSE[name].search(body, m.end())
        if close is None:
            missing.add(name)
            pos = m.end()
            continue
        out.append(CodeRegion(CodeKind.TAG, m.start(), close.end()))
        pos = close.end()


def _trim_newline(body: str, a: int, b: int) -> int:
    return b - 1 if b > a and body[b - 1] == "\n" else b


def _code_spans(body: str, a: int, b: int) -> list[CodeRegion]:
    if body.find("`", a, b) < 0:
        return []  # most paragraphs
    spans: list[CodeRegion] = []
    runs = list(_BACKTICKS.finditer(body, a, b))
    if "<!--" in body[a:b]:
        # Raw HTML binds as tightly as code spans, and whichever starts first wins: backticks
        # inside an inline comment (`<!-- md:default `true` -->`) are the comment's text.
        comments = [m.span() for m in _INLINE_COMMENT.finditer(body, a, b)]
        runs = [r for r in runs if not any(s < r.start() < e for s, e in comments)]
    i = 0
    while i < len(runs):
        opener = runs[i]
        if escaped(body, opener.start(), a):  # escapes work outside code spans only
            i += 1
            continue
        n = len(opener.group())
        for j in range(i + 1, len(runs)):
            if len(runs[j].group()) == n:
                spans.append(CodeRegion(CodeKind.SPAN, opener.start(), runs[j].end()))
                i = j + 1
                break
        else:
            i += 1
    return spans


def _disjoint(regions: list[CodeRegion]) -> list[CodeRegion]:
    out: list[CodeRegion] = []
    for r in sorted(regions, key=lambda r: (r.start, -r.end)):
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out
