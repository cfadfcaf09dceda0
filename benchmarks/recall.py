"""Count what artlint finds on imported articles, to check that precision work keeps recall.

For each folder given, runs `artlint check --format json --no-cache` twice, without packs and
with the `rss-portal` pack (on a copy that carries an `artlint.toml`), and counts unique spans
(file, start, end) in total and per code. With `--base SRC`, runs the same with the artlint
package found in SRC (for example an extracted older commit's `src/`) and prints the change.

    python benchmarks/recall.py ../shared/corpus/news-feed ../shared/corpus/web-clips \\
        ../shared/corpus/wordpress-import --base /tmp/base/src
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path


def spans(folder: Path, pack: str | None, src: str | None) -> Counter[str]:
    """Unique (file, start, end) spans per code, and under "total"."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / folder.name
        shutil.copytree(folder, target)
        config = f'packs = ["{pack}"]\n' if pack else ""
        (target / "artlint.toml").write_text(config, encoding="utf-8")
        env = dict(os.environ)
        if src is not None:
            env["PYTHONPATH"] = src
        out = subprocess.run(
            [sys.executable, "-m", "artlint", "check", "--format", "json", "--no-cache", "."],
            cwd=target,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    seen: set[tuple[str, str, int, int]] = set()
    for d in json.loads(out)["diagnostics"]:
        seen.add((d["code"], d["path"], d["start_offset"], d["end_offset"]))
    counts: Counter[str] = Counter(code for code, _, _, _ in seen)
    counts["total"] = len({(path, start, end) for _, path, start, end in seen})
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--base", help="a src/ folder holding the artlint to compare with")
    args = parser.parse_args()
    for pack in (None, "rss-portal"):
        print(f"\n## {'rss-portal' if pack else 'no packs'}\n")
        print("| folder | now | base | change | codes that dropped |")
        print("| --- | ---: | ---: | ---: | --- |")
        for folder in args.folders:
            now = spans(folder, pack, None)
            base = spans(folder, pack, args.base) if args.base else Counter[str]()
            change = (
                f"{(now['total'] - base['total']) / base['total']:+.0%}" if base["total"] else "-"
            )
            dropped = ", ".join(
                f"{code} {base[code]}→{now[code]}"
                for code in sorted(base)
                if code != "total" and now[code] < base[code]
            )
            print(f"| {folder.name} | {now['total']} | {base['total']} | {change} | {dropped} |")


if __name__ == "__main__":
    main()
