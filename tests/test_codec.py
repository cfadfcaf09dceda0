"""Findings survive the trip through artlint.model.codec: from worker processes (pickled) and into
the cache (JSON)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from artlint.api import check_text
from artlint.model.codec import pack, unpack

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.m*"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_round_trip_as_tuples_and_as_json(path: Path) -> None:
    for d in check_text(path.read_text(encoding="utf-8"), str(path)):
        assert unpack(d.path, pickle.loads(pickle.dumps(pack(d)))) == d
        assert pickle.loads(pickle.dumps(d)) == d  # how results leave worker processes
        assert unpack(d.path, json.loads(json.dumps(pack(d)))) == d


def test_every_field_is_kept() -> None:
    found = [d for p in EXAMPLES for d in check_text(p.read_text(encoding="utf-8"), str(p))]
    # The examples hold what the codec must carry: safe and unsafe fixes, fixes declaring
    # what they change, multi-edit fixes, byte offsets past non-ASCII text.
    fixes = [d.fix for d in found if d.fix is not None]
    assert {f.applicability.value for f in fixes} == {"safe", "unsafe"}
    assert any(f.changes for f in fixes)
    assert any(len(f.edits) > 1 for f in fixes)
    assert any(d.start.offset != d.span.start for d in found)
    for d in found:
        assert unpack(d.path, json.loads(json.dumps(pack(d)))) == d


def test_other_data_is_refused() -> None:
    with pytest.raises((ValueError, KeyError, TypeError)):
        unpack("x.md", ["AL101", "name"])
    good = list(pack(check_text("<!-- x -->\n")[0]))
    good[2] = "fatal"  # no such severity
    with pytest.raises(KeyError):
        unpack("x.md", good)
