"""What the language server asks of artlint, one buffer at a time: the same library calls as
the CLI (`check_text`, `fix_text` with the project's configuration), no second engine.

These functions run on the server's one worker thread, never on its event loop, so that a
slow article does not block typing; the resolver (which caches configuration files) is only
ever used from that thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.uris import to_fs_path

from artlint.api import check_text, fix_text
from artlint.document.article import Document
from artlint.model.diagnostics import Diagnostic
from artlint.run.config import ConfigError, Overrides, Resolver, Settings
from artlint.run.files import ARTICLE_SUFFIXES, Skip
from artlint.run.targets import skipper
from artlint.server.convert import text_edits

ARTICLE_LANGUAGES = ("markdown", "html")


def path_of(uri: str) -> str | None:
    """The file a `file:` URI names; None for unsaved buffers (`untitled:`) and others."""
    path = to_fs_path(uri)
    return None if path is None else os.path.normpath(path)


@dataclass(frozen=True)
class Checked:
    """One check of one version of a buffer."""

    version: int | None
    text: str
    found: tuple[Diagnostic, ...]
    config_error: str | None = None
    skipped: bool = False  # the CLI would not check this file: no diagnostics
    docs_url: str | None = None

    @property
    def shift(self) -> int:
        return 1 if self.text.startswith("\ufeff") else 0


def wanted(path: str | None, language: str) -> bool:
    """Whether a buffer is an article at all: by its suffix, else by the client's language."""
    if path is not None and path.lower().endswith(ARTICLE_SUFFIXES):
        return True
    return language in ARTICLE_LANGUAGES


@dataclass(frozen=True)
class Project:
    """The configuration as the server reads it, made and replaced as one on a reload: the
    resolver (each configuration file read once) and the CLI's filter of what is an article
    to check (each .gitignore read once)."""

    resolver: Resolver
    skip: Skip
    home: str  # the first workspace folder (else where the server started): unsaved buffers
    # Whether a path is left out depends on the configuration and .gitignore files, which a
    # reload replaces with the whole Project: asked once a path, not at every keystroke. An
    # .html file is asked each time: whether it is a whole page is read from the file.
    _skipped: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def skipped(self, path: str) -> bool:
        if path.lower().endswith((".html", ".htm")):
            return self.skip(path, False)
        found = self._skipped.get(path)
        if found is None:
            found = self._skipped[path] = self.skip(path, False)
        return found

    @classmethod
    def of(cls, overrides: Overrides, roots: tuple[str, ...]) -> Project:
        resolver = Resolver(overrides)
        return cls(resolver, skipper(resolver, roots), roots[0] if roots else os.getcwd())

    def settings_for(self, path: str | None) -> Settings:
        """A saved buffer's settings are its file's; an unsaved one's, like standard input's
        on the command line, those of the folder it is worked on from."""
        if path is None:
            return self.resolver.settings_for(self.home, is_dir=True)
        return self.resolver.settings_for(path, is_dir=False)


def check(
    project: Project,
    path: str | None,
    language: str,
    text: str,
    version: int | None,
) -> Checked:
    """The findings on `text`, the buffer's current content, as `artlint check` would report
    them for the file at `path` holding it. An unsaved buffer is checked as standard input."""
    try:
        if not wanted(path, language) or (path is not None and project.skipped(path)):
            return Checked(version, text, (), skipped=True)
        settings = project.settings_for(path)
        if path is None:
            found = check_text(text, rules=settings.rules, provenance=settings.provenance)
        else:
            found = check_text(text, path, resolver=project.resolver)
    except ConfigError as exc:
        return Checked(version, text, (), config_error=str(exc))
    return Checked(version, text, tuple(found), docs_url=settings.docs_url)


def fixed(project: Project, path: str | None, text: str) -> str:
    """`text` as `artlint fix --write` would leave the file: safe fixes (and unsafe ones
    when the configuration says `unsafe-fixes = true`), to a fixed point, past the oracle."""
    settings = project.settings_for(path)
    if path is None:
        result = fix_text(
            text,
            unsafe=settings.unsafe_fixes,
            rules=settings.rules,
            provenance=settings.provenance,
        )
    else:
        result = fix_text(text, path, unsafe=settings.unsafe_fixes, resolver=project.resolver)
    if result.refused or result.crashed or not result.changed:
        return text
    return ("\ufeff" if result.document.bom else "") + result.document.text


def fix_all_edits(
    project: Project, path: str | None, text: str, encoding: str
) -> list[types.TextEdit]:
    """The TextEdits that turn `text` into what `fixed` leaves (on the worker thread: the
    fix and the diff both take time in proportion to the buffer)."""
    return text_edits(text, fixed(project, path, text), encoding)


def body_start(text: str) -> int:
    """Where the article's body starts in the buffer (after its front matter and any BOM)."""
    bom = text.startswith("\ufeff")
    return Document("-", text[1:] if bom else text, bom).body.start + (1 if bom else 0)
