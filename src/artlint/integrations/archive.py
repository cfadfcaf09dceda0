"""Writing what a corpus run produced, one file per partition (or shard): findings as JSON
Lines or Parquet, and fixed records as a new dataset with a manifest of what changed. Never
in place. A partition's file name comes from its index alone, so a partition computed again
(a worker lost and the task retried) replaces its file: nothing is lost or written twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import fsspec

# One schema for every partition, so that Parquet readers can read the files as one table
# (inferred schemas differ where a partition happens to have no fix or no finding at all).
_EDIT = [("start_offset", "int64"), ("end_offset", "int64"), ("replacement", "string")]


def _schema() -> Any:
    import pyarrow as pa

    edit = pa.struct([(name, getattr(pa, kind)()) for name, kind in _EDIT])
    fix = pa.struct(
        [("applicability", pa.string()), ("title", pa.string()), ("edits", pa.list_(edit))]
    )
    ints = ["line", "column", "end_line", "end_column", "start_offset", "end_offset"]
    finding = pa.struct(
        [(name, pa.string()) for name in ("path", "code", "name", "severity", "message")]
        + [(name, pa.int64()) for name in ints]
        + [("fix", fix)]
    )
    return pa.schema(
        [
            ("id", pa.string()),
            ("findings", pa.list_(finding)),
            ("fixed_text", pa.string()),
            ("failed", pa.bool_()),
            ("metadata", pa.string()),  # JSON: a record's metadata has no fixed shape
        ]
    )


def write_results(
    rows: Iterable[dict[str, Any]], url: str, fmt: str, storage_options: dict[str, Any]
) -> str:
    """Write `RecordResult.as_dict()` rows to `url` as JSON Lines or Parquet."""
    rows = list(rows)
    with fsspec.open(url, "wb", **storage_options) as fh:
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pylist(
                [{**r, "metadata": json.dumps(r.get("metadata") or {})} for r in rows],
                schema=_schema(),
            )
            pq.write_table(table, fh)
        else:
            fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode())
    return url


def _sha(text: str) -> str:
    """SHA-256 of the record's bytes: `\\udcXX` escapes (bytes that were not UTF-8) encode back to
    those bytes; other lone surrogates (a JSON record may hold them) as UTF-8 would spell
    them."""
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def write_fixed(
    rows: Iterable[dict[str, Any]], data_url: str, manifest_url: str, opts: dict[str, Any]
) -> tuple[str, str]:
    """Write fixed records (`id`, `text`: the fixed text, or the text as it was) and, beside
    them, a manifest line per record: whether fixing changed it, the SHA-256 of the text
    before and after, and the codes of the findings left."""
    data, manifest = [], []
    for r in rows:
        before = r["text"]
        after = r["fixed_text"] if r["fixed_text"] is not None else before
        # ASCII escapes: a record that was not UTF-8 keeps its bytes as \udcXX escapes.
        data.append(json.dumps({"id": r["id"], "text": after}) + "\n")
        line = {
            "id": r["id"],
            "changed": after != before,
            "sha256_before": _sha(before),
            "sha256_after": _sha(after),
            "left": [f["code"] for f in r["findings"]],
            "failed": r["failed"],
        }
        manifest.append(json.dumps(line) + "\n")
    for url, lines in ((data_url, data), (manifest_url, manifest)):
        with fsspec.open(url, "wb", **opts) as fh:
            fh.write("".join(lines).encode())
    return data_url, manifest_url
