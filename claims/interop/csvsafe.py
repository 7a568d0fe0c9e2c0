"""CSV cells that are safe to open in a spreadsheet (formula injection).

A cell beginning with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some spreadsheets skip before reading one of those; or spaces, which a spreadsheet
trimming cells drops) is run as a formula by Excel,
LibreOffice and Google Sheets: ``=HYPERLINK(...)`` in a claim's text could leak data or
mislead whoever opens the export. Following the OWASP recommendation
(https://owasp.org/www-community/attacks/CSV_Injection) such a cell is prefixed with a
single quote, which spreadsheets show as text and hide.

Reading a CSV file back undoes exactly that: a leading quote before one of those
characters is taken off. A cell that already begins with quotes before one of them gets
one more on the way out, so every text survives the round trip unchanged.

A claim's sources share one cell, ``KIND:NAME`` joined with ``; ``. A ``;`` within a
name is doubled, as CSV doubles a quote within a quoted cell, so that
``organization:Smith; Jones LLP`` reads back as one source, not as two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _dangerous(cell: str) -> bool:
    # After leading spaces too: a spreadsheet told to trim cells on import (LibreOffice
    # offers it) would read " =HYPERLINK(...)" as a formula.
    return cell.lstrip("'").lstrip(" ").startswith(TRIGGERS)


def neutralise(cell: str) -> str:
    """The cell as written to CSV: quoted when a spreadsheet would run it."""
    return "'" + cell if _dangerous(cell) else cell


def restore(cell: str) -> str:
    """The cell as read from CSV: ``neutralise`` undone."""
    return cell[1:] if cell.startswith("'") and _dangerous(cell) else cell


def join_sources(sources: Iterable[str]) -> str:
    """Sources (``KIND:NAME``) in one cell: joined with ``; ``, each ``;`` of a name doubled."""
    return "; ".join(source.replace(";", ";;") for source in sources)


# A source in a cell: a run of anything but ';', or of ';;' (a ';' of its name).
_SOURCE = re.compile(r"(?:[^;]|;;)+")


def split_sources(cell: str) -> list[str]:
    """``join_sources`` undone: the sources a cell names, in order."""
    parts = (part.strip() for part in _SOURCE.findall(cell))
    return [part.replace(";;", ";") for part in parts if part]
