"""Which database, how to open it, and keeping its schema current.

``--db`` wins, then ``CLAIMS_DB``, then ``claims.db`` in the current folder. A plain path
is a SQLite file; anything with ``://`` is a SQLAlchemy URL (PostgreSQL for a team).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, Select, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.exc import DatabaseError as DriverDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from claims.errors import DatabaseError
from claims.store import sqlitefile
from claims.store.sqlitefile import (
    DEFAULT_DB,
    SCHEMA_REVISION,
    ReadOnly,
    configure,
    read_only,
    still_locked,
    target,
    truncate_wal,
    wal_file,
)

__all__ = ["DEFAULT_DB", "SCHEMA_REVISION", "Database", "open_database", "resolve_url"]


def resolve_url(db: str | None = None) -> str:
    """Turn a --db value (or CLAIMS_DB, or the default) into a SQLAlchemy URL."""
    named = target(db)
    if "://" not in named:
        return f"sqlite:///{Path(named).expanduser().resolve()}"
    # Plain postgresql:// would pick psycopg2; the supported driver is psycopg 3.
    for prefix in ("postgresql://", "postgres://"):
        if named.startswith(prefix):
            return "postgresql+psycopg://" + named[len(prefix) :]
    return named


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for a server or an in-memory database."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


# user:password@ in a URL that cannot be parsed, hidden all the same.
_PASSWORD = re.compile(r"(//[^/@:]*):[^/@]*@")


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages and reports."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return _PASSWORD.sub(r"\1:***@", url)
    if parsed.drivername == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


class Database:
    """An opened database: an engine plus sessions that are one transaction each."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine = _create_engine(url)
        except (ArgumentError, NoSuchModuleError, ValueError) as exc:
            # (ValueError: a port that is no number, an unclosed IPv6 bracket)
            raise DatabaseError(f"database: cannot use {display_url(url)!r}: {exc}") from None
        except ImportError as exc:
            raise DatabaseError(
                f"database: {display_url(url)} needs the {exc.name} driver, which is not "
                "installed; for PostgreSQL: pip install 'claims[postgresql]'"
            ) from None
        self.read_only = _read_only(url)  # why a SQLite file cannot be written, if so
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = self.engine.execution_options(claims_write=True)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)

    @property
    def name(self) -> str:
        return display_url(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error.
        What the database refuses (a server, a permission, a key taken, a full disk)
        comes out as ``DatabaseError``, in one line, committing included."""
        if write:
            self._refuse_read_only("this command writes to it")
        maker = self._write_sessions if write else self._sessions
        try:
            with maker.begin() as session:
                yield session
        except DBAPIError as exc:
            raise DatabaseError(f"database: {failure(exc, self.url)}") from None

    def schema_revision(self) -> str | None:
        """The migration this database is at, or None if it has no schema yet."""
        # The driver's DatabaseError covers OperationalError and ProgrammingError, and
        # what SQLite says of a file that is no database at all (--db notes.txt).
        try:
            with self.engine.connect() as conn:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DriverDatabaseError as exc:
            if _is_missing_table(exc):
                return None
            reason = driver_message(exc)
            if reason == "file is not a database":
                reason = f"not a claims database ({reason})"
            elif self.read_only and reason == "unable to open database file":
                # mode=ro: SQLite reads a WAL database through its -shm file.
                reason = (
                    f"it is read-only ({self.read_only.reason}), and SQLite cannot read it "
                    "safely without creating a -shm file beside it (others may be writing "
                    "it, or its -wal file holds changes not yet in it); read a copy, or ask "
                    "its owner to make the folder writable to you"
                )
            raise DatabaseError(f"database: cannot open {self.name}: {reason}") from None

    def ensure_schema(self) -> None:
        """Create the schema, or upgrade an older one, so it is at SCHEMA_REVISION."""
        current = self.schema_revision()
        if current == SCHEMA_REVISION:
            return
        from claims.store.migrate import is_known

        known = current is not None and is_known(current)
        if not known:
            self._refuse_foreign()
        if current is not None and not known:
            # A shared database upgraded by a newer claims: this one must not touch it.
            raise DatabaseError(
                f"database: {self.name} has schema revision {current!r}, newer than this "
                f"version of claims knows (up to {SCHEMA_REVISION!r}); upgrade claims to use it"
            )
        self.upgrade()

    def _refuse_foreign(self) -> None:
        """Another program's database (a --db mistyped, say) is left as it is: claims
        would add its tables beside the others', or upgrade what it took for its own."""
        from sqlalchemy import inspect

        with self.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if tables and "claims" not in tables:
            shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise DatabaseError(
                f"database: {self.name} is not a claims database (it holds other tables: "
                f"{shown}); give --db a database of its own"
            )

    def upgrade(self, revision: str = "head") -> None:
        from claims.store.migrate import upgrade

        self._refuse_read_only(
            f"it needs an upgrade to schema revision {SCHEMA_REVISION!r}, which writes to it"
            if self.schema_revision() is not None
            else "it has no claims schema yet, and creating one writes to it"
        )
        try:
            with self._writer.connect() as conn:
                # SQLite changes a table by copying it and dropping the old one, and a
                # dropped table's rows are deleted first, its foreign keys acting on
                # them (claim_sources' ON DELETE CASCADE would empty the attributions).
                # So keys are off while it runs (which takes effect only outside a
                # transaction), and checked whole before it commits.
                raw = conn.connection.driver_connection if self.is_sqlite else None
                if raw is not None:
                    raw.execute("PRAGMA foreign_keys = OFF")
                try:
                    with conn.begin():
                        upgrade(conn, revision)
                        if raw is not None:
                            _check_foreign_keys(conn)
                finally:
                    if raw is not None:
                        raw.execute("PRAGMA foreign_keys = ON")
        except DriverDatabaseError as exc:  # a server refusing, or a foreign table
            reason = driver_message(exc)
            raise DatabaseError(f"database: cannot upgrade {self.name}: {reason}") from None

    def _refuse_read_only(self, why: str) -> None:
        if self.read_only:
            raise DatabaseError(
                f"database: {self.name} is read-only ({self.read_only.reason}): {why}; "
                "it can be read, not written"
            )

    def dispose(self) -> None:
        if self.is_sqlite and not self.read_only:
            self._shrink_wal()
        self.engine.dispose()

    def _shrink_wal(self) -> None:
        """Truncate the -wal file (``sqlitefile.truncate_wal`` says why)."""
        path = sqlite_file(self.url)
        wal = wal_file(path) if path is not None else None
        if wal is None or not wal.exists() or not wal.stat().st_size:
            return
        try:
            conn = self.engine.raw_connection()  # no transaction: a checkpoint runs outside one
        except DriverDatabaseError:
            return  # (a file that is no database, say: the command has said so already)
        try:
            truncate_wal(conn.driver_connection)  # type: ignore[arg-type]
        finally:
            conn.close()


def _check_foreign_keys(conn: Any) -> None:
    """Refuse an upgrade that left a row pointing at nothing (SQLite, keys off)."""
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
    if broken is not None:
        raise DatabaseError(
            f"database: the upgrade would leave a row of {broken[0]} (rowid {broken[1]}) "
            f"pointing at no row of {broken[2]}; nothing was changed"
        )


def _read_only(url: str) -> ReadOnly | None:
    return read_only(sqlite_file(url))


def plain_rows(
    session: Session, query: Select[*tuple[Any, ...]], batch: int = 10_000
) -> Iterator[Any]:
    """The rows of a large read-only query as plain tuples, streamed ``batch`` at a time.

    Row objects and the per-column result processing cost as much as SQLite's own work
    on a million rows, so the query goes to the driver's cursor as it is: on SQLite,
    dates come back as ISO text (``as_date`` reads both); on PostgreSQL, through a
    server-side cursor, so that the rows are streamed, not all held. Other databases
    stream through SQLAlchemy, whose rows index like tuples."""
    conn = session.connection()
    dialect = conn.dialect.name
    if dialect not in ("sqlite", "postgresql"):
        yield from conn.execution_options(yield_per=batch).execute(query)
        return
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    driver = conn.connection.driver_connection
    args: Any
    if dialect == "sqlite":
        args = [_sqlite_param(params[name]) for name in compiled.positiontup or ()]
        cursor = driver.cursor()  # type: ignore[union-attr]
    else:
        args = params  # psycopg binds dates, text and numbers itself
        cursor = driver.cursor(name=f"plain_rows_{next(_cursors)}")  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), args)
        while rows := cursor.fetchmany(batch):
            yield from rows
    finally:
        cursor.close()


