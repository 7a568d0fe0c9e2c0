"""Text and names as they are compared: ``normalize_text`` for subjects, predicates and
text values, ``name_key`` for the identity of outlets and sources.

Apart from the readers of dates and figures because it is what matching rests on (the
store's keys, the rules' propositions): one small set of folding rules, in one place.
"""

from __future__ import annotations

import re
import unicodedata

from claims.checks import MAX_NAME
from claims.errors import InvalidValue


def _is_word_char(ch: str) -> bool:
    # Marks count as letters: in scripts such as Devanagari vowel signs are marks.
    return ch == "%" or unicodedata.category(ch)[0] in "LNM"


# Abbreviations written with full stops, single letters each: "U.S.", "U.N.", "e.g."
# A reader takes "U.S. Army" and "US Army" for one name; names (name_key) already fold
# every stop away, and subjects and values must agree with them, or a faithful echo of
# "U.S. Army" reads as a different value. "x.com" or "1.5" are no such thing.
_ABBREVIATION = re.compile(r"(?<!\w)[^\W\d_](?:\.[^\W\d_](?!\w))+\.?")


def fold_abbreviations(text: str) -> str:
    """ "U.S. Army" -> "US Army": the stops of a letter-by-letter abbreviation dropped."""
    if "." not in text:
        return text
    return _ABBREVIATION.sub(lambda m: m[0].replace(".", ""), text)


def normalize_text(text: str) -> str:
    """Form used to compare subjects, predicates and text values."""
    folded = fold_abbreviations(unicodedata.normalize("NFKC", text).casefold())
    words = "".join(ch if _is_word_char(ch) else " " for ch in folded).split()
    return " ".join(word for word in words if not _only_marks(word))


def _only_marks(word: str) -> bool:
    # A combining mark with no letter to sit on ("\u0301" alone) is no letter itself.
    return all(unicodedata.category(ch)[0] == "M" for ch in word)


def name_key(name: str, field: str = "name") -> str:
    """Identity key for outlet and source names: letters and digits only. ``field``
    names, in the error, where the name was given (an outlet named by --outlet, say)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    key = "".join(ch for ch in folded if ch != "%" and _is_word_char(ch))
    if _only_marks(key):  # (an empty key too)
        raise InvalidValue(field, name, "has no letters or digits")
    if len(key) > MAX_NAME and len(" ".join(name.split())) <= MAX_NAME:
        # The key is kept in a column as wide as the name's, and folding can lengthen a
        # name ("ß" is "ss", one ligature several letters): refused here, not by the
        # database (PostgreSQL) or by the next restore into it. (A name too long as
        # written is refused as such by checks.name.)
        why = f"has {len(key)} letters and digits once folded for matching"
        raise InvalidValue(field, name, f"{why}; a name can have at most {MAX_NAME}")
    return key
