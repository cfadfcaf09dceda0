"""Find the article files under the paths given on the command line."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from artlint.safe.patterns import gitignore
from artlint.safe.regular import CONFIG_LIMIT, read_head, read_regular

ARTICLE_SUFFIXES = (".md", ".markdown", ".html")
SKIPPED_DIRS = frozenset({"node_modules"})


def within(path: str, roots: Sequence[str]) -> bool:
    """Whether `path` is one of `roots` or under one of them (absolute paths; a root of `/`
    holds everything)."""
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


@dataclass(frozen=True, slots=True)
class Target:
    display: str  # as given on the command line, joined with the path below it
    path: str  # what to open


def printable(path: str) -> str:
    """A path fit for reports: bytes that are not UTF-8 shown as \\xNN escapes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


@dataclass(frozen=True, slots=True)
class Missing:
    display: str
    reason: str


Skip = Callable[[str, bool], bool]  # (path, is_dir) -> leave it out of the walk


def discover(
    paths: Iterable[str], skip: Skip | None = None, *, force_exclude: bool = False
) -> Iterator[Target | Missing]:
    """Files named directly are taken whatever their suffix; folders are walked for articles.

    Hidden folders and node_modules are skipped, and whatever `skip` says (excluded by
    configuration or .gitignore; for named files too with `force_exclude`); symlinked
    folders are followed once (each real folder is
    entered at most once, so link loops end), and the order is sorted.
    """
    seen_files: set[str] = set()
    for given in paths:
        if os.path.isdir(given):
            yield from _walk(given, seen_files, skip)
        elif os.path.exists(given) and not os.path.isfile(given):
            yield Missing(printable(given), "not a regular file (a pipe, socket or device)")
        elif os.path.exists(given) or os.path.islink(given):
            if force_exclude and skip is not None and skip(given, False):
                continue  # named, but excluded: pre-commit names every staged file
            real = os.path.realpath(given)
            if real not in seen_files:
                seen_files.add(real)
                yield Target(printable(given), given)
        else:
            yield Missing(printable(given), _why_missing(given))


def _why_missing(path: str) -> str:
    """Why os.path.exists said no: the file is absent, or a folder on the way cannot be
    entered, or the path is too long."""
    try:
        os.stat(path)
    except OSError as exc:
        return (exc.strerror or str(exc)).lower()
    return "no such file or directory"


def _regular(entry: os.DirEntry[str]) -> bool:
    # A FIFO named post.md would block the run forever on open().
    try:
        return entry.is_file()
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class _Listing:
    """A folder being walked: its entries in sorted order, and how its paths are shown."""

    entries: Iterator[os.DirEntry[str]]
    folder: str
    display: str
    real: str


def _walk(root: str, seen_files: set[str], skip: Skip | None) -> Iterator[Target | Missing]:
    # Depth first with a stack, not a recursive closure: a closure that calls itself is a
    # reference cycle, which kept every folder's listing alive after the walk.
    seen_dirs: set[str] = set()
    unreadable: list[Missing] = []

    def listing(folder: str, display: str) -> _Listing | None:
        real = os.path.realpath(folder)
        if real in seen_dirs:
            return None
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            # A folder that cannot be read is said, never passed over in silence.
            reason = (exc.strerror or str(exc)).lower()
            unreadable.append(
                Missing(printable(display or folder), f"cannot read folder: {reason}")
            )
            return None
        return _Listing(iter(entries), folder, display, real)

    # `artlint check .` shows `post.md`, not `./post.md`, as ruff and git do.
    first = listing(root, "" if root in (".", "./") else root)
    yield from unreadable
    unreadable.clear()
    stack = [first] if first is not None else []
    while stack:
        top = stack[-1]
        entry = next(top.entries, None)
        if entry is None:
            stack.pop()
            continue
        # The name to show is most often the path itself: one string for both saved a
        # tenth of the memory of a run over 50,000 files.
        path = entry.path
        shown = path if top.display == top.folder else os.path.join(top.display, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            if entry.name.startswith(".") or entry.name in SKIPPED_DIRS:
                continue
            if skip is not None and skip(path, True):
                continue
            inner = listing(path, shown)
            if inner is not None:
                stack.append(inner)
            yield from unreadable
            unreadable.clear()
        elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and _regular(entry):
            if skip is not None and skip(path, False):
                continue
            # A plain file's real path follows from its folder's, without a syscall.
            target = (
                os.path.realpath(path) if entry.is_symlink() else os.path.join(top.real, entry.name)
            )
            if target in seen_files:
                continue
            seen_files.add(target)
            yield Target(printable(shown), path)


class GitIgnore:
    """Answers whether a path is ignored by the .gitignore files of the folders above it, as
    git answers: the deepest file with a matching pattern decides (so `!keep.md` in a
    subfolder wins over `*.md` at the top). Inside a repository the files up to its root
    count; outside one, those up to the folder the walk started from. Each file is read once.
    """

    def __init__(self, roots: tuple[str, ...] = ()) -> None:
        self._specs: dict[str, Any] = {}
        self._roots: dict[str, str] = {}
        self._chains: dict[str, tuple[tuple[str, Any], ...]] = {}
        self._walk_roots = tuple(os.path.abspath(r) for r in roots)

    def _spec(self, folder: str) -> Any:
        if folder not in self._specs:
            path = os.path.join(folder, ".gitignore")
            spec = None
            if os.path.isfile(path):
                try:
                    lines = read_regular(path, CONFIG_LIMIT).decode("utf-8", "replace")
                except OSError:
                    lines = ""  # unreadable, a pipe, or huge: as git, go on without it
                spec = gitignore(lines.splitlines())
            self._specs[folder] = spec
        return self._specs[folder]

    def _top(self, folder: str) -> str:
        if folder not in self._roots:
            probe = folder
            while not os.path.exists(os.path.join(probe, ".git")):
                parent = os.path.dirname(probe)
                if parent == probe:
                    # Not in a repository: the .gitignore files from the walk's root down.
                    inside = [r for r in self._walk_roots if folder.startswith(r)]
                    probe = max(inside, key=len) if inside else folder
                    break
                probe = parent
            self._roots[folder] = probe
        return self._roots[folder]

    def _chain(self, folder: str) -> tuple[tuple[str, Any], ...]:
        """The folders from `folder` up to its top that have a .gitignore, deepest first,
        with their patterns; most folders of a tree have the same few."""
        if folder not in self._chains:
            top = self._top(folder)
            chain = []
            probe = folder
            while True:
                spec = self._spec(probe)
                if spec is not None:
                    chain.append((probe, spec))
                if probe == top or os.path.dirname(probe) == probe:
                    break
                probe = os.path.dirname(probe)
            self._chains[folder] = tuple(chain)
        return self._chains[folder]

    def ignored(self, path: str, is_dir: bool) -> bool:
        path = os.path.abspath(path)
        for folder, spec in self._chain(os.path.dirname(path)):
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            decided = spec.check_file(rel + "/" if is_dir else rel).include
            if decided is not None:
                return bool(decided)
        return False


_PAGE = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s|html[\s>])", re.IGNORECASE | re.DOTALL)


def whole_html_page(path: str) -> bool:
    """Whether an `.html` file is a complete page (`<!DOCTYPE html>`, `<html>`): a template,
    a saved page or build output, not an article, which has front matter and a body."""
    if not path.lower().endswith((".html", ".htm")):
        return False
    try:
        head = read_head(path, 4096)
    except OSError:
        return False
    return bool(_PAGE.match(head))
