"""The result cache: a file whose content and settings have not changed is not checked again.

An entry's key is a hash of artlint's version, the effective settings (rules, their options
and severities, the content of the packs in use, the generator) and the file's bytes, so a
checkout that resets modification times still hits, and any change to a rule, option or pack
misses. A hit still reads and hashes the file, then skips parsing and checking.

Entries live in one SQLite database in `.artlint_cache/` at the project root (the folder of
the configuration file, or the current folder). A file per entry cost 0.1-0.5 ms of kernel
time to create on ext4, as much as checking the file; SQLite writes a batch of entries in one
transaction, and its locking lets worker processes and concurrent runs share the cache. An
entry holds the findings (artlint.model.codec, as JSON) and the file's part of the report as the
run that stored it rendered it (see Reporter.renderer), so that a run with the same format
rebuilds no finding. A cache that cannot be opened, read or written is a cache that misses:
a corrupted database is removed and started again, and the run goes on.

The cache folder sits in the content tree, which may come from a stranger (a pull request
that CI checks). So it is never trusted: keys and rows are authenticated with a secret kept
in the user's own cache folder (`$XDG_CACHE_HOME/artlint/secret`, else
`~/.cache/artlint/secret`), so a committed, planted or edited entry is a miss, never a
result; a `.artlint_cache` that is a symlink, or whose files are, is not used (it would make
artlint write outside the tree); and without a usable secret the run goes without a cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
import sqlite3
import stat
import time
from collections.abc import Sequence
from dataclasses import astuple
from typing import Any

from artlint import __version__
from artlint.model.codec import pack, unpack
from artlint.model.diagnostics import Diagnostic
from artlint.model.results import Rendered
from artlint.rules.base import Configured

CACHE_DIR = ".artlint_cache"
_FORMAT = 5  # of the entries; part of every key and of the database's name
DATABASE = f"entries-{_FORMAT}.sqlite3"
BATCH = 64  # entries written per transaction
BUSY_TIMEOUT = 2.0  # seconds to wait for another process's write (one batch takes ms)
# Lookups read through a memory map of this much of the database (a hit took half as long
# again without one), but the pages it touches count as the process's memory: a map of the
# whole database made a cached run over 50,000 files peak at 174 MB, this one at 72 MB.
MMAP_BYTES = 32 << 20
KEEP_DAYS = 30  # an entry no run has used for this long is removed (content that changed)
_INSERT = "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_REPORT = "tag, report, problems, fixable, unsafe_fixable, report_mac, used"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key BLOB PRIMARY KEY,
    tag TEXT NOT NULL,  -- the renderer that wrote `report`; "" when none did
    report TEXT,
    problems INTEGER,
    fixable INTEGER,
    unsafe_fixable INTEGER,
    report_mac BLOB,
    findings TEXT NOT NULL,
    findings_mac BLOB NOT NULL,
    used INTEGER NOT NULL  -- the day (since 1970) a run last stored or used the entry
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


def today() -> int:
    """Days since 1970, the unit of an entry's `used` day."""
    return int(time.time() // 86400)


SECRET_BYTES = 32


def secret_path() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "artlint", "secret")


