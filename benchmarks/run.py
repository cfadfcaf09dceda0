"""Measure artlint against markdownlint-cli2 and rumdl on a generated corpus, and against itself.

    python benchmarks/run.py [--files 5000] [--repeat 3] [--shape large|small] [--memory]

Generates the corpus (benchmarks/corpus.py, fixed seed; `--shape small` for 2.5 KB feed-post
sized files) in a temporary folder, installs markdownlint-cli2 there with npm when npm is
present and rumdl with pip into a virtualenv of its own, runs every command `--repeat` times
in turn (so that load on the machine spreads over all of them), and prints a Markdown table
of median wall times and CPU seconds (user + system of the command and its workers: the
machine is shared, and CPU varies less than wall time), the per-file fixed cost (a check of
that many one-line articles, less a check of one), and the ratios the performance targets
are stated in. artlint runs with its
bytecode cached, as an installed copy does. `--memory` also measures artlint's peak RSS at the
given size and at ten times it. Nothing is written to the repository; the temporary folder is
removed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402
from measure import child  # noqa: E402

ARTLINT = [sys.executable, "-m", "artlint"]


def timed(
    cmd: list[str], cwd: Path, prepare: Callable[[], None] | None = None
) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, children included) of one run."""
    if prepare is not None:
        prepare()
    wall, cpu, _ = child(cmd, cwd=cwd)
    return wall, cpu


def install_rumdl(folder: Path) -> Path | None:
    """rumdl (a Rust Markdown linter, from PyPI) in a virtualenv of its own."""
    venv = folder / "rumdl-venv"
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True)
    if made.returncode != 0:
        return None
    pip = venv / "bin" / "pip"
    done = subprocess.run([str(pip), "install", "--quiet", "rumdl"], capture_output=True)
    binary = venv / "bin" / "rumdl"
    return binary if done.returncode == 0 and binary.exists() else None


def one_line_articles(folder: Path, count: int) -> None:
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"p{i}.md").write_text("---\ntitle: t\ndate: 2024-01-01\n---\nx\n", "utf-8")


