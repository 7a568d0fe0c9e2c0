"""Choosing, opening and migrating the database."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from claims.errors import DatabaseError
from claims.store.db import SCHEMA_REVISION, Database, resolve_url
from claims.store.migrate import head_revision
from claims.store.models import Base
from tests.conftest import Claims, PostgresCluster

OpenDb = Callable[[str], Database]


def test_plain_paths_are_sqlite_files(tmp_path: Path) -> None:
    assert resolve_url("news.db") == f"sqlite:///{tmp_path / 'news.db'}"
    assert resolve_url("postgresql://desk@db/claims") == "postgresql+psycopg://desk@db/claims"
    assert resolve_url("postgresql+psycopg://desk@db/claims") == (
        "postgresql+psycopg://desk@db/claims"
    )


def test_db_option_wins_over_environment_wins_over_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMS_DB", "env.db")
    assert resolve_url("opt.db").endswith("/opt.db")
    assert resolve_url(None).endswith("/env.db")
    monkeypatch.delenv("CLAIMS_DB")
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'claims.db'}"


def test_sqlite_runs_with_foreign_keys_wal_and_a_busy_timeout(
    tmp_path: Path, open_db: OpenDb
) -> None:
    db = open_db(str(tmp_path / "x.db"))
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30_000


def test_schema_revision_constant_is_the_migration_head() -> None:
    assert head_revision() == SCHEMA_REVISION


def test_migrations_build_exactly_the_schema_the_models_describe(
    db_url: str, open_db: OpenDb
) -> None:
    db = open_db(db_url)
    with db.engine.connect() as conn:
        dialect = conn.dialect.name

        # Indexes of one backend alone (see claims.store.models).
        only = {"claims_xref": "sqlite", "claims_retracted": "sqlite"}
        only["claims_retracted_ids"] = "postgresql"

        def include(obj: object, name: str | None, type_: str, *_: object) -> bool:
            return not (type_ == "index" and name in only and only[name] != dialect)

        context = MigrationContext.configure(conn, opts={"include_object": include})
        assert compare_metadata(context, Base.metadata) == []
        assert db.schema_revision() == SCHEMA_REVISION


def test_the_schema_is_created_on_first_use_and_left_alone_after(tmp_path: Path) -> None:
    db = Database(resolve_url(str(tmp_path / "new.db")))
    assert db.schema_revision() is None
    db.ensure_schema()
    assert db.schema_revision() == SCHEMA_REVISION
    db.ensure_schema()  # a second time is a no-op
    with db.engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    db.dispose()
    assert {"outlets", "sources", "claims", "claim_sources", "claim_versions"} <= tables


def test_foreign_keys_are_enforced(tmp_path: Path, open_db: OpenDb) -> None:
    from claims.errors import DatabaseError

    db = open_db(str(tmp_path / "fk.db"))
    # What the database refuses leaves the session as the library's own error, in words.
    with (
        pytest.raises(DatabaseError, match="FOREIGN KEY constraint failed"),
        db.session(write=True) as session,
    ):
        session.execute(text("INSERT INTO claim_sources VALUES (99, 99, 0)"))


WRITER = """
import sys
from claims import open_database, store, make_draft
db = open_database(sys.argv[1])
for i in range(25):
    with db.session(write=True) as session:
        draft = make_draft(text=f"{sys.argv[2]} {i}", outlet="RBC", date="2026-11-01")
        store.add_claim(session, draft, by=sys.argv[2])
