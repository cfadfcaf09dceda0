"""The time and memory budget of the hostile-repos audit: the slowest of 1,000 generated
adversarial files (tests/adversarial.py: regex bombs, one-line bodies, alias trees, nesting,
comment and tag soup, front matter bombs), checked and fixed with every pack enabled, takes
under 2 CPU seconds, and the process stays under 500 MB.

A budget this loose on a noisy machine catches what the audit found (hangs, quadratic and
exponential blowups), not a few percent of speed: speed is measured in benchmarks/.
Two processes share the files, one per core.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.mark.slow
def test_adversarial_files_stay_within_the_budget(tmp_path: Path) -> None:
    parts = 2
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                str(HERE / "adversarial.py"),
                str(tmp_path / str(part)),
                "1000",
                "0",
                str(part),
                str(parts),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for part in range(parts)
    ]
    results = []
    for run in runs:
        out, _ = run.communicate(timeout=1800)
        assert run.returncode == 0
        results.append(json.loads(out))
    slowest = max(results, key=lambda r: r["slowest_cpu_s"])
    assert slowest["slowest_cpu_s"] < 2.0, slowest
    assert max(r["peak_mb"] for r in results) < 500, results
