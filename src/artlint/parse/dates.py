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
from functools import lru_cache
from typing import Any

from artlint.model.options import Options


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
# What any of _WORDY could match, at most: words, numbers, commas and spaces ending in a
# four-digit year (strptime's own patterns are Unicode, so these are too). A feed's
# `Fri, 01 Apr 2022 00:12:21 GMT` fails all seven formats, and each strptime call costs
# more than the rest of reading the date.
_WORDY_SHAPE = re.compile(r"[\w,\s]*\d{4}")


def _valid(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except (ValueError, OverflowError):
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
    return _read_text(value)


@lru_cache(maxsize=4096)
def _read_text(value: str) -> DateReading:
    """A string date's reading; memoised, since two rules read every date and a feed's
    posts share their few spellings."""
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
    for fmt in _WORDY if _WORDY_SHAPE.fullmatch(text) else ():
        try:
            date = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return DateReading(DateKind.CONVERTIBLE, date.isoformat())
    if "," in text or re.search(r"\d{1,2}:\d{2}", text):
        import email.utils  # with socket, calendar and locale: only for feed-style dates

        try:
            stamp = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            stamp = None
        if stamp is not None:
            iso = stamp.replace(tzinfo=None).isoformat() + _zone(stamp.utcoffset())
            return DateReading(DateKind.CONVERTIBLE, iso)
    return DateReading(DateKind.INVALID)


DATE_FIELDS = ("date", "updated", "lastmod", "publishDate")


@dataclass(frozen=True)
class DateOptions(Options):
    """The options of the rules that read front-matter dates."""

    fields: tuple[str, ...] = DATE_FIELDS


def dated_keys(doc: Any, fields: tuple[str, ...]) -> list[tuple[int, Any]]:
    """(index, key) of the front-matter keys named in `fields`, when the front matter parses."""
    fm = doc.header.parsed
    if fm is None:
        return []
    return [(i, key) for i, key in enumerate(fm.keys) if key.name in fields]


# --- what a generator reads besides the common forms ------------------------------------------
#
# Hexo hands a string its own formats miss to JavaScript's `Date`; V8's fallback parser reads
# numbers and month names in almost any arrangement (`2020 04 10`, `2020 04`, `Apr 10 2020`).
# Jekyll hands it to Ruby's `Time.parse`, which finds a date inside the string and ignores the
# rest (`2023-01-29 18:30:22 2023 -0800`). Such a date is not an error for that site: at most it
# is not ISO 8601 (AL404).

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_V8_WORDS = re.compile(
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|am|pm|a\.m|p\.m|ut|utc|gmt|z|t|[ecmp][sd]t", re.I
)
_V8_TOKEN = re.compile(r"(\d+)(?::\d+)*|([A-Za-z]+)|([+-]\d{2}:?\d{2})|([\s,./-]+)|(.)")
_YMD_INSIDE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_RUBY_DATE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{2,4}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)


def generator_reads(value: object, generator: str) -> bool:
    """Whether this site's generator reads `value` as a date by its own, looser rules."""
    if isinstance(value, dict):
        # MkDocs' blog: `date: {created: 2024-01-01, updated: 2024-02-01}`.
        return bool(value) and all(read(v).kind is not DateKind.INVALID for v in value.values())
    if not isinstance(value, str):
        return False
    if generator == "hexo":
        return _v8_reads(value)
    if generator == "jekyll":
        return _ruby_reads(value)
    return False


def _ruby_reads(text: str) -> bool:
    ymd = _YMD_INSIDE.search(text)
    if ymd is not None:
        return _valid(*ymd.group(1, 2, 3)) is not None  # Ruby rejects month 13
    return bool(_RUBY_DATE.search(text))


def _v8_reads(text: str) -> bool:
    text = re.sub(r"\([^)]*\)", " ", text)  # V8 skips parenthesised comments
    numbers: list[int] = []
    month: int | None = None
    for m in _V8_TOKEN.finditer(text.strip()):
        number, word, _, _, other = m.groups()
        if other is not None:
            return False
        if number is not None:
            if ":" not in m.group():  # a time is checked by V8, but never decides validity here
                numbers.append(int(number))
        elif word is not None:
            lowered = word.lower()
            if lowered[:3] in _MONTHS and (len(lowered) == 3 or word.isalpha()):
                month = _MONTHS.index(lowered[:3]) + 1
            elif not _V8_WORDS.fullmatch(word) and numbers:
                return False  # an unknown word after the first number
    if not numbers:
        return False
    if month is not None:
        day = next((n for n in numbers if 1 <= n <= 31), 1)
        return 1 <= day <= 31
    year_first = len(str(numbers[0])) >= 3 or numbers[0] > 31  # Y M D; else M D Y, as in the US
    rest = numbers[1:3] if year_first else numbers[:2]
    if not rest:
        return True  # a year alone
    return 1 <= rest[0] <= 12 and (len(rest) < 2 or 1 <= rest[1] <= 31)
