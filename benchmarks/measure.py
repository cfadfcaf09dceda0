"""One child process measured: wall seconds and CPU seconds (user + system of the child and
its own children). The machine is shared: CPU varies less than wall time between runs.

Children may write bytecode whatever PYTHONDONTWRITEBYTECODE says: a run that compiles every
module measures the compiler (60 ms of a 140 ms one-file check), not what users run."""

from __future__ import annotations

import os
import resource
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path


def child(
    cmd: Sequence[str],
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[float, float, bytes]:
    """Wall seconds, CPU seconds and standard output of one run of `cmd`."""
    env = {k: v for k, v in (os.environ if env is None else env).items()}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        list(cmd), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout
