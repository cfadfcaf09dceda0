"""Replace a file's content atomically, keeping its permissions and owner."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time

from artlint.safe.regular import NotReadable, read_regular


class ChangedOnDisk(Exception):
    """The file is not what was read: someone else wrote it meanwhile."""


class NotWritable(OSError):
    """The file may not be replaced as it is: read-only, or owned by someone else."""


STALE_SECONDS = 3600  # a temporary file this old was left by a run that was killed
_swept: set[str] = set()


def _sweep(folder: str) -> None:
    """Remove the temporary files a killed run left in `folder` (only artlint's own: its
    name pattern, and older than an hour, so a run going on now keeps its own)."""
    if folder in _swept:
        return
    _swept.add(folder)
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(".artlint-") and entry.name.endswith(".tmp")):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                    os.unlink(entry.path)


def write_atomic(
    path: str, data: bytes, expected: bytes | None = None, *, create: bool = False
) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    A symlink is written through to its target, so the link stays a link. With `expected`,
    the file must still hold exactly those bytes, or nothing is written. With `create`, a
    missing file is made, with the mode a new file gets (the umask's).
    """
    target = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        if not create:
            raise
        info = None
    if info is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        mode = stat.S_IMODE(info.st_mode)
        if not mode & stat.S_IWUSR:
            raise NotWritable(f"{path} is read-only (mode {mode:o}); not written")
        if hasattr(os, "geteuid") and os.geteuid() != 0 and info.st_uid != os.geteuid():
            # The new file would belong to whoever runs artlint: the owner could not be kept.
            raise NotWritable(f"{path} belongs to another user; not written")
    folder = os.path.dirname(target) or "."
    _sweep(folder)
    fd, tmp = tempfile.mkstemp(prefix=".artlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if info is not None:
            with contextlib.suppress(PermissionError):  # only root may give files away
                os.chown(tmp, info.st_uid, info.st_gid)
        if expected is not None:
            # Just before the rename, not before writing: a save made while the new text was
            # written and synced (which can take a while on a busy disk) must not be lost.
            # What remains is the moment between this read and the rename.
            _still(path, target, expected)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _still(path: str, target: str, expected: bytes) -> None:
    try:
        same = read_regular(target, len(expected)) == expected
    except NotReadable:  # grown past what was read, or no longer a regular file
        same = False
    if not same:
        raise ChangedOnDisk(f"{path} changed on disk since it was read; not written")
