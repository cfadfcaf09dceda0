"""Read a regular file with a size limit, without ever blocking on what is not one.

Everything artlint reads is named by someone it may not trust: a path on the command line, a
file found in a pull request's tree, a path in its configuration (`extend`, `metadata.schema`,
`pack-paths`). A FIFO there blocks `open()` forever, `/dev/stdin` blocks the read, and
`/dev/zero` never ends. So files are opened with O_NONBLOCK (which makes opening a FIFO return
at once), checked with fstat on the open descriptor (so a file swapped for a FIFO after the walk
looked at it is caught too), and read only up to a limit.
"""

from __future__ import annotations

import os
import stat

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0)

# Configuration, JSON Schema and pack files: the largest real one is a few KB.
CONFIG_LIMIT = 1024 * 1024


class NotReadable(OSError):
    """Not a regular file, or larger than the limit; the message says which."""


def read_regular(path: str, limit: int, what: str = "such files") -> bytes:
    """The file's bytes; raises NotReadable (or OSError from the system) otherwise."""
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(f"not a regular file ({_kind(info.st_mode)})")
        size = info.st_size
        if size > limit:
            raise NotReadable(too_large(size, limit, what))
        parts = [os.read(fd, size + 1)]
        size = len(parts[0])
        while parts[-1] and size <= limit:
            # To the end, should the file have grown since fstat; not without limit.
            parts.append(os.read(fd, 1 << 16))
            size += len(parts[-1])
        if size > limit:
            raise NotReadable(too_large(size, limit, what))
        return b"".join(parts)
    finally:
        os.close(fd)


def read_text(path: str, limit: int = CONFIG_LIMIT) -> str:
    """A UTF-8 file's text (configuration, packs); raises NotReadable saying why not: it
    cannot be read (and the system's reason), or the byte that is not UTF-8."""
    try:
        data = read_regular(path, limit)
    except NotReadable as exc:
        raise NotReadable(f"cannot read: {exc}") from exc
    except OSError as exc:
        raise NotReadable(f"cannot read: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotReadable(f"not UTF-8 text (byte {exc.start})") from exc


def read_head(path: str, size: int) -> bytes:
    """The first `size` bytes of a regular file (fewer if it is shorter)."""
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(f"not a regular file ({_kind(info.st_mode)})")
        return os.read(fd, size)
    finally:
        os.close(fd)


def too_large(size: int, limit: int, what: str) -> str:
    return f"file is {_megabytes(size)}; artlint reads {what} up to {_megabytes(limit)}"


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a plain file"
