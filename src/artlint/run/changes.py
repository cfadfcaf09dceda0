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
from dataclasses import dataclass, field

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
_FILE = re.compile(rb"^diff --git ", re.M)
_DIFF = ("--diff-filter=ACMRT", "--no-color", "--no-ext-diff")


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
    diffed: tuple[str, ...] = ()  # the changed tracked files, in the order git lists them
    # Changed lines by file, read from one `git diff` at the first question.
    _lines: dict[str, frozenset[int]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def since(cls, revision: str, folder: str = ".") -> Changes:
        top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
        _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        names = _git(top, "diff", "--name-only", "-z", *_DIFF, revision, "--")
        new = _git(top, "ls-files", "--others", "--exclude-standard", "-z")

        def paths(raw: bytes) -> tuple[str, ...]:
            return tuple(
                os.path.realpath(os.path.join(top, os.fsdecode(p))) for p in raw.split(b"\0") if p
            )

        diffed, untracked = paths(names), frozenset(paths(new))
        return cls(top, revision, frozenset(diffed) | untracked, untracked, diffed)

    def touches(self, path: str) -> bool:
        return os.path.realpath(path) in self.files

    def lines(self, path: str) -> frozenset[int] | None:
        """The 1-based lines of `path` added or changed since the revision; None for a new
        file (every line is new)."""
        real = os.path.realpath(path)
        if real in self.untracked:
            return None
        if not self._lines and self.diffed:
            self._lines.update(self._read_lines())
        return self._lines.get(real, frozenset())

    def _read_lines(self) -> dict[str, frozenset[int]]:
        """Every changed file's lines, from one `git diff`: a file's part of the patch starts at
        its `diff --git` line, in the order `--name-only` gave (same options, same order)."""
        diff = _git(self.top, "diff", "-U0", *_DIFF, self.revision, "--")
        starts = [m.start() for m in _FILE.finditer(diff)]
        if len(starts) != len(self.diffed):  # never seen; then one diff a file, as it was
            return {p: _hunk_lines(self._one(p)) for p in self.diffed}
        parts = [diff[a:b] for a, b in zip(starts, [*starts[1:], len(diff)], strict=True)]
        return {p: _hunk_lines(part) for p, part in zip(self.diffed, parts, strict=True)}

    def _one(self, path: str) -> bytes:
        return _git(self.top, "diff", "-U0", *_DIFF, self.revision, "--", path)


def _hunk_lines(patch: bytes) -> frozenset[int]:
    out: set[int] = set()
    for m in _HUNK.finditer(patch):
        start, count = int(m.group(1)), int(m.group(2) or b"1")
        out.update(range(start, start + count))
    return frozenset(out)
