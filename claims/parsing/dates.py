"""Dates as people write them, read with their precision: a day, a month (or its early,
mid or late part) or a year, as a ``Period``.

Apart because it is the one reader that needs dateutil (for month names in any order),
and because dates are read on their own (``--date``, ``--since``) as well as as values.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Literal

from dateutil import parser as dateutil_parser

from claims.errors import InvalidValue
from claims.parsing.cache import CACHE_SIZE, VOLATILE

Precision = Literal["day", "month", "year"]

_MONTH_NAMES = [calendar.month_name[m] for m in range(1, 13)]  # "January".."December"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

_UNREADABLE = (
    "is not a date I can read; write e.g. 2026-11-01, 1 November 2026, Nov 1, 2026, "
    "November 2026, 2026 or mid-October 2026"
)


@dataclass(frozen=True)
class Period:
    """A stretch of days that a date as written stands for, both ends inclusive."""

    start: datetime.date
    end: datetime.date
    precision: Precision
    part: str = ""  # "early", "mid" or "late" of a month; precision is then "month"

    def iso(self) -> str:
        """Canonical text; parse_date reads it back to an equal Period."""
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "year":
            return f"{self.start.year:04d}"
        month = f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.part} {month}" if self.part else month

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def human(self) -> str:
        month = _MONTH_NAMES[self.start.month - 1]
        if self.precision == "day":
            return f"{self.start.day} {month} {self.start.year}"
        if self.precision == "year":
            return str(self.start.year)
        if self.part == "mid":
            return f"mid-{month} {self.start.year}"  # the usual spelling; "early"/"late" take none
        return f"{self.part} {month} {self.start.year}".lstrip()


def _day(d: datetime.date) -> Period:
    return Period(d, d, "day")


def _month(year: int, month: int, part: str = "") -> Period:
    last = calendar.monthrange(year, month)[1]
    first, final = _PARTS.get(part, (1, last))
    return Period(
        datetime.date(year, month, first),
        datetime.date(year, month, min(final, last)),
        "month",
        part,
    )


def today_period() -> Period:
    """Today's date at day precision."""
    return _day(datetime.date.today())


# Year first is never ambiguous, so any of the three separators will do (used consistently).
_ISO_DAY = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
# Not "." for year-month: "2026.11" must stay a decimal number when it is a claimed value.
_ISO_MONTH = re.compile(r"(\d{4})[-/](\d{1,2})")
_ISO_YEAR = re.compile(r"\d{4}")
_NUMERIC_YEAR_LAST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d+)")
_PART_PREFIX = re.compile(r"(early|mid|late)(?:\s+|\s*-\s*)(.+)")
_WEEKDAY_PREFIX = re.compile(
    r"(monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri"
    r"|saturday|sat|sunday|sun)\.?,?\s+(.+)"
)
_MONTH_WORD = re.compile(
    r"\b(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august"
    r"|sep|sept|september|oct|october|nov|november|dec|december)\b"
)
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")

_DATES: dict[tuple[str, bool | None], Period] = {}  # remembered as cache.py says


def parse_date(text: str, *, field: str = "date", dayfirst: bool | None = None) -> Period:
    """Read a date as people write it, keeping how precise it was.

    Times of day ("2026-11-01 10:00") are rejected rather than silently dropped: a claim's
    date is a day, and a time usually means the wrong thing was pasted. ``dayfirst`` only
    matters for all-numeric dates with the year last, such as 03/04/2026.
    """
    period = _DATES.get((text, dayfirst))
    if period is not None:
        return period
    s = " ".join(text.split()).casefold()
    try:
        period = _parse_date(s, field, text, dayfirst)
    except InvalidValue:
        raise
    except (ValueError, OverflowError) as exc:  # impossible dates such as 2026-13-01
        if "out of range for month" in str(exc):  # 2026-02-29, 31 April 2026
            why = "is no day of the calendar: that month has no such day"
            raise InvalidValue(field, text, why) from None
        period = None
    if period is None:
        raise InvalidValue(field, text, _UNREADABLE)
    if s not in VOLATILE:
        if len(_DATES) >= CACHE_SIZE:
            _DATES.clear()
        _DATES[(text, dayfirst)] = period
    return period


