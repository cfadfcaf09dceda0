"""Replace a file's content atomically, keeping its permissions and owner."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile


class ChangedOnDisk(Exception):
    """The file is not what was read: someone else wrote it meanwhile."""


def write_atomic(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    A symlink is written through to its target, so the link stays a link. With `expected`,
    the file must still hold exactly those bytes, or nothing is written.
    """
    target = os.path.realpath(path)
    if expected is not None:
        with open(target, "rb") as fh:
            if fh.read() != expected:
                raise ChangedOnDisk(f"{path} changed on disk since it was read; not written")
    info = os.stat(target)
    mode = stat.S_IMODE(info.st_mode)
    folder = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix=".artlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        with contextlib.suppress(PermissionError):  # only root may give files away
            os.chown(tmp, info.st_uid, info.st_gid)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
