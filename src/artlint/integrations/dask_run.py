"""`artlint check --scheduler ADDRESS PATHS`: a normal check whose files are checked on a
running Dask cluster instead of local worker processes (`pip install 'artlint[dask]'`).

The walk, the configuration errors, the report and the exit status are the CLI's own; only
the per-file work moves. The cluster's workers must see the files at the same paths (a shared
file system), and each checks with the configuration it finds there, as a local worker does.
No result cache is used: its folder would be the workers', not this machine's.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import replace

from distributed import Client

from artlint.model.results import FileResult
from artlint.run.config import Overrides, Resolver
from artlint.run.files import Missing, Target
from artlint.run.runner import RunOptions, Worker

CHUNK = 64  # files per task: enough to pay for a task, few enough to spread the work

_workers: dict[tuple[Overrides, RunOptions], Worker] = {}


def _check_chunk(
    items: Sequence[Target | Missing], overrides: Overrides, options: RunOptions
) -> list[FileResult]:
    # One Worker per process and settings: its rules and configuration are read once.
    worker = _workers.get((overrides, options))
    if worker is None:
        worker = _workers[(overrides, options)] = Worker(Resolver(overrides), options)
    return [worker.one(item) for item in items]


def run_on_cluster(
    address: str, items: Sequence[Target | Missing], overrides: Overrides, options: RunOptions
) -> Iterator[FileResult]:
    """The results for `items`, in order, checked on the Dask scheduler at `address`."""
    options = replace(options, cache=False, render=None, jobs=1)
    # Workers may run in other folders: they get absolute paths; reports keep the names given.
    absolute = [
        Target(t.display, os.path.abspath(t.path)) if isinstance(t, Target) else t for t in items
    ]
    chunks = [absolute[i : i + CHUNK] for i in range(0, len(absolute), CHUNK)]
    with Client(address) as client:  # type: ignore[no-untyped-call]
        futures = client.map(_check_chunk, chunks, overrides=overrides, options=options, pure=False)
        for future in futures:
            yield from future.result()
