"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit in a consumer repository.

Slow (pre-commit builds a virtualenv with artlint in it), so marked `slow`; it runs in CI.
"""

from __future__ import annotations

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
