"""artlint over Dask bags: records (dicts with `id` and `text`, and `metadata` if any), or
file paths and URLs that fsspec opens (local, `s3://`, ...). Each result is
`RecordResult.as_dict()`: plain data, ready for `to_dataframe`, `to_textfiles` or a
Parquet writer.

    import dask.bag as db
    from artlint.integrations.dask_bag import check_bag, read_articles
    from artlint.records import RecordSettings

    results = check_bag(read_articles(["s3://archive/2024/*.md"]), RecordSettings())
    results.map(json.dumps).to_textfiles("s3://archive/findings/*.jsonl")

The settings travel to the workers with each partition's task; the rules are built once per
worker process. A bad record gets its finding; nothing a record holds stops a partition.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import dask.bag as db
import fsspec

from artlint.records import RecordSettings, check_record


def _check_partition(
    records: Iterable[dict[str, Any]], settings: RecordSettings, fix: bool
) -> list[dict[str, Any]]:
    return [
        check_record(
            r["text"], str(r["id"]), settings, fix=fix, metadata=r.get("metadata")
        ).as_dict()
        for r in records
    ]


def check_bag(
    records: db.Bag, settings: RecordSettings | None = None, *, fix: bool = False
) -> db.Bag:
    """A bag of result dicts, one per record, partition for partition."""
    bag: db.Bag = records.map_partitions(  # type: ignore[no-untyped-call]
        _check_partition, settings or RecordSettings(), fix
    )
    return bag


def _read(url: str, storage_options: dict[str, Any]) -> dict[str, Any]:
    with fsspec.open(url, "rb", **storage_options) as fh:
        return {"id": url, "text": fh.read()}


def read_articles(
    urls: Sequence[str],
    npartitions: int | None = None,
    storage_options: dict[str, Any] | None = None,
) -> db.Bag:
    """A bag of records read from files or URLs (globs expanded by fsspec; `storage_options`
    as fsspec takes them, such as an S3 endpoint); the bytes are decoded by artlint, so a file
    that is not UTF-8 gets its AL001 finding."""
    options = dict(storage_options or {})
    found: list[str] = []
    for url in urls:
        protocol = url.split("://", 1)[0] if "://" in url else "file"
        fs = fsspec.filesystem(protocol, **options)
        matches = sorted(fs.glob(url)) if any(c in url for c in "*?[") else [url]
        found += [m if "://" in m or protocol == "file" else f"{protocol}://{m}" for m in matches]
    bag: db.Bag = db.from_sequence(found, npartitions=npartitions)  # type: ignore[no-untyped-call]
    return bag.map(_read, options)  # type: ignore[no-untyped-call,no-any-return]
