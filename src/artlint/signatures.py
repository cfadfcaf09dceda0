"""Known junk signatures: markup that only a copy from another site or editor leaves behind.

These are the one list that decides when markup in an *authored* article is still junk (see
artlint.provenance): an author who writes Markdown by hand does not write
`<!--StartFragment-->`, `class="MsoNormal"` or `font-family: 微软雅黑`; a clipboard, a feed
or an export does. Each entry was seen in real imported posts (news portals through RSSHub,
WordPress and Ghost exports, Word and Google Docs pastes, web clippers). The same markup
also makes a file or an HTML block count as imported.

Everything here is matched on raw markup (a comment's text, a style attribute's value, a
start tag), case-insensitively, never on prose.
"""

from __future__ import annotations

import re

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
    r"|helvetica\s*neue|-apple-system|blinkmacsystemfont|segoe\s*ui|calibri|cambria"
    r"|times\s*new\s*roman|arial|verdana|tahoma|georgia",
    re.IGNORECASE,
)

# Class names, ids and attributes of portals, CMSs and editors.
IMPORTED_MARKUP = re.compile(
    r"class\s*=\s*[\"'][^\"']*\b(?:mso\w+|wp-image-\d+|wp-caption[\w-]*|size-(?:full|large)"
    r"|content-inner|main-wrap|img-place-holder|img_descr|video-2017|tagging\d|originurl"
    r"|view-more|rich_media\w*|js_\w+|ql-\w+|ne-\w+|lake-\w+|article-content|article_content"
    r"|appmsg\w*|pgc-\w+|syl-\w+|tt-\w+"
    r"|img-box|pic_\w+|art_\w+|artibody|tougao-user|article-relation|ztext\w*"
    r"|medium-\w+|graf--\w+|markup--\w+)\b"
    r"|\sdata-v-[0-9a-f]{6,}|\s_ngcontent-|\sdata-pm-slice|\sdata-mce-|\sdata-tools="
    r"|\sdata-(?:rawwidth|rawheight|wapurl|vmark)\s*="
    r"|<o:p\b|\sstyle\s*=\s*[\"'][^\"']*mso-"
    r"|<p>[ \t]*\u3000\u3000|<p[^>]*>\s*(?:&nbsp;|\u00a0){2,}",
    re.IGNORECASE,
)

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
