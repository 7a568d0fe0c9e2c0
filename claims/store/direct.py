"""``claims add`` on a SQLite file, through the standard library's ``sqlite3``.

Importing SQLAlchemy takes longer than the rest of recording one claim together (about
three times a whole ``sqlite-utils insert``, docs/performance.md), and a desk records
claims one command at a time. So the one command run most often takes this way when it
can: the same steps as ``records.record_claim``, written as plain SQL, building and
reading rows through the same functions (``rows``), so that both write the same rows
(tests/test_direct.py holds them to it, record by record).

It takes it only for what it can do exactly as the ORM path does. Whenever a step meets
anything else it gives up before writing (``record_claim`` returns None) and the caller
runs ``records.record_claim``, which does the rest and says what is wrong in its own
words: a database to create or upgrade, one that is read-only, a URL, an unknown
outlet, an article not on record or retracted, a claim id past the last one, anything
the database refuses. What it raises itself is only what ``make_draft`` and the
article's fields refuse, before anything is read but the article.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from claims import checks
from claims.drafts import ClaimDraft, SourceRef, make_draft
from claims.errors import DatabaseError
from claims.facts import BODY_KINDS
from claims.parsing import name_key
from claims.store.rows import (
    CLAIM_COLUMNS,
    Recorded,
    claim_dict,
    claim_values,
    fields_of_article,
    new_article_row,
    new_source_row,
    now,
    period_of,
    refuse_outside_article,
    same_claim,
    with_article,
)
from claims.store.sqlitefile import (
    SCHEMA_REVISION,
    configure,
    connect,
    plain_file,
    read_only,
    still_locked,
    truncate_wal,
)


class _GiveUp(Exception):
    """Something the ORM path is to do (and word): nothing has been written."""


def record_claim(
    db: str | None, fields: Mapping[str, Any], *, by: str, article: int | None = None
) -> Recorded | None:
    """Record a claim as ``records.record_claim`` does, in the SQLite file ``db`` (as
    --db names it); None, with nothing written, when it is for the ORM path."""
    path = plain_file(db)
    if path is None or not path.is_file() or read_only(path) is not None:
        return None
    try:
        connection = connect(path)
    except sqlite3.Error:
        return None
    try:
        configure(connection)
        connection.execute("BEGIN IMMEDIATE")
        try:
            recorded = _record(connection, fields, by=by, article=article)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        truncate_wal(connection)
        return recorded
    except sqlite3.OperationalError as exc:
        if str(exc) == "database is locked":  # waited as long as the ORM path would
            raise DatabaseError(f"database: {still_locked()}") from None
        return None
    except (_GiveUp, sqlite3.Error):
        return None
    finally:
        connection.close()


def _record(
    db: sqlite3.Connection, fields: Mapping[str, Any], *, by: str, article: int | None
) -> Recorded:
    if _one(db, "SELECT version_num FROM alembic_version") != (SCHEMA_REVISION,):
        raise _GiveUp  # (no schema, an older or newer one: db says which)
    filed = None
    if article is not None:
        filed = _article(db, article)
        fields = with_article(fields, filed["fields"])
    draft = make_draft(**fields)
    by = checks.user("by", by)
    if article is not None and filed is not None:
        refuse_outside_article(draft, article, filed["fields"], filed["date"], filed["key"])
    outlet_id, outlet_name = _outlet(db, draft.outlet, "outlet")
    at = now()
    article_id = _file(db, outlet_id, draft, at=at, by=by)
    sources = _sources(db, draft.sources, at=at, by=by)
    claim = SimpleNamespace(
        **dict(zip(CLAIM_COLUMNS, claim_values(draft), strict=True)),
        outlet_id=outlet_id,
        article_id=article_id,
        recorded_at=at,
        recorded_by=by,
        version=1,
        updated_at=None,
        updated_by=None,
        retracted_on=None,
        retraction_note=None,
    )
    claim.id = _insert(db, "claims", vars(claim))
    if claim.id > checks.MAX_ID:
        raise _GiveUp  # records.add_claim refuses it, in words
    for position, source in enumerate(sources):
        _insert(
            db,
            "claim_sources",
            {"claim_id": claim.id, "source_id": source.id, "position": position},
        )
    record = claim_dict(claim, outlet_name, sources)
    also = [(ref, _also_on_record(db, ref)) for ref in draft.sources]
    return Recorded(record, _repeats(db, claim), also)


def _article(db: sqlite3.Connection, article_id: int) -> dict[str, Any]:
    """The fields a claim of the article takes from it, its date and match key."""
    row = _one(
        db,
        "SELECT o.name, a.published_on, a.published_until, a.date_precision, a.date_part, "
        "a.url, a.headline, a.match_key, a.retracted_on "
        "FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?",
        article_id if 1 <= article_id <= checks.MAX_ID else 0,
    )
    if row is None or row[8] is not None:
        raise _GiveUp  # not on record, or retracted: records says so
    outlet, on, until, precision, part, url, headline, key, _ = row
    date = period_of(_date(on), _date(until), precision, part)
    assert date is not None  # NOT NULL columns
    return {"fields": fields_of_article(outlet, date, url, headline), "date": date, "key": key}


def _outlet(db: sqlite3.Connection, name: str, field: str) -> tuple[int, str]:
    row = _one(db, "SELECT id, name FROM outlets WHERE name_key = ?", name_key(name, field))
    if row is None:
        raise _GiveUp  # records.find_outlet says so, with the names it may have meant
    return row[0], row[1]


def _file(
    db: sqlite3.Connection, outlet_id: int, draft: ClaimDraft, *, at: dt.datetime, by: str
) -> int:
    """The article the claim is filed under, created if need be (``filing``)."""
    row = new_article_row(outlet_id, draft.date, draft.url, draft.headline, at=at, by=by)
    found = _one(
        db,
        "SELECT id FROM articles WHERE outlet_id = ? AND match_key = ?",
        outlet_id,
        row["match_key"],
    )
    return found[0] if found is not None else _insert(db, "articles", row)


def _sources(
    db: sqlite3.Connection, refs: Iterable[SourceRef], *, at: dt.datetime, by: str
) -> list[SimpleNamespace]:
    """The claim's sources, created on first mention (``registry.resolve_source``), each
    once however it is spelled, in the order named."""
    found: dict[int, SimpleNamespace] = {}
    for ref in refs:
        source = _source(db, ref, at=at, by=by)
        found.setdefault(source.id, source)
    return list(found.values())


def _source(db: sqlite3.Connection, ref: SourceRef, *, at: dt.datetime, by: str) -> SimpleNamespace:
    columns = "SELECT id, kind, name, role FROM sources WHERE "
    outlet_id = None
    if ref.kind == "outlet":
        outlet_id, name = _outlet(db, ref.name, "source")
        row = _one(db, columns + "outlet_id = ?", outlet_id)
    else:
        name = ref.name
        row = _one(db, columns + "kind = ? AND name_key = ?", ref.kind, name_key(name, "source"))
    if row is None:
        new = new_source_row(ref.kind, name, outlet_id, at=at, by=by)
        row = (_insert(db, "sources", new), new["kind"], new["name"], new["role"])
    return SimpleNamespace(id=row[0], kind=row[1], name=row[2], role=row[3])


def _also_on_record(db: sqlite3.Connection, ref: SourceRef) -> list[str]:
    """``bodies.also_on_record``: the other body kinds the name is on record under."""
    if ref.kind not in BODY_KINDS:
        return []
    key = name_key(ref.name)
    marks = ", ".join("?" * len(BODY_KINDS))
    kinds = {
        kind
        for (kind,) in db.execute(
            f"SELECT kind FROM sources WHERE kind IN ({marks}) AND name_key = ?",
            (*sorted(BODY_KINDS), key),
        )
    }
    if _one(db, "SELECT 1 FROM outlets WHERE name_key = ?", key) is not None:
        kinds.add("outlet")
    return sorted(kinds - {ref.kind})


def _repeats(db: sqlite3.Connection, claim: SimpleNamespace) -> list[int]:
    """``records.repeats``: the other claims on record that are the same claim."""
    rows = db.execute(
        "SELECT id, text, url, published_on, published_until, date_precision, date_part "
        "FROM claims WHERE outlet_id = ? AND published_on = ? AND id != ?",
        (claim.outlet_id, _stored(claim.published_on), claim.id),
    )
    others = [
        SimpleNamespace(
            id=id_,
            text=text,
            url=url,
            published_on=_date(on),
            published_until=_date(until),
            date_precision=precision,
            date_part=part,
        )
        for id_, text, url, on, until, precision, part in rows
    ]
    return same_claim(claim, others)


def _one(db: sqlite3.Connection, sql: str, *args: Any) -> tuple[Any, ...] | None:
    row: tuple[Any, ...] | None = db.execute(sql, args).fetchone()
    return row


def _insert(db: sqlite3.Connection, table: str, row: Mapping[str, Any]) -> int:
    names = [name for name in row if name != "id"]
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    cursor = db.execute(sql, [_stored(row[name]) for name in names])
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _stored(value: Any) -> Any:
    """A value as SQLAlchemy's SQLite types store it: dates as ISO text, times as
    'YYYY-MM-DD HH:MM:SS.ffffff' (its DateTime format, which isoformat() is not)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


__all__: Sequence[str] = ["record_claim"]
