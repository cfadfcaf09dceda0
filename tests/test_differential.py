"""Random differential testing: the library and the command line agree, every change a fix
makes is one of the edits it reports, and a second fix changes nothing.

Articles are put together at random from pieces of real imported and hand-written markup.
The quick profile (default) runs 120 articles; ARTLINT_DIFFERENTIAL=thorough runs 3,000 (a few
minutes). A failure prints the seed and the article's index: rerun with ARTLINT_SEED.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from artlint.api import check_bytes, fix_bytes
from artlint.engine.spacing import apply_edits
from cli_runner import invoke

THOROUGH = os.environ.get("ARTLINT_DIFFERENTIAL") == "thorough"
COUNT = 3000 if THOROUGH else 120
SEED = int(os.environ.get("ARTLINT_SEED", "20261204"))

FRONT = [
    "---\ntitle: T\ndate: 2024-01-01\n---\n",
    '---\ntitle: "A &#8211; B"\ndate: 2024/1/2 10:00\nthumbnail: a.jpg\n---\n',
    "+++\ntitle = 'T'\ndate = 2024-01-01\n+++\n",
    ';;;\n"title": "T",\n"date": "2024-01-01"\n;;;\n',
    "---\ntitle: C# vs F# #1\ndate: 2024-01-01\ntags:\n  - a\n---\n",
    "---\ntitle: T\nheadimg: https://x.example/qr.png\nthumbnail: https://x.example/qr.png\n---\n",
    "---\ntitle: T\ncover: https://picsum.photos/400/300?random=1\n---\n",
    "",
]
PIECES = [
    "Plain paragraph.\n",
    "\n",
    "<!-- news_keyword_pub -->\n",
    "<p>a<!-- x --></p>\n",
    '<p style="font-family:宋体;color:#333">正文&nbsp;内容</p>\n',
    "<style>.a{color:red}</style>\n",
    "<p>&amp;nbsp;&#8217;&#123;</p>\n",
    "<p>&nbsp;</p>\n",
    "<span><span></span></span>\n",
    '<div class="img_wrapper"><img src="a.jpg"><span class="img_descr"></span></div>\n',
    '<a href="https://link.zhihu.com/?target=https%3A//example.com">x</a>\n',
    "```html\n<!-- in code -->\n```\n",
    "    <!-- indented code -->\n",
    "> quoted <!-- c -->\n",
    "- item <span>x</span>\n",
    "<!-- artlint-disable-next-line AL101 -->\n<!-- kept -->\n",
    "<p>\u200b\ufeff</p>\n",
    "中文段落，<b>粗体</b>。\n",
    "<!-- unclosed\n",
    "<table><tr><td></td></tr></table>\n",
    "# Heading\n",
    "\r\n",
    "text --!> more\n",
    "<!-- ad --!>\n",
    "<plaintext><!-- x\n",
    "Le mot Ã©tÃ© et ä¸­æ–‡.\n",
    "<ol><li><br></li></ol>\n",
    "<span><span><span></span></span></span>\n",
    '<div class="appendQr_normal"><img src="https://x.example/qr.png"></div>\n',
    '<img class="avatar" src="https://x.example/a.jpg">\n',
    '<a href="https://u.jd.com/abc">buy</a> <a href="https://link.juejin.cn/?target=https%3A%2F%2Fx.org">x</a>\n',
]


def article(r: random.Random) -> bytes:
    body = "".join(r.choice(PIECES) for _ in range(r.randint(0, 12)))
    text = r.choice(FRONT) + body
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if r.random() < 0.1 else data


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[bytes]]:
    r = random.Random(SEED)
    folder = tmp_path_factory.mktemp("differential")
    made = [article(r) for _ in range(COUNT)]
    for i, data in enumerate(made):
        (folder / f"{i:04d}.md").write_bytes(data)
    (folder / "artlint.toml").write_text(
        'provenance = "imported"\npacks = ["rss-portal"]\n', encoding="utf-8"
    )
    return folder, made


def test_library_and_command_line_report_the_same_findings(
    articles: tuple[Path, list[bytes]],
) -> None:
    from artlint.run.config import Overrides, Resolver

    folder, made = articles
    rules = Resolver(Overrides()).settings_for(str(folder / "x.md")).rules
    result = invoke(["check", str(folder), "--format", "json", "--no-cache"])
    by_file: dict[str, list[tuple[str, int, int]]] = {}
    for d in json.loads(result.stdout)["diagnostics"]:
        by_file.setdefault(Path(d["path"]).name, []).append((d["code"], d["line"], d["column"]))
    for i, data in enumerate(made):
        name = f"{i:04d}.md"
        found = check_bytes(data, name, rules=rules, provenance="imported").diagnostics
        mine = [(d.code, d.start.line, d.start.column) for d in found]
        assert by_file.get(name, []) == mine, f"seed {SEED}, article {i}: {data!r}"


def test_fix_write_writes_what_the_library_returns(articles: tuple[Path, list[bytes]]) -> None:
    from artlint.run.config import Overrides, Resolver

    folder, made = articles
    rules = Resolver(Overrides()).settings_for(str(folder / "x.md")).rules
    expected = [
        fix_bytes(data, f"{i:04d}.md", rules=rules, provenance="imported").fixed_bytes
        for i, data in enumerate(made)
    ]
    invoke(["fix", "--write", "--no-cache", str(folder)])
    for i, data in enumerate(made):
        on_disk = (folder / f"{i:04d}.md").read_bytes()
        assert on_disk == (data if expected[i] is None else expected[i]), (
            f"seed {SEED}, article {i}: {data!r}"
        )
        (folder / f"{i:04d}.md").write_bytes(data)  # for the other tests of the module


def test_reported_edits_explain_every_change_and_a_second_fix_changes_nothing() -> None:
    r = random.Random(SEED + 1)
    for i in range(COUNT):
        data = article(r)
        for unsafe in (False, True):
            result = fix_bytes(data, "a.md", unsafe=unsafe, provenance="imported")
            fix = result.fix
            if fix is None or fix.crashed or fix.refused:
                continue
            text = fix.original.text
            for edits in fix.rounds:
                text = apply_edits(text, list(edits))
            assert text == fix.document.text, f"seed {SEED + 1}, article {i}: {data!r}"
            fixed = data if result.fixed_bytes is None else result.fixed_bytes
            again = fix_bytes(fixed, "a.md", unsafe=unsafe, provenance="imported")
            assert again.fixed_bytes in (None, fixed), (
                f"seed {SEED + 1}, article {i}, unsafe={unsafe}: {data!r}"
            )
