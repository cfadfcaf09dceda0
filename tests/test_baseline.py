"""The baseline (artlint.run.baseline) and checks of what changed (artlint.run.changes), run as
users run them: through the CLI, on a scratch site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_runner import invoke

FRONT = "---\ntitle: t\ndate: 2024-01-01\nartlint-provenance: imported\n---\n"
POST = FRONT + "<p>One.</p><!-- ad 1 -->\n<p>Two.</p>\n<!-- ad 2 -->\n<p>x&amp;nbsp;y</p>\n"


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(POST, encoding="utf-8")
    (tmp_path / "posts" / "b.md").write_text(FRONT + "<p>clean</p>\n", encoding="utf-8")
    (tmp_path / "artlint.toml").write_text('baseline = "artlint-baseline.json"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> tuple[int, str]:
    result = invoke(["check", "--no-cache", *args])
    return result.exit_code, result.output


def test_the_baseline_life_cycle(site: Path) -> None:
    post = site / "posts" / "a.md"
    code, out = check("--write-baseline")
    assert code == 0 and "Wrote 3 findings in 1 file to artlint-baseline.json." in out
    assert check() == (
        0,
        "All checks passed (2 files).\n3 problems not shown: in artlint-baseline.json.\n",
    )

    # One new problem in a baselined file is reported, also one more of a kind it has.
    post.write_text(POST + "<!-- ad 2 -->\n<p>new</p><!-- new -->\n", encoding="utf-8")
    code, out = check()
    assert code == 1
    assert [line.split(": ")[0] for line in out.splitlines() if " AL101 " in line] == [
        "posts/a.md:10:1",
        "posts/a.md:11:11",
    ]

    # Lines added above every finding: still covered.
    post.write_text(POST.replace(FRONT, FRONT + "<p>Intro.</p>\n\n" * 5), encoding="utf-8")
    assert check()[0] == 0

    # The file moved: still covered.
    shutil.move(post, site / "posts" / "renamed.md")
    assert check()[0] == 0

    # A finding fixed: reported as stale; strict mode fails until pruned.
    moved = site / "posts" / "renamed.md"
    moved.write_text(moved.read_text(encoding="utf-8").replace("<!-- ad 2 -->\n", ""), "utf-8")
    code, out = check()
    assert code == 0 and "1 problem in artlint-baseline.json is fixed" in out
    code, out = check("--strict-baseline")
    assert code == 1 and "(strict-baseline: this run fails until then)" in out
    code, out = check("--prune-baseline")
    assert "Pruned 1 fixed problem from artlint-baseline.json." in out
    assert check("--strict-baseline")[0] == 0
    counts = json.loads((site / "artlint-baseline.json").read_text(encoding="utf-8"))["files"]
    # The moved file's entries stay under the name they were recorded with: pruning only drops.
    assert sum(n for codes in counts.values() for c in codes.values() for n in c.values()) == 2


def test_the_baseline_file_is_sorted_stable_and_relative(site: Path) -> None:
    (site / "posts" / "c.md").write_text(POST, encoding="utf-8")
    check("--write-baseline")
    first = (site / "artlint-baseline.json").read_text(encoding="utf-8")
    check("--write-baseline")
    assert (site / "artlint-baseline.json").read_text(encoding="utf-8") == first
    data = json.loads(first)
    assert data["artlint-baseline"] == 1
    assert list(data["files"]) == ["posts/a.md", "posts/c.md"]
    assert list(data["files"]["posts/a.md"]) == ["AL101", "AL202"]
    assert all(len(k) == 16 for k in data["files"]["posts/a.md"]["AL101"])


def test_writing_a_baseline_for_part_of_the_site_keeps_the_rest(site: Path) -> None:
    (site / "drafts").mkdir()
    (site / "drafts" / "d.md").write_text(POST, encoding="utf-8")
    check("--write-baseline")
    (site / "posts" / "a.md").write_text(FRONT + "<p>fixed</p>\n", encoding="utf-8")
    check("--write-baseline", "posts")
    files = json.loads((site / "artlint-baseline.json").read_text(encoding="utf-8"))["files"]
    assert list(files) == ["drafts/d.md"]


def test_fix_write_fixes_baselined_findings_and_reports_through_the_baseline(site: Path) -> None:
    check("--write-baseline")
    result = invoke(["fix", "--write", "--no-cache"])
    assert (site / "posts" / "a.md").read_text(encoding="utf-8") == (
        FRONT + "<p>One.</p>\n<p>Two.</p>\n<p>x&nbsp;y</p>\n"
    )
    assert "3 problems in artlint-baseline.json are fixed" in result.output
    assert check("--prune-baseline")[0] == 0
    assert json.loads((site / "artlint-baseline.json").read_text("utf-8"))["files"] == {}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not a baseline"),
        ('{"files": {}}', 'not a baseline of format 1 ("artlint-baseline")'),
        ('{"artlint-baseline": 1, "files": {"a.md": {"AL101": {"x": 0}}}}', "expected a count"),
    ],
)
def test_a_broken_baseline_stops_the_run(site: Path, content: str, message: str) -> None:
    (site / "artlint-baseline.json").write_text(content, encoding="utf-8")
    code, out = check()
    assert code == 2 and message in out and "artlint-baseline.json" in out


def test_a_missing_baseline_says_how_to_make_one(site: Path) -> None:
    code, out = check()
    assert code == 2
    assert "no such baseline (write one with `artlint check --write-baseline`)" in out


def test_a_configured_baseline_outside_the_repository_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "artlint.toml").write_text('baseline = "../elsewhere.json"\n', "utf-8")
    (repo / "a.md").write_text(FRONT + "x\n", encoding="utf-8")
    result = invoke(["check", str(repo)])
    assert result.exit_code == 2 and "baseline:" in result.output
    assert "is outside the project" in result.output


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return done.stdout.decode().strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_diff_base_checks_changed_files_and_changed_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _git(tmp_path, "init", "-q")
    (tmp_path / "old.md").write_text(POST, encoding="utf-8")
    (tmp_path / "touched.md").write_text(POST, encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "first")
    base = _git(tmp_path, "rev-parse", "HEAD")
    touched = tmp_path / "touched.md"
    touched.write_text(POST + "<p>more</p><!-- added -->\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "second")
    (tmp_path / "new.md").write_text(FRONT + "<!-- brand new -->\n", encoding="utf-8")

    code, out = check("--diff-base", base)
    files = {line.split(":")[0] for line in out.splitlines() if ": AL" in line}
    assert code == 1 and files == {"new.md", "touched.md"}

    code, out = check("--diff-base", base, "--changed-lines")
    assert [line.split(" warning")[0] for line in out.splitlines() if ": AL" in line] == [
        "new.md:6:1: AL101 [*]",
        "touched.md:10:12: AL101 [*]",
    ]
    assert check("--diff-base", "HEAD", "--changed-lines", "touched.md")[0] == 0

    code, out = check("--diff-base", "no-such-rev")
    assert code == 2 and "--diff-base no-such-rev:" in out
    code, out = check("--changed-lines")
    assert code == 2 and "--changed-lines needs --diff-base REV" in out


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_lines_do_not_make_baselined_findings_look_fixed(site: Path) -> None:
    _git(site, "init", "-q")
    check("--write-baseline")
    _git(site, "add", ".")
    _git(site, "commit", "-qm", "baseline")
    post = site / "posts" / "a.md"
    post.write_text(POST + "<p>new</p><!-- new -->\n", encoding="utf-8")
    code, out = check("--diff-base", "HEAD", "--changed-lines")
    assert code == 1 and "posts/a.md:10:11: AL101" in out
    assert "is fixed" not in out and "are fixed" not in out
    assert "3 problems not shown" in out


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_lines_come_from_one_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from artlint.run import changes

    _git(tmp_path, "init", "-q")
    for name in ("a.md", "b b.md", "c.md"):
        (tmp_path / name).write_text("one\ntwo\nthree\n", encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "first")
    (tmp_path / "a.md").write_text("one\nTWO\nthree\n", encoding="utf-8")
    (tmp_path / "b b.md").write_text("zero\none\ntwo\nthree\nfour\n", encoding="utf-8")
    (tmp_path / "new.md").write_text("x\n", encoding="utf-8")
    calls: list[tuple[str, ...]] = []
    real = changes._git

    def counted(folder: str, *args: str) -> bytes:
        calls.append(args)
        return real(folder, *args)

    monkeypatch.setattr(changes, "_git", counted)
    found = changes.Changes.since("HEAD", str(tmp_path))
    lines = {name: found.lines(str(tmp_path / name)) for name in ("a.md", "b b.md", "c.md")}
    assert lines == {"a.md": {2}, "b b.md": {1, 5}, "c.md": frozenset()}
    assert found.lines(str(tmp_path / "new.md")) is None
    assert sum(1 for args in calls if "-U0" in args) == 1
