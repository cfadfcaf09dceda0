"""What the language server asks of artlint, one buffer at a time: the same library calls as
the CLI (`check_text`, `fix_text` with the project's configuration), no second engine.

These functions run on the server's one worker thread, never on its event loop, so that a
slow article does not block typing; the resolver (which caches configuration files) is only
ever used from that thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from artlint.api import check_text, fix_text, is_checked
from artlint.config import ConfigError, Resolver
from artlint.diagnostics import Diagnostic
from artlint.document import Document

ARTICLE_SUFFIXES = (".md", ".markdown", ".html")
ARTICLE_LANGUAGES = ("markdown", "html")


def path_of(uri: str) -> str | None:
    """The file a `file:` URI names; None for unsaved buffers (`untitled:`) and others."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and path[2:3] == ":":
        path = path[1:]
    return os.path.normpath(path)


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


def check(
    resolver: Resolver,
    roots: tuple[str, ...],
    path: str | None,
    language: str,
    text: str,
    version: int | None,
) -> Checked:
    """The findings on `text`, the buffer's current content, as `artlint check` would report
    them for the file at `path` holding it. An unsaved buffer is checked as standard input."""
    try:
        if not wanted(path, language) or (
            path is not None and not is_checked(path, resolver, roots)
        ):
            return Checked(version, text, (), skipped=True)
        if path is None:
            return Checked(version, text, tuple(check_text(text)))
        settings = resolver.settings_for(path, is_dir=False)
        found = check_text(text, path, resolver=resolver)
    except ConfigError as exc:
        return Checked(version, text, (), config_error=str(exc))
    return Checked(version, text, tuple(found), docs_url=settings.docs_url)


def fixed(resolver: Resolver, path: str | None, text: str) -> str:
    """`text` as `artlint fix --write` would leave the file: safe fixes (and unsafe ones
    when the configuration says `unsafe-fixes = true`), to a fixed point, past the oracle."""
    unsafe = False
    if path is not None:
        unsafe = resolver.settings_for(path, is_dir=False).unsafe_fixes
    result = fix_text(text, path or "-", unsafe=unsafe, resolver=resolver)
    if result.refused or result.crashed or not result.changed:
        return text
    return ("\ufeff" if result.document.bom else "") + result.document.text


def body_start(text: str) -> int:
    """Where the article's body starts in the buffer (after its front matter and any BOM)."""
    bom = text.startswith("\ufeff")
    return Document("-", text[1:] if bom else text, bom).body.start + (1 if bom else 0)