def _parse_date(s: str, field: str, text: str, dayfirst: bool | None) -> Period | None:
    if s == "today":
        return today_period()
    if s == "yesterday":
        return _day(datetime.date.today() - datetime.timedelta(days=1))
    if m := _PART_PREFIX.fullmatch(s):
        inner = _parse_date(m[2], field, text, dayfirst)
        if inner is None or inner.precision != "month" or inner.part:
            return None
        return _month(inner.start.year, inner.start.month, m[1])
    if m := _ISO_DAY.fullmatch(s):
        return _day(datetime.date(int(m[1]), int(m[3]), int(m[4])))
    if m := _ISO_MONTH.fullmatch(s):
        return _month(int(m[1]), int(m[2]))
    if _ISO_YEAR.fullmatch(s):
        year = int(s)
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")
    if m := _NUMERIC_YEAR_LAST.fullmatch(s):
        return _numeric_year_last(int(m[1]), int(m[3]), m[4], field, text, dayfirst)
    return _textual(s, field, text)


def _numeric_year_last(
    a: int, b: int, year_text: str, field: str, text: str, dayfirst: bool | None
) -> Period | None:
    if len(year_text) == 2:
        raise InvalidValue(
            field,
            text,
            "has a two-digit year, so the century is ambiguous; "
            "write the year in full, e.g. 2026-04-03",
        )
    if len(year_text) != 4:
        return None
    year = int(year_text)
    if a <= 12 and b <= 12 and a != b:
        if dayfirst is None:
            day_first, month_first = datetime.date(year, b, a), datetime.date(year, a, b)
            raise InvalidValue(
                field,
                text,
                f"is ambiguous: day first it is {_day(day_first).human()}, month first it is "
                f"{_day(month_first).human()}; say which, or write it as "
                f"{day_first.isoformat()} or {month_first.isoformat()}",
            )
        use_dayfirst = dayfirst
    else:
        # At most one reading is possible (or both are the same), whatever dayfirst says.
        use_dayfirst = b <= 12
    day, month = (a, b) if use_dayfirst else (b, a)
    return _day(datetime.date(year, month, day))


def _textual(s: str, field: str, text: str) -> Period | None:
    weekday = None
    if m := _WEEKDAY_PREFIX.fullmatch(s):
        weekday = next(i for i, name in enumerate(_WEEKDAYS) if name[:3] == m[1][:3])
        s = m[2]
    # dateutil fills in whatever is missing from a default date, so "October" alone would
    # pass; insist on a month name and a four-digit year ourselves.
    years = _FOUR_DIGITS.findall(s)
    if _MONTH_WORD.search(s) and not years:  # "Nov 1", "1 Nov 26": whose year?
        raise InvalidValue(field, text, "has no year in full; write e.g. 1 November 2026")
    if not _MONTH_WORD.search(s) or len(years) != 1:
        return None
    # Parse with two defaults that differ in every field: a field that comes out the same
    # both times was written in the text.
    a = dateutil_parser.parse(s, default=datetime.datetime(2000, 1, 1, 0, 0, 0))
    b = dateutil_parser.parse(s, default=datetime.datetime(2004, 2, 2, 1, 1, 1))
    if a.tzinfo is not None or a.hour == b.hour or a.minute == b.minute or a.second == b.second:
        return None  # a time of day
    if a.year != b.year or a.year != int(years[0]) or a.month != b.month:
        return None
    if a.day != b.day:
        return None if weekday is not None else _month(a.year, a.month)
    if weekday is not None and weekday != a.weekday():
        period = _day(a.date())
        raise InvalidValue(
            field,
            text,
            f"says {_WEEKDAYS[weekday].title()} but {period.human()}"
            f" is a {_WEEKDAYS[a.weekday()].title()}",
        )
    return _day(a.date())
