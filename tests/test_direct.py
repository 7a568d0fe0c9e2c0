"""`claims add` on a SQLite file goes through store.direct, not SQLAlchemy: the same rows,
the same answers, and the ORM path whenever direct cannot do exactly as it does."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import store
from claims.errors import ClaimsError
from claims.store import direct
from claims.store.db import Database
from tests.conftest import Claims

# What SQLAlchemy's DateTime stores on SQLite; direct must store the very same text.
_STORED_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in order, times replaced by a mark (two paths run a
    second apart); a time stored in any other form stays, and shows."""
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: [
                tuple("<time>" if isinstance(v, str) and _STORED_TIME.match(v) else v for v in row)
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
            ]
            for table in tables
        }


def desk(path: Path) -> None:
    """A record to add to: two outlets, a source with a role, a name under two kinds,
    an article, one retracted, and a claim recorded twice."""
    claims = Claims(str(path))
    claims.ok("outlet", "add", "Korea Times", "--kind", "newspaper")
    claims.ok("outlet", "add", "Yonhap", "--kind", "wire-agency")
    claims.ok("source", "add", "Ryu Hyun Woo", "--kind", "person", "--role", "former diplomat")
    claims.ok("source", "add", "Yonhap", "--kind", "organization")
    claims.ok(
        "article",
        "add",
        "--outlet",
        "Korea Times",
        "--date",
        "2026-11-01",
        "--url",
        "https://koreatimes.example/a",
        "--headline",
        "Embassies close",
    )
    claims.ok("article", "add", "--outlet", "Yonhap", "--date", "2026-10-30")
    claims.ok("article", "retract", "2", "--note", "withdrawn")
    for _ in range(2):
        claims.ok("add", "Embassy closes", "--outlet", "Yonhap", "--date", "2026-10-29")


def outcome(run: Callable[[], store.Recorded | None]) -> tuple[Any, ...] | None:
    try:
        recorded = run()
    except ClaimsError as exc:
        return ("refused", type(exc).__name__, str(exc))
    if recorded is None:
        return None
    record = dict(recorded.record)
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", record.pop("recorded_at"))
    return ("recorded", record, recorded.repeats, [(str(r), k) for r, k in recorded.also])


def through_orm(path: Path, fields: dict[str, Any], article: int | None) -> tuple[Any, ...] | None:
    database = Database(f"sqlite:///{path}")
    try:
        return outcome(lambda: _orm(database, fields, article))
    finally:
        database.dispose()


def _orm(database: Database, fields: dict[str, Any], article: int | None) -> store.Recorded:
    with database.session(write=True) as session:
        return store.record_claim(session, fields, by="desk", article=article)


def through_direct(
    path: Path, fields: dict[str, Any], article: int | None
) -> tuple[Any, ...] | None:
    return outcome(lambda: direct.record_claim(str(path), fields, by="desk", article=article))


def fields(**given: Any) -> dict[str, Any]:
    base = dict.fromkeys(
        (
            "text",
            "outlet",
            "date",
            "confidence",
            "url",
            "headline",
            "subject",
            "predicate",
            "value",
            "as_of",
            "stance",
            "dayfirst",
        )
    )
    return {**base, "sources": (), **given}


