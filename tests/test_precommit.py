"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit in a consumer repository.

Slow (pre-commit builds a virtualenv with artlint in it), so marked `slow`; it runs in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
DIRTY = "---\ntitle: t\ndate: 2024-01-01\n---\n<p>Text.</p>\n<!-- 正文下iframe -->\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hooks_in_a_real_consumer_repo(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    repo = tmp_path / "site"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    post = repo / "post.md"
    post.write_text(DIRTY, encoding="utf-8")
    _git(repo, "add", "post.md")
    env_home = {"PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def try_repo(hook: str) -> subprocess.CompletedProcess[str]:
        import os

        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(CHECKOUT), hook, "--all-files"],
            cwd=repo,
            capture_output=True,
            text=True,
            env={**os.environ, **env_home},
            check=False,
        )

    first = try_repo("artlint")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "post.md:6:1: AL101" in first.stdout
    fixed = try_repo("artlint-fix")
    assert fixed.returncode == 1  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in fixed.stdout
    assert post.read_text(encoding="utf-8") == DIRTY.replace("<!-- 正文下iframe -->\n", "")
    again = try_repo("artlint")
    assert again.returncode == 0, again.stdout + again.stderr


def _readme_snippets() -> list[str]:
    """The YAML blocks of README.md's pre-commit section, as a user would copy them."""
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def _consumer(tmp_path: Path, config: str) -> Path:
    repo = tmp_path / "site"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    (repo / "post.md").write_text(DIRTY, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(repo, "add", ".")
    return repo


def _pre_commit(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        # `language: system` finds the artlint installed beside this Python.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_readme_local_hook_snippet_runs(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    local, _ = _readme_snippets()
    assert "repo: local" in local
    repo = _consumer(tmp_path, local)
    result = _pre_commit(repo, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "post.md:6:1: AL101" in result.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_readme_pinned_hook_snippet_runs_at_the_pinned_commit(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    _, pinned = _readme_snippets()
    rev = re.search(r"rev: (\S+)", pinned)
    assert rev is not None and re.fullmatch(r"[0-9a-f]{40}", rev.group(1))
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        check=False,
    )
    exists = subprocess.run(
        ["git", "cat-file", "-e", f"{rev.group(1)}^{{commit}}"], cwd=CHECKOUT, check=False
    )
    if exists.returncode != 0 and shallow.stdout.strip() != "false":
        pytest.skip("this checkout has no history (shallow or not a git clone)")
    assert exists.returncode == 0, f"README pins {rev.group(1)}, which this repository lacks"
    config = re.sub(r"repo: \S+", f"repo: {CHECKOUT}", pinned, count=1)
    repo = _consumer(tmp_path, config)
    result = _pre_commit(repo, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "post.md:6:1: AL101" in result.stdout
