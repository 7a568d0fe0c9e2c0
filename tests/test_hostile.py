"""Hostile and unlucky input: every case a one-line error naming the file, line and
field (or accepted as it should be), nothing half-written, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from claims.store.db import SCHEMA_REVISION, Database, disk_full, resolve_url
from tests.conftest import Claims

GOOD = {"text": "Embassy closes", "outlet": "RBC", "date": "2026-11-01"}
PROPOSITION = {"subject": "DPRK missions", "predicate": "count"}


def write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


def claim_count(claims: Claims) -> int:
    return len(json.loads(claims.ok("list", "--json")))


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# --- JSON nested deeper than any record -------------------------------------------------


def deep_record(depth: int) -> str:
    return '{"text": ' + nested(depth) + ', "outlet": "RBC", "date": "2026"}'


@pytest.mark.parametrize("depth", [65, 1000, 100_000])
@pytest.mark.parametrize("name", ["feed.jsonl", "feed.json", "-"])
def test_json_nested_too_deep_is_one_problem_of_its_record(
    claims: Claims, tmp_path: Path, depth: int, name: str
) -> None:
    lines = [deep_record(depth), json.dumps(GOOD)]
    text = "\n".join(lines) + "\n" if name != "feed.json" else "[" + ",\n".join(lines) + "]\n"
    if name == "-":
        result = claims("import", "-", input=text)
    else:
        result = claims("import", write(tmp_path, name, text))
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        f"{name}:1: json: nested more than 64 levels deep; a claim record needs 6 at most",
    )
    assert claim_count(claims) == 0
    if name == "-":
        return
    # Set aside, as any bad record is; the good one after it is imported.
    skipped = claims("import", name, "--on-error", "skip", "--rejects", "bad" + name)
    assert skipped.exit_code == 0, skipped.output
    assert skipped.output.startswith(f"Imported 1 claim from {name}.\n")
    assert (tmp_path / ("bad" + name)).read_text().count(nested(depth)) == 1


def test_nesting_a_record_can_have_is_read(claims: Claims, tmp_path: Path) -> None:
    # 64 levels in all: read, and the field found not to be text, as any list would be.
    result = claims("import", write(tmp_path, "f.jsonl", deep_record(63) + "\n"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("f.jsonl:1: text: [[[[")


# --- JSON numbers that cannot be read as written ----------------------------------------


@pytest.mark.parametrize("field", ["value", "confidence", "id", "version"])
@pytest.mark.parametrize("name", ["feed.jsonl", "feed.json"])
def test_a_whole_number_too_long_to_read_is_a_problem_of_its_field(
    claims: Claims, tmp_path: Path, field: str, name: str
) -> None:
    number = "7" * 5000
    record = json.dumps({**GOOD, **PROPOSITION, field: 1}).replace(": 1}", f": {number}}}")
    text = record + "\n" if name.endswith(".jsonl") else f"[{record}]"
    result = claims("import", write(tmp_path, name, text))
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        f"{name}:1: {field}: {'7' * 20}...{'7' * 10} is a whole number of 5,000 digits, "
        "too long to read (at most 4,300)",
    )
    assert claim_count(claims) == 0


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.json"])
def test_a_number_too_small_to_read_is_refused_not_stored_as_zero(
    claims: Claims, tmp_path: Path, name: str
) -> None:
    record = json.dumps({**GOOD, **PROPOSITION, "value": 7}).replace(": 7}", ": 1e-400}")
    text = record + "\n" if name.endswith(".jsonl") else f"[{record}]"
    result = claims("import", write(tmp_path, name, text))
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        f'{name}:1: value: 1e-400 is too small a number: it reads as 0; give it as text ("1e-400") '
        "to keep it",
    )
    assert claim_count(claims) == 0
    # Given as text, it is kept as written, as `claims add --value 1e-400` keeps it.
    claims.ok(
        "import",
        write(tmp_path, "text.jsonl", json.dumps({**GOOD, **PROPOSITION, "value": "1e-400"})),
    )
    assert [c["value"] for c in json.loads(claims.ok("list", "--json"))] == ["1e-400"]
    # A number that is small but not beyond reading is read.
    tiny = json.dumps({**GOOD, **PROPOSITION, "text": "tiny", "value": 1e-300})
    claims.ok("import", write(tmp_path, "tiny.jsonl", tiny + "\n"))
    assert [c["value"] for c in json.loads(claims.ok("list", "--json"))][1] == "1e-300"


# --- CSV headers ------------------------------------------------------------------------


def test_a_csv_header_of_200_000_columns_is_read_in_linear_time(tmp_path: Path) -> None:
    header = "text,outlet,date," + ",".join(f"c{i}" for i in range(200_000))
    write(tmp_path, "wide.csv", header + "\nEmbassy closes,RBC,2026-11-01\n")
    # Counting each column's twins over the whole header took 47 s at 60,000 columns and
    # did not end in 300 s at 200,000; read once over, it takes about a second.
    done = subprocess.run(
        [sys.executable, "-m", "claims", "--db", "w.db", "import", "wide.csv", "--dry-run"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Dry run: 1 claim from wide.csv would be imported")


def test_a_column_named_twice_is_still_found(claims: Claims, tmp_path: Path) -> None:
    header = ",".join(["text", "outlet", "date", *(f"c{i}" for i in range(1000)), "c5"])
    result = claims("import", write(tmp_path, "f.csv", header + "\nx,RBC,2026\n"))
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        "f.csv:1: csv: column 'c5' twice",
    )


# --- text that shows as nothing ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("\u200b", "has nothing visible in it"),
        ("\u0301\u0301", "has only combining marks in it (U+0301), with no letter to bear them"),
        (
            "\u200b\u0301 \u20dd",
            "has only combining marks in it (U+0301, U+20DD), with no letter to bear them",
        ),
    ],
)
def test_text_that_shows_as_nothing_is_refused_by_add_and_import(
    claims: Claims, tmp_path: Path, text: str, why: str
) -> None:
    claims.ok("outlet", "add", "RBC")
    added = claims("add", text, "--outlet", "RBC", "--date", "2026")
    assert added.exit_code == 2
    assert added.output.splitlines()[-1] == f"Error: Invalid value for 'TEXT': {text!r} {why}"
    headline = claims("add", "x", "--outlet", "RBC", "--date", "2026", "--headline", text)
    assert headline.output.splitlines()[-1] == (
        f"Error: Invalid value for '--headline': {text!r} {why}"
    )
    record = json.dumps({**GOOD, "text": text}, ensure_ascii=False)
    result = claims("import", write(tmp_path, "f.jsonl", record + "\n"))
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        f"f.jsonl:1: text: {text!r} {why}",
    )
    assert claim_count(claims) == 0


def test_marks_on_a_letter_are_text(claims: Claims) -> None:
    claims.ok("outlet", "add", "RBC")
    assert claims.ok("add", "e\u0301", "--outlet", "RBC", "--date", "2026").startswith(
        "Recorded claim 1: e\u0301"
    )


# --- a claim's version and its history --------------------------------------------------


def earlier(version: int) -> dict[str, object]:
    claim = {**GOOD, "text": f"version {version}"}
    return {"version": version, "change": "edit", "changed_at": "2026-11-02T00:00:00Z"} | {
        "changed_by": "desk",
        "claim": claim,
    }


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        (
            {"version": 3, "history": [earlier(1)]},
            "history: version 2 is missing: a claim at version 3 carries versions 1 to 2",
        ),
        (
            {"version": 5},
            "history: 4 versions are missing, version 1 first: a claim at version 5 carries "
            "versions 1 to 4",
        ),
        (
            {"history": [earlier(1)]},
            "version: is missing: the history holds version 1, so the claim is at a later one",
        ),
        (
            {"version": 2, "history": [earlier(1), earlier(2)]},
            "history: version 2 is not earlier than the claim's own version, 2",
        ),
    ],
)
def test_a_version_needs_every_earlier_one_in_its_history(
    claims: Claims, tmp_path: Path, record: dict[str, object], problem: str
) -> None:
    result = claims("import", write(tmp_path, "f.jsonl", json.dumps({**GOOD, **record}) + "\n"))
    assert (result.exit_code, result.output.splitlines()[0]) == (1, f"f.jsonl:1: {problem}")
    assert claim_count(claims) == 0


def test_an_edited_claim_comes_back_from_its_export_with_its_history(claims: Claims) -> None:
    claims.ok("outlet", "add", "RBC")
    claims.ok("add", "Embassy closes", "--outlet", "RBC", "--date", "2026-11-01")
    claims.ok("edit", "1", "--text", "Embassy closed", "--note", "tense")
    claims.ok("edit", "1", "--text", "Embassy shut", "--note", "word")
    claims.ok("export", "-o", "backup.jsonl")
    fresh = Claims("fresh.db")
    fresh.ok("import", "backup.jsonl")
    shown = json.loads(fresh.ok("show", "1", "--json"))
    assert (shown["version"], [v["version"] for v in shown["history"]]) == (3, [1, 2])


# --- sizes ------------------------------------------------------------------------------


def test_a_long_claim_comes_back_from_its_csv_export(claims: Claims, tmp_path: Path) -> None:
    long = "The embassy closes. " * 10_000  # 200,000 characters: past csv's default 128 KiB
    claims.ok("import", write(tmp_path, "f.jsonl", json.dumps({**GOOD, "text": long}) + "\n"))
    claims.ok("export", "-o", "backup.csv")
    fresh = Claims("fresh.db")
    fresh.ok("import", "backup.csv")
    assert json.loads(fresh.ok("show", "1", "--json"))["text"] == long.strip()


def test_a_cell_past_what_claims_reads_is_one_line_naming_the_row(
    claims: Claims, tmp_path: Path
) -> None:
    huge = "x" * (64 << 20) + "y"
    write(tmp_path, "f.csv", f'text,outlet,date\n"{huge}",RBC,2026\nsmall,RBC,2026\n')
    result = claims("import", "f.csv")
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        "f.csv:2: csv: a cell is larger than 64 MiB, the most claims reads: is a quote left open?",
    )
    assert claim_count(claims) == 0


# --- read-only databases ----------------------------------------------------------------


@pytest.fixture
def read_only() -> Iterator[Callable[..., None]]:
    """Makes files and folders read-only for real: by permissions for a user, and, since
    root passes over permissions, by the immutable attribute for root (chattr +i), which
    root cannot write through either."""
    done: list[tuple[Path, int]] = []

    def make(*paths: Path) -> None:
        for path in paths:
            done.append((path, path.stat().st_mode))
            if os.geteuid() == 0:
                subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True)
            else:
                path.chmod(0o555 if path.is_dir() else 0o444)
            assert not os.access(path, os.W_OK), f"{path} is still writable"

    yield make
    for path, mode in reversed(done):
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True, capture_output=True)
        path.chmod(mode)


def recorded(tmp_path: Path) -> Claims:
    """A database with a claim on record, in a folder of its own."""
    (tmp_path / "archive").mkdir()
    desk = Claims(str(tmp_path / "archive" / "c.db"))
    desk.ok("outlet", "add", "RBC")
    desk.ok(
        "add", "Embassy closes", "--outlet", "RBC", "--date", "2026-11-01",
        "--subject", "DPRK embassy", "--predicate", "status", "--value", "closed",
    )  # fmt: skip
    return desk


def test_a_database_that_cannot_be_written_can_be_read(
    tmp_path: Path, read_only: Callable[..., None]
) -> None:
    desk = recorded(tmp_path)
    before = desk.ok("export")
    db = tmp_path / "archive" / "c.db"
    read_only(db, db.parent)
    assert "Embassy closes" in desk.ok("list")
    assert json.loads(desk.ok("show", "1", "--json"))["text"] == "Embassy closes"
    assert json.loads(desk.ok("xref", "--json"))["propositions"][0]["subject"] == "DPRK embassy"
    assert desk.ok("export") == before
    desk.ok("report", "-o", str(tmp_path / "report.html"))
    assert "Embassy closes" in (tmp_path / "report.html").read_text()
    assert sorted(p.name for p in db.parent.iterdir()) == ["c.db"]


def test_a_write_to_a_read_only_database_says_so(
    tmp_path: Path, read_only: Callable[..., None]
) -> None:
    desk = recorded(tmp_path)
    db = tmp_path / "archive" / "c.db"
    read_only(db, db.parent)
    data = db.read_bytes()
    reason = "the file is read-only to you"
    for args in (
        ["add", "x", "--outlet", "RBC", "--date", "2026"],
        ["import", write(tmp_path, "f.jsonl", json.dumps(GOOD) + "\n")],
        ["retract", "1", "--note", "wrong"],
    ):
        result = desk(*args)
        assert (result.exit_code, result.output) == (
            1,
            f"Error: database: {db} is read-only ({reason}): this command writes to it; "
            "it can be read, not written\n",
        )
    assert db.read_bytes() == data
    result = Claims(str(db.parent / "new.db"))("list")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: database: cannot create {db.parent / 'new.db'}: its folder is read-only to you\n",
    )


def test_a_read_only_database_at_an_older_schema_needs_an_upgrade(
    tmp_path: Path, read_only: Callable[..., None]
) -> None:
    db = tmp_path / "archive" / "c.db"
    db.parent.mkdir()
    old = Database(resolve_url(str(db)))
    old.upgrade("0003")
    old.dispose()
    read_only(db, db.parent)
    result = Claims(str(db))("list")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: database: {db} is read-only (the file is read-only to you): it needs an "
        f"upgrade to schema revision {SCHEMA_REVISION!r}, which writes to it; it can be read, "
        "not written\n",
    )


def copy_while_open(tmp_path: Path, *suffixes: str) -> Path:
    """A copy of a database taken while a change is in its -wal file, not yet in it."""
    desk = recorded(tmp_path)
    source = Path(str(desk.db))
    writer = sqlite3.connect(source, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE claims SET text = 'Embassy closed'")
        (tmp_path / "copy").mkdir()
        for suffix in ("", *suffixes):
            shutil.copy(f"{source}{suffix}", tmp_path / "copy" / f"c.db{suffix}")
    finally:
        writer.close()
    return tmp_path / "copy" / "c.db"


def test_changes_in_the_wal_of_a_read_only_database_are_read(
    tmp_path: Path, read_only: Callable[..., None]
) -> None:
    db = copy_while_open(tmp_path, "-wal", "-shm")
    read_only(*db.parent.iterdir(), db.parent)
    # Read as SQLite's mode=ro reads it, through the -shm file: immutable=1 would miss
    # the change, which is in the -wal file only.
    assert json.loads(Claims(str(db)).ok("show", "1", "--json"))["text"] == "Embassy closed"


def test_a_read_only_database_whose_wal_cannot_be_read_safely_says_why(
    tmp_path: Path, read_only: Callable[..., None]
) -> None:
    db = copy_while_open(tmp_path, "-wal")  # no -shm, and none can be made
    read_only(*db.parent.iterdir(), db.parent)
    result = Claims(str(db))("list")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: database: cannot open {db}: it is read-only (the file is read-only to you), "
        "and SQLite cannot read it safely without creating a -shm file beside it (others may "
        "be writing it, or its -wal file holds changes not yet in it); read a copy, or ask "
        "its owner to make the folder writable to you\n",
    )


# --- full disks and what they leave -----------------------------------------------------


def feed(tmp_path: Path, n: int, bad_last: bool = False) -> str:
    lines = [
        json.dumps({**GOOD, "text": f"Claim {i} " + "x" * 200, "outlet": f"Outlet {i % 50}"})
        for i in range(n)
    ]
    if bad_last:
        lines.append(json.dumps({**GOOD, "date": "31/02/2026"}))
    return write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")


def test_a_wal_file_held_open_by_another_program_is_truncated_by_the_next_command(
    claims: Claims, tmp_path: Path
) -> None:
    claims.ok("init")
    db = tmp_path / "claims.db"
    wal = tmp_path / "claims.db-wal"
    other = sqlite3.connect(db, isolation_level=None)  # a reader that stays open
    try:
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM claims").fetchall()  # a snapshot held
        claims.ok("import", feed(tmp_path, 5000))  # the -wal grows: no checkpoint past it
        other.execute("COMMIT")  # the read is over; the connection stays
        assert wal.stat().st_size > 1 << 20
        assert claim_count(claims) == 5000  # the next command, a read
        assert wal.stat().st_size == 0
        # And a failed import's -wal, on a full disk, say, goes the same way.
        result = claims("import", feed(tmp_path, 5000, bad_last=True))
        assert result.exit_code == 1
        assert wal.stat().st_size == 0
    finally:
        other.close()


@pytest.mark.parametrize(
    ("env", "free", "said"),
    [
        (
            {"SQLITE_TMPDIR": "tmp"},
            {"db": 80 << 30, "tmp": 0},
            "the temporary folder tmp (from SQLITE_TMPDIR), where SQLite keeps temporary tables "
            "and sorts, has 0.0 MiB free (the database's disk: 80.0 GiB); point SQLITE_TMPDIR "
            "at a folder on a disk with room",
        ),
        (
            {"SQLITE_TMPDIR": "", "TMPDIR": "tmp"},
            {"db": 1 << 20, "tmp": 80 << 30},
            "the disk holding {db} (1.0 MiB free)",
        ),
    ],
)
def test_a_full_disk_is_named(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    free: dict[str, int],
    said: str,
) -> None:
    """Which disk SQLite's "database or disk is full" is about (measured on tmpfs mounts
    in docs/reliability.md; mounting one needs privileges a test may not have, so the
    free space is given here, and the temporary folder is on another device)."""
    (tmp_path / "data").mkdir()
    (tmp_path / "tmp").mkdir()
    db = tmp_path / "data" / "c.db"
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    real_stat = os.stat

    def usage(path: str | Path) -> SimpleNamespace:
        return SimpleNamespace(free=free["tmp" if Path(path).name == "tmp" else "db"])

    def stat(path: str | Path, *args: object, **kwargs: object) -> os.stat_result:
        found = real_stat(path)
        if Path(path).name != "tmp":
            return found
        fields = list(found)
        fields[2] = found.st_dev + 1  # st_dev: another device
        return os.stat_result(fields)

    monkeypatch.setattr(shutil, "disk_usage", usage)
    monkeypatch.setattr(os, "stat", stat)
    assert disk_full(resolve_url(str(db))) == said.format(db=db)


# --- an import killed part-way ----------------------------------------------------------


def test_an_import_killed_part_way_leaves_all_or_nothing(claims: Claims, tmp_path: Path) -> None:
    claims.ok("init")
    name = feed(tmp_path, 30_000)
    wal = tmp_path / "claims.db-wal"
    for _ in range(3):
        process = subprocess.Popen(
            [sys.executable, "-m", "claims", "import", name, "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        # Killed once batches are being written, before the import can commit.
        while process.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > 1 << 20:
                break
            time.sleep(0.01)
        process.kill()
        process.wait()
        with sqlite3.connect(tmp_path / "claims.db") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert claim_count(claims) in (0, 30_000)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (
            "[" * 5000 + "]" * 5000,
            "story.toml:6: toml: nested more than 64 levels deep; an article file needs 3 at most",
        ),
        (
            "9" * 5000,
            "story.toml:6: toml: a whole number too long to read (more than 4,300 digits)",
        ),
        (
            "1e-400",
            "story.toml:6: value: 1e-400 is too small a number: it reads as 0; give it as text "
            '("1e-400") to keep it',
        ),
    ],
)
def test_an_article_file_too_deep_or_with_numbers_past_reading_is_one_problem(
    tmp_path: Path, value: str, problem: str
) -> None:
    (tmp_path / "story.toml").write_text(
        f'[article]\noutlet = "RBC"\ndate = "2026"\n[[claims]]\ntext = "x"\nvalue = {value}\n',
        encoding="utf-8",
    )
    result = Claims()("import", str(tmp_path / "story.toml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == problem.replace(
        "story.toml", str(tmp_path / "story.toml")
    )
    assert json.loads(Claims().ok("list", "--json")) == []