"""


def test_two_writers_at_once_do_not_fail_with_database_is_locked(
    tmp_path: Path, open_db: OpenDb
) -> None:
    path = str(tmp_path / "busy.db")
    db = open_db(path)
    with db.session(write=True) as session:
        from claims import store

        store.add_outlet(session, "RBC", by="test")
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, path, name], stderr=subprocess.PIPE)
        for name in ("alice", "bob")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    with db.session() as session:
        assert store.count_claims(session) == 50


def test_a_writer_kept_waiting_too_long_is_told_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from tests.conftest import Claims

    desk = Claims(str(tmp_path / "busy.db"))
    desk.ok("outlet", "add", "RBC")
    monkeypatch.setattr("claims.store.sqlitefile.BUSY_TIMEOUT_MS", 200)  # not 30 s, for the test
    importing = sqlite3.connect(tmp_path / "busy.db", isolation_level=None)
    importing.execute("BEGIN IMMEDIATE")  # a long import holds the write lock
    try:
        result = desk("add", "Madrid embassy closes", "--outlet", "RBC", "--date", "2026-11")
        assert result.exit_code == 1
        assert result.output == (
            "Error: database: database is locked; another command has been writing to it "
            "for over 0.2 s (an import?): try again once it is done\n"
        )
        assert "No claims match" in desk.ok("list")  # reading goes on meanwhile
    finally:
        importing.rollback()
        importing.close()


def test_a_missing_driver_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_psycopg(name: str, *args: object, **kwargs: object) -> object:
        if name == "psycopg":
            raise ModuleNotFoundError("No module named 'psycopg'", name="psycopg")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    with pytest.raises(DatabaseError, match=r"needs the psycopg driver.*claims\[postgresql\]"):
        Database("postgresql+psycopg://desk@127.0.0.1:1/claims")


def test_an_older_database_is_upgraded_with_every_row_intact(db_url: str, open_db: OpenDb) -> None:
    """A database last written at revision 0001 (before aliases and predicates)."""
    from claims.store.db import resolve_url

    old = Database(resolve_url(db_url))
    old.upgrade("0001")
    rows = {
        "outlets": "INSERT INTO outlets VALUES (1, 'Korea Times', 'koreatimes', 'newspaper', "
        "'KR', 'B', '2026-11-01 09:00:00', 'alice')",
        "sources": "INSERT INTO sources VALUES (1, 'document', 'DPRK decision', "
        "'dprkdecision', NULL, NULL, NULL, '2026-11-01 09:00:00', 'alice')",
        "claims": "INSERT INTO claims VALUES (1, 'Madrid embassy closes', 1, '2026-11-01', "
        "'2026-11-01', 'day', '', NULL, NULL, 2, 'DPRK embassy in Spain', "
        "'dprk embassy in spain', 'status', 'status', 'closed', 'text', NULL, NULL, NULL, "
        "NULL, NULL, NULL, NULL, 'asserts', '2026-11-01 09:00:00', 'alice', 2, "
        "'2026-11-02 09:00:00', 'bob', NULL, NULL)",
        "claim_sources": "INSERT INTO claim_sources VALUES (1, 1, 0)",
        "claim_versions": 'INSERT INTO claim_versions VALUES (1, 1, 1, \'{"text": "old"}\', '
        "'edit', '2026-11-02 09:00:00', 'bob', 'typo')",
    }
    with old.session(write=True) as session:
        for sql in rows.values():
            session.execute(text(sql))
    with old.engine.connect() as conn:
        before = {t: conn.execute(text(f"SELECT * FROM {t}")).all() for t in rows}
    old.dispose()

    db = open_db(db_url)  # upgrades on first use
    assert db.schema_revision() == SCHEMA_REVISION != "0001"
    with db.engine.connect() as conn:
        after = {t: conn.execute(text(f"SELECT * FROM {t}")).all() for t in rows}
    # Every column as it was; the claim is now filed under an article (0006), its last.
    assert [row[:-1] for row in after.pop("claims")] == before.pop("claims")
    assert after == before
    from claims import store

    with db.session() as session:
        claim = store.get_claim(session, 1)
        assert (claim.text, claim.outlet.name, claim.version) == (
            "Madrid embassy closes",
            "Korea Times",
            2,
        )
        assert [link.source.name for link in claim.source_links] == ["DPRK decision"]


def test_a_database_upgraded_by_a_newer_claims_is_left_alone(db_url: str) -> None:
    """A team shares one database: whoever runs an older claims must be told, not see a
    traceback, and nothing must be changed."""
    from tests.conftest import Claims

    desk = Claims(db_url)
    desk.ok("outlet", "add", "Yonhap")
    db = Database(resolve_url(db_url))
    with db.session(write=True) as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    result = desk("list")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: database: {db.name} has schema revision '0099', newer than this version "
        f"of claims knows (up to {SCHEMA_REVISION!r}); upgrade claims to use it\n"
    )
    assert db.schema_revision() == "0099"
    db.dispose()


def test_cross_referencing_reads_sqlite_through_one_covering_index(
    tmp_path: Path, open_db: OpenDb
) -> None:
    from claims import verdicts
    from tests.conftest import Claims

    Claims(str(tmp_path / "x.db")).ok("demo")
    db = open_db(str(tmp_path / "x.db"))
    with db.session() as session:
        raw = session.connection().connection.driver_connection
        statements: list[str] = []
        raw.set_trace_callback(statements.append)  # type: ignore[union-attr]
        # The demo declares aliases: its reads join a temporary alias table that lives
        # as long as the reading, so the plans are taken while it is under way.
        reading = verdicts.propositions(session)
        assert next(reading)
        raw.set_trace_callback(None)  # type: ignore[union-attr]
        reads = [s for s in statements if "ORDER BY claims.subject_key" in s]
        plans = [
            str(raw.execute("EXPLAIN QUERY PLAN " + read).fetchall())  # type: ignore[union-attr]
            for read in reads
        ]
        reading.close()
    # The claims, and each proposition's first claim with its names. A column read that
    # the index lacks would send every row back to the table.
    assert len(plans) == 2
    for plan in plans:
        assert "COVERING INDEX claims_xref" in plan, plan


def test_a_url_that_cannot_be_read_is_one_line_with_the_password_hidden() -> None:
    from tests.conftest import Claims

    for url, why in [
        ("postgresql://desk:secret@db:abc/claims", "'abc'"),
        ("postgresql://desk:secret@[::1/claims", "':1'"),
    ]:
        result = Claims(url)("list")
        assert result.exit_code == 1
        assert result.output.startswith(
            "Error: database: cannot use 'postgresql+psycopg://desk:***@"
        )
        assert why in result.output and "secret" not in result.output
        assert len(result.output.splitlines()) == 1


def _waiting_for_a_lock(url: str, commands: list[subprocess.Popen[str]], count: int) -> None:
    """Until ``count`` of the commands wait for a lock (or one of them has ended)."""
    import psycopg
    from sqlalchemy import make_url

    parsed = make_url(url)
    dsn = f"host={parsed.host} port={parsed.port} user={parsed.username} dbname={parsed.database}"
    with psycopg.connect(dsn, autocommit=True) as watch:
        for _ in range(600):
            waiting = watch.execute("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()
            if (waiting and waiting[0] >= count) or any(c.poll() is not None for c in commands):
                return
            time.sleep(0.1)
    raise AssertionError("the commands never waited for a lock")


def _claims(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "claims", "--db", url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_desks_writing_to_postgresql_at_once_take_turns(
    postgres_cluster: PostgresCluster, open_db: OpenDb
) -> None:
    """One desk grades a source while another grades it differently: the second sees the
    first grade and is refused, as when they write one after the other (and as SQLite's
    write lock makes them), instead of silently overwriting it."""
    from claims import store
    from tests.conftest import Claims

    url = postgres_cluster.new_database()
    desk = Claims(url)
    desk.ok("outlet", "add", "Korea Times")
    desk.ok("add", "x", "--outlet", "Korea Times", "--date", "2026-11-09", "--source", "person:Kim")
    with open_db(url).session(write=True) as session:
        store.record_source(session, "person", "Kim", reliability="C", by="first desk")
        other = _claims(url, "source", "add", "Kim", "--kind", "person", "--reliability", "E")
        _waiting_for_a_lock(url, [other], 1)
    out, err = other.communicate(timeout=120)
    assert (other.returncode, out) == (1, "")
    assert err.startswith("Error: source 'person:Kim' already has reliability C, not E")
    assert '"reliability": "C"' in desk.ok("source", "list", "--json")


def test_first_use_of_a_postgresql_database_by_two_commands_at_once(
    postgres_cluster: PostgresCluster,
) -> None:
    from tests.conftest import Claims

    url = postgres_cluster.new_database()
    # A writer under way (here, one that has written nothing yet) holds both back.
    with Database(url).session(write=True):
        commands = [_claims(url, "outlet", "add", name) for name in ("Yonhap", "RBC")]
        _waiting_for_a_lock(url, commands, 2)
    results = [(c.communicate(timeout=120), c.returncode) for c in commands]
    assert [code for _, code in results] == [0, 0], results
    listed = json.loads(Claims(url).ok("outlet", "list", "--json"))
    assert sorted(o["name"] for o in listed) == ["RBC", "Yonhap"]


def test_a_permission_the_server_refuses_is_one_line(postgres_cluster: PostgresCluster) -> None:
    import psycopg
    from sqlalchemy import make_url

    from tests.conftest import Claims

    url = postgres_cluster.new_database()
    Claims(url).ok("outlet", "add", "RBC")
    parsed = make_url(url)
    dsn = f"host={parsed.host} port={parsed.port} user=postgres dbname={parsed.database}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        role = f"reader_{parsed.database}"  # roles are the cluster's, not the database's
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
    reader = Claims(parsed.set(username=role).render_as_string(hide_password=False))
    assert "RBC" in reader.ok("outlet", "list")
    result = reader("add", "x", "--outlet", "RBC", "--date", "2026-11-01")
    assert result.exit_code == 1
    assert result.output.startswith("Error: database: permission denied for table ")
    assert len(result.output.splitlines()) == 1


def test_another_programs_database_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    import sqlite3

    from tests.conftest import Claims

    other = tmp_path / "app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
    conn.close()
    refused = f"Error: database: {other} is not a claims database (it holds other tables: "
    result = Claims(str(other))("list")
    assert (result.exit_code, result.output) == (
        1,
        refused + "users); give --db a database of its own\n",
    )
    # Nor one that another program's migrations manage, taken for a newer claims.
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    conn.close()
    result = Claims(str(other))("outlet", "add", "RBC")
    assert result.exit_code == 1 and result.output.startswith(refused + "alembic_version, users)")
    with sqlite3.connect(other) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert tables == {"users", "alembic_version"}


def test_an_empty_db_option_is_refused_not_taken_for_the_default(tmp_path: Path) -> None:
    from tests.conftest import Claims

    result = Claims()("--db", "", "list")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: Invalid value for '--db': '' is empty: give a SQLite file or a URL\n"
    )
    assert not (tmp_path / "claims.db").exists()


def test_an_upgrade_files_every_claim_under_an_article(db_url: str, open_db: OpenDb) -> None:
    """A database at 0005, before articles: claims sharing outlet, date, URL and headline
    (as normalised) share an article; every claim gets one; nothing else changes."""
    from claims.store.db import resolve_url

    old = Database(resolve_url(db_url))
    old.upgrade("0005")

    def claim(ident: int, outlet: int, day: str, url: str, headline: str) -> str:
        return (
            f"INSERT INTO claims VALUES ({ident}, 'claim {ident}', {outlet}, '{day}', '{day}', "
            f"'day', '', {url}, {headline}, 6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
            "NULL, NULL, NULL, NULL, NULL, 'asserts', '2026-11-0" + str(ident) + " 09:00:00', "
            f"'desk{ident}', 1, NULL, NULL, NULL, NULL)"
        )

    a, b = "'https://rbc.ru/a'", "'HTTPS://RBC.RU/a/'"  # one URL, as normalised
    with old.session(write=True) as session:
        for ident, name in ((1, "RBC"), (2, "Korea Times")):
            session.execute(
                text(
                    f"INSERT INTO outlets VALUES ({ident}, '{name}', '{name.lower()}', 'other', "
                    "NULL, 'F', '2026-11-01 09:00:00', 'alice')"
                )
            )
        for row in (
            claim(1, 1, "2026-11-01", a, "'Embassies close'"),
            claim(2, 1, "2026-11-01", b, "'embassies  CLOSE'"),  # the same article
            claim(3, 1, "2026-11-01", a, "NULL"),  # no headline: another
            claim(4, 2, "2026-11-01", a, "'Embassies close'"),  # another outlet
            claim(5, 1, "2026-11-02", "NULL", "NULL"),
            claim(6, 1, "2026-11-02", "NULL", "NULL"),  # the same outlet and day
        ):
            session.execute(text(row))
        if old.engine.dialect.name == "postgresql":  # ids given above, not drawn
            session.execute(text("SELECT setval(pg_get_serial_sequence('claims', 'id'), 6)"))
    with old.engine.connect() as conn:
        before = conn.execute(text("SELECT * FROM claims ORDER BY id")).all()
    old.dispose()

    db = open_db(db_url)
    with db.engine.connect() as conn:
        after = conn.execute(text("SELECT * FROM claims ORDER BY id")).all()
        articles = conn.execute(
            text(
                "SELECT id, outlet_id, published_on, url, headline, created_by FROM articles "
                "ORDER BY id"
            )
        ).all()
    assert [row[:-1] for row in after] == before
    assert [row[-1] for row in after] == [1, 1, 2, 3, 4, 4]
    assert [(r[0], r[1], str(r[2]), r[3], r[4], r[5]) for r in articles] == [
        (1, 1, "2026-11-01", "https://rbc.ru/a", "Embassies close", "desk1"),
        (2, 1, "2026-11-01", "https://rbc.ru/a", None, "desk3"),
        (3, 2, "2026-11-01", "https://rbc.ru/a", "Embassies close", "desk4"),
        (4, 1, "2026-11-02", None, None, "desk5"),
    ]
    # And the store goes on filing new claims under them.
    out = Claims(db_url).ok(
        "add", "claim 7", "--outlet", "rbc", "--date", "2 November 2026", "--json"
    )
    assert json.loads(out)["article"] == 4
