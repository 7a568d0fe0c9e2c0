"""The rules every recorded text obeys, wherever it comes from.

``claims add``, ``claims edit``, ``claims outlet add``, ``claims source add`` and import
all check text through these functions, so that a value is accepted or refused the
same way, in the same words, from the command line or from a file. The sizes are the
schema's (``claims.store.models``): PostgreSQL refuses a longer value for the column, so the
limit holds on SQLite too, where a database must stay movable to PostgreSQL.
"""

from __future__ import annotations

import re

from claims.errors import InvalidValue

MAX_NAME = 300  # outlets.name and sources.name are VARCHAR(300)
MAX_ROLE = 300  # sources.role is VARCHAR(300)
MAX_USER = 200  # recorded_by, created_by, changed_by... are VARCHAR(200)
# Ids and version numbers are INTEGER: 64 bits in SQLite, but 32 in PostgreSQL.
MAX_ID = 2**31 - 1

# Control characters (C0 but tab, line feed and carriage return, which text may hold;
# DEL; C1, whose U+009B starts terminal escapes as ESC [ does): NUL
# cuts a string short in C programs and PostgreSQL refuses it, ESC starts the escape
# sequences that rewrite a terminal, and none of them is written by anyone on purpose.
# And half of a UTF-16 pair on its own ("\ud800" in JSON, or bytes that were not UTF-8
# on a command line), which is no character: no UTF-8 file or database can hold it.
# One pattern for both: an import checks millions of fields, nearly all of them clean.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def plain(field: str, text: str) -> str:
    """Any recorded text: refused if it holds a control character or a lone surrogate."""
    found = _NOT_TEXT.search(text)
    if found is None:
        return text
    char = found.group()
    if char < "\ud800":  # C0, DEL or C1
        raise InvalidValue(field, text, f"contains the control character {char!r}")
    why = "is not valid text (a lone surrogate, or bytes that are not UTF-8)"
    raise InvalidValue(field, text, why)  # the message shows it escaped (repr)


def name(field: str, text: str, *, limit: int = MAX_NAME, what: str = "a name") -> str:
    """An outlet's or a source's name as it is stored: its spacing collapsed."""
    plain(field, text)  # before collapsing, which would hide some of them in spaces
    collapsed = " ".join(text.split())
    if not collapsed:
        raise InvalidValue(field, text, "is empty")
    if len(collapsed) > limit:
        raise InvalidValue(field, text, too_long(len(collapsed), limit, what))
    return collapsed


def role(field: str, text: str | None) -> str | None:
    """A source's role as it is stored, None when none is given."""
    if text is None or not text.strip():
        return None
    return name(field, text, limit=MAX_ROLE, what="a role")


def user(field: str, text: str) -> str:
    """Who recorded something, kept as given (spaces and all): someone, always."""
    if not text.strip():
        raise InvalidValue(field, text, "is empty: say who is recording it")
    plain(field, text)
    if len(text) > MAX_USER:
        raise InvalidValue(field, text, too_long(len(text), MAX_USER, "a user name"))
    return text


def too_long(length: int, limit: int, what: str) -> str:
    return f"is {length} characters long; {what} can have at most {limit}"
