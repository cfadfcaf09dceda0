"""Text that reaches a terminal or a line-based report, made unable to act on either.

A file name, a front-matter value or a line of an article comes from whoever wrote the
files: a newline in a file name forges report lines (a CI log parser then reads a finding
that does not exist, or misses one), and an ESC sequence recolours, hides or retitles the
terminal. Control characters (C0 but tab, DEL, C1) and the bidirectional overrides that can
make a line read differently from what it holds are shown as escapes instead.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """`text` with every control character escaped (`\\n` -> `\\x0a`); tabs stay."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
