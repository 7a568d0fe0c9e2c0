"""Figures as news copy writes them, read into an interval with its unit: numerals and
number words, ranges ("10-12", "between 10 and 12"), bounds ("more than 12", "about
50"), multipliers ("1.5 million", "several hundred", "dozens"), currencies and percents.

Apart from values.py because this is the largest reader, with tables of its own; values
decides what a claimed value is (a date, a number or text) and how two compare.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

from claims.parsing.normalize import normalize_text

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


def parse_number(text: str) -> tuple[float | None, float | None, str] | None:
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
