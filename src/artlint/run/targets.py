"""The files a run covers: the paths given, less what the configuration, a .gitignore or the
site generator's layout leaves out."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from artlint.document.generator import outside_content
from artlint.run.config import Resolver
from artlint.run.files import GitIgnore, Missing, Skip, Target, discover, whole_html_page


def skipper(resolver: Resolver, roots: tuple[str, ...] = ()) -> Skip:
    """What a run leaves out: `skip(path, is_dir)` is true for what the configuration or a
    .gitignore (those of `roots`, and of the repository a path is in) excludes, what lies
    outside the site's content, and whole HTML pages. Each .gitignore is read once per
    skipper: make one and keep it (an editor asks this of every open file, at each change)."""
    gitignore = GitIgnore(roots)

    def skip(path: str, is_dir: bool) -> bool:
        settings = resolver.settings_for(path, is_dir)
        if settings.excluded(path + ("/" if is_dir else "")):
            return True
        if settings.respect_gitignore and gitignore.ignored(path, is_dir):
            return True
        if outside_content(path, is_dir, settings.generator) is not None:
            return True
        return not is_dir and whole_html_page(path)

    return skip


def targets(
    paths: Iterable[str], resolver: Resolver, *, force_exclude: bool = False
) -> Iterator[Target | Missing]:
    """The files a run covers, after exclusions and .gitignore, in order."""
    paths = list(paths)
    roots = tuple(p for p in paths if os.path.isdir(p))
    return discover(paths, skipper(resolver, roots), force_exclude=force_exclude)
