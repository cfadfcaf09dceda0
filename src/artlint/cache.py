"""The result cache: a file whose content and settings have not changed is not checked again.

An entry's key is a hash of artlint's version, the effective settings (rules, their options
and severities, the content of the packs in use, the generator) and the file's bytes, so a
checkout that resets modification times still hits, and any change to a rule, option or pack
misses. A hit still reads and hashes the file, then skips parsing and checking.

Entries live in `.artlint_cache/` at the project root (the folder of the configuration file,
or the current folder): one small JSON file each, written atomically. An unreadable or
corrupted entry is a miss; a concurrent writer can at worst write the same entry twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence

from artlint import __version__
from artlint.codec import pack, unpack
from artlint.diagnostics import Diagnostic
from artlint.rule import Configured

CACHE_DIR = ".artlint_cache"
_FORMAT = 2  # of the entries (artlint.codec); part of every key


def settings_key(rules: Sequence[Configured], extra: str) -> str:
    """A hash of everything besides the file that decides what a check finds."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{__version__}\0{_FORMAT}\0{extra}\0".encode())
    for entry in rules:
        rule = entry.rule
        h.update(f"{rule.code}\0{entry.severity.value}\0{entry.options!r}\0".encode())
        h.update(f"{rule.fingerprint}\0".encode())
    return h.hexdigest()


def entry_key(settings: str, raw: bytes, path: str) -> str:
    h = hashlib.blake2b(raw, digest_size=20)
    h.update(settings.encode())
    # The file name matters to some rules (a date in the path satisfies AL401).
    h.update(path.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


class Cache:
    def __init__(self, folder: str) -> None:
        self.folder = folder

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key[2:] + ".json")

    def get(self, key: str, display: str) -> tuple[Diagnostic, ...] | None:
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                data = json.load(fh)
            return tuple(unpack(display, d) for d in data["diagnostics"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, unreadable or corrupted: check the file again

    def put(self, key: str, diagnostics: Sequence[Diagnostic]) -> None:
        path = self._path(key)
        folder = os.path.dirname(path)
        try:
            os.makedirs(folder, exist_ok=True)
            _tag(self.folder)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"diagnostics": [pack(d) for d in diagnostics]}, fh)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)


def _tag(folder: str) -> None:
    # Keeps the cache out of git and out of backups, as other tools' caches do.
    ignore = os.path.join(folder, ".gitignore")
    if not os.path.exists(ignore):
        with open(ignore, "w", encoding="utf-8") as fh:
            fh.write("# Created by artlint\n*\n")
