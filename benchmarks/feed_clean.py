"""How clean do real feed posts come out of `artlint fix`?

    python benchmarks/feed_clean.py [--sample benchmarks/feed-sample.toml]
                                    [--mirror GIT_DIR] [--store DIR]
                                    [--out /work/calib/feed30/original] [--report]

Materializes the posts listed in feed-sample.toml into --out (from a git mirror of the
repository when --mirror is given, `git show COMMIT:PATH`; otherwise from --store, a folder
holding copies at their repository paths), copies them to a sibling `fixed/` folder, writes an
artlint.toml with the rss-portal pack into both, runs

    artlint fix --write --unsafe-fixes --no-cache fixed/

and prints, per post, the findings before (on the originals) and after (on the fixed copies)
and the size of the unified diff between them. `--report` also lists, for each fixed post, the
lines that still match a junk heuristic (comments, inline styles, furniture classes, redirect
links, zero-width characters...). The heuristics only point the reader at places to look; they
are not the judgement: read the fixed posts.

The posts are third-party text: the output folders live outside the repository and nothing
here writes into it.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SAMPLE = HERE / "feed-sample.toml"
DEFAULT_OUT = Path("/work/calib/feed30/original")
DEFAULT_STORE = Path("/work/calib/feed30/store")
DEFAULT_MIRROR = Path("/work/.mirror/Rock-Candy-Tea+RSSHUB-PAGE")
ARTLINT = [sys.executable, "-m", "artlint"]

# name, pattern (searched per line of the body; front-matter patterns are marked fm:)
HEURISTICS: list[tuple[str, re.Pattern[str]]] = [
    ("html-comment", re.compile(r"<!--")),
    ("style-block", re.compile(r"<style[\s>]", re.I)),
    ("style-attr", re.compile(r"\sstyle\s*=", re.I)),
    (
        "furniture-class",
        re.compile(
            r"class=\"[^\"]*\b(?:appendQr\w*|article-editor|img_descr|img_wrapper|s_tag|"
            r"accentTextColor|project-link|card[\w-]*|copy-code-btn|view-more|originUrl|avatar|"
            r"author|bio|img-place-holder|headline|main-wrap|content-wrap|content-inner|question|"
            r"answer|article-side|download-guide-container|item-wrapper|btn[\w-]*|el-popover\w*|"
            r"rich_media_content|ss-linkCard|markdown-body|image-viewer-box|detailPic|picIntro|"
            r"image-wrapper|img-desc|sites-[\w-]+|lazyload|articleWidth-content|wangEditor-txt|"
            r"update-wrap|update-details-wrap|list-paddingleft-2|clearfix|iconfont[\w-]*|"
            r"wxw[\w-]*|rich_pages|channels_iframe\w*|js_uneditable|mall-data|price)\b"
        ),
    ),
    ("data-attr", re.compile(r"\sdata-[\w-]+(?:\s*=|[\s>])")),
    ("referrerpolicy", re.compile(r"referrerpolicy", re.I)),
    ("cms-style", re.compile(r"cms-style")),
    ("font-tag", re.compile(r"<font[\s>]", re.I)),
    ("bare-span", re.compile(r"<span>", re.I)),
    ("empty-element", re.compile(r"<(p|span|div|li|ol|strong|b)>\s*(?:<br\s*/?>)?\s*</\1>", re.I)),
    ("br-run", re.compile(r"(?:<br\s*/?>\s*){2,}", re.I)),
    (
        "redirect-url",
        re.compile(
            r"link\.juejin\.cn|link\.zhihu\.com|c\.duomai\.com|union-click\.jd\.com|u\.jd\.com|"
            r"s\.click\.taobao\.com|oschina\.net/action/GoToLink|pvxt\.net|"
            r"service\.weibo\.com/share|twitter\.com/share"
        ),
    ),
    ("utm-param", re.compile(r"[?&]utm_[a-z]+=")),
    ("zero-width", re.compile("[\u200b\u200d\ufeff]")),
    ("base64-image", re.compile(r"data:image/")),
    ("iframe-embed", re.compile(r"<iframe[\s>]", re.I)),
    ("svg", re.compile(r"<svg[\s>]", re.I)),
    ("hidden", re.compile(r"\shidden[\s>=]|display:\s*none", re.I)),
    ("brace-entity", re.compile(r"&#12[35];")),
    ("empty-comment-vue", re.compile(r"<!--+>")),
    ("origin-title", re.compile(r"原标题")),
    ("wechat-credit", re.compile(r"本文来自(?:<[^>]+>)?微信|微信公众号|经授权发布")),
    ("zhihu-footer", re.compile(r"查看知乎(?:讨论|原文)")),
    ("editor-line", re.compile(r"责任编辑|编辑姓名")),
    ("app-promo", re.compile(r"海量资讯|尽在新浪财经APP|少数派 2\.0 客户端|扫码分享|直达链接")),
    ("share-bar", re.compile(r"btn-share|share\.php|popper-share")),
    ("keyword-link", re.compile(r"3dmgame\.com/tag/|36kr\.com/project|36dianping\.com/space")),
    ("stray-br", re.compile(r"^\s*<br\s*/?>|<p>\s*<br\s*/?>", re.I)),
    ("deep-indent", re.compile(r"^ {20,}\S")),
]
FRONT_MATTER_HEURISTICS: list[tuple[str, re.Pattern[str]]] = [
    ("picsum-image", re.compile(r"^(?:headimg|thumbnail|cover)\s*:.*picsum\.photos")),
    # Sina's "download our app" QR code, used by the feed as the post's image
    ("promo-image", re.compile(r"^(?:headimg|thumbnail|cover)\s*:.*/20200514/343233024\.png")),
]
BLANK_RUN = 4  # this many consecutive blank lines is a leftover too


@dataclass
class Post:
    id: int
    feed: str
    path: str
    commit: str
    sha256: str | None
    name: str  # file name in the output folders


def load_sample(sample: Path) -> tuple[str, list[Post]]:
    data = tomllib.loads(sample.read_text(encoding="utf-8"))
    posts = []
    for row in data["post"]:
        name = f"{row['id']:02d}-{Path(row['path']).name}"
        posts.append(
            Post(row["id"], row["feed"], row["path"], row["commit"], row.get("sha256"), name)
        )
    return data.get("pack", "rss-portal"), posts


def read_post(post: Post, mirror: Path | None, store: Path) -> bytes:
    if mirror is not None:
        result = subprocess.run(
            ["git", f"--git-dir={mirror}", "show", f"{post.commit}:{post.path}"],
            capture_output=True,
            check=False,
        )
        if result.returncode == 0:
            return result.stdout
        print(f"post {post.id}: not in the mirror, using the store", file=sys.stderr)
    return (store / post.path).read_bytes()


def materialize(posts: list[Post], out: Path, mirror: Path | None, store: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for post in posts:
        data = read_post(post, mirror, store)
        digest = hashlib.sha256(data).hexdigest()
        if post.sha256 and digest != post.sha256:
            message = f"post {post.id}: sha256 {digest[:12]} differs from the sample's"
            print(message, file=sys.stderr)
        (out / post.name).write_bytes(data)


def write_config(folder: Path, pack: str) -> None:
    (folder / "artlint.toml").write_text(f'packs = ["{pack}"]\n', encoding="utf-8")


def findings(folder: Path) -> dict[str, list[dict[str, object]]]:
    """Findings per file name, from `artlint check --format json`."""
    result = subprocess.run(
        [*ARTLINT, "check", str(folder), "--format", "json", "--no-cache", "--exit-zero"],
        capture_output=True,
        text=True,
        check=False,
    )
    if not result.stdout.strip():
        raise SystemExit(f"artlint check printed nothing:\n{result.stderr}")
    per_file: dict[str, list[dict[str, object]]] = {}
    for diagnostic in json.loads(result.stdout)["diagnostics"]:
        per_file.setdefault(Path(str(diagnostic["path"])).name, []).append(diagnostic)
    return per_file


def split_front_matter(text: str) -> tuple[list[str], list[str], int]:
    """Front-matter lines, body lines, and the line number (1-based) where the body starts."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and lines[start].strip() in ("---", "+++", ";;;"):
        fence = lines[start].strip()
        for end in range(start + 1, len(lines)):
            if lines[end].strip() == fence:
                return lines[start + 1 : end], lines[end + 1 :], end + 2
    return [], lines, 1


