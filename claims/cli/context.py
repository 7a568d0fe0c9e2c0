"""The --db context: which database a command reads, opened the first time the command
needs it, and the moment start-up ends (``started``), from which the garbage collector runs.

The store is imported inside functions, so that ``claims --help`` does not pay for
SQLAlchemy.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claims.errors import ClaimsError

if TYPE_CHECKING:
    from claims.store.db import Database


class AppContext:
    """Holds --db and opens the database the first time a command needs it."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._database: Database | None = None

    def database(self, *, existing: bool = False) -> Database:
        """The database, opened (and created or upgraded) on first use. ``existing``: a
        command that makes a file from the record (export, report) refuses a SQLite file
        that is not there, rather than create an empty one and write a file from it: a
        mistyped --db would otherwise leave an empty backup that looks like a good one."""
        if self._database is None:
            from claims.store.db import open_database

            path = self.sqlite_file() if existing else None
            if path is not None and not path.exists():
                raise ClaimsError(
                    f"database: no claims database at {str(path)!r}; claims init creates "
                    "one (or --db / CLAIMS_DB names another)"
                )
            self._database = open_database(self.db)
            started()
        return self._database

    def sqlite_file(self) -> Path | None:
        """The database's file, when it is a SQLite file (not a server)."""
        from claims.store.db import resolve_url, sqlite_file

        return sqlite_file(resolve_url(self.db))

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None


def started() -> None:
    """Start-up is over (the database open, its modules loaded): the garbage collector,
    held off by ``main``, runs from here on, and never again over what start-up made.
    A program that runs the commands itself (the tests, through Click's runner) keeps
    its collector as it is: nothing of it is frozen for good."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def app(ctx: click.Context) -> AppContext:
    obj = ctx.find_object(AppContext)
    assert obj is not None, "the claims group sets ctx.obj"
    return obj
