"""Records per second on a Dask LocalCluster with 1 and 2 worker processes.

    python benchmarks/records.py [--records 100000] [--shape small|large]

Generates the records in memory with benchmarks/corpus.py (fixed seed; the small shape is
2.5 KB feed posts), then for each worker count starts a LocalCluster (one thread per
process), checks every record with `artlint.integrations.dask_bag.check_bag`, and prints the
records per second (wall, from submitting to the last result) and each worker's peak
resident memory after the run. Nothing is written.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _records(count: int, shape: str) -> list[dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("bench_corpus", HERE / "corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    with tempfile.TemporaryDirectory() as folder:
        corpus.generate(Path(folder), count, seed=7, shape=shape)
        return [
            {"id": str(p.relative_to(folder)), "text": p.read_text(encoding="utf-8")}
            for p in sorted(Path(folder).rglob("*.md"))
        ]


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from artlint.integrations.dask_bag import check_bag
    from artlint.records import RecordSettings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--shape", choices=["small", "large"], default="small")
    args = parser.parse_args()
    records = _records(args.records, args.shape)
    size = sum(len(r["text"].encode()) for r in records) / 1e6
    print(f"{len(records):,} records, {size:.0f} MB ({args.shape} shape)")
    for workers in (1, 2):
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:
            bag = db.from_sequence(records, npartitions=workers * 16)
            start = time.perf_counter()
            results = check_bag(bag, RecordSettings()).compute()
            wall = time.perf_counter() - start
            peaks = list(client.run(_peak_kb).values())
        findings = sum(len(r["findings"]) for r in results)
        print(
            f"{workers} worker(s): {len(results) / wall:,.0f} records/s ({wall:.1f} s),"
            f" {findings:,} findings; peak RSS per worker"
            f" {statistics.mean(peaks) / 1024:.0f} MB (max {max(peaks) / 1024:.0f} MB)"
        )


if __name__ == "__main__":
    main()
