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

from artlint.integrations import archive
from artlint.records import RecordSettings, check_record


def _check_partition(
    records: Iterable[dict[str, Any]], settings: RecordSettings, fix: bool, keep_text: bool = False
) -> list[dict[str, Any]]:
    out = []
    for r in records:
        text = r["text"]
        result = check_record(text, str(r["id"]), settings, fix=fix, metadata=r.get("metadata"))
        row = result.as_dict()
        if keep_text:
            # The text as it was; bytes that are not UTF-8 (AL001) as \udcXX escapes, which
            # JSON can carry and which encode back to the same bytes.
            row["text"] = (
                text.decode("utf-8", "surrogateescape") if isinstance(text, bytes) else text
            )
        out.append(row)
    return out


def check_bag(
    records: db.Bag, settings: RecordSettings | None = None, *, fix: bool = False
) -> db.Bag:
    """A bag of result dicts, one per record, partition for partition."""
    bag: db.Bag = records.map_partitions(  # type: ignore[no-untyped-call]
        _check_partition, settings or RecordSettings(), fix
    )
    return bag


def _folder(url: str, storage_options: dict[str, Any]) -> None:
    fs, path = fsspec.core.url_to_fs(url, **storage_options)
    fs.makedirs(path, exist_ok=True)


def write_results(
    results: db.Bag,
    folder: str,
    fmt: str = "jsonl",
    storage_options: dict[str, Any] | None = None,
) -> list[str]:
    """Write a bag of results (from `check_bag`) under `folder`, one file per partition
    (`part-00000.jsonl` or `.parquet`, which needs pyarrow); the paths written."""
    from dask.base import compute
    from dask.delayed import delayed

    opts = dict(storage_options or {})
    _folder(folder, opts)
    ext = "parquet" if fmt == "parquet" else "jsonl"
    writes = [
        delayed(archive.write_results)(part, f"{folder}/part-{i:05d}.{ext}", fmt, opts)
        for i, part in enumerate(results.to_delayed())  # type: ignore[no-untyped-call]
    ]
    return list(compute(*writes))  # type: ignore[no-untyped-call]


def fix_dataset(
    records: db.Bag,
    folder: str,
    settings: RecordSettings | None = None,
    storage_options: dict[str, Any] | None = None,
) -> list[tuple[str, str]]:
    """Fix every record and write the fixed records as a new dataset under `folder`
    (`part-00000.jsonl`: id and text), with `manifest-00000.jsonl` beside each part saying
    what changed; never in place. The (data, manifest) paths written."""
    from dask.base import compute
    from dask.delayed import delayed

    opts = dict(storage_options or {})
    _folder(folder, opts)
    fixed = records.map_partitions(  # type: ignore[no-untyped-call]
        _check_partition, settings or RecordSettings(), True, True
    )
    writes = [
        delayed(archive.write_fixed)(
            part, f"{folder}/part-{i:05d}.jsonl", f"{folder}/manifest-{i:05d}.jsonl", opts
        )
        for i, part in enumerate(fixed.to_delayed())
    ]
    return list(compute(*writes))  # type: ignore[no-untyped-call]


def _read(file: Any) -> dict[str, Any]:
    local = "file" in file.fs.protocol
    with file as fh:
        return {"id": file.path if local else file.full_name, "text": fh.read()}


def read_articles(
    urls: Sequence[str],
    npartitions: int | None = None,
    storage_options: dict[str, Any] | None = None,
) -> db.Bag:
    """A bag of records read from files or URLs (globs expanded by fsspec; `storage_options`
    as fsspec takes them, such as an S3 endpoint); the bytes are decoded by artlint, so a file
    that is not UTF-8 gets its AL001 finding."""
    files = fsspec.open_files(list(urls), "rb", **(storage_options or {}))
    bag: db.Bag = db.from_sequence(files, npartitions=npartitions)  # type: ignore[no-untyped-call]
    return bag.map(_read)  # type: ignore[no-untyped-call,no-any-return]
