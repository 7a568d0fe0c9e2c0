"""Reading what people type: dates, claimed values, names and the Admiralty grades.

Everything here is a pure function of its input (plus today's date for "today" and
"yesterday"); bad input raises InvalidValue naming the field, never a bare ValueError.

The readers live in modules by concern, each importing only modules above it in this
list (``tests/test_layers.py`` checks it); this package gives every name the rest of
``claims`` imports from ``claims.parsing``.

==============  ========================================================================
``cache``       how many readings are remembered, and which never are ("today")
``dates``       ``Period`` and ``parse_date``: dates with their precision (dateutil here)
``normalize``   ``normalize_text`` and ``name_key``: text and names as they are matched
``quantities``  figures: numbers, ranges, bounds, multipliers and units, as intervals
``values``      ``Value`` and ``parse_value``: a date, a number or text, and how two compare
``grades``      the Admiralty scales: ``CONFIDENCE`` 1-6, ``RELIABILITY`` A-F
==============  ========================================================================
"""

from __future__ import annotations

from claims.parsing.dates import Period, Precision, parse_date, today_period
from claims.parsing.grades import CONFIDENCE, RELIABILITY, parse_confidence, parse_reliability
from claims.parsing.normalize import fold_abbreviations, name_key, normalize_text
from claims.parsing.values import Value, ValueKind, parse_value, unit_key

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