def leftovers(text: str) -> list[tuple[int, str, str]]:
    """(line number, heuristic, snippet) for each line of the body matching a heuristic."""
    found: list[tuple[int, str, str]] = []
    front, body, first = split_front_matter(text)
    for number, line in enumerate(front, start=2):
        for name, pattern in FRONT_MATTER_HEURISTICS:
            if pattern.search(line):
                found.append((number, name, line.strip()))
    title = next((t for t in front if t.startswith("title:")), "")
    title = title.removeprefix("title:").strip().strip("'\"")
    blank = 0
    for offset, line in enumerate(body):
        number = first + offset
        if not line.strip():
            blank += 1
            if blank == BLANK_RUN:
                found.append((number, "blank-run", f"{BLANK_RUN}+ blank lines"))
            continue
        blank = 0
        text = re.sub(r"<[^>]+>|[\s\u3000]", "", line)
        if len(title) > 8 and text in (title, f"原标题：{title}"):
            found.append((number, "title-in-body", line.strip()[:100]))
        for name, pattern in HEURISTICS:
            match = pattern.search(line)
            if match:
                begin = max(0, match.start() - 40)
                snippet = line[begin : match.end() + 60].strip()
                found.append((number, name, snippet))
    return found


def diff_size(before: str, after: str) -> tuple[int, int]:
    """Lines removed and added by the unified diff from before to after."""
    removed = added = 0
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    for line in lines:
        if line.startswith("-") and not line.startswith("---"):
            removed += 1
        elif line.startswith("+") and not line.startswith("+++"):
            added += 1
    return removed, added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument(
        "--mirror",
        type=Path,
        default=DEFAULT_MIRROR if DEFAULT_MIRROR.exists() else None,
        help="git dir of a mirror of the repository (default: the usual one, when present)",
    )
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--report", action="store_true", help="list leftovers per fixed post")
    args = parser.parse_args(argv)

    pack, posts = load_sample(args.sample)
    out: Path = args.out.resolve()
    fixed = out.parent / "fixed"
    materialize(posts, out, args.mirror, args.store)
    write_config(out, pack)
    if fixed.exists():
        shutil.rmtree(fixed)
    shutil.copytree(out, fixed)

    before = findings(out)
    run = subprocess.run(
        [*ARTLINT, "fix", "--write", "--unsafe-fixes", "--no-cache", "--no-progress", str(fixed)],
        capture_output=True,
        text=True,
        check=False,
    )
    after = findings(fixed)

    print(f"artlint fix exit status {run.returncode}")
    for line in run.stderr.splitlines()[-5:]:
        print(f"  stderr: {line}")
    print()
    print(f"{'id':>3} {'before':>6} {'after':>5} {'-lines':>6} {'+lines':>6} {'bytes':>13}  feed")
    totals = Counter[str]()
    clean_by_count = 0
    for post in posts:
        original = (out / post.name).read_text(encoding="utf-8", errors="replace")
        result = (fixed / post.name).read_text(encoding="utf-8", errors="replace")
        removed, added = diff_size(original, result)
        n_before = len(before.get(post.name, []))
        n_after = len(after.get(post.name, []))
        clean_by_count += n_after == 0
        totals["before"] += n_before
        totals["after"] += n_after
        size = f"{len(original.encode())}->{len(result.encode())}"
        print(
            f"{post.id:>3} {n_before:>6} {n_after:>5} {removed:>6} {added:>6} {size:>13}  "
            f"{post.feed}"
        )
    print(
        f"\nfindings: {totals['before']} before, {totals['after']} after; "
        f"{clean_by_count}/{len(posts)} posts with no finding left (not the same as clean)"
    )

    if args.report:
        per_heuristic = Counter[str]()
        for post in posts:
            text = (fixed / post.name).read_text(encoding="utf-8", errors="replace")
            found = leftovers(text)
            codes = sorted({str(d["code"]) for d in after.get(post.name, [])})
            print(f"\n== {post.id:02d} {post.feed} :: {post.name}")
            if codes:
                print(f"   remaining findings: {', '.join(codes)}")
            for name in sorted({name for _, name, _ in found}):
                per_heuristic[name] += 1
            for number, name, snippet in found:
                print(f"   {number:>4} {name:<16} {snippet[:140]}")
        print("\nposts with each heuristic:")
        for name, count in per_heuristic.most_common():
            print(f"  {count:>3} {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
