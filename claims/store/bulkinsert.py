"""Rows inserted many at a time, past the per-row cost of SQLAlchemy Core.

The bulk writer (``bulk``) writes a million claims and their citations through these:
the driver's own executemany of plain tuples, or COPY on PostgreSQL, with each value
converted as a Core ``insert()`` would convert it. Apart from ``bulk`` because it knows
nothing of claims: only a table, a connection and how the dialect takes rows fastest.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection

BATCH = 5_000  # rows per executemany (and identities per lookup)
MEMO = 16_384  # converted values remembered per column


class Rows:
    """Rows inserted with the driver's own executemany, as plain tuples.

    The statement is built from the model's table, and each value converted by the
    column type's own bind processor (SQLite keeps dates and times as text), so the rows
    are exactly those a Core ``insert()`` writes; but Core's per-row parameter handling,
    which costs as much as the insert itself at a million rows, is skipped.
    """

    def __init__(self, conn: Connection, table: Table) -> None:
        self.conn = conn
        dialect = conn.dialect
        self.names = [column.name for column in table.columns]
        # The dialect's own types (SQLite's DATE, DATETIME), as a Core insert() uses.
        processors = [
            column.type.dialect_impl(dialect).bind_processor(dialect) for column in table.columns
        ]
        quote = dialect.identifier_preparer.quote
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self.sql = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in self.names)}) "
            f"VALUES ({', '.join([mark] * len(self.names))})"
        )
        self.converted: list[tuple[int, Any, dict[Any, Any]]] = [
            (i, process, {}) for i, process in enumerate(processors) if process is not None
        ]
        # PostgreSQL takes rows in bulk by COPY, several times faster than executemany
        # (which sends every row as a statement of its own).
        self.copy_sql = (
            f"COPY {quote(table.name)} ({', '.join(quote(n) for n in self.names)}) FROM STDIN"
            if dialect.name == "postgresql"
            else None
        )

    def arranged(self, names: Sequence[str]) -> Callable[[tuple[Any, ...]], Any]:
        """What puts a row given in ``names`` order into the table's column order, in
        one C call (ValueError now, not a wrong row later, if a column is missing)."""
        return operator.itemgetter(*[list(names).index(name) for name in self.names])

    def write(self, values: Sequence[tuple[Any, ...]]) -> None:
        """Rows given as tuples in the table's column order."""
        if not values:
            return
        if self.converted:
            values = [self._converted(list(value)) for value in values]
        self._insert(values)

    def _insert(self, values: Sequence[tuple[Any, ...]]) -> None:
        if self.copy_sql is None:
            self.conn.exec_driver_sql(self.sql, values)
            return
        # The session's own connection, so the rows are part of its transaction.
        cursor = self.conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(self.copy_sql) as copy:
            for value in values:
                copy.write_row(value)

    def _converted(self, value: list[Any]) -> tuple[Any, ...]:
        # The converted columns (dates as text) repeat the same few thousand values, so
        # each distinct one is converted once.
        for i, process, memo in self.converted:
            given = value[i]
            if given is not None:
                found = memo.get(given)
                if found is None:
                    if len(memo) >= MEMO:
                        memo.clear()
                    found = memo[given] = process(given)
                value[i] = found
        return tuple(value)
