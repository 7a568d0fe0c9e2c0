"""Grades on the Admiralty scale (STANAG 2511): information credibility 1-6
(``CONFIDENCE``) and source reliability A-F (``RELIABILITY``), read from a number, a
letter or the words people use for them.

Apart because they are fixed scales rather than free text: the report and the exports
name a grade by these tables without reading anything.
"""

from __future__ import annotations

import re

from claims.errors import InvalidValue
from claims.parsing.cache import CACHE_SIZE

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