# What a desk types, now and then with one mistake (a step with one is refused alike).
PROPOSITIONS = st.sampled_from(
    [
        {},
        {"subject": "DPRK embassies", "predicate": "closed", "value": "53"},
        {"subject": "dprk  embassies", "predicate": "closed", "value": "10 or 12"},
        {
            "subject": "DPRK embassies",
            "predicate": "count",
            "value": "about a dozen",
            "as_of": "2026-10",
        },
        {"subject": "Aid", "predicate": "amount", "value": "$1.5m", "stance": "denies"},
    ]
)
MISTAKES = st.sampled_from(
    [{}] * 6
    + [
        {"text": ""},
        {"date": "2026-13-40"},
        {"confidence": "9"},
        {"url": "ftp://x"},
        {"sources": ("nobody:x",)},
        {"sources": ("outlet:Korea Tims",)},
        {"outlet": "Korea Tims"},
        {"subject": "Aid", "predicate": "amount"},
        {"subject": "Aid", "predicate": "amount", "value": "1", "as_of": "2026-14"},
        {"outlet": None},
    ]
)
# None: filed by outlet, date, URL and headline; 1 and 3: articles on record (3 holds a
# claim recorded twice); 2: retracted; 9: none such; 4: one a claim may create.
ARTICLES = st.sampled_from([None, None, None, 1, 1, 3, 4, 2, 9])


def _step(
    article: int | None,
    outlet: str,
    date: str,
    given: dict[str, Any],
    proposition: dict[str, Any],
    mistake: dict[str, Any],
) -> tuple[dict[str, Any], int | None]:
    # A claim for an article takes its outlet and date from it.
    placed = {"outlet": outlet, "date": date} if article is None else {}
    return fields(**{**given, **placed, **proposition, **mistake}), article


STEPS = st.lists(
    st.builds(
        _step,
        ARTICLES,
        st.sampled_from(["Korea Times", "korea-times", "Yonhap"]),
        st.sampled_from(["2026-11-01", "1 November 2026", "2026-10-29", "November 2026"]),
        st.fixed_dictionaries(
            {
                "text": st.sampled_from(["Embassy closes", "embassy  closes", "Staff leave"]),
                "sources": st.lists(
                    st.sampled_from(
                        [
                            "document:DPRK decision",
                            "document:dprk  decision",
                            "person:Ryu Hyun Woo",
                            "official:Ryu Hyun Woo",
                            "outlet:Yonhap",
                            "organization:Yonhap",
                            "anonymous:a diplomat",
                        ]
                    ),
                    max_size=3,
                ).map(tuple),
                "confidence": st.sampled_from([None, "2", "5"]),
                "url": st.sampled_from(
                    [None, None, "https://koreatimes.example/a", "https://KoreaTimes.example/a/"]
                ),
                "headline": st.sampled_from([None, None, "Embassies close", "Other"]),
                "dayfirst": st.sampled_from([None, None, True]),
            }
        ),
        PROPOSITIONS,
        MISTAKES,
    ),
    min_size=1,
    max_size=6,
)


@pytest.fixture(scope="module")
def record_to_add_to(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("direct") / "desk.db"
    desk(path)
    return path


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS)
def test_direct_writes_the_rows_and_says_what_the_orm_path_does(
    record_to_add_to: Path, tmp_path: Path, steps: list[tuple[dict[str, Any], int | None]]
) -> None:
    n = len(list(tmp_path.iterdir()))
    a, b = tmp_path / f"a{n}.db", tmp_path / f"b{n}.db"
    a.write_bytes(record_to_add_to.read_bytes())
    b.write_bytes(record_to_add_to.read_bytes())
    for given_fields, article in steps:
        ours = through_direct(a, given_fields, article)
        if ours is None:  # given up, nothing written: the command goes the ORM way
            assert dump(a) == dump(b)
            ours = through_orm(a, given_fields, article)
        assert ours == through_orm(b, given_fields, article)
        assert dump(a) == dump(b)