_cursors = itertools.count()  # server-side cursors need names of their own


def _sqlite_param(value: Any) -> Any:
    # What SQLAlchemy's Date type would bind: ISO text, which sorts as dates do. (Its
    # DateTime text differs from isoformat(): such parameters are not supported here.)
    if isinstance(value, dt.datetime):
        raise TypeError("plain_rows: datetime parameters are not supported")
    return value.isoformat() if isinstance(value, dt.date) else value


def as_date(value: dt.date | str) -> dt.date:
    """A date column's value from ``plain_rows``: a date, or ISO text on SQLite."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def open_database(db: str | None = None, *, create: bool = True) -> Database:
    database = Database(resolve_url(db))
    if create:
        try:
            database.ensure_schema()
        except DatabaseError:
            database.dispose()  # its connections closed now, not whenever collected
            raise
    return database


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise DatabaseError(f"database: folder {str(folder)!r} does not exist")
            if not Path(parsed.database).exists() and not os.access(folder, os.W_OK):
                raise DatabaseError(
                    f"database: cannot create {parsed.database}: its folder is read-only to you"
                )
        read_only = _read_only(url)
        if read_only is not None:
            engine = _read_only_engine(url, read_only)
        else:
            # (sqlitefile.BUSY_TIMEOUT_MS read now, as sqlitefile.connect reads it)
            timeout = sqlitefile.BUSY_TIMEOUT_MS / 1000
            engine = create_engine(url, connect_args={"timeout": timeout})
            event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    engine = create_engine(url, pool_pre_ping=False)
    if engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _postgresql_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    configure(dbapi_connection)


def _read_only_engine(url: str, read_only: ReadOnly) -> Engine:
    """An engine that opens the file read-only: SQLite's URI ``mode=ro``, or
    ``immutable=1`` when nobody can write it (https://sqlite.org/uri.html)."""
    path = Path(make_url(url).database or "")
    option = "immutable=1" if read_only.mode == "immutable" else "mode=ro"
    uri = f"file:{quote(str(path))}?{option}"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=sqlitefile.BUSY_TIMEOUT_MS / 1000)

    engine = create_engine(url, creator=connect)
    event.listen(engine, "connect", _sqlite_on_connect_read_only)
    return engine


