"""Generate a synthetic corpus of article files like the ones artlint targets.

    python benchmarks/corpus.py OUT_DIR --files 5000 [--seed 7] [--shape large|small]

Four kinds, mixed: news-portal posts from an RSS-to-Hexo generator (template comments, a
QR-promo block with its <style>, stock keyword links, RFC 2822 dates), WordPress imports (CRLF,
inline styles, block comments, entities), web clips (Markdown with entity-escaped spaces and
code blocks) and clean Hexo posts. The `large` shape runs from about 2 KB to 60 KB (about
10 KB on average); the `small` shape is 1,200 to 2,000 characters a file (about 2.5 KB, like
most feed posts), where a check's fixed cost per file dominates. The text is made up here
from word lists; nothing is copied from real articles. The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处理"
)
LATIN = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "is",
    "that",
    "it",
    "for",
    "was",
    "on",
    "are",
    "with",
    "as",
    "be",
    "by",
    "this",
    "at",
    "from",
    "or",
    "have",
    "an",
    "they",
    "which",
    "one",
    "you",
    "were",
    "all",
    "we",
    "can",
    "her",
    "has",
    "there",
    "been",
    "if",
    "more",
    "when",
    "will",
    "would",
    "who",
    "so",
    "no",
]
WORDS_EN = [
    "storage",
    "benchmark",
    "drive",
    "latency",
    "throughput",
    "release",
    "notes",
    "plugin",
    "theme",
    "feature",
    "version",
    "update",
    "server",
    "client",
    "request",
    "response",
    "cache",
    "index",
    "query",
    "archive",
    "article",
    "editor",
    "reader",
]


def hanzi_sentence(rng: random.Random) -> str:
    n = rng.randint(12, 60)
    return "".join(rng.choice(HANZI) for _ in range(n)) + rng.choice("。！？")


def english_sentence(rng: random.Random) -> str:
    words = [rng.choice(LATIN + WORDS_EN) for _ in range(rng.randint(6, 22))]
    return " ".join(words).capitalize() + "."


def rfc2822(rng: random.Random) -> str:
    day = rng.randint(1, 28)
    return f"Fri, {day:02d} Apr 2022 {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00 GMT"


def news_portal(rng: random.Random, size: int) -> str:
    img = f"https://img.example.cn/news/{rng.randint(1000, 9999)}/qr.png"
    head = (
        "\n---\n"
        f"title: '{hanzi_sentence(rng)[:20]}'\n"
        "categories: \n - 新闻\n - 财经\n"
        f"headimg: '{img}'\nauthor: 示例新闻\ncomments: false\n"
        f"date: {rfc2822(rng)}\nthumbnail: '{img}'\n---\n\n<div>   \n"
    )
    parts = [head]
    while sum(len(p) for p in parts) < size:
        para = "".join(hanzi_sentence(rng) for _ in range(rng.randint(1, 5)))
        if rng.random() < 0.05:
            code = f"sh60{rng.randint(1000, 9999)}"
            para = (
                f'<span id="stock_{code}"><a href="https://quote.example.cn/{code}" '
                f'class="keyword" data-sudaclick="content_marketkeywords_p">行情</a></span>'
                f'<span id="quote_{code}"></span>{para}'
            )
        parts.append(f"<p>　　{para}</p>\n")
    parts.append(
        "<!-- news_keyword_pub,stock, -->\n\n<!-- 正文下iframe -->\n\n<!-- 总声明-->\n\n"
        "            <!-- 文末二维码 start -->\n            <style>\n"
        "            .qr&#123;border:1px solid #E6E6E6;padding:8px;&#125;\n"
        '            </style>\n            <div class="clearfix appendQr_wrap">\n'
        f'                <div class="appendQr_normal"><img src="{img}"></div>\n'
        '                <div class="appendQr_normal_txt">下载客户端，看更多资讯</div>\n'
        "            </div>\n\n"
        '<p class="article-editor">责任编辑：张三 EX001</p>\n</div>\n'
    )
    return "".join(parts)


def wordpress(rng: random.Random, size: int) -> str:
    parts = [
        "---\r\nlayout: post\r\n"
        f'title: "{english_sentence(rng)[:40]} &#8211; notes"\r\n'
        f"date: 2011-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 21:14:02 +0000\r\n"
        "categories:\r\n- Blogging\r\n---\r\n"
    ]
    while sum(len(p) for p in parts) < size:
        sentence = english_sentence(rng).replace(" the ", " the&nbsp;", 1)
        if rng.random() < 0.3:
            parts.append("<!-- wp:paragraph -->\r\n")
        style = ' style="margin-bottom: 6px;"' if rng.random() < 0.3 else ""
        parts.append(f"<p{style}>{sentence} Don&#8217;t {english_sentence(rng)}</p>\r\n")
        if rng.random() < 0.1:
            parts.append("<p>&nbsp;</p>\r\n")
    return "".join(parts)


def web_clip(rng: random.Random, size: int) -> str:
    title = english_sentence(rng)[:50]
    parts = [f"---\ntitle: {title}\ndate: 2020-10-2{rng.randint(0, 9)}\n---\n\n"]
    while sum(len(p) for p in parts) < size:
        roll = rng.random()
        if roll < 0.1:
            parts.append("```js\n// <!-- not a comment -->\nconst a = b &amp;&amp; c;\n```\n\n")
        elif roll < 0.2:
            parts.append(f"&#x20;**{hanzi_sentence(rng)[:8]}**&#x20;{hanzi_sentence(rng)}\n\n")
        else:
            parts.append(f"{english_sentence(rng)} {english_sentence(rng)}\n\n")
    return "".join(parts)


def clean_hexo(rng: random.Random, size: int) -> str:
    parts = [
        f"---\ntitle: {english_sentence(rng)[:40]}\ndate: 2021-09-27 11:00:00\n"
        "tags:\n  - release\n---\n\nIntro paragraph.\n\n<!-- more -->\n\n"
    ]
    while sum(len(p) for p in parts) < size:
        parts.append(f"{english_sentence(rng)} `code` {english_sentence(rng)}\n\n")
    return "".join(parts)


KINDS = (news_portal, wordpress, web_clip, clean_hexo)


def generate(out: Path, files: int, seed: int, shape: str = "large") -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        kind = KINDS[i % len(KINDS)]
        if shape == "small":
            size = rng.randint(1_200, 2_000)
        else:
            # A median of about 5,400 characters: about 10 KB a file on average.
            size = int(min(60_000, max(2_000, rng.lognormvariate(8.6, 0.6))))
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{kind.__name__}-{i:06d}.md").write_text(kind(rng, size), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shape", choices=["large", "small"], default="large")
    args = parser.parse_args()
    generate(args.out, args.files, args.seed, args.shape)


if __name__ == "__main__":
    main()
