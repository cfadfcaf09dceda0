"""Finding article files: suffixes, skipped folders, symlink loops, sorted order."""

from __future__ import annotations

from pathlib import Path

from artlint.run.files import Missing, Target, discover


def test_walk(tmp_path: Path) -> None:
    for name in (
        "b.md",
        "a.markdown",
        "c.html",
        "d.txt",
        "sub/e.md",
        ".git/f.md",
        "node_modules/g.md",
    ):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    found = list(discover([str(tmp_path)]))
    assert all(isinstance(t, Target) for t in found)
    assert [Path(t.display).relative_to(tmp_path).as_posix() for t in found] == [
        "a.markdown",
        "b.md",
        "c.html",
        "sub/e.md",
    ]


def test_named_files_are_taken_whatever_their_suffix(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    (found,) = discover([str(tmp_path / "notes.txt")])
    assert isinstance(found, Target)
    (missing,) = discover([str(tmp_path / "nope.md")])
    assert isinstance(missing, Missing)


def test_a_file_reached_twice_is_checked_once(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x")
    assert len(list(discover([str(tmp_path), str(tmp_path / "a.md")]))) == 1


def test_pipes_are_not_articles(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "real.md").write_text("x")
    found = list(discover([str(tmp_path)]))
    assert [Path(t.display).name for t in found] == ["real.md"]
    (named,) = discover([str(tmp_path / "pipe.md")])
    assert isinstance(named, Missing) and "not a regular file" in named.reason
