"""A SQLite file as the standard library's ``sqlite3`` sees it: which file ``--db``
names, how a connection to it is set up, whether this user may write it, and tidying its
-wal file. Nothing here loads SQLAlchemy, so that ``direct`` (one claim recorded without
it) and ``db`` open a file alike."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "claims.db"
# The newest migration in claims/migrations/versions. Checked against Alembic's own idea
# of the head by the tests; comparing it here spares every command importing Alembic.
SCHEMA_REVISION = "0007"
# How long a command waits for another one holding the SQLite write lock. Read when a
# connection is made (the tests shorten it).
BUSY_TIMEOUT_MS = 30_000


def target(db: str | None) -> str:
    """What --db names: the option, else CLAIMS_DB, else claims.db in the current folder."""
    return db or os.environ.get("CLAIMS_DB") or DEFAULT_DB


def plain_file(db: str | None) -> Path | None:
    """The SQLite file --db names as a plain path; None for a URL (``://``)."""
    named = target(db)
    return None if "://" in named else Path(named).expanduser().resolve()


def connect(path: Path) -> sqlite3.Connection:
    """A sqlite3 connection that waits up to BUSY_TIMEOUT_MS for another writer."""
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)


def configure(connection: sqlite3.Connection) -> None:
    """Set up a connection that may write."""
    # The caller, not the sqlite3 module, decides when transactions begin: a writer
    # begins with BEGIN IMMEDIATE (see db._sqlite_on_begin).
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    # WAL lets readers go on while one command writes.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    # Cross-referencing reads the claims in proposition order, not in the order they were
    # recorded: memory-mapped reads and a larger page cache make that random access cheap.
    cursor.execute("PRAGMA mmap_size = 1073741824")
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.close()


def still_locked() -> str:
    """What SQLite's "database is locked" means once the busy timeout has passed."""
    return (
        f"database is locked; another command has been writing to it for over "
        f"{BUSY_TIMEOUT_MS / 1000:g} s (an import?): try again once it is done"
    )


def truncate_wal(connection: sqlite3.Connection) -> None:
    """Checkpoint the -wal file and truncate it, so that the disk space it took (a
    failed import's, on a full disk) comes back. SQLite does this itself only when the
    last connection to the file closes, which another program holding the file open may
    put off for good; otherwise it keeps the file at its largest. ``connection`` is in
    no transaction (a checkpoint runs outside one)."""
    try:
        # Not waiting: with another command writing or reading, it is left for later.
        connection.execute("PRAGMA busy_timeout = 0")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass  # tidying only: the file is as good as it was, and the next command tries


def wal_file(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


@dataclass(frozen=True)
class ReadOnly:
    """Why a SQLite file cannot be written, and how it is opened for reading:
    ``immutable`` when nobody can write it either (SQLite then needs no -shm file),
    else ``ro`` (SQLite reads it through its -shm file, as others may write)."""

    reason: str
    mode: str  # "immutable" or "ro"


def read_only(path: Path | None) -> ReadOnly | None:
    """How to open a SQLite file this user may read but not write (nor its folder, where
    SQLite keeps its -wal and -shm files); None when it can be written, or is none."""
    if path is None or not path.exists():
        return None
    folder = path.parent
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        return ReadOnly("on a read-only file system", "immutable")
    if os.access(path, os.W_OK) and os.access(folder, os.W_OK):
        return None
    reason = (
        "the file is read-only to you"
        if not os.access(path, os.W_OK)
        else (f"its folder {str(folder)!r} is read-only to you")
    )
    wal = wal_file(path)
    if wal.exists() and wal.stat().st_size > 0:
        return ReadOnly(reason, "ro")  # changes not yet in the file: read them too
    # Nobody can write a file that root cannot (an immutable file), nor one that has
    # no write permission for anyone (an archived copy): no need to watch for writers.
    nobody = os.geteuid() == 0 or not path.stat().st_mode & 0o222
    return ReadOnly(reason, "immutable" if nobody else "ro")
