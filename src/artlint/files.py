"""Find the article files under the paths given on the command line."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

ARTICLE_SUFFIXES = (".md", ".markdown", ".html")
SKIPPED_DIRS = frozenset({"node_modules"})


@dataclass(frozen=True, slots=True)
class Target:
    display: str  # as given on the command line, joined with the path below it
    path: str  # what to open


@dataclass(frozen=True, slots=True)
class Missing:
    display: str
    reason: str


def discover(paths: Iterable[str]) -> Iterator[Target | Missing]:
    """Files named directly are taken whatever their suffix; folders are walked for articles.

    Hidden folders and node_modules are skipped, symlinked folders are followed once (each
    real folder is entered at most once, so link loops end), and the order is sorted.
    """
    seen_files: set[str] = set()
    for given in paths:
        if os.path.isdir(given):
            yield from _walk(given, seen_files)
        elif os.path.exists(given) or os.path.islink(given):
            real = os.path.realpath(given)
            if real not in seen_files:
                seen_files.add(real)
                yield Target(given, given)
        else:
            yield Missing(given, "no such file or directory")


def _walk(root: str, seen_files: set[str]) -> Iterator[Target]:
    seen_dirs: set[str] = set()

    def visit(folder: str, display: str) -> Iterator[Target]:
        real = os.path.realpath(folder)
        if real in seen_dirs:
            return
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            shown = os.path.join(display, entry.name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                if entry.name.startswith(".") or entry.name in SKIPPED_DIRS:
                    continue
                yield from visit(entry.path, shown)
            elif entry.name.lower().endswith(ARTICLE_SUFFIXES):
                target = os.path.realpath(entry.path)
                if target in seen_files:
                    continue
                seen_files.add(target)
                yield Target(shown, entry.path)

    yield from visit(root, root)
