"""CSV cells that are safe to open in a spreadsheet (formula injection).

A cell beginning with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some spreadsheets skip before reading one of those) is run as a formula by Excel,
LibreOffice and Google Sheets: ``=HYPERLINK(...)`` in a claim's text could leak data or
mislead whoever opens the export. Following the OWASP recommendation
(https://owasp.org/www-community/attacks/CSV_Injection) such a cell is prefixed with a
single quote, which spreadsheets show as text and hide.

Reading a CSV file back undoes exactly that: a leading quote before one of those
characters is taken off. A cell that already begins with quotes before one of them gets
one more on the way out, so every text survives the round trip unchanged.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _dangerous(cell: str) -> bool:
    return cell.lstrip("'").startswith(TRIGGERS)


def neutralise(cell: str) -> str:
    """The cell as written to CSV: quoted when a spreadsheet would run it."""
    return "'" + cell if _dangerous(cell) else cell


def restore(cell: str) -> str:
    """The cell as read from CSV: ``neutralise`` undone."""
    return cell[1:] if cell.startswith("'") and _dangerous(cell) else cell
