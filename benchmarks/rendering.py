"""What a reader sees, checked independently of artlint's own oracle.

For each folder given (a copy is made; the folder is not changed), runs `artlint fix --write`
(safe fixes only), renders every changed Markdown article before and after with markdown-it-py
(CommonMark and tables, inline rendering included), parses the HTML with the standard library
and compares the visible text, the sequence of block elements (p, h1-h6, ul, ol, li,
blockquote, pre, table, tr, td, th), images and media, links, and elements hidden with
display/visibility. Other inline styles are not compared: removing copied typography is
what the fixes are for.

    python benchmarks/rendering.py /work/calib/authored/rust-blog ...
"""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

MD = MarkdownIt("commonmark").enable("table")
FRONT_MATTER = re.compile(r"\A\ufeff?\s*(---|\+\+\+|;;;)\r?\n.*?\r?\n\1[ \t]*\r?\n", re.S)
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre"}
BLOCKS |= {"table", "tr", "td", "th"}
MEDIA = {"img", "iframe", "video", "audio", "canvas", "svg", "progress", "meter", "object"}


class Seen(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.blocks: list[str] = []
        self.media: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.hidden: list[str] = []
        self.raw = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.raw += tag in ("style", "script")
        if tag in BLOCKS:
            self.blocks.append(tag)
        if tag in MEDIA:
            self.media.append((tag, a.get("src") or a.get("value") or ""))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        style = a.get("style", "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            self.hidden.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self.raw:
            self.raw -= 1

    def handle_data(self, data: str) -> None:
        if not self.raw:
            self.text.append(data)


def seen(source: str) -> dict[str, Any]:
    parser = Seen()
    parser.feed(MD.render(FRONT_MATTER.sub("", source, count=1)))
    parser.close()
    text = " ".join("".join(parser.text).replace("\u200b", "").split())
    return {
        "text": text,
        "blocks": parser.blocks,
        "media": parser.media,
        "links": parser.links,
        "hidden": parser.hidden,
    }


def main() -> None:
    changed = 0
    differ: dict[str, list[str]] = {}
    for root in map(Path, sys.argv[1:]):
        copy = Path(tempfile.mkdtemp()) / root.name
        shutil.copytree(root, copy, symlinks=True)
        before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file() and not p.is_symlink()}
        command = [sys.executable, "-m", "artlint", "fix", "--write", "--no-cache", "--quiet", "."]
        subprocess.run(command, cwd=copy, capture_output=True, check=False)
        for path, old in before.items():
            new = path.read_bytes()
            if new == old or path.suffix not in (".md", ".markdown"):
                continue
            changed += 1
            a, b = seen(old.decode("utf-8", "replace")), seen(new.decode("utf-8", "replace"))
            aspects = [k for k in a if a[k] != b[k]]
            if aspects:
                differ[f"{root.name}/{path.relative_to(copy)}"] = aspects
        shutil.rmtree(copy.parent)
    print(f"{changed} Markdown files changed by safe fixes; {len(differ)} look different:")
    for name, aspects in differ.items():
        print(f"  {name}: {', '.join(aspects)}")


if __name__ == "__main__":
    main()
