"""`artlint` run in this process, with its standard streams captured, for the CLI tests.

Like the CliRunner the tests used before: `output` is stdout and stderr interleaved as a user
would see them, `stdout` and `stderr` each on its own, CRLF read as LF; stdin is `input` or
empty; none of the streams is a terminal.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from artlint.cli.app import main

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


@dataclass(frozen=True)
class Result:
    exit_code: int
    stdout: str
    stderr: str
    output: str


class _Tee(io.BytesIO):
    """A stream's bytes, also copied to the interleaved output."""

    def __init__(self, mixed: io.BytesIO) -> None:
        super().__init__()
        self.mixed = mixed

    def write(self, data: ReadableBuffer) -> int:
        self.mixed.write(data)
        return super().write(data)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace").replace("\r\n", "\n")


def invoke(args: Sequence[str], input: str | bytes | None = None) -> Result:
    data = input.encode("utf-8") if isinstance(input, str) else input or b""
    mixed = io.BytesIO()
    out, err = _Tee(mixed), _Tee(mixed)
    saved = sys.stdin, sys.stdout, sys.stderr
    # write_through: the interleaving is the order of the writes, not of buffer flushes.
    streams = (
        io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True),
    )
    sys.stdin, sys.stdout, sys.stderr = streams
    code: int = 0
    try:
        main(list(args))
    except SystemExit as exc:
        assert exc.code is None or isinstance(exc.code, int), exc.code
        code = exc.code or 0
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        streams[1].flush()
        streams[2].flush()
    # Read before the wrappers go: closing them closes the buffers under them.
    return Result(code, _text(out.getvalue()), _text(err.getvalue()), _text(mixed.getvalue()))