@functools.lru_cache(maxsize=1)
def secret() -> bytes | None:
    """This user's cache secret, made on first use; None when it cannot be read or made
    safely (then nothing is cached). Kept outside every content tree, readable by its owner
    only; a symlink, or a file someone else owns or can write, is not trusted."""
    path = secret_path()
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(SECRET_BYTES))
        fd = os.open(path, os.O_RDONLY | nofollow | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            mine = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
            private = stat.S_ISREG(info.st_mode) and not info.st_mode & 0o077
            value = fh.read(SECRET_BYTES + 1)
    except OSError:
        return None
    if not (mine and private) or len(value) != SECRET_BYTES:
        return None  # a file being written by a concurrent first run reads short: no cache
    return value


def settings_key(rules: Sequence[Configured[Any]], extra: str) -> str:
    """A hash of everything besides the file that decides what a check finds, keyed with the
    user's secret so that nobody without it can compute an entry's key."""
    h = hashlib.blake2b(digest_size=16, key=secret() or b"")
    h.update(f"{__version__}\0{_FORMAT}\0{extra}\0".encode())
    for entry in rules:
        rule = entry.rule
        h.update(f"{rule.code}\0{entry.severity.value}\0{entry.options!r}\0".encode())
        h.update(f"{rule.fingerprint}\0".encode())
    return h.hexdigest()


def entry_key(settings: str, raw: bytes, path: str) -> bytes:
    h = hashlib.sha256(raw)  # CPUs have instructions for it: as fast as any in hashlib here
    h.update(settings.encode())
    # The file name matters to some rules (a date in the path satisfies AL401).
    h.update(path.encode("utf-8", "surrogateescape"))
    return h.digest()


class Cache:
    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._db: sqlite3.Connection | None = None
        self._secret = secret() or b""
        # Locked, unwritable, unsafe or damaged twice, or no secret: this run goes without.
        self._broken = not self._secret
        self._renewed = False  # a damaged database was removed once already
        self._pending: list[tuple[Any, ...]] = []
        # The last prefetch's answers: a key's report columns, or None when it has no entry.
        self._prefetched: dict[bytes, tuple[Any, ...] | None] = {}
        self._today = today()
        self._touched: list[tuple[int, bytes]] = []  # hits last used on an earlier day

    def _connect(self) -> sqlite3.Connection | None:
        while self._db is None and not self._broken:
            try:
                self._db = self._open()
            except sqlite3.Error as exc:
                self._failed(exc)
            except OSError:  # the folder cannot be made, or is not safe to write in
                self._broken = True
        return self._db

    def _failed(self, exc: sqlite3.Error) -> None:
        """After an error: a damaged database is removed and started again, once; after any
        other (locked beyond the timeout, read-only, disk full) this run goes without, rather
        than wait out the timeout again at every batch."""
        self._drop()
        damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(
            exc, sqlite3.OperationalError
        )
        if damaged and not self._renewed:
            self._renewed = True
            self._remove()
        else:
            self._broken = True

    def _drop(self) -> None:
        self._prefetched = {}
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _open(self) -> sqlite3.Connection:
        _own_folder(self.folder)
        _tag(self.folder)
        for suffix in ("", "-wal", "-shm"):
            if os.path.islink(os.path.join(self.folder, DATABASE + suffix)):
                raise OSError(f"{DATABASE + suffix} in the cache folder is a symlink")
        db = sqlite3.connect(os.path.join(self.folder, DATABASE), timeout=BUSY_TIMEOUT)
        try:
            # WAL: readers and one writer at a time do not block each other; NORMAL: a
            # power cut may lose the last entries, which only costs checking them again.
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            # Reads through a memory map: a hit's lookup took half as long again without.
            db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            db.executescript(_SCHEMA)
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(self.folder, DATABASE + suffix))

    def _used(self, key: bytes, day: object) -> None:
        """Note a hit, to record the day it was used on (once a day per entry)."""
        if day != self._today:
            self._touched.append((self._today, key))

    def _row(self, query: str, key: bytes) -> tuple[Any, ...] | None:
        db = self._connect()
        if db is None:
            return None
        try:
            row: tuple[Any, ...] | None = db.execute(query, (key,)).fetchone()
        except sqlite3.Error as exc:  # a miss, and see _failed
            self._failed(exc)
            return None
        return row

    def get(self, key: bytes, display: str) -> tuple[Diagnostic, ...] | None:
        if key in self._prefetched and self._prefetched[key] is None:
            return None  # the last prefetch found no entry
        row = self._row("SELECT findings, findings_mac, used FROM entries WHERE key = ?", key)
        if row is None or not isinstance(row[0], str):
            return None
        if not _same(row[1], self._mac(key, row[0].encode("utf-8", "surrogatepass"))):
            return None  # planted, edited or from another user's cache
        try:
            found = tuple(unpack(display, d) for d in json.loads(row[0]))
        except (ValueError, KeyError, TypeError):
            return None  # corrupted: check the file again
        self._used(key, row[2])
        return found

    def prefetch(self, keys: Sequence[bytes]) -> None:
        """Look up many entries in one query, for `get_rendered` and `get` to answer from
        (a key not found needs no query of its own); one query a file cost twice as much."""
        db = self._connect()
        if db is None or not keys:
            return
        marks = ", ".join("?" * len(keys))
        query = f"SELECT key, {_REPORT} FROM entries WHERE key IN ({marks})"
        try:
            found = {row[0]: row[1:] for row in db.execute(query, keys)}
            self._prefetched = {key: found.get(key) for key in keys}
        except sqlite3.Error as exc:
            self._failed(exc)

    def get_rendered(self, key: bytes, tag: str) -> Rendered | None:
        """The file's part of the report as the renderer named `tag` writes it, if stored."""
        if key in self._prefetched:
            row = self._prefetched[key]
        else:
            row = self._row(f"SELECT {_REPORT} FROM entries WHERE key = ?", key)
        if row is None or row[0] != tag:
            return None
        _, text, problems, fixable, unsafe_fixable, mac, used = row
        if not isinstance(text, str) or not all(
            type(n) is int for n in (problems, fixable, unsafe_fixable)
        ):
            return None
        rendered = Rendered(text, problems, fixable, unsafe_fixable)
        if not _same(mac, self._mac(key, _report_bytes(tag, rendered))):
            return None
        self._used(key, used)
        return rendered

    def put(
        self,
        key: bytes,
        diagnostics: Sequence[Diagnostic],
        rendered: Rendered | None,
        tag: str = "",
    ) -> None:
        """Store an entry; it is written with the next batch, or by `flush`."""
        r = rendered
        if r is None:
            report: tuple[Any, ...] = ("", None, None, None, None, None)
        else:
            report = (tag, *astuple(r), self._mac(key, _report_bytes(tag, r)))
        findings = json.dumps([pack(d) for d in diagnostics])
        mac = self._mac(key, findings.encode("utf-8", "surrogatepass"))
        self._pending.append((key, *report, findings, mac, self._today))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the stored entries in one transaction. A database locked for longer than
        the timeout, or a full disk, loses them: they are checked again next time."""
        pending, self._pending = self._pending, []
        touched, self._touched = self._touched, []
        db = self._connect() if pending or touched else None
        if db is None:
            return
        try:
            with db:
                db.executemany(_INSERT, pending)
                db.executemany("UPDATE entries SET used = ? WHERE key = ?", touched)
        except sqlite3.Error as exc:
            self._failed(exc)

    def close(self, prune: bool = True) -> None:
        """Write what is held back and let go of the database; at the end of a run (`prune`),
        first drop what no run has used for long."""
        self.flush()
        if prune:
            self.prune()
        self._drop()

    def prune(self) -> None:
        """Once a day, remove the entries no run has used for KEEP_DAYS (files since edited
        or deleted), and databases of older formats: the cache does not grow without end."""
        db = self._connect()
        if db is None:
            return
        try:
            row = db.execute("SELECT value FROM meta WHERE name = 'pruned'").fetchone()
            if row is not None and row[0] == self._today:
                return
            with db:
                db.execute("DELETE FROM entries WHERE used <= ?", (self._today - KEEP_DAYS,))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('pruned', ?)", (self._today,))
        except sqlite3.Error as exc:
            self._failed(exc)
            return
        for old in range(1, _FORMAT):
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(self.folder, f"entries-{old}.sqlite3{suffix}"))

    def _mac(self, key: bytes, value: bytes) -> bytes:
        return hmac.digest(self._secret, key + value, "sha256")


def _report_bytes(tag: str, r: Rendered) -> bytes:
    head = f"{tag}\0{r.problems}\0{r.fixable}\0{r.unsafe_fixable}\0"
    return (head + r.text).encode("utf-8", "surrogatepass")


def _same(stored: object, expected: bytes) -> bool:
    return isinstance(stored, bytes) and hmac.compare_digest(stored, expected)


def _own_folder(folder: str) -> None:
    """Make the cache folder; refuse one that is a symlink or not a folder, which a cloned
    tree can plant to make artlint write elsewhere."""
    with contextlib.suppress(FileExistsError):
        os.makedirs(folder)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise OSError(f"{folder} is not a folder (a symlink or a file)")


def _tag(folder: str) -> None:
    # Keeps the cache out of git and out of backups, as other tools' caches do. Created only
    # if nothing is there, not even a dangling symlink (which open() would follow and create).
    ignore = os.path.join(folder, ".gitignore")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(ignore, flags, 0o644)
    except FileExistsError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("# Created by artlint\n*\n")
    except OSError:  # a full disk: leave no empty file behind
        with contextlib.suppress(OSError):
            os.unlink(ignore)
        raise
