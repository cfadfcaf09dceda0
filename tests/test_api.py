"""The library surface: the same per-file pipeline as the command line."""

from __future__ import annotations

from pathlib import Path

from artlint.api import check_paths, check_text, fix_paths, fix_text
from artlint.rules import lookup

# Imported markup (declared: the post is too short for artlint to see it as a copy).
FM = "---\ntitle: t\ndate: 2024-01-01\nartlint-provenance: imported\n---\n"
POST = FM + "<p style='x'>a</p>\n<!-- ad -->\n"


def test_text() -> None:
    assert [d.code for d in check_text(POST)] == ["AL103", "AL101"]
    assert fix_text(POST).document.text == FM + "<p>a</p>\n"


def test_paths_with_configured_and_explicit_rules(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(POST, encoding="utf-8")
    (tmp_path / "missing-dir").mkdir()
    results = list(check_paths([str(tmp_path), str(tmp_path / "nope.md")]))
    assert [[d.code for d in r.diagnostics] for r in results] == [["AL103", "AL101"], ["AL001"]]
    only = list(check_paths([str(tmp_path)], rules=[lookup("AL101")]))
    assert [d.code for d in only[0].diagnostics] == ["AL101"]
    (written,) = fix_paths([str(tmp_path)], write=True, rules=[lookup("AL101")])
    assert written.written and "<!--" not in (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "style" in (tmp_path / "a.md").read_text(encoding="utf-8")
