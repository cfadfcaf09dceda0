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
