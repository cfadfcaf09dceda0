"""Where an article's markup came from: imported (pasted from a feed, an export, a clipper) or
authored (written by hand). Rules judge the same markup differently by it.

`<!-- news_keyword_pub,stock -->`, `style="font-family:微软雅黑"` and an empty `<span></span>`
inside a body pasted from a news portal are residue of the copy; `<!-- markdown separator -->`,
a chart container with `style="height:600px"` or a `<progress>` bar in a hand-written Markdown
post are what the author meant. So each file, and each region of it, is one or the other:

1. The configuration (`provenance = "imported" | "authored"`, or per file in
   `per-file-provenance`) decides, when it says so.
2. Then the article's front matter: `artlint-provenance: imported` (or `authored`).
3. Then what the file shows (`auto`, the default). A file is **imported** when its front matter
   has a key only importers write (`wordpress_id`, `origin_url` ...: see
   artlint.parse.signatures.IMPORTER_KEYS); when its body is raw HTML from end to end (at least
   half of its non-blank characters outside code are in HTML blocks with 10 tags or more, or
   90% with 2 tags or more, and there is no Markdown outside the HTML: a feed or an export
   pastes whole pages, while a heading, a list or a link written in Markdown, or template
   syntax such as `{% include %}` or `{{< shortcode >}}`, shows an author); or when its
   markup carries three or more known junk signatures (portal class names, editor residue,
   template comments: artlint.parse.signatures). An `.html` article is imported by a front-matter
   key or a single signature. Everything else is **authored**.
4. In an authored Markdown file, an HTML block that carries a junk signature is an imported
   region: a post written by hand with one block pasted from elsewhere.

`artlint check --explain` prints the decision and its reason for each file.
"""

from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from artlint.parse.html import Kind, comment_text
from artlint.parse.signatures import IMPORTER_KEYS, junk_comment, markup_signature

if TYPE_CHECKING:
    from artlint.document.article import Document

FRONT_MATTER_KEY = "artlint-provenance"
SETTINGS = ("auto", "imported", "authored")
HTML_SHARE = 0.5  # of a Markdown body's non-blank characters in HTML blocks
MIN_TAGS = 10
ALL_HTML = 0.9  # a short body that is nothing but HTML: a feed item of a paragraph or two
MIN_SIGNATURES = 3
_SPACE = re.compile(r"\s+")


class Provenance(enum.Enum):
    IMPORTED = "imported"
    AUTHORED = "authored"


@dataclass(frozen=True)
class Origin:
    """A document's provenance: the file's, why, and for an authored file the imported regions
    of its body (an imported file is imported everywhere)."""

    file: Provenance
    reason: str
    imported: tuple[tuple[int, int], ...] = ()

    def at(self, offset: int) -> Provenance:
        if self.file is Provenance.IMPORTED:
            return Provenance.IMPORTED
        i = bisect.bisect_right(self.imported, (offset, float("inf"))) - 1
        inside = i >= 0 and self.imported[i][0] <= offset < self.imported[i][1]
        return Provenance.IMPORTED if inside else Provenance.AUTHORED

    def imported_at(self, offset: int) -> bool:
        return self.at(offset) is Provenance.IMPORTED


