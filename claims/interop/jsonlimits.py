"""What an import reads of JSON, and what it refuses to: nesting deeper than any record
needs, and numbers that cannot be read as they are written.

Python's ``json`` reads nested lists and objects by recursion, and fails near 1,000
levels with a RecursionError; it refuses to convert an integer of more than 4,300
digits (``sys.get_int_max_str_digits``, a guard against quadratic conversion) with a
ValueError; and it reads ``1e-400`` as ``0.0`` without a word. Here each of these is a
problem of the record it is in, named like any other: the record is refused (or set
aside with ``--on-error skip``) and the rest of the file is read on.
"""

from __future__ import annotations

import json
import re
from typing import Any

# A claim record is at most 6 levels deep (a source object, in the claim of a version,
# in its history); anything far deeper is no record claims writes or reads. Well below
# the depth at which json's recursion fails, whatever the stack already holds.
MAX_DEPTH = 64
# Python's own limit on converting integer text (sys.get_int_max_str_digits).
MAX_DIGITS = 4300

# A string (skipped whole), or a bracket that opens or closes a level.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_NONZERO = re.compile(r"[1-9]")


class TooDeep(Exception):
    """A JSON value nested deeper than MAX_DEPTH."""

    message = f"nested more than {MAX_DEPTH} levels deep; a claim record needs 6 at most"


class Unreadable:
    """A JSON number that cannot be read as written, kept as its text in the value read
    (so that the field holding it can be named)."""

    __slots__ = ("reason", "text")

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason

    def __repr__(self) -> str:
        return self.text if len(self.text) <= 40 else f"{self.text[:20]}...{self.text[-10:]}"


def too_deep(text: str, pos: int = 0) -> bool:
    """Whether the JSON value at ``text[pos:]`` is nested deeper than MAX_DEPTH."""
    if text.count("[", pos) + text.count("{", pos) <= MAX_DEPTH:
        return False  # the usual record: no need to look closer
    depth = 0
    for token in _TOKENS.finditer(text, pos):
        mark = token[0]
        if mark in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif mark in "]}":
            depth -= 1
            if depth <= 0:
                return False
    return False


def end_of_value(text: str, pos: int) -> int | None:
    """Where the list or object starting at ``text[pos]`` ends, read without recursion;
    None when it does not end in ``text``."""
    depth = 0
    for token in _TOKENS.finditer(text, pos):
        mark = token[0]
        if mark in "[{":
            depth += 1
        elif mark in "]}":
            depth -= 1
            if depth <= 0:
                return token.end()
    return None


class Decoder(json.JSONDecoder):
    """``json.JSONDecoder``, with numbers it cannot read as written kept as Unreadable
    (and remembered in ``unread``, so that a record without any costs no search)."""

    def __init__(self) -> None:
        super().__init__(parse_int=self.read_int, parse_float=self.read_float)
        self.unread: list[Unreadable] = []

    def read_int(self, text: str) -> int | Unreadable:
        digits = len(text) - text.startswith("-")
        if digits <= MAX_DIGITS:
            return int(text)
        why = f"is a whole number of {digits:,} digits, too long to read (at most {MAX_DIGITS:,})"
        return self._unread(text, why)

    def read_float(self, text: str) -> float | Unreadable:
        value = float(text)
        if value == 0 and _NONZERO.search(re.split("[eE]", text, maxsplit=1)[0]):
            why = f'is too small a number: it reads as 0; give it as text ("{text}") to keep it'
            return self._unread(text, why)
        return value

    def _unread(self, text: str, reason: str) -> Unreadable:
        found = Unreadable(text, reason)
        self.unread.append(found)
        return found

    def problem(self, record: Any) -> tuple[str, str] | None:
        """The field of ``record`` holding the first number not read, and what is wrong
        with it; None when every number was read. Forgets them, for the next record."""
        if not self.unread:
            return None
        first = self.unread[0]
        self.unread.clear()
        fields = record.items() if isinstance(record, dict) else ()
        field = next((name for name, value in fields if _holds(value, first)), "json")
        return field, f"{first!r} {first.reason}"


def _holds(value: Any, found: Unreadable) -> bool:
    # Recursive, but only over values no deeper than MAX_DEPTH (too_deep comes first).
    if value is found:
        return True
    if isinstance(value, list):
        return any(_holds(item, found) for item in value)
    if isinstance(value, dict):
        return any(_holds(item, found) for item in value.values())
    return False
