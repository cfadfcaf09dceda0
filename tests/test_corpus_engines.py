"""artlint on real corpus engines, on this machine: a datatrove LocalPipelineExecutor with two
tasks and a Dask LocalCluster with two worker processes give the findings the CLI gives."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from artlint.records import RecordSettings, check_record
from cli_runner import invoke


def _generator() -> Any:
    """benchmarks/corpus.py's generator of synthetic articles (not a package: loaded by path)."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("artlint_bench_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


SETTINGS = RecordSettings(packs=("rss-portal",))


def _articles(folder: Path, count: int = 40) -> dict[str, str]:
    _generator()(folder, count, seed=11, shape="small")
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.md"))
    }


def _cli_codes(folder: Path) -> dict[str, list[tuple[str, int, int]]]:
    args = ["check", str(folder), "--isolated", "--packs", "rss-portal", "--no-cache", "-j1"]
    out = invoke([*args, "--output-format", "json"])
    found: dict[str, list[tuple[str, int, int]]] = {}
    for d in json.loads(out.output)["diagnostics"]:
        key = str(Path(d["path"]).relative_to(folder))
        found.setdefault(key, []).append((d["code"], d["line"], d["column"]))
    return found


def _codes(findings: list[dict[str, object]]) -> list[tuple[str, int, int]]:
    return [(str(f["code"]), int(str(f["line"])), int(str(f["column"]))) for f in findings]


@pytest.mark.slow
def test_datatrove_pipeline_with_two_tasks(tmp_path: Path) -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from artlint.integrations.datatrove_step import ArtlintStep

    articles = _articles(tmp_path / "articles")
    expected = _cli_codes(tmp_path / "articles")
    raw = tmp_path / "raw"
    raw.mkdir()
    items = list(articles.items())
    for shard in range(2):
        with open(raw / f"shard{shard}.jsonl", "w", encoding="utf-8") as fh:
            for name, text in items[shard::2]:
                fh.write(json.dumps({"id": name, "text": text}) + "\n")
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(raw)),
            ArtlintStep(SETTINGS, fix=True),
            JsonlWriter(str(tmp_path / "clean")),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    out: dict[str, dict[str, Any]] = {}
    for path in (tmp_path / "clean").glob("*.jsonl.gz"):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                out[doc["id"]] = doc
    assert sorted(out) == sorted(articles)
    for name, doc in out.items():
        meta = doc["metadata"]["artlint"]
        again = check_record(articles[name], name, SETTINGS, fix=True)
        # The step fixed the text as a single process does; what it left is recorded.
        assert doc["text"] == (again.fixed_text or articles[name])
        assert _codes(meta["findings"]) == _codes(list(again.findings))
    # Before fixing, the findings are the CLI's on the same articles.
    for name, text in articles.items():
        found = check_record(text, name, SETTINGS).findings
        assert _codes(list(found)) == expected.get(name, [])
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    step = next(s for s in stats if s["name"].endswith("artlint"))
    documents = step["stats"]["documents"]  # a plain count, or a summary when units differ
    assert (documents["total"] if isinstance(documents, dict) else documents) == len(articles)
    assert step["stats"]["fixed"] == sum(1 for d in out.values() if d["text"] != articles[d["id"]])


@pytest.mark.slow
def test_dask_local_cluster_with_two_worker_processes(tmp_path: Path) -> None:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from artlint.integrations.dask_bag import check_bag, read_articles

    articles = _articles(tmp_path / "articles")
    expected = _cli_codes(tmp_path / "articles")
    (tmp_path / "articles" / "bad.md").write_bytes(b"\xff\xfe\x00not text")
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        records = db.from_sequence(
            [{"id": k, "text": v} for k, v in articles.items()], npartitions=4
        )
        results = check_bag(records, SETTINGS).compute()
        urls = read_articles([str(tmp_path / "articles" / "**" / "*.md")], npartitions=4)
        from_files = check_bag(urls, SETTINGS).compute()
    assert [r["id"] for r in results] == list(articles)
    for r in results:
        assert _codes(r["findings"]) == expected.get(r["id"], [])
    by_path = {Path(r["id"]).name: r for r in from_files}
    assert _codes(by_path["bad.md"]["findings"])[0][0] == "AL001"
    for name in articles:
        assert _codes(by_path[Path(name).name]["findings"]) == expected.get(name, [])


@pytest.mark.slow
def test_check_scheduler_reports_as_a_local_run(tmp_path: Path) -> None:
    from distributed import LocalCluster

    _articles(tmp_path / "articles", 150)
    (tmp_path / "articles" / "artlint.toml").write_text('packs = ["rss-portal"]\n', "utf-8")
    command = [sys.executable, "-m", "artlint", "check", "articles", "--no-cache"]
    local = subprocess.run(
        [*command, "--output-format", "json"], cwd=tmp_path, capture_output=True, check=False
    )
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = subprocess.run(
            [*command, "--output-format", "json", "--scheduler", cluster.scheduler_address],
            cwd=tmp_path,
            capture_output=True,
            check=False,
        )
        text = subprocess.run(
            [*command, "--scheduler", cluster.scheduler_address],
            cwd=tmp_path,
            capture_output=True,
            check=False,
        )
    assert remote.returncode == local.returncode == 1, remote.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert any("RSS101" in d["code"] for d in json.loads(local.stdout)["diagnostics"])
    local_text = subprocess.run(command, cwd=tmp_path, capture_output=True, check=False)
    assert text.stdout == local_text.stdout and text.returncode == local_text.returncode