def decide(doc: Document) -> Origin:
    if doc.provenance in ("imported", "authored"):
        return Origin(Provenance(doc.provenance), "set in the configuration")
    fm = doc.header.parsed
    data = fm.data if fm is not None else {}
    declared = data.get(FRONT_MATTER_KEY)
    if isinstance(declared, str) and declared.lower() in ("imported", "authored"):
        return Origin(Provenance(declared.lower()), f"front matter `{FRONT_MATTER_KEY}`")
    keys = sorted(k for k in data if isinstance(k, str) and k.lower() in IMPORTER_KEYS)
    if keys:
        return Origin(Provenance.IMPORTED, f"front matter key `{keys[0]}`")
    hits = _signatures_in(doc)
    if hits and (not doc.is_markdown or len(hits) >= MIN_SIGNATURES):
        return Origin(Provenance.IMPORTED, f"{_signatures(hits)}")
    if doc.is_markdown:
        share, tags = _html_share(doc)
        mostly_html = (share >= HTML_SHARE and tags >= MIN_TAGS) or (
            share >= ALL_HTML and tags >= 2
        )
        if (
            mostly_html
            and not _writes_markdown(doc)
            and not _TEMPLATE.search(doc.text, doc.body.start)
        ):
            reason = f"{share:.0%} of the body is raw HTML ({tags} tags)"
            return Origin(Provenance.IMPORTED, reason)
        regions = tuple(
            (start, end)
            for start, end in doc.regions.html_blocks
            if any(start <= at < end for at, _ in hits)
        )
        if regions:
            reason = f"Markdown written by hand; {len(regions)} pasted HTML block(s) imported"
            return Origin(Provenance.AUTHORED, reason + f" ({_signatures(hits)})", regions)
        share_text = f"{share:.0%} of the body is raw HTML" if tags else "no raw HTML"
        return Origin(Provenance.AUTHORED, f"Markdown written by hand ({share_text})")
    return Origin(Provenance.AUTHORED, "HTML with no sign of a source site or editor")


def _signatures_in(doc: Document) -> list[tuple[int, str]]:
    """(offset, what) of each junk signature in the body's markup, in order."""
    text = doc.text
    found = []
    for tok in doc.markup.tokens_of(Kind.START_TAG, Kind.COMMENT):
        if tok.kind is Kind.COMMENT:
            inner = comment_text(text[tok.start : tok.end])
            if inner.strip() and junk_comment(inner):  # an empty comment proves nothing
                found.append((tok.start, text[tok.start : tok.end]))
        else:
            what = markup_signature(tok, text)
            if what is not None:
                found.append((tok.start, what))
    return found


def _signatures(hits: list[tuple[int, str]]) -> str:
    shown = re.sub(r"[ \t\r\n]+", " ", hits[0][1])[:40]
    more = f" and {len(hits) - 1} more" if len(hits) > 1 else ""
    return f"source-site markup `{shown}`{more}"


# Markdown an author writes between HTML blocks: headings, list items, quotes, fences,
# links and strong emphasis. A feed item or an export is HTML from end to end.
_MARKDOWN = re.compile(
    r"^ {0,3}(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]|>|```|~~~)|\[[^\]\n]+\]\([^)\s]+\)|\*\*\S",
    re.MULTILINE,
)


# Template syntax (Liquid, Nunjucks, Hugo shortcodes) in the body: written for this site.
_TEMPLATE = re.compile(r"\{%-?\s*\w|\{\{[<%-]?\s*[\w.$|]")


def _writes_markdown(doc: Document) -> bool:
    """Whether the body has Markdown syntax outside its HTML blocks (or a fenced block)."""
    if any(region.kind.value == "fence" for region in doc.regions.code):
        return True
    text = doc.text
    blocks = doc.regions.html_blocks
    for start, end in doc.regions.code_gaps:
        pos = start
        for block_start, block_end in blocks:
            if block_end <= pos or block_start >= end:
                continue
            if _MARKDOWN.search(text, pos, block_start) if block_start > pos else False:
                return True
            pos = max(pos, block_end)
        if pos < end and _MARKDOWN.search(text, pos, end):
            return True
    return False


def _filled(piece: str) -> int:
    """How many characters of `piece` are not whitespace (`str.split` and regular
    expressions agree on what whitespace is; split counts in C)."""
    return sum(map(len, piece.split()))


def _html_share(doc: Document) -> tuple[float, int]:
    """The share of the body's non-blank characters (outside code) that lie in HTML blocks,
    and how many start tags the body has."""
    text = doc.text
    total = sum(_filled(text[a:b]) for a, b in doc.regions.code_gaps)
    if not total:
        return 0.0, 0
    in_html = sum(_filled(text[a:b]) for a, b in doc.regions.html_blocks)
    return min(1.0, in_html / total), len(doc.markup.tokens_of(Kind.START_TAG))
