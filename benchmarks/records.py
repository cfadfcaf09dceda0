"""Records per second on a Dask LocalCluster with 1 and 2 worker processes.

    python benchmarks/records.py [--records 100000] [--shape small|large]

Generates the records with benchmarks/corpus.py (fixed seed; the small shape is 2.5 KB feed
posts) into JSON Lines shards in a temporary folder, as an archive keeps them; then for each
worker count starts a LocalCluster (one thread per process), reads the shards, checks every
record with `artlint.integrations.dask_bag.check_bag` and writes the results as JSON Lines
partitions (so no worker holds them all), and prints the records per second (wall, from
submitting to the last partition written) and each worker's peak resident memory. The
temporary folder is removed at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _shards(count: int, shape: str, out: Path, shards: int = 32) -> tuple[list[str], int]:
    """JSON Lines shards of generated records; their paths and total size in bytes."""
    spec = importlib.util.spec_from_file_location("bench_corpus", HERE / "corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    articles = out / "articles"
    corpus.generate(articles, count, seed=7, shape=shape)
    paths = sorted(articles.rglob("*.md"))
    names = []
    size = 0
    for shard in range(shards):
        name = out / f"shard-{shard:03d}.jsonl"
        with open(name, "w", encoding="utf-8") as fh:
            for p in paths[shard::shards]:
                text = p.read_text(encoding="utf-8")
                size += len(text.encode())
                fh.write(json.dumps({"id": str(p.relative_to(articles)), "text": text}) + "\n")
        names.append(str(name))
    return names, size


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--shape", choices=["small", "large"], default="small")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="artlint-records-"))
    try:
        shards, size = _shards(args.records, args.shape, work)
        print(f"{args.records:,} records, {size / 1e6:.0f} MB ({args.shape} shape)")
        for workers in (1, 2):
            _measure(workers, shards, work / f"out-{workers}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _measure(workers: int, shards: list[str], out: Path) -> None:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from artlint.integrations.dask_bag import check_bag
    from artlint.records import RecordSettings

    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster) as client:
        bag = db.read_text(shards).map(json.loads)
        start = time.perf_counter()
        check_bag(bag, RecordSettings()).map(json.dumps).to_textfiles(str(out / "*.jsonl"))
        wall = time.perf_counter() - start
        peaks = list(client.run(_peak_kb).values())
    results = findings = 0
    for part in out.glob("*.jsonl"):
        with part.open(encoding="utf-8") as fh:
            for line in fh:
                results += 1
                findings += len(json.loads(line)["findings"])
    print(
        f"{workers} worker(s): {results / wall:,.0f} records/s ({wall:.1f} s),"
        f" {findings:,} findings; peak RSS per worker"
        f" {statistics.mean(peaks) / 1024:.0f} MB (max {max(peaks) / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
