"""Claimed values: a date, a number (an interval with its unit) or text, as a ``Value``,
and how two values compare (whether they can be the same, whether one lies within the
other), which cross-referencing rules 2-5 rest on.

Apart from the readers it calls (dates.py, quantities.py): here is what a value is and
when two agree; there, how the text of one is read.
"""

from __future__ import annotations

import datetime
import functools
import math
from dataclasses import dataclass
from typing import Literal

from claims.errors import InvalidValue
from claims.parsing.cache import CACHE_SIZE, VOLATILE
from claims.parsing.dates import parse_date
from claims.parsing.normalize import normalize_text
from claims.parsing.quantities import parse_number

ValueKind = Literal["text", "number", "date"]


@dataclass(frozen=True)
class Value:
    """A claimed value: its text as given plus, where it has one, a closed numeric interval."""

    text: str
    kind: ValueKind
    low: float | None  # None: unbounded on that side (both None for text)
    high: float | None
    unit: str = ""

    def overlaps(self, other: Value) -> bool:
        """Whether the two can be the same value (rule 2 of cross-referencing)."""
        if self.kind != other.kind:
            # A bare year ("2026", read as a number) against a date: compare it as that year.
            if {self.kind, other.kind} == {"number", "date"}:
                year = self.as_year() or other.as_year()
                return year is not None and year.overlaps(self if self.kind == "date" else other)
            return False
        if self.kind == "text":
            return normalize_text(self.text) == normalize_text(other.text)
        if self.unit and other.unit and unit_key(self.unit) != unit_key(other.unit):
            return False  # 50 km and 50 miles; a figure without a unit takes the other's
        return (self.low is None or other.high is None or self.low <= other.high) and (
            other.low is None or self.high is None or other.low <= self.high
        )

    def within(self, other: Value) -> bool:
        """Whether every value this one allows is one ``other`` allows: asserting "49"
        says "about 50" is true; asserting "more than 12" does not say 53 is."""
        if self.kind != other.kind and {self.kind, other.kind} == {"number", "date"}:
            mine = self.as_year() or self if self.kind == "number" else self
            theirs = other.as_year() or other if other.kind == "number" else other
            return mine.kind == theirs.kind == "date" and mine.within(theirs)
        if self.kind != other.kind:
            return False
        if self.kind == "text":
            return normalize_text(self.text) == normalize_text(other.text)
        if self.unit and other.unit and unit_key(self.unit) != unit_key(other.unit):
            return False
        low_ok = other.low is None or (self.low is not None and self.low >= other.low)
        high_ok = other.high is None or (self.high is not None and self.high <= other.high)
        return low_ok and high_ok

    def as_year(self) -> Value | None:
        """A bare whole number that can be a year (1000-2999), as that year's dates."""
        if self.kind != "number" or self.unit or self.low is None or self.low != self.high:
            return None
        if not self.low.is_integer() or not 1000 <= self.low <= 2999:
            return None
        year = int(self.low)
        return Value(self.text, "date", year * 10000 + 101.0, year * 10000 + 1231.0)


@functools.lru_cache(maxsize=4096)
def unit_key(unit: str) -> str:
    """What a unit is compared by: its last word, singular ("diplomatic missions" and
    "mission" alike; "km" and "miles" not)."""
    words = unit.split()
    last = words[-1] if words else ""
    return _singular(last)


def _singular(word: str) -> str:
    # English plurals as counts are written: embassies, churches, boxes, missions.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


_VALUES: dict[str, Value] = {}  # remembered as cache.py says


def parse_value(text: str, *, field: str = "value") -> Value:
    """Read a claimed value, keeping its text and, if it has one, its numeric meaning."""
    found = _VALUES.get(text)
    if found is None:
        found = _parse_value(text, field)
        if " ".join(text.split()).casefold() in VOLATILE:
            return found  # "today" as a value is a date that moves
        if len(_VALUES) >= CACHE_SIZE:
            _VALUES.clear()
        _VALUES[text] = found
    return found


def _parse_value(text: str, field: str) -> Value:
    stripped = text.strip()
    if not stripped:
        raise InvalidValue(field, text, "is empty")
    try:
        period = parse_date(stripped)
    except InvalidValue:  # includes ambiguous numeric dates: those stay text
        period = None
    if period is not None and period.precision != "year":  # a bare "2017" is a number
        return Value(stripped, "date", _date_number(period.start), _date_number(period.end))
    number = parse_number(stripped)
    if number is None:
        return Value(stripped, "text", None, None)
    if any(bound is not None and not math.isfinite(bound) for bound in number[:2]):
        # Past the float range every figure is "infinity", and all such would agree.
        raise InvalidValue(field, text, "is a number too large to compare")
    return Value(stripped, "number", *number)


def _date_number(d: datetime.date) -> float:
    # YYYYMMDD keeps date intervals comparable as numbers and readable in a database column.
    return float(d.year * 10000 + d.month * 100 + d.day)