def _sqlite_on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    # As _sqlite_on_connect, but for the journal mode, which a reader cannot set.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only = ON")
    cursor.execute("PRAGMA mmap_size = 1073741824")
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    # A writer takes the write lock up front (BEGIN IMMEDIATE), so it waits on the busy
    # timeout instead of failing with "database is locked" when it upgrades a read lock.
    if conn.get_execution_options().get("claims_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


# Any 64-bit number that is this tool's own: the bytes of "claims".
_WRITE_LOCK = int.from_bytes(b"claims", "big")


def _postgresql_on_begin(conn: Any) -> None:
    # Writers take turns, as SQLite's BEGIN IMMEDIATE makes them: a command reads what
    # is on record, decides (a grade is not overwritten without --replace, a version
    # number follows the last, a new source is created once) and writes, and another
    # writer between its reading and its writing would be overwritten, or fail on a
    # unique key. The lock is held until the transaction ends; readers never wait.
    if conn.get_execution_options().get("claims_write"):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_WRITE_LOCK})")


def disk_full(url: str) -> str:
    """Which disk is full, as far as can be told, when SQLite says "database or disk is
    full": the database's own, or the one of the folder where SQLite keeps temporary
    tables and sorts (an import's list of the claims it has seen is one)."""
    path = sqlite_file(url)
    if path is None:
        return "the database server's disk"
    temp, chosen = sqlite_temp_folder()
    db_free, temp_free = shutil.disk_usage(path.parent).free, shutil.disk_usage(temp).free
    if os.stat(path.parent).st_dev == os.stat(temp).st_dev:
        return f"the disk holding {path} and the temporary folder {temp} ({_size(db_free)} free)"
    if temp_free < db_free:
        return (
            f"the temporary folder {temp} ({chosen}), where SQLite keeps temporary tables and "
            f"sorts, has {_size(temp_free)} free (the database's disk: {_size(db_free)}); "
            "point SQLITE_TMPDIR at a folder on a disk with room"
        )
    return f"the disk holding {path} ({_size(db_free)} free)"


def sqlite_temp_folder() -> tuple[str, str]:
    """The folder SQLite keeps its temporary files in on Unix, and what chose it: the
    first of SQLITE_TMPDIR, TMPDIR, /var/tmp, /usr/tmp and /tmp that is a folder it may
    write, else the current folder (SQLite's unixTempFileDir)."""
    for name in ("SQLITE_TMPDIR", "TMPDIR"):
        folder = os.environ.get(name)
        if folder and os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return folder, f"from {name}"
    for folder in ("/var/tmp", "/usr/tmp", "/tmp"):
        if os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return folder, "SQLite's default; SQLITE_TMPDIR or TMPDIR names another"
    return ".", "the current folder, as no other can be written"


def _size(n: int) -> str:
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.1f} MiB"


def _is_missing_table(exc: Exception) -> bool:
    message = str(exc.__cause__ or exc).lower()
    return "no such table" in message or "does not exist" in message and "relation" in message


def failure(exc: DBAPIError, url: str) -> str:
    """Why the database refused, in words, with what to do about it."""
    reason = driver_message(exc)
    if reason == "database or disk is full":  # SQLite's words: say which disk
        reason = f"disk full: {disk_full(url)}"
    if isinstance(exc, IntegrityError):
        # Writers take turns (see Database), so this is another program writing to the
        # same tables, or a rule of the schema the checks missed.
        reason += "; nothing was written: try again"
    if reason == "database is locked":  # SQLite, after waiting the busy timeout
        reason = still_locked()
    return reason


def driver_message(exc: Exception) -> str:
    """The driver's message, on one line."""
    message = str(getattr(exc, "orig", None) or exc)
    return " ".join(message.split())