def test_direct_records_what_a_desk_records(tmp_path: Path) -> None:
    """Not a path that always gives up: new and known sources, an article given or
    matched, a proposition, a repeat."""
    path = tmp_path / "desk.db"
    desk(path)
    claim = fields(
        text="Embassy closes",
        outlet="korea times",
        date="2026-11-01",
        sources=("document:DPRK decision", "person:ryu hyun woo", "outlet:Yonhap"),
        subject="DPRK embassies",
        predicate="closed",
        value="53",
    )
    first = through_direct(path, claim, None)
    assert first is not None and first[0] == "recorded"
    record = first[1]
    assert (record["id"], record["article"], record["value_kind"]) == (3, 4, "number")
    assert record["sources"][1] == {
        "kind": "person",
        "name": "Ryu Hyun Woo",
        "role": "former diplomat",
    }
    assert first[3][2] == ("outlet:Yonhap", ["organization"])
    again = through_direct(path, claim, None)
    assert again is not None and again[2] == [3]  # the same claim twice: said
    thrice = through_direct(
        path, fields(text="embassy  closes", outlet="Yonhap", date="2026-10-29"), None
    )
    assert thrice is not None and thrice[2] == [1, 2]
    in_article = through_direct(path, fields(text="Staff leave", url=None), 1)
    assert in_article is not None and in_article[1]["outlet"] == "Korea Times"
    assert in_article[1]["headline"] == "Embassies close" and in_article[1]["article"] == 1


@pytest.mark.parametrize(
    ("claim", "article", "why"),
    [
        (fields(text="t", outlet="Korea Tims", date="2026-11-01"), None, "an unknown outlet"),
        (
            fields(text="t", outlet="Yonhap", date="2026-11-01", sources=("outlet:AP",)),
            None,
            "a source outlet not on record",
        ),
        (fields(text="t"), 9, "an article not on record"),
        (fields(text="t"), 2, "a retracted article"),
    ],
)
def test_direct_leaves_to_the_orm_path_what_it_words(
    tmp_path: Path, claim: dict[str, Any], article: int | None, why: str
) -> None:
    path = tmp_path / "desk.db"
    desk(path)
    before = dump(path)
    assert through_direct(path, claim, article) is None, why
    assert dump(path) == before
    refused = through_orm(path, claim, article)
    assert refused is not None and refused[0] == "refused"


def test_direct_leaves_new_old_and_shared_databases_to_the_orm_path(tmp_path: Path) -> None:
    claim = fields(text="t", outlet="Yonhap", date="2026-11-01")
    assert through_direct(tmp_path / "none-yet.db", claim, None) is None
    assert not (tmp_path / "none-yet.db").exists()
    assert direct.record_claim("postgresql://desk@server/claims", claim, by="desk") is None
    old = tmp_path / "old.db"
    desk(old)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0006'")
    assert through_direct(old, claim, None) is None
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    assert through_direct(notes, claim, None) is None
    assert notes.read_text() == "not a database"


def test_claims_add_does_not_load_sqlalchemy(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    desk(path)
    probe = (
        "import sys\n"
        "from claims.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('sqlalchemy loaded:', 'sqlalchemy' in sys.modules)\n"
    )
    argv = [
        "--db",
        str(path),
        "add",
        "Embassy closes",
        "--outlet",
        "Yonhap",
        "--date",
        "2026-11-01",
        "--source",
        "document:DPRK decision",
    ]
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Recorded claim 3: Embassy closes",
        "sqlalchemy loaded: False",
    ]


def test_a_claim_kept_waiting_too_long_is_refused_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Direct waits for another writer as the ORM path would, then says so itself: the
    ORM path is not tried after it, which would keep the desk waiting twice as long."""
    from claims.errors import DatabaseError

    path = tmp_path / "desk.db"
    desk(path)
    monkeypatch.setattr("claims.store.sqlitefile.BUSY_TIMEOUT_MS", 200)  # not 30 s
    importing = sqlite3.connect(path, isolation_level=None)
    importing.execute("BEGIN IMMEDIATE")  # a long import holds the write lock
    try:
        with pytest.raises(DatabaseError) as refused:
            direct.record_claim(
                str(path), fields(text="t", outlet="Yonhap", date="2026-11"), by="d"
            )
    finally:
        importing.rollback()
        importing.close()
    assert str(refused.value) == (
        "database: database is locked; another command has been writing to it for over "
        "0.2 s (an import?): try again once it is done"
    )
