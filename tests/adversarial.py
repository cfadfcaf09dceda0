"""Adversarial article files, generated from a seed: the shapes of the hostile-repos audit.

`files(count, seed)` yields (name, text) pairs; `python tests/adversarial.py DIR` runs each
through check and fix in one process (the shipped packs and a backtracking pack enabled,
imported provenance) and prints the slowest file's CPU seconds and the process's peak memory
as JSON. tests/test_budget.py holds the run to its budget.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

FM = "---\ntitle: t\ndate: 2024-01-01\n---\n"


def _one_line(r: random.Random) -> str:
    piece = r.choice(
        ["<p>x</p><!--a-->", "<p>中文</p><!--a-->", "&#8217;&amp;nbsp;", "<span></span>"]
    )
    return FM + piece * r.randint(500, 4000) + "\n"


def _alias_tree(r: random.Random) -> str:
    levels = r.randint(10, 40)
    tree = "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, levels + 1))
    return f'---\ntitle: "A &#8211; B"\na0: &a0 [x, y]\n{tree}---\nx\n'


def _regex_bomb(r: random.Random) -> str:
    # The backtracking pack's pattern `(a|aa)+$` meets lines of a's ending in a b.
    line = "a" * r.randint(25, 60) + "b\n"
    return FM + "Intro.\n\n" + line * r.randint(1, 200)


def _nbsp_run(r: random.Random) -> str:
    # The wordpress pack once had `(?:&nbsp;|\s|\u00a0)*`, exponential on NBSPs.
    return FM + "<p>" + "\u00a0" * r.randint(20, 5000) + "x</p>\n"


def _nesting(r: random.Random) -> str:
    depth = r.randint(100, 20000)
    tag = r.choice(["div", "span", "blockquote", "p"])
    return FM + f"<{tag}>" * depth + "x" + f"</{tag}>" * r.choice([0, depth]) + "\n"


def _quotes(r: random.Random) -> str:
    return FM + r.choice([">", "> ", "- ", "1. "]) * r.randint(100, 5000) + "deep\n"


def _comments(r: random.Random) -> str:
    parts = ["<!-- a", "-->", "<!--", "--!>", "<!-->", "\n\n", "x ", "<plaintext>"]
    return FM + "".join(r.choice(parts) for _ in range(r.randint(100, 20000))) + "\n"


def _tags(r: random.Random) -> str:
    parts = ["<a", ' href="', "<b>", "</b>", "<", ">", "=", "'", "x", "\n", "<img src=a.jpg>"]
    return FM + "".join(r.choice(parts) for _ in range(r.randint(100, 20000))) + "\n"


def _empty_spans(r: random.Random) -> str:
    depth = r.randint(5, 400)
    return FM + ("<span>" * depth + "</span>" * depth + "\n") * r.randint(1, 20)


def _front_matter(r: random.Random) -> str:
    shapes = [
        ";;;\n" + '"a": ' + "[" * r.randint(100, 100_000) + "\n;;;\nx\n",
        "+++\nn = " + "9" * r.randint(100, 10_000) + "\n+++\nx\n",
        "---\ndate: Fri, " + "9" * r.randint(20, 5000) + " Apr 2024 08:30:00 GMT\n---\nx\n",
        "---\ntitle: " + "&amp;" * r.randint(10, 20000) + "\n---\nx\n",
    ]
    return r.choice(shapes)


KINDS: dict[str, Callable[[random.Random], str]] = {
    "one-line": _one_line,
    "alias-tree": _alias_tree,
    "regex-bomb": _regex_bomb,
    "nbsp-run": _nbsp_run,
    "nesting": _nesting,
    "quotes": _quotes,
    "comments": _comments,
    "tags": _tags,
    "empty-spans": _empty_spans,
    "front-matter": _front_matter,
}

EVIL_PACK = """pack: evil
description: a pattern that backtracks
rules:
  - code: EVL101
    name: slow
    kind: line
    pattern: '(a|aa)+$'
    message: slow
    scope: any
    examples:
      fail: ['aa']
      pass: ['b']
"""


def files(count: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    r = random.Random(seed)
    kinds = sorted(KINDS)
    for i in range(count):
        kind = kinds[i % len(kinds)]
        yield f"{i:04d}-{kind}.md", KINDS[kind](r)


def run(folder: Path, count: int, seed: int, part: int = 0, parts: int = 1) -> dict[str, object]:
    """Check and fix each file of this part (every `parts`-th from `part`) in this process;
    the slowest file and the process's peak memory."""
    from artlint.api import fix_bytes
    from artlint.run.config import Overrides, Resolver

    (folder / "packs").mkdir(parents=True, exist_ok=True)
    (folder / "packs" / "evil.yaml").write_text(EVIL_PACK, encoding="utf-8")
    (folder / "artlint.toml").write_text(
        'provenance = "imported"\npacks = ["rss-portal", "wordpress", "evil"]\n'
        'pack-paths = ["packs"]\n',
        encoding="utf-8",
    )
    rules = Resolver(Overrides()).settings_for(str(folder / "x.md")).rules
    slowest: tuple[float, str] = (0.0, "")
    for index, (name, text) in enumerate(files(count, seed)):
        if index % parts != part:
            continue
        began = time.process_time()
        fix_bytes(text.encode("utf-8"), name, rules=rules, unsafe=True, provenance="imported")
        spent = time.process_time() - began
        slowest = max(slowest, (spent, name))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "files": count,
        "slowest_cpu_s": round(slowest[0], 3),
        "slowest": slowest[1],
        "peak_mb": round(peak_kb / 1024, 1),
    }


if __name__ == "__main__":
    # adversarial.py FOLDER [COUNT [SEED [PART PARTS]]]
    args = sys.argv[1:] + ["1000", "0", "0", "1"][len(sys.argv) - 2 :]
    folder, count, seed, part, parts = Path(args[0]), *map(int, args[1:5])
    print(json.dumps(run(folder, count, seed, part, parts)))
