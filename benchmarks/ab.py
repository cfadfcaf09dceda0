"""Before against after: the same artlint command from two source trees, alternating.

    python benchmarks/ab.py BEFORE_SRC AFTER_SRC [--rounds 5] [--compare] -- ARGS...

Runs `python -m artlint ARGS` with PYTHONPATH set to each `src` folder in turn (before,
after, before, after, ...), and prints the median CPU seconds (user + system of the child)
and wall seconds of each, and their ratio. The machine is shared and noisy: alternating
rounds in one go are what make the ratio fair. With --compare, the two outputs of the first
round must be identical (for changes meant to change no finding). Nothing is written.

Example (a cold one-process check of the small-file corpus):

    python benchmarks/corpus.py /tmp/small --files 5000 --shape small
    git archive <base> src | tar -x -C /tmp/base
    python benchmarks/ab.py /tmp/base/src src -- check --no-cache -j1 --quiet /tmp/small
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys

from measure import child


def run(src: str, args: list[str]) -> tuple[float, float, bytes]:
    env = {**os.environ, "PYTHONPATH": os.path.abspath(src)}
    wall, cpu, out = child([sys.executable, "-m", "artlint", *args], env=env)
    return cpu, wall, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--compare", action="store_true")
    argv = sys.argv[1:]
    if "--" not in argv:
        parser.error("give the artlint arguments after --")
    at = argv.index("--")
    ns = parser.parse_args(argv[:at])
    args = argv[at + 1 :]
    times: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
    outputs: dict[str, bytes] = {}
    for _ in range(ns.rounds):
        for name, src in (("before", ns.before), ("after", ns.after)):
            cpu, wall, out = run(src, args)
            times[name].append((cpu, wall))
            outputs.setdefault(name, out)
    for name, rows in times.items():
        cpu = statistics.median(r[0] for r in rows)
        wall = statistics.median(r[1] for r in rows)
        print(f"{name:>6}: CPU {cpu:.2f} s, wall {wall:.2f} s (median of {ns.rounds})")
    ratio = statistics.median(r[0] for r in times["before"]) / statistics.median(
        r[0] for r in times["after"]
    )
    print(f"CPU before / after: {ratio:.2f}")
    if ns.compare:
        same = outputs["before"] == outputs["after"]
        print("outputs identical" if same else "OUTPUTS DIFFER")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
