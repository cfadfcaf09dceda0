"""Link targets in an article body, where they are written, and the lists rules judge them by.

A target is found in `<a href>` and in Markdown links `[text](url)`, outside code. Each comes
with the span of the URL as written (entities in an attribute are not decoded there) and the
span of the whole link, for rules that rewrite the URL or unwrap the link to its text.

The lists below are curated for this project from what real imported posts carry; they are
not copied from any other project's list. Configuration extends them (see AL501 and AL502).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from artlint.document.article import Document
from artlint.parse.html import Kind, value_span

# Redirect wrappers: host -> the query parameter that holds the real target.
REDIRECTS: dict[str, str] = {
    "link.zhihu.com": "target",
    "link.juejin.cn": "target",
    "link.csdn.net": "target",
    "link.segmentfault.com": "url",
    "www.oschina.net": "url",  # /action/GoToLink?url=
    "www.google.com": "q",  # /url?q=
    "l.facebook.com": "u",
    "weibo.cn": "u",  # /sinaurl?u=
    "www.jianshu.com": "url",  # /go-wild?url=
    "t.umblr.com": "z",
}
# Query parameters that only measure where a visitor came from; removing them never changes
# the page a link opens.
TRACKING = frozenset(
    {"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id"}
    | {"fbclid", "gclid", "dclid", "yclid", "msclkid", "mc_cid", "mc_eid", "igshid"}
    | {"_hsenc", "_hsmi", "spm", "isappinstalled"}
)
# Affiliate and commission links: the target is a shop, reached through someone's account.
AFFILIATES = (
    "c.duomai.com",  # /track.php?...&t=<shop>: commission tracking, not a plain redirect
    "apple.pvxt.net",  # Apple's affiliate network
    "union-click.jd.com",
    "u.jd.com",
    "jingfen.jd.com",  # JD's coupon pages for affiliates (`giftcoupon?sku=...&q=...`)
    "go.ruanmei.com",  # IT之家's deal redirects (`url.aspx?linkid=731`): no target in the URL
    "s.click.taobao.com",
    "uland.taobao.com",
    "s.click.tmall.com",
    "p.pinduoduo.com",
    "click.linksynergy.com",
    "amzn.to",
    "go.redirectingat.com",
)

_MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(\s*<?([^\s)>]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")


@dataclass(frozen=True, slots=True)
class Link:
    url: str  # decoded as a browser reads it
    url_start: int  # the URL as written
    url_end: int
    start: int  # the whole link: `<a ...>` ... `</a>`, or `[text](url)`
    end: int
    text_start: int  # the link's text
    text_end: int


def links(doc: Document) -> tuple[Link, ...]:
    """The body's link targets, in order (computed once per document: AL501 and AL502 both
    read them)."""
    return doc.memo("links", lambda d: tuple(_links(d)))


def _links(doc: Document) -> Iterator[Link]:
    text = doc.text
    for tok in doc.markup.tokens_of(Kind.START_TAG):
        href = tok.attr("href") if tok.name == "a" else None
        if href is None or href.value is None:
            continue
        url_start, url_end = value_span(text, href)
        element = doc.markup.element_at(tok.start)
        if element is None or element.close_start is None or element.end is None:
            end = text_end = tok.end
        else:
            end, text_end = element.end, element.close_start
        yield Link(html.unescape(href.value), url_start, url_end, tok.start, end, tok.end, text_end)
    if "](" not in text:
        return
    for start, stop in doc.markup.text_runs:
        for m in _MARKDOWN_LINK.finditer(text, start, stop):
            yield Link(m.group(2), m.start(2), m.end(2), m.start(), m.end(), m.start(1), m.end(1))


def host(url: str) -> str:
    try:
        return (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return ""


def redirect_target(url: str, extra: dict[str, str]) -> str | None:
    """The real target a redirect wrapper holds, when it holds an http(s) URL."""
    param = extra.get(host(url)) or REDIRECTS.get(host(url))
    if param is None:
        return None
    try:
        query = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    except ValueError:
        return None
    for name, value in query:
        if name == param:
            target = value if value.startswith("http") else unquote(value)
            return target if re.match(r"https?://[^\s\"'<>]+$", target) else None
    return None


def without_tracking(url: str, extra: frozenset[str]) -> str:
    """The URL without tracking parameters, every other byte as written."""
    head, sep, rest = url.partition("?")
    if not sep:
        return url
    query, hash_sep, fragment = rest.partition("#")
    drop = TRACKING | extra
    kept = [p for p in re.split(r"&(?:amp;)?", query) if p and p.split("=", 1)[0] not in drop]
    joiner = "&amp;" if "&amp;" in query else "&"
    rebuilt = head + ("?" + joiner.join(kept) if kept else "")
    return rebuilt + (hash_sep + fragment if hash_sep else "")


def host_in(url: str, hosts: Iterable[str]) -> bool:
    """Whether `url`'s host is one of `hosts` or below one (`u.jd.com` below `jd.com`)."""
    name = host(url)
    return any(name == h or name.endswith("." + h) for h in hosts)


def affiliate(url: str, extra: tuple[str, ...]) -> bool:
    return host_in(url, (*AFFILIATES, *extra))
