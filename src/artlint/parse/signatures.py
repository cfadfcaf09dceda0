"""Known junk signatures: markup that only a copy from another site or editor leaves behind.

These are the one list that decides when markup in an *authored* article is still junk (see
artlint.document.provenance): an author who writes Markdown by hand does not write
`<!--StartFragment-->`, `class="MsoNormal"` or `font-family: 微软雅黑`; a clipboard, a feed
or an export does. Each entry was seen in real imported posts (news portals through RSSHub,
WordPress and Ghost exports, Word and Google Docs pastes, web clippers). The same markup
also makes a file or an HTML block count as imported.

Everything here is matched on raw markup (a comment's text, a style attribute's value, a
start tag), case-insensitively, never on prose.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from artlint.parse.html import Token

# Comments that editors, CMS templates and portals leave; never written by hand.
JUNK_COMMENT = re.compile(
    r"\s*(?:"
    r"startfragment|endfragment"  # Windows clipboard HTML
    r"|saved\s+from\s+url="  # a page saved by a browser (the mark of the web)
    r"|\[if\s[^\]]*\bmso"  # Word's conditional comments (not a template's `[if lt IE 9]`)
    r"|/?wp:"  # WordPress block editor
    r"|/?\s*(?:正文|广告|总声明|声明|文章|编辑|责任编辑|分享|相关|推荐|二维码|标题)"  # CN portals
    r"|news_|article_|sina|sohu|ifeng|toutiao|weixin|wechat"
    r"|google_ad|adsense|ad\s*(?:start|end|begin)"
    r"|x-tinymce|tinymce|ueditor|kindeditor|ckeditor|mce"
    r"|begin\s+(?:ad|banner|tracking)|end\s+(?:ad|banner|tracking)"
    r")",
    re.IGNORECASE,
)

# Declarations that copying carries along and no author means: editor and portal typography.
RESIDUE_PROPERTY = re.compile(
    r"(?:mso-[\w-]+|-webkit-text-[\w-]+|-webkit-font-smoothing|-webkit-tap-highlight-color"
    r"|-webkit-user-select|-webkit-box-sizing|font-variant-[\w-]+|font-feature-settings"
    r"|text-size-adjust|-webkit-text-size-adjust|orphans|widows|caret-color|tab-size"
    r"|font-kerning|text-rendering|word-wrap|overflow-wrap|word-break|white-space-collapse"
    r"|text-wrap(?:-mode)?|font-synthesis[\w-]*)",
    re.IGNORECASE,
)
RESIDUE_FONT = re.compile(
    r"微软雅黑|宋体|黑体|楷体|仿宋|microsoft\s*yahei|simsun|simhei|pingfang|hiragino"
    r"|-apple-system|blinkmacsystemfont|segoe\s*ui|calibri|cambria",
    re.IGNORECASE,
)

# Class names of portals, CMSs and editors (each matched against a whole class name).
IMPORTED_CLASS = re.compile(
    r"mso\w+|wp-image-\d+|wp-caption[\w-]*|size-(?:full|large)|content-inner|main-wrap"
    r"|img-place-holder|img_descr|video-2017|tagging\d|originurl|view-more|rich_media\w*|js_\w+"
    r"|ql-\w+|ne-\w+|lake-\w+|article-content|article_content|appmsg\w*|pgc-\w+|syl-\w+"
    r"|tt-\w+|img-box|pic_\w+|art_\w+|artibody|tougao-user|article-relation|ztext\w*"
    r"|medium-\w+|graf--\w+|markup--\w+",
    re.IGNORECASE,
)
# Attributes that frameworks and editors put on every element they render.
IMPORTED_ATTRIBUTE = re.compile(
    r"data-v-[0-9a-f]{6,}|_ngcontent-[\w-]*|data-pm-slice|data-mce-[\w-]+|data-tools"
    r"|data-(?:rawwidth|rawheight|wapurl|vmark)",
    re.IGNORECASE,
)
# What follows `<p>` in portal text: full-width or no-break indentation.
_PORTAL_INDENT = re.compile(r"[ \t]*\u3000\u3000|\s*(?:&nbsp;|\u00a0){2}")


def markup_signature(tag: Token, text: str) -> str | None:
    """What in this start tag (or right after it) only a source site or an editor writes:
    `<o:p>`, a portal class, a framework attribute, an `mso-` style, the full-width
    indentation of Chinese portals after `<p>`; None for a tag anyone might write."""
    if tag.name == "o:p":
        return "<o:p>"
    for a in tag.attrs:
        if a.name == "class" and a.value:
            for name in a.value.split():
                if IMPORTED_CLASS.fullmatch(name):
                    return f'class="{name}"'
        elif IMPORTED_ATTRIBUTE.fullmatch(a.name):
            return a.name
        elif a.name == "style" and a.value and "mso-" in a.value.lower():
            return 'style="mso-…"'
    if tag.name == "p" and _PORTAL_INDENT.match(text, tag.end):
        return "<p>\u3000\u3000"
    return None


# Front-matter keys that importers write and people do not.
IMPORTER_KEYS = frozenset(
    {
        "wordpress_id",
        "wordpress_url",
        "wp_id",
        "dsq_thread_id",
        "original_url",
        "origin_url",
        "source_url",
        "clipped_from",
        "feed_url",
    }
)


def junk_comment(inner: str) -> bool:
    """Whether a comment's text (without `<!--`/`-->`) is an editor's or portal's marker."""
    return bool(JUNK_COMMENT.match(inner))