def peak_rss_mb(cmd: list[str], cwd: Path) -> float:
    """Peak resident memory of one run (a fresh process tree measured on its own)."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd], cwd=cwd, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


def install_markdownlint(folder: Path) -> Path | None:
    if shutil.which("npm") is None:
        return None
    subprocess.run(["npm", "init", "-y"], cwd=folder, capture_output=True, check=False)
    done = subprocess.run(
        ["npm", "install", "--silent", "markdownlint-cli2"], cwd=folder, capture_output=True
    )
    binary = folder / "node_modules" / ".bin" / "markdownlint-cli2"
    return binary if done.returncode == 0 and binary.exists() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--shape", choices=["large", "small"], default="large")
    args = parser.parse_args()
    # Measure artlint as installed, with its modules' bytecode cached: a shell that forbids
    # writing bytecode would add the compile time of every module to every start.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    work = Path(tempfile.mkdtemp(prefix="artlint-bench-"))
    try:
        corpus = work / "corpus"
        generate(corpus, args.files, seed=7, shape=args.shape)
        tiny = work / "tiny"
        one_line_articles(tiny, args.files)
        one_line_articles(work / "tiny-one", 1)
        size_mb = sum(f.stat().st_size for f in corpus.rglob("*.md")) / 1e6
        one = next(corpus.rglob("news_portal-*.md"))
        packs = work / "packs.toml"
        packs.write_text('packs = ["rss-portal", "wordpress"]\n', encoding="utf-8")
        cache = work / "cache"
        fix_copy = work / "fix-copy"

        def fresh_copy() -> None:
            shutil.rmtree(fix_copy, ignore_errors=True)
            shutil.copytree(corpus, fix_copy)
            # The copy's own disk writes must not land in the timed fix (its fsyncs would
            # wait for them).
            os.sync()

        first_cache = work / "first-cache"

        def no_cache_yet() -> None:
            shutil.rmtree(first_cache, ignore_errors=True)
            os.sync()

        mdl = install_markdownlint(work)
        rumdl = install_rumdl(work)
        commands: dict[str, tuple[list[str], Callable[[], None] | None]] = {
            "artlint check (cold)": ([*ARTLINT, "check", "corpus", "--no-cache", "--quiet"], None),
            "artlint check, all packs (cold)": (
                [*ARTLINT, "check", "corpus", "--no-cache", "--quiet", "--config", str(packs)],
                None,
            ),
            # A first run as users start it: with the cache on, so it also fills the cache.
            "artlint check (cold, filling the cache)": (
                [*ARTLINT, "check", "corpus", "--quiet", "--cache-dir", str(first_cache)],
                no_cache_yet,
            ),
            "artlint check (cached)": (
                [*ARTLINT, "check", "corpus", "--quiet", "--cache-dir", str(cache)],
                None,
            ),
            "artlint check --jobs 1 (cold)": (
                [*ARTLINT, "check", "corpus", "--no-cache", "--quiet", "--jobs", "1"],
                None,
            ),
            "artlint fix --write (cold)": (
                [*ARTLINT, "fix", "fix-copy", "--write", "--no-cache", "--quiet"],
                fresh_copy,
            ),
            "artlint check one file": ([*ARTLINT, "check", str(one), "--no-cache"], None),
            "artlint check, one-line articles (-j1)": (
                [*ARTLINT, "check", "tiny", "--no-cache", "--quiet", "--jobs", "1"],
                None,
            ),
            "artlint check, one one-line article": (
                [*ARTLINT, "check", "tiny-one", "--no-cache", "--quiet", "--jobs", "1"],
                None,
            ),
        }
        if mdl is not None:
            commands["markdownlint-cli2"] = ([str(mdl), "corpus/**/*.md"], None)
            commands["markdownlint-cli2 one file"] = ([str(mdl), str(one)], None)
        if rumdl is not None:
            commands["rumdl check"] = ([str(rumdl), "check", "--no-cache", "corpus"], None)
        # Fill the cache once, so that "cached" measures hits only.
        subprocess.run(commands["artlint check (cached)"][0], cwd=work, capture_output=True)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, (cmd, prepare) in commands.items():
                times[name].append(timed(cmd, work, prepare))
        # The same corpus after `fix --write` (the last fix run left it in fix-copy): what a
        # content repository looks like once artlint is adopted, few findings left.
        fixed_cache = work / "fixed-cache"
        fixed = {
            "artlint check, fixed corpus (cold)": [*ARTLINT, "check", "fix-copy", "--no-cache"],
            "artlint check, fixed corpus (cached)": [
                *ARTLINT,
                "check",
                "fix-copy",
                "--cache-dir",
                str(fixed_cache),
            ],
        }
        subprocess.run(fixed["artlint check, fixed corpus (cached)"], cwd=work, capture_output=True)
        for name in fixed:
            times[name] = []
        for _ in range(args.repeat):
            for name, cmd in fixed.items():
                times[name].append(timed(cmd, work))
        median = {name: statistics.median(w for w, _ in v) for name, v in times.items()}
        cpu = {name: statistics.median(c for _, c in v) for name, v in times.items()}

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(
            f"{args.files} files ({args.shape} shape), {size_mb:.0f} MB; {cores} cores;"
            f" median of {args.repeat} runs"
        )
        print()
        print("| command | wall (s) | CPU (s) | files/s |")
        print("| --- | ---: | ---: | ---: |")
        for name, value in median.items():
            single = name == "artlint check, one one-line article"
            rate = "" if single else f"{args.files / value:,.0f}"
            print(f"| {name} | {value:.2f} | {cpu[name]:.2f} | {rate} |")
        per_file = (
            cpu["artlint check, one-line articles (-j1)"]
            - cpu["artlint check, one one-line article"]
        ) / max(1, args.files - 1)
        print()
        print(f"Per-file fixed cost (CPU, one-line articles): {per_file * 1e6:.0f} µs")
        print()
        cold = median["artlint check (cold)"]
        fixed_ratio = (
            median["artlint check, fixed corpus (cold)"]
            / median["artlint check, fixed corpus (cached)"]
        )
        cold_cpu = cpu["artlint check --jobs 1 (cold)"]
        ratios = [
            ("cached vs cold", cold / median["artlint check (cached)"], "≥ 10"),
            (
                "fix --write vs cold check, CPU",
                cpu["artlint fix --write (cold)"] / cpu["artlint check (cold)"],
                "≤ 1.6",
            ),
            ("cached vs cold, fixed corpus", fixed_ratio, "≥ 10"),
            ("fix --write vs cold check", median["artlint fix --write (cold)"] / cold, "≤ 2"),
        ]
        if rumdl is not None:
            ratios.append(("artlint -j1 / rumdl, CPU", cold_cpu / cpu["rumdl check"], ""))
        if mdl is not None:
            ratios.append(
                ("markdownlint-cli2 / artlint -j1, CPU", cpu["markdownlint-cli2"] / cold_cpu, "")
            )
            peer = median["markdownlint-cli2"]
            ratios[:0] = [
                ("markdownlint-cli2 / artlint cold", peer / cold, "≥ 10"),
                (
                    "markdownlint-cli2 / artlint all packs",
                    peer / median["artlint check, all packs (cold)"],
                    "≥ 5",
                ),
                (
                    "artlint one file / markdownlint-cli2 one file",
                    median["artlint check one file"] / median["markdownlint-cli2 one file"],
                    "≤ 0.5",
                ),
            ]
        print("| ratio | measured | target |")
        print("| --- | ---: | ---: |")
        for name, value, target in ratios:
            print(f"| {name} | {value:.2f} | {target} |")
        if args.memory:
            big = work / "big"
            generate(big, args.files * 10, seed=7)
            small_rss = peak_rss_mb([*ARTLINT, "check", "corpus", "--no-cache", "--quiet"], work)
            big_rss = peak_rss_mb([*ARTLINT, "check", "big", "--no-cache", "--quiet"], work)
            print()
            print("| files | peak RSS (MB, largest process) |")
            print("| ---: | ---: |")
            print(f"| {args.files} | {small_rss:.0f} |")
            print(f"| {args.files * 10} | {big_rss:.0f} (×{big_rss / small_rss:.2f}) |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
