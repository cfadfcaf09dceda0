"""What changed since a git revision: `artlint check --diff-base REV` checks only those
files, and with `--changed-lines` reports only findings that start on added or changed lines
(for CI on pull requests in large archives).

Changed means: differs between REV and the working tree (committed, staged or not), or is a
new file git does not ignore. Deleted files are not checked.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


class ChangesError(Exception):
    """git could not say what changed; the message says why."""


def _git(folder: str, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, check=False, timeout=300
        )
    except FileNotFoundError:
        raise ChangesError("--diff-base needs git, which is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangesError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


@dataclass(frozen=True)
class Changes:
    top: str  # the repository's top folder
    revision: str
    files: frozenset[str]  # absolute, real paths of changed and new files
    untracked: frozenset[str]

    @classmethod
    def since(cls, revision: str, folder: str = ".") -> Changes:
        top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
        _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        names = _git(top, "diff", "--name-only", "-z", "--diff-filter=ACMRT", revision, "--")
        new = _git(top, "ls-files", "--others", "--exclude-standard", "-z")

        def paths(raw: bytes) -> frozenset[str]:
            return frozenset(
                os.path.realpath(os.path.join(top, os.fsdecode(p))) for p in raw.split(b"\0") if p
            )

        untracked = paths(new)
        return cls(top, revision, paths(names) | untracked, untracked)

    def touches(self, path: str) -> bool:
        return os.path.realpath(path) in self.files

    def lines(self, path: str) -> frozenset[int] | None:
        """The 1-based lines of `path` added or changed since the revision; None for a new
        file (every line is new)."""
        real = os.path.realpath(path)
        if real in self.untracked:
            return None
        diff = _git(self.top, "diff", "-U0", "--no-color", self.revision, "--", real)
        out: set[int] = set()
        for m in _HUNK.finditer(diff):
            start, count = int(m.group(1)), int(m.group(2) or b"1")
            out.update(range(start, start + count))
        return frozenset(out)