@pytest.mark.slow
def test_dask_reads_articles_from_s3_through_fsspec(tmp_path: Path) -> None:
    import boto3
    from moto.server import ThreadedMotoServer

    from artlint.integrations.dask_bag import check_bag, read_articles

    articles = _articles(tmp_path / "articles", 12)
    expected = _cli_codes(tmp_path / "articles")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        keys = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **keys)
        s3.create_bucket(Bucket="archive")
        for name, text in articles.items():
            s3.put_object(Bucket="archive", Key=f"posts/{name}", Body=text.encode())
        options = {"key": "test", "secret": "test", "client_kwargs": {"endpoint_url": endpoint}}
        bag = read_articles(["s3://archive/posts/**/*.md"], storage_options=options)
        results = check_bag(bag, SETTINGS).compute(scheduler="processes", num_workers=2)
    finally:
        server.stop()
    assert sorted(r["id"] for r in results) == sorted(f"s3://archive/posts/{n}" for n in articles)
    for r in results:
        name = r["id"].removeprefix("s3://archive/posts/")
        assert _codes(r["findings"]) == expected.get(name, [])


@pytest.mark.slow
def test_results_as_jsonl_and_parquet_partitions_and_a_fixed_dataset(tmp_path: Path) -> None:
    import dask.bag as db
    import pyarrow.parquet as pq

    from artlint.integrations.dask_bag import check_bag, fix_dataset, write_results

    articles = _articles(tmp_path / "articles", 24)
    records = [{"id": k, "text": v} for k, v in articles.items()]
    bag = db.from_sequence(records, npartitions=3)
    expected = check_bag(bag, SETTINGS).compute(scheduler="sync")

    jsonl = write_results(check_bag(bag, SETTINGS), str(tmp_path / "findings"))
    assert [Path(p).name for p in jsonl] == [
        "part-00000.jsonl",
        "part-00001.jsonl",
        "part-00002.jsonl",
    ]
    rows = [json.loads(line) for p in jsonl for line in Path(p).read_text("utf-8").splitlines()]
    assert rows == expected

    parquet = write_results(check_bag(bag, SETTINGS), str(tmp_path / "pq"), fmt="parquet")
    table = pq.ParquetDataset([str(p) for p in parquet]).read()  # one schema for all parts
    back = table.to_pylist()
    assert [r["id"] for r in back] == [r["id"] for r in expected]
    assert [[f["code"] for f in r["findings"]] for r in back] == [
        [f["code"] for f in r["findings"]] for r in expected
    ]

    written = fix_dataset(bag, str(tmp_path / "clean"), SETTINGS)
    assert len(written) == 3
    fixed = {}
    manifest = {}
    for data, man in written:
        for line in Path(data).read_text("utf-8").splitlines():
            row = json.loads(line)
            fixed[row["id"]] = row["text"]
        for line in Path(man).read_text("utf-8").splitlines():
            row = json.loads(line)
            manifest[row["id"]] = row
    assert sorted(fixed) == sorted(articles)
    for name, text in articles.items():
        again = check_record(text, name, SETTINGS, fix=True)
        assert fixed[name] == (again.fixed_text or text)
        assert manifest[name]["changed"] == (again.fixed_text is not None)
        assert manifest[name]["left"] == [f["code"] for f in again.findings]
    assert any(m["changed"] for m in manifest.values())
    # Nothing in place: the articles are as they were.
    assert {
        str(p.relative_to(tmp_path / "articles")): p.read_text("utf-8")
        for p in (tmp_path / "articles").rglob("*.md")
    } == articles


def _die_once(rows: list[dict[str, Any]], marker: str) -> list[dict[str, Any]]:
    """Kills the worker process the first time it runs (the test's lost worker)."""
    import os

    if not os.path.exists(marker):
        Path(marker).write_text("died", encoding="utf-8")
        os._exit(1)
    return rows


@pytest.mark.slow
def test_a_worker_lost_mid_run_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from artlint.integrations.dask_bag import check_bag, write_results

    articles = _articles(tmp_path / "articles", 40)
    records = [{"id": k, "text": v} for k, v in articles.items()]
    marker = str(tmp_path / "died")
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster):
        bag = db.from_sequence(records, npartitions=4).map_partitions(_die_once, marker)
        paths = write_results(check_bag(bag, SETTINGS), str(tmp_path / "out"))
    assert Path(marker).exists()  # a worker did die
    ids = [
        json.loads(line)["id"] for p in paths for line in Path(p).read_text("utf-8").splitlines()
    ]
    assert sorted(ids) == sorted(articles)  # each once


def test_check_scheduler_without_dask_says_which_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on an install without artlint[dask]: importing distributed fails.
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.delitem(sys.modules, "artlint.integrations.dask_run", raising=False)
    (tmp_path / "a.md").write_text("---\ntitle: t\n---\nx\n", encoding="utf-8")
    result = invoke(["check", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "--scheduler needs Dask: pip install 'artlint[dask]'" in result.output
