"""Whole-article golden files: the bundled examples, their report and their fixed text.

Regenerate after a reviewed change with `ARTLINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py
tests/test_reports.py` (the one way every golden file is rewritten), then read the diff of
tests/golden/ before committing it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from artlint.api import check_file, fix_file
from artlint.report.text import TextReporter

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").iterdir())
GOLDEN = Path(__file__).parent / "golden"


def render(example: Path) -> dict[str, bytes]:
    display = f"examples/{example.name}"
    out = io.StringIO()
    reporter = TextReporter(out, fixing=False)
    reporter.file(check_file(str(example), display))
    reporter.finish()
    outputs = {f"{example.name}.check.txt": out.getvalue().encode()}
    for suffix, unsafe in ((".fixed", False), (".unsafe-fixed", True)):
        result = fix_file(str(example), display, unsafe=unsafe)
        outputs[example.name + suffix] = result.fixed_bytes or example.read_bytes()
    return outputs


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_golden(example: Path) -> None:
    for name, data in render(example).items():
        if os.environ.get("ARTLINT_UPDATE_GOLDEN"):
            (GOLDEN / name).write_bytes(data)
        assert (GOLDEN / name).read_bytes() == data, f"{name} differs from its golden file"


def test_the_clean_example_is_left_byte_identical() -> None:
    clean = ROOT / "examples" / "clean-post.md"
    outputs = render(clean)
    assert outputs["clean-post.md.check.txt"] == b"All checks passed (1 file).\n"
    assert outputs["clean-post.md.fixed"] == clean.read_bytes()
