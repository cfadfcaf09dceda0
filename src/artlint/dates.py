"""How site generators read a front-matter date, and its ISO 8601 spelling.

Accepted as written: YAML timestamps and the forms generators document (`2022-04-01`,
`2022-04-01 00:12:21`, `2022-04-01T00:12:21Z`, Jekyll's `2022-04-01 00:12:21 +0800`).
Parseable but not ISO: RFC 2822 (`Fri, 01 Apr 2022 00:12:21 GMT`, what feeds write),
`April 1, 2022`, `1 April 2022`, `2022/04/01`, US `04/01/2022` (how JavaScript's `Date`, and so
Hexo, reads it). Anything else is invalid.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from typing import Any


class DateKind(enum.Enum):
    ISO = "iso"
    CONVERTIBLE = "convertible"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class DateReading:
    kind: DateKind
    iso: str | None = None  # the ISO 8601 spelling, for CONVERTIBLE
    exact: bool = True  # False when the reading is a guess (04/01/2022: April or January?)


_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[Tt ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"(?:\s*(?:Z|z|[+-]\d{2}(?::?\d{2})?))?"
)
_SLASHED_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_SLASHED_YMD = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_WORDY = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%a, %d %b %Y")


def _valid(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _zone(offset: dt.timedelta | None) -> str:
    if offset is None:
        return ""
    if offset == dt.timedelta(0):
        return "Z"
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def read(value: object) -> DateReading:
    if isinstance(value, (dt.date, dt.datetime)):
        return DateReading(DateKind.ISO)
    if not isinstance(value, str):
        return DateReading(DateKind.INVALID)
    text = value.strip()
    m = _ISO.fullmatch(text)
    if m:
        ok = _valid(*m.group(1, 2, 3)) is not None
        return DateReading(DateKind.ISO if ok else DateKind.INVALID)
    m = _SLASHED_YMD.fullmatch(text)
    if m:
        date = _valid(*m.group(1, 2, 3))
        if date is None:
            return DateReading(DateKind.INVALID)
        return DateReading(DateKind.CONVERTIBLE, date.isoformat())
    m = _SLASHED_US.fullmatch(text)
    if m:
        month, day, year = m.group(1, 2, 3)
        date = _valid(year, month, day)
        if date is None:
            return DateReading(DateKind.INVALID)
        exact = int(month) == int(day) or int(month) > 12 or int(day) > 12
        return DateReading(DateKind.CONVERTIBLE, date.isoformat(), exact)
    for fmt in _WORDY:
        try:
            date = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return DateReading(DateKind.CONVERTIBLE, date.isoformat())
    if "," in text or re.search(r"\d{1,2}:\d{2}", text):
        import email.utils  # with socket, calendar and locale: only for feed-style dates

        try:
            stamp = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            stamp = None
        if stamp is not None:
            iso = stamp.replace(tzinfo=None).isoformat() + _zone(stamp.utcoffset())
            return DateReading(DateKind.CONVERTIBLE, iso)
    return DateReading(DateKind.INVALID)


DATE_FIELDS = ("date", "updated", "lastmod", "publishDate")


@dataclass(frozen=True)
class DateOptions:
    """The options of the rules that read front-matter dates."""

    fields: tuple[str, ...] = DATE_FIELDS


def dated_keys(doc: Any, fields: tuple[str, ...]) -> list[tuple[int, Any]]:
    """(index, key) of the front-matter keys named in `fields`, when the front matter parses."""
    fm = doc.parsed_front_matter
    if fm is None:
        return []
    return [(i, key) for i, key in enumerate(fm.keys) if key.name in fields]
