"""What a one-file run costs before any checking: the interpreter, artlint's imports, and what
the CLI framework would add. The CLI is argparse because a framework such as typer costs more
to import than artlint's whole one-file run spends elsewhere; this measures that claim.

    python benchmarks/startup.py [--python PYTHON_WITH_TYPER] [--rounds N]

Runs, alternating, N times each (CPU seconds of the child, user + system):
  - `python -c pass` (the interpreter alone);
  - `python -c "import argparse"`;
  - `python -c "import typer"` (with --python: an interpreter that has typer installed);
  - `artlint check FILE --no-cache` on one example article.
Prints the median of each. Nothing is written.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from measure import child

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "clean-post.md"


def cpu(cmd: list[str]) -> float:
    return child(cmd)[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", help="an interpreter with typer installed")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import argparse": [sys.executable, "-c", "import argparse"],
        "artlint check (one file)": [
            sys.executable,
            "-m",
            "artlint",
            "check",
            str(EXAMPLE),
            "--no-cache",
        ],
    }
    if args.python:
        commands["import typer"] = [args.python, "-c", "import typer"]
    times: dict[str, list[float]] = {name: [] for name in commands}
    env_note = f"{os.cpu_count()} cores"
    for _ in range(args.rounds):
        for name, cmd in commands.items():
            times[name].append(cpu(cmd))
    print(f"median CPU seconds over {args.rounds} alternating rounds ({env_note}):")
    for name, values in times.items():
        print(f"  {name:<28} {statistics.median(values) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
