"""What a piece of CSS does that a reader would notice if it went away.

CSS is normalised before it is read, as browsers read it: character references decoded (in
attributes), comments dropped, escapes (`\\6e`, `\\p`) resolved, case folded. Then a few
effects are recognised: hiding an element (by display, visibility, size, opacity, clipping,
off-screen position, transparent or white text), showing an image, and marking text (struck
through, bold, italic).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_HEX_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?")
_CHAR_ESCAPE = re.compile(r"\\(.)")
_ZERO = r"\s*:\s*0(?![.\d])"
_FAR = r"\s*:\s*-\s*\d{3,}"

EFFECTS = (
    (
        re.compile(
            r"display\s*:\s*none|visibility\s*:\s*hidden|visibility\s*:\s*collapse"
            rf"|font-size{_ZERO}|opacity{_ZERO}|(?<![-\w])(?:max-)?(?:height|width){_ZERO}"
            r"|clip-path\s*:\s*inset\(\s*50%|clip-path\s*:\s*inset\(\s*100%|clip\s*:\s*rect\("
            rf"|text-indent{_FAR}|(?<![-\w])(?:left|top|right|margin-left|margin-top){_FAR}"
            r"|(?<![-\w])color\s*:\s*transparent"
        ),
        "hides the element",
    ),
    (re.compile(r"url\s*\("), "shows a background image"),
    (
        re.compile(r"(?<![-\w])color\s*:\s*(?:#fff\b|#ffffff\b|white\b)"),
        "may hide text (white on white)",
    ),
    (re.compile(r"text-decoration[\w-]*\s*:[^;]*line-through"), "strikes text through"),
    (re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)"), "makes text bold"),
    (re.compile(r"font-style\s*:\s*(italic|oblique)"), "makes text italic"),
    (re.compile(r"(?<![-\w])font\s*:[^;]*\b(?:bold|bolder|[6-9]00)\b"), "makes text bold"),
    (re.compile(r"(?<![-\w])font\s*:[^;]*\b(?:italic|oblique)\b"), "makes text italic"),
)


def normalise(css: str, *, attribute: bool) -> str:
    text = html.unescape(css) if attribute else css
    text = _COMMENT.sub("", text)
    text = _HEX_ESCAPE.sub(lambda m: chr(min(int(m.group(1), 16), 0x10FFFF) or 0xFFFD), text)
    text = _CHAR_ESCAPE.sub(r"\1", text)
    return text.lower()


def effect(css: str | None, *, attribute: bool = True) -> str | None:
    """What a reader would lose (or newly see) if this CSS went away, if anything."""
    if not css:
        return None
    text = normalise(css, attribute=attribute)
    for pattern, what in EFFECTS:
        if pattern.search(text):
            return what
    return None


# --- declarations ---------------------------------------------------------------------------
#
# A style is judged one declaration at a time: the typography a copy carries along (fonts,
# colours, spacing) is residue, what places or shows things (display, sizes, alignment,
# backgrounds, borders, visibility) is layout, and what EFFECTS recognise carries meaning. A
# property not named here counts as layout: when unsure, keep it.

RESIDUE = "residue"
LAYOUT = "layout"

_RESIDUE_NAMES = re.compile(
    r"(?:font(?:-[\w-]+)?|color|line-height|letter-spacing|word-spacing|text-indent"
    r"|margin(?:-[\w-]+)?|padding(?:-[\w-]+)?|text-decoration(?:-[\w-]+)?|text-shadow"
    r"|text-transform|text-justify|text-autospace|box-sizing|mso-[\w-]+|-webkit-[\w-]+"
    r"|-moz-[\w-]+|-ms-[\w-]+|orphans|widows|caret-color|tab-size|word-wrap|word-break"
    r"|overflow-wrap|hyphens|text-rendering|font-kerning|text-size-adjust|text-wrap(?:-mode)?"
    r"|white-space-collapse|outline(?:-[\w-]+)?|cursor|transition(?:-[\w-]+)?|user-select)",
)


@dataclass(frozen=True, slots=True)
class Declaration:
    """One `name: value` of a style, where it lies in the raw text (with its `;` and the
    space after it), and what kind it is: RESIDUE, LAYOUT or the effect it has."""

    name: str
    start: int
    end: int
    kind: str


def declarations(raw: str) -> tuple[Declaration, ...]:
    """The declarations of a style attribute's raw value, in order. A `;` that ends a
    character reference (`&quot;`) or sits in quotes or parentheses does not split."""
    out: list[Declaration] = []
    start = 0
    for end in _boundaries(raw):
        piece = raw[start:end]
        if piece.strip(" \t\r\n;"):
            name = normalise(piece, attribute=True).split(":", 1)[0].strip()
            stop = end + 1 if end < len(raw) else end
            while stop < len(raw) and raw[stop] in " \t\r\n":
                stop += 1
            out.append(Declaration(name, start, stop, _kind(name, piece)))
            start = stop
        else:
            start = end + 1 if end < len(raw) else end
    return tuple(out)


def _boundaries(raw: str) -> list[int]:
    """Offsets of the `;` that end declarations, and the end of the text."""
    cuts = []
    depth = 0
    quote = ""
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "&":
            m = _REFERENCE.match(raw, i)
            if m:
                i = m.end()
                continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ";" and not depth:
            cuts.append(i)
        i += 1
    cuts.append(len(raw))
    return cuts


_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")


def _kind(name: str, piece: str) -> str:
    if ":" not in normalise(piece, attribute=True):
        return RESIDUE  # not a declaration: browsers ignore it
    what = effect(piece)
    if what is not None:
        return what
    if name in ("font-weight", "font-style"):
        # `font-weight: normal` inside <b> unbolds it: a reader sees the difference.
        return "sets the text's weight or slant"
    value = normalise(piece, attribute=True).split(":", 1)[1]
    if name.startswith("margin") and ("auto" in value or "-" in value):
        return LAYOUT  # centring a block, or pulling it over its neighbours
    if name.startswith("padding") and "%" in value:
        return LAYOUT  # an aspect-ratio box: its height is the padding
    return RESIDUE if _RESIDUE_NAMES.fullmatch(name) else LAYOUT
