"""Reading what people type: dates, claimed values, names and the Admiralty grades.

Everything here is a pure function of its input (plus today's date for "today" and
"yesterday"); bad input raises InvalidValue naming the field, never a bare ValueError.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from claims.errors import InvalidValue
from claims.parsing.cache import CACHE_SIZE, VOLATILE
from claims.parsing.dates import Period, Precision, parse_date, today_period
from claims.parsing.normalize import fold_abbreviations, name_key, normalize_text

# Every public name of the single module this was, so nothing that used one breaks.
__all__ = [
    "CONFIDENCE",
    "RELIABILITY",
    "Period",
    "Precision",
    "Value",
    "ValueKind",
    "fold_abbreviations",
    "name_key",
    "normalize_text",
    "parse_confidence",
    "parse_date",
    "parse_reliability",
    "parse_value",
    "today_period",
    "unit_key",
]

# --------------------------------------------------------------------------- values

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


_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
# Counts written as words that a reader takes as a range: "several hundred" is three to
# nine hundred, "a few dozen" two to five dozen.
_SOME = {"several": (3, 9), "a few": (2, 5), "few": (2, 5)}
# A currency sign before a figure: "$1.5m" is 1.5 million dollars ("m" is a million only
# after a currency sign; "50m" alone stays fifty metres).
_CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}
_CURRENCY = re.compile(r"([$£€¥])\s*")
_MILLION_AFTER_CURRENCY = re.compile(r"\s*m\b")
_MULTIPLIERS = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "bn": 10**9,
    "k": 10**3,  # "50k": fifty thousand ("50 km" stays kilometres: a word ends after k)
    "dozen": 12,
}
# Vague plurals: "dozens" is at least two dozen and fewer than a hundred, and so on.
_VAGUE = {
    "dozens": (24, 99),
    "tens": (20, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "millions": (2 * 10**6, 10**9 - 1),
}
# With an exponent too ("1e3" is 1000, not 1 of a unit "e3"): the text is casefolded.
_NUMERAL = r"(?:[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)(?:e[+-]?\d+)?"
_QUANTITY = re.compile(
    rf"(?:(?P<num>{_NUMERAL})"
    rf"|(?P<tens>{'|'.join(_TENS)})(?:[-\s](?P<ones>{'|'.join(_SMALL_NUMBERS[1:10])}))?\b"
    rf"|(?P<some>{'|'.join(_SOME)})\b"
    rf"|(?P<word>a|an|dozen|{'|'.join(_SMALL_NUMBERS)})\b)"
    rf"(?P<mult>(?:\s*(?:{'|'.join(_MULTIPLIERS)})\b)*)"
    rf"|(?P<vague>{'|'.join(_VAGUE)})\b(?:\s+of\s+(?P<of>thousands|millions)\b)?(?:\s+of\b)?"
)
# Prefixes that turn the quantity after them into an interval.
_PREFIXES = [
    ("gt", r"more than|greater than|over|above|>(?!=)"),
    ("ge", r"at least|no fewer than|no less than|>=|≥"),
    ("lt", r"fewer than|less than|under|below|<(?!=)"),
    ("le", r"at most|up to|no more than|<=|≤"),
    ("below", r"nearly|almost|just under"),
    ("above", r"just over"),
    (
        "about",
        r"about|around|approximately|approx\.?|roughly|some|an estimated|estimated"
        r"|circa|ca\.|c\.|~",
    ),
    ("between", r"between"),
]
# Words need a space after them; symbols such as ">" and "c." need none.
_PREFIX = re.compile("|".join(rf"(?P<{k}>{p})(?:\s+|(?<=\W)\s*)" for k, p in _PREFIXES))
# "10 or 12": either, so the interval from one to the other (as "10-12").
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|–|—|to\b|or\b)\s*")
_AND = re.compile(r"\s+and\s+")
_SUFFIX = re.compile(
    r"\s*(?:(?P<ge>(?:or more|or over|and over)\b|\+)|(?P<le>(?:or fewer|or less)\b))"
)
_PERCENT = re.compile(r"\s*%")
_TEN_PERCENT = Decimal("0.1")

_Interval = tuple[Decimal, Decimal]


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
    number = _parse_number(stripped)
    if number is None:
        return Value(stripped, "text", None, None)
    if any(bound is not None and not math.isfinite(bound) for bound in number[:2]):
        # Past the float range every figure is "infinity", and all such would agree.
        raise InvalidValue(field, text, "is a number too large to compare")
    return Value(stripped, "number", *number)


def _date_number(d: datetime.date) -> float:
    # YYYYMMDD keeps date intervals comparable as numbers and readable in a database column.
    return float(d.year * 10000 + d.month * 100 + d.day)


def _quantity(s: str, pos: int) -> tuple[_Interval, Decimal, int] | None:
    """Interval at s[pos:], the multiplier written with it (1 if none), and where it ends."""
    m = _QUANTITY.match(s, pos)
    if m is None:
        return None
    if m["vague"]:
        low, high = _VAGUE[m["vague"]]
        of = _MULTIPLIERS[m["of"][:-1]] if m["of"] else 1  # "hundreds of thousands"
        return (Decimal(low * of), Decimal((high + 1) * of - 1)), Decimal(1), m.end()
    words = m["mult"].split()
    if m["word"] in ("a", "an") and not words:
        return None  # "a" alone is an article, not a number
    scale = Decimal(1)
    for word in words:
        scale *= _MULTIPLIERS[word]
    if m["some"]:  # "several hundred": 300 to 999
        low, high = _SOME[m["some"]]
        top = (high + 1) * scale - 1 if scale > 1 else Decimal(high)
        return (low * scale, top), scale, m.end()
    if m["num"]:
        base = Decimal(m["num"].replace(",", ""))
    elif m["tens"]:  # "fifty-three"
        base = Decimal(20 + 10 * _TENS.index(m["tens"]))
        if m["ones"]:
            base += _SMALL_NUMBERS.index(m["ones"])
    elif m["word"] in ("a", "an"):
        base = Decimal(1)
    else:
        base = Decimal(12 if m["word"] == "dozen" else _SMALL_NUMBERS.index(m["word"]))
    return (base * scale, base * scale), scale, m.end()


def _parse_number(text: str) -> tuple[float | None, float | None, str] | None:
    """(low, high, unit) for text that reads as a number, else None."""
    s = " ".join(unicodedata.normalize("NFKC", text).casefold().replace("\u2212", "-").split())
    prefix = None
    pos = 0
    if m := _PREFIX.match(s):
        prefix, pos = m.lastgroup, m.end()
    currency = None
    if m := _CURRENCY.match(s, pos):
        currency, pos = _CURRENCIES[m[1]], m.end()
    first = _quantity(s, pos)
    if first is None:
        return None
    first_word = s[pos].isalpha()
    (low, high), scale, pos = first
    if currency and (m := _MILLION_AFTER_CURRENCY.match(s, pos)):
        low, high, scale, pos = low * 10**6, high * 10**6, scale * 10**6, m.end()
    pct = _PERCENT.match(s, pos)  # "50% to 55%"
    sep = (_AND if prefix == "between" else _RANGE_SEPARATOR).match(s, pct.end() if pct else pos)
    second = _quantity(s, sep.end()) if sep else None
    if second is not None:
        (_, high), scale2, pos = second
        # "1.5-2 million": the multiplier is written once, after the second figure.
        if scale == 1 and scale2 != 1 and low * scale2 <= high:
            low *= scale2
        if low > high:
            return None
    elif prefix == "between":
        return None
    elif prefix is None and (m := _SUFFIX.match(s, pos)):
        prefix, pos = ("ge" if m["ge"] else "le"), m.end()
    unit = normalize_text(s[pos:])
    if currency:  # "$1.5m" is in dollars, as "1.5 million dollars" is
        unit = f"{unit} {currency}".lstrip() if not unit.endswith(currency) else unit
    if unit in ("percent", "per cent") or (pct and second and unit == ""):
        unit = "%"
    if pct and second and unit != "%":  # "50% to 55 embassies"
        return None
    if unit[:1].isdigit():  # "1,5" or "50 55": not a number we can read
        return None
    if first_word and unit.startswith("of "):  # "one of the largest" is not a count
        return None
    return (*_apply(prefix, low, high), unit)


def _apply(prefix: str | None, low: Decimal, high: Decimal) -> tuple[float | None, float | None]:
    # An exclusive bound is stored as the next float past it, so every interval stays closed.
    up, down = math.inf, -math.inf
    if prefix == "gt":
        return math.nextafter(float(high), up), None
    if prefix == "ge":
        return float(low), None
    if prefix == "lt":
        return None, math.nextafter(float(low), down)
    if prefix == "le":
        return None, float(high)
    # Figures given "about" in news copy are rounded; ±10% lets "about 50" cover 53 while a
    # plain 49 and 53 still disagree. Decimal keeps 50 * 1.1 from becoming 55.00000000000001.
    if prefix == "about":
        return float(low - abs(low) * _TEN_PERCENT), float(high + abs(high) * _TEN_PERCENT)
    # "Almost 25%" is within 10% under it, and a reader takes it for the figure "25%"
    # rounded (as "about 50" for 53): the figure itself is in, whichever way it is put.
    if prefix == "below":
        return float(high - abs(high) * _TEN_PERCENT), float(high)
    if prefix == "above":
        return float(low), float(low + abs(low) * _TEN_PERCENT)
    return float(low), float(high)


# --------------------------------------------------------------------------- grades

CONFIDENCE: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
_CONFIDENCE_NAMES = {name: level for level, name in CONFIDENCE.items()} | {
    "confirmed": 1,
    "probable": 2,
    "possible": 3,
    "unknown": 6,
    "cannot be judged": 6,
}

RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
_RELIABILITY_NAMES = {name: grade for grade, name in RELIABILITY.items()} | {
    "cannot be judged": "F",
}


def _grade_words(text: str) -> str:
    # A hyphen or underscore between two letters, and runs of spaces, mean one space:
    # "probably-true". Nowhere else: "-1" is no level and "-b" no grade.
    return " ".join(_JOINER.sub(" ", text.casefold()).split())


_JOINER = re.compile(r"(?<=[^\W\d_])[-_](?=[^\W\d_])")


_CONFIDENCES: dict[tuple[type, str | int], int] = {}  # remembered as cache.py says


def parse_confidence(text: str | int, *, field: str = "confidence") -> int:
    """Information credibility on the Admiralty scale, 1 (confirmed) to 6 (cannot be judged)."""
    # Keyed by type as well: True == 1, but True is not a level.
    found = _CONFIDENCES.get((type(text), text))
    if found is None:
        found = _parse_confidence(text, field)
        if len(_CONFIDENCES) >= CACHE_SIZE:
            _CONFIDENCES.clear()
        _CONFIDENCES[(type(text), text)] = found
    return found


def _parse_confidence(text: str | int, field: str) -> int:
    if isinstance(text, int) and not isinstance(text, bool) and text in CONFIDENCE:
        return text
    if isinstance(text, str):
        words = _grade_words(text)
        if words.isdecimal() and len(words) == 1 and int(words) in CONFIDENCE:
            return int(words)
        if words in _CONFIDENCE_NAMES:
            return _CONFIDENCE_NAMES[words]
    raise InvalidValue(
        field,
        text,
        "is not a credibility level; use 1-6 or one of: confirmed, probably-true, "
        "possibly-true, doubtful, improbable, cannot-be-judged",
    )


def parse_reliability(text: str, *, field: str = "reliability") -> str:
    """Source reliability on the Admiralty scale, A (completely reliable) to F."""
    words = _grade_words(text)
    if words.upper() in RELIABILITY:
        return words.upper()
    if words in _RELIABILITY_NAMES:
        return _RELIABILITY_NAMES[words]
    raise InvalidValue(
        field,
        text,
        "is not a reliability grade; use A-F (A completely reliable ... F cannot be judged)",
    )
