"""The library surface: the same per-file pipeline as the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from artlint.api import check_paths, check_text, fix_paths, fix_text
from artlint.rules.base import Rule
from artlint.run.builtin import lookup

# Imported markup (declared: the post is too short for artlint to see it as a copy).
FM = "---\ntitle: t\ndate: 2024-01-01\nartlint-provenance: imported\n---\n"
POST = FM + "<p style='x'>a</p>\n<!-- ad -->\n"


def rule(code: str) -> Rule[Any]:
    found = lookup(code)
    assert found is not None, code
    return found


def test_text() -> None:
    assert [d.code for d in check_text(POST)] == ["AL103", "AL101"]
    assert fix_text(POST).document.text == FM + "<p>a</p>\n"


def test_paths_with_configured_and_explicit_rules(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(POST, encoding="utf-8")
    (tmp_path / "missing-dir").mkdir()
    results = list(check_paths([str(tmp_path), str(tmp_path / "nope.md")]))
    assert [[d.code for d in r.diagnostics] for r in results] == [["AL103", "AL101"], ["AL001"]]
    only = list(check_paths([str(tmp_path)], rules=[rule("AL101")]))
    assert [d.code for d in only[0].diagnostics] == ["AL101"]
    (written,) = fix_paths([str(tmp_path)], write=True, rules=[rule("AL101")])
    assert written.written and "<!--" not in (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "style" in (tmp_path / "a.md").read_text(encoding="utf-8")


def test_text_with_a_path_uses_the_project_configuration(tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text(
        'ignore = ["AL302"]\npacks = ["rss-portal"]\nprovenance = "imported"\n', encoding="utf-8"
    )
    text = (
        "---\ntitle: t\ndate: 2024-01-01\nthumbnail: a.png\nheadimg: a.png\n---\n"
        "<p>x</p><!-- news_keyword_pub,stock -->\n"
    )
    post = str(tmp_path / "post.md")
    codes = [d.code for d in check_text(text, path=post)]
    assert codes == ["RSS107"]  # AL302 ignored; the pack's rule, not AL101 (same span)
    assert fix_text(text, path=post).document.text.endswith("<p>x</p>\n")
    # One resolver for many calls gives the same answer.
    from artlint.run.config import Resolver

    shared = Resolver()
    assert [d.code for d in check_text(text, path=post, resolver=shared)] == ["RSS107"]
    assert fix_text(text, path=post, resolver=shared).document.text.endswith("<p>x</p>\n")
    # Settings given explicitly win; "-" means no project.
    assert "AL302" in [d.code for d in check_text(text, path=post, rules=[rule("AL302")])]
    assert "AL302" in [d.code for d in check_text(text)]


def test_the_public_surface_is_all_there() -> None:
    import artlint.api

    for name in artlint.api.__all__:
        assert getattr(artlint.api, name) is not None, name


def test_a_fix_under_the_root_folder_is_written(tmp_path: Path) -> None:
    # `fix --write .` from `/`: every file is under the root `/`; joining a separator to it
    # made `//`, and every write was refused as outside the checked tree.
    from artlint.run.article import fix_loaded, read_document

    post = tmp_path / "a.md"
    post.write_text("---\ntitle: t\ndate: 2024-01-01\n---\n<p>a</p>\n<!-- ad -->\n", "utf-8")
    raw, doc = read_document(str(post), str(post), "none", "imported")
    result = fix_loaded(str(post), raw, doc, None, write=True, roots=("/",))
    assert result.written and "<!--" not in post.read_text(encoding="utf-8")
