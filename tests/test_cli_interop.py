"""claims import / claims export, used the way a desk loads a spreadsheet or a feed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy
from click.testing import Result

from claims.store.db import Database
from tests.conftest import Claims

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "docs" / "samples"

HEADER = "text,outlet,date,sources,subject,predicate,value,confidence,url\n"
GOOD_CSV = HEADER + (
    "North Korea is closing its embassy in Madrid,Korea Times,1 November 2026,"
    "document:DPRK decision on the Madrid embassy,DPRK embassy in Spain,status,closed,2,"
    "https://www.koreatimes.co.kr/madrid\n"
    "North Korea has shut its embassy in Spain,RBC,November 2026,outlet:Korea Times,"
    "DPRK embassy in Spain,status,closed,,\n"
    "The embassy's staff have left Madrid,Korea Times,2026-11-02,,,,,,\n"
)


def count(claims: Claims, what: str = "claims") -> int:
    args = ["list", "--json"] if what == "claims" else [what, "list", "--json"]
    return len(json.loads(claims.ok(*args)))


def write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


# --- importing ------------------------------------------------------------------------


def test_a_spreadsheet_imports_creating_its_outlets_and_sources(
    claims: Claims, tmp_path: Path
) -> None:
    out = claims.ok("import", write(tmp_path, "claims.csv", GOOD_CSV), "--by", "desk")
    assert out == (
        "Imported 3 claims from claims.csv.\n"
        "New outlets (2): Korea Times, RBC\n"
        "New sources (2): document:DPRK decision on the Madrid embassy, outlet:Korea Times\n"
    )
    listed = json.loads(claims.ok("list", "--json"))
    assert [(c["id"], c["outlet"], c["date"], c["confidence"]) for c in listed] == [
        (1, "Korea Times", "2026-11-01", 2),
        (2, "RBC", "2026-11", 6),
        (3, "Korea Times", "2026-11-02", 6),
    ]
    assert listed[0]["url"] == "https://www.koreatimes.co.kr/madrid"
    assert listed[1]["sources"] == [{"kind": "outlet", "name": "Korea Times", "role": None}]
    assert {c["recorded_by"] for c in listed} == {"desk"}
    # Imported claims are cross-referenced like any others.
    shown = json.loads(claims.ok("show", "2", "--json"))
    assert shown["xref"]["chain"]["cites"][0]["via"][0]["claim"] == 1


def test_the_same_file_twice_adds_nothing_the_second_time(claims: Claims, tmp_path: Path) -> None:
    name = write(tmp_path, "claims.csv", GOOD_CSV)
    claims.ok("import", name)
    assert claims.ok("import", name) == (
        "Nothing new: all 3 claims in claims.csv are already on record.\n"
    )
    assert count(claims) == 3
    # The same claim, spelled differently: case, spacing, punctuation, URL host case.
    again = HEADER + (
        "north korea is closing its embassy in madrid!,KOREA  TIMES,2026-11-01,,,,,,"
        "https://WWW.KOREATIMES.CO.KR/madrid/\n"
        "A new claim,RBC,2026-11-03,,,,,,\n"
        "A new claim,RBC,2026-11-03,,,,,,\n"
    )
    out = claims.ok("import", write(tmp_path, "again.csv", again))
    assert out.startswith(
        "Imported 1 claim from again.csv.\n2 claims already on record, not imported again.\n"
    )
    assert count(claims) == 4


def test_a_claim_recorded_by_hand_is_known_to_a_later_feed(claims: Claims, tmp_path: Path) -> None:
    claims.ok("outlet", "add", "Yonhap")
    claims.ok("add", "Embassy closed", "--outlet", "Yonhap", "--date", "2026-11-01")
    claims.ok("add", "Embassy closed", "--outlet", "Yonhap", "--date", "November 2026")
    feed = [
        {"text": "embassy  closed", "outlet": "YONHAP", "date": "1 November 2026"},  # the first
        {"text": "Embassy closed", "outlet": "Yonhap", "date": "2026-11"},  # the second
        {"text": "Embassy closed", "outlet": "Yonhap", "date": "2026-11-02"},  # a day later
    ]
    name = write(tmp_path, "feed.jsonl", "".join(json.dumps(r) + "\n" for r in feed))
    assert claims.ok("import", name).startswith(
        "Imported 1 claim from feed.jsonl.\n2 claims already on record, not imported again.\n"
    )
    dates = [c["date"] for c in json.loads(claims.ok("list", "--json"))]
    assert dates == ["2026-11-01", "2026-11", "2026-11-02"]


BAD_CSV = HEADER + (
    "Good claim,Korea Times,2026-11-01,,,,,,\n"
    "Bad date,Korea Times,31/02/2026,,,,,,\n"
    ",RBC,2026-11-01,person:Ryu Hyun Woo; rumour:someone,DPRK embassy in Spain,status,,9,"
    "javascript:alert(1)\n"
    "Another good claim,RBC,2026-11-01,,,,,,\n"
)


def test_one_bad_record_and_nothing_is_written_every_problem_listed(
    claims: Claims, tmp_path: Path
) -> None:
    result = claims("import", write(tmp_path, "claims.csv", BAD_CSV))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "claims.csv:3: date: '31/02/2026' is no day of the calendar: that month has no such day",
        "claims.csv:4: sources: 'rumour:someone' has unknown kind 'rumour'; use one of person, "
        "official, document, organization, anonymous, outlet",
        "claims.csv:4: value: subject, predicate and value go together: value missing",
        "claims.csv:4: text: '' is empty",
        "claims.csv:4: confidence: '9' is not a credibility level; use 1-6 or one of: "
        "confirmed, probably-true, possibly-true, doubtful, improbable, cannot-be-judged",
        "claims.csv:4: url: 'javascript:alert(1)' is not an http:// or https:// address",
        "Error: 6 problems in claims.csv; nothing was imported. Fix them, or import the "
        "good records with --on-error skip --rejects FILE.",
    ]
    assert count(claims) == 0
    assert count(claims, "outlet") == 0  # not even the outlets of the good records


def test_a_dry_run_checks_and_reports_but_writes_nothing(claims: Claims, tmp_path: Path) -> None:
    name = write(tmp_path, "claims.csv", GOOD_CSV)
    assert claims.ok("import", name, "--dry-run").startswith(
        "Dry run: 3 claims from claims.csv would be imported; nothing was written.\n"
        "New outlets (2): Korea Times, RBC\n"
    )
    assert count(claims) == 0 and count(claims, "outlet") == 0
    result = claims("import", write(tmp_path, "bad.csv", BAD_CSV), "--dry-run")
    assert result.exit_code == 1
    assert "bad.csv:3: date: '31/02/2026'" in result.output


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_skip_imports_the_good_records_and_keeps_the_bad_ones_unchanged(
    claims: Claims, tmp_path: Path, fmt: str
) -> None:
    good = {"text": "Good claim", "outlet": "Korea Times", "date": "2026-11-01"}
    bad = {"text": "Bad date", "outlet": "Korea Times", "date": "31/02/2026"}
    worse = {"text": "", "outlet": "RBC", "date": "2026-11-01", "url": "ftp://x"}
    if fmt == "csv":
        text = (
            'text,outlet,date,url\r\nGood claim,Korea Times,2026-11-01,\r\n"Bad\r\ndate",'
            "Korea Times,31/02/2026,\r\n,RBC,2026-11-01,ftp://x\r\n"
        )
        expected = (
            'text,outlet,date,url\r\n"Bad\r\ndate",Korea Times,31/02/2026,\r\n'
            ",RBC,2026-11-01,ftp://x\r\n"
        )
    elif fmt == "jsonl":
        lines = [json.dumps(good), json.dumps(bad, indent=None), "{not json", json.dumps(worse)]
        text = "\n".join(lines) + "\n"
        expected = "\n".join(lines[1:]) + "\n"
    else:
        text = json.dumps([good, bad, worse], indent=2)
        # Each record as it stands in the file, indented as it was.
        kept = [json.dumps(r, indent=2).replace("\n", "\n  ") for r in (bad, worse)]
        expected = "[\n" + ",\n".join(kept) + "\n]\n"
    name = write(tmp_path, f"feed.{fmt}", text)
    result = claims("import", name, "--on-error", "skip", "--rejects", f"rejects.{fmt}")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Imported 1 claim from {name}.\nRejected ")
    assert f"kept unchanged in rejects.{fmt}:\n" in result.output
    assert (tmp_path / f"rejects.{fmt}").read_bytes().decode() == expected
    assert [c["text"] for c in json.loads(claims.ok("list", "--json"))] == ["Good claim"]


def test_skip_needs_somewhere_to_put_the_rejects(claims: Claims, tmp_path: Path) -> None:
    name = write(tmp_path, "claims.csv", GOOD_CSV)
    result = claims("import", name, "--on-error", "skip")
    assert result.exit_code == 2
    assert "--on-error skip needs --rejects FILE, so that no record is lost" in result.output
    result = claims("import", name, "--rejects", "r.csv")
    assert result.exit_code == 2
    assert "--rejects goes with --on-error skip" in result.output
    result = claims("import", name, "--on-error", "skip", "--rejects", name)
    assert result.exit_code == 2


def test_the_rejects_file_holds_this_runs_rejects_even_when_there_are_none(
    claims: Claims, tmp_path: Path
) -> None:
    good = '{"text": "Embassy closes", "outlet": "RBC", "date": "2026"}\n'
    feed = write(tmp_path, "feed.jsonl", good + '{"text": "late"}\n')
    skip = ["--on-error", "skip", "--rejects", "r.jsonl"]
    claims.ok("import", feed, *skip)
    assert (tmp_path / "r.jsonl").read_text() == '{"text": "late"}\n'
    # The late record fixed, the next run rejects nothing: yesterday's rejects are gone.
    feed = write(tmp_path, "feed.jsonl", good + '{"text": "Late", "outlet": "RBC", "date": "2026"}')
    assert claims.ok("import", feed, *skip) == (
        "Imported 1 claim from feed.jsonl.\n"
        "1 claim already on record, not imported again.\n"
        "Nothing was rejected: r.jsonl holds no records.\n"
    )
    assert (tmp_path / "r.jsonl").read_text() == ""
    # In the other formats, empty is a header or an empty list: each imports as nothing.
    skip = ["--on-error", "skip", "--rejects"]
    claims.ok("import", write(tmp_path, "c.csv", GOOD_CSV), *skip, "r.csv")
    assert (tmp_path / "r.csv").read_text() == HEADER
    claims.ok("import", write(tmp_path, "c.json", "[" + good + "]"), *skip, "r.json")
    assert (tmp_path / "r.json").read_text() == "[]\n"
    for name in ("r.csv", "r.json", "r.jsonl"):
        assert claims.ok("import", name) == f"No claims in {name}.\n"
    # A dry run writes nothing, a rejects file included.
    feed = write(tmp_path, "feed.jsonl", '{"text": "still late"}\n')
    result = claims("import", feed, "--on-error", "skip", "--rejects", "r.jsonl", "--dry-run")
    assert result.exit_code == 0 and "Rejected 1 record:\n" in result.output
    assert (tmp_path / "r.jsonl").read_text() == ""


def test_no_rejects_file_when_nothing_was_imported(claims: Claims, tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.json", '[{"text": "a", "outlet": "X", "date": "2026"},\n{"te')
    result = claims("import", broken, "--on-error", "skip", "--rejects", "r.json")
    assert result.exit_code == 1  # a JSON file unreadable past a point cannot be skipped over
    assert result.output.startswith("broken.json:2: json: Unterminated string")
    # Not the advice to skip, which was taken: why skipping could not help.
    assert result.output.splitlines()[-1] == (
        "Error: 1 problem in broken.json; nothing was imported. Fix it: the file cannot be "
        "read past that point, so nothing after it could be kept."
    )
    assert not (tmp_path / "r.json").exists()
    assert count(claims) == 0


def test_a_near_duplicate_outlet_name_is_created_with_a_note(
    claims: Claims, tmp_path: Path
) -> None:
    claims.ok("outlet", "add", "Korea Times", "--kind", "newspaper")
    feed = json.dumps({"text": "Embassy closes", "outlet": "Korea Tims", "date": "2026-11-01"})
    out = claims.ok("import", write(tmp_path, "feed.jsonl", feed + "\n"))
    assert "New outlets (1): Korea Tims\n" in out
    assert "Note: feed.jsonl:1: new outlet 'Korea Tims' looks like 'Korea Times'\n" in out
    claims.ok("source", "add", "Ryu Hyun Woo", "--kind", "person")
    feed = json.dumps(
        {"text": "x", "outlet": "RBC", "date": "2026", "sources": ["person:Ryu Hyun-Wu"]}
    )
    out = claims.ok("import", write(tmp_path, "more.jsonl", feed))
    assert "new source 'person:Ryu Hyun-Wu' looks like 'person:Ryu Hyun Woo'" in out


def test_a_feed_with_many_notes_prints_the_first_ones(claims: Claims, tmp_path: Path) -> None:
    claims.ok("outlet", "add", "Korea Times", "--kind", "newspaper")
    lines = [
        json.dumps({"text": f"t{i}", "outlet": f"Korea Times {i}", "date": "2026", "desk": "x"})
        for i in range(1, 26)
    ]
    feed = write(tmp_path, "feed.jsonl", "\n".join(lines))
    dry_run = json.loads(claims("import", feed, "--dry-run", "--json").stdout)
    assert len(dry_run["notes"]) == 26  # the unknown field, and each new outlet's look-alikes
    out = claims.ok("import", feed)
    notes = [line for line in out.splitlines() if line.startswith("Note: ")]
    assert len(notes) == 20
    assert (
        notes[0]
        == "Note: feed.jsonl:1: 'desk' is not a field claims knows; ignored (in 25 records)"
    )
    assert "... and 6 more notes (--json lists them all)" in out


def test_outlet_settings_in_the_file_and_differences_with_the_record(
    claims: Claims, tmp_path: Path
) -> None:
    claims.ok("outlet", "add", "RBC", "--kind", "online", "--country", "RU", "--reliability", "C")
    feed = HEADER.replace("text,", "text,outlet_kind,outlet_country,outlet_reliability,") + (
        "a,wire-agency,KR,B,Yonhap,2026-11-01,,,,,,\nb,newspaper,RU,C,RBC,2026-11-01,,,,,,\n"
    )
    out = claims.ok("import", write(tmp_path, "o.csv", feed))
    assert "Note: o.csv:3: outlet 'RBC' is on record as online, RU, reliability C; the " in out
    outlets = {o["name"]: o for o in json.loads(claims.ok("outlet", "list", "--json"))}
    assert (outlets["Yonhap"]["kind"], outlets["Yonhap"]["reliability"]) == ("wire-agency", "B")
    assert outlets["RBC"]["kind"] == "online"  # what is on record stays


def test_standard_input(claims: Claims) -> None:
    line = json.dumps({"text": "From a pipe", "outlet": "RBC", "date": "2026-11-01"})
    assert claims("import", "-", input=line + "\n").output.startswith("Imported 1 claim from -.")
    assert claims("import", "-", input=GOOD_CSV).output.startswith("Imported 3 claims from -.")
    out = claims("import", "-", "--format", "csv", input=GOOD_CSV).output
    assert out.startswith("Nothing new")
    document = claims.ok("export")
    assert claims("import", "-", input=document).output.startswith("Nothing new: all 4 claims")


def test_files_that_cannot_be_read(claims: Claims, tmp_path: Path) -> None:
    result = claims("import", "missing.csv")
    assert result.exit_code == 2
    assert "'missing.csv' does not exist" in result.output
    result = claims("import", write(tmp_path, "claims.txt", GOOD_CSV))
    assert result.exit_code == 2
    assert "cannot tell the format of 'claims.txt' from its name" in result.output
    assert claims.ok("import", "claims.txt", "--format", "csv").startswith("Imported 3")


def test_a_line_that_is_not_utf8_is_set_aside_byte_for_byte(claims: Claims, tmp_path: Path) -> None:
    good = b'{"text": "ok", "outlet": "RBC", "date": "2026-11-01"}\n'
    latin1 = '{"text": "caf\u00e9", "outlet": "RBC", "date": "2026-11-01"}\n'.encode("latin-1")
    (tmp_path / "feed.jsonl").write_bytes(good + latin1)
    out = claims.ok("import", "feed.jsonl", "--on-error", "skip", "--rejects", "r.jsonl")
    assert "feed.jsonl:2: encoding: the line is not UTF-8 text" in out
    assert (tmp_path / "r.jsonl").read_bytes() == latin1
    row = "caf\u00e9,RBC,2026-11-02\n".encode("latin-1")
    (tmp_path / "feed.csv").write_bytes(b"text,outlet,date\nok,RBC,2026-11-02\n" + row)
    claims.ok("import", "feed.csv", "--on-error", "skip", "--rejects", "r.csv")
    assert (tmp_path / "r.csv").read_bytes() == b"text,outlet,date\n" + row


def test_claims_wait_with_their_outlets_rejected_entry(claims: Claims, tmp_path: Path) -> None:
    document = {
        "format": "claims",
        "outlets": [
            {"name": "RBC", "kind": "spaceship", "country": "RU", "reliability": "C"},
            {"name": "Yonhap", "kind": "wire-agency", "reliability": "B"},
        ],
        # An export lists the outlets its claims cite among its sources too.
        "sources": [{"kind": "outlet", "name": "RBC"}],
        "claims": [
            {"text": "a", "outlet": "RBC", "date": "2026-11-01"},
            {"text": "b", "outlet": "Yonhap", "date": "2026-11-01"},
            {"text": "c", "outlet": "Yonhap", "date": "2026-11-02", "sources": ["outlet:RBC"]},
        ],
    }
    name = write(tmp_path, "backup.json", json.dumps(document, indent=1))
    out = claims.ok("import", name, "--on-error", "skip", "--rejects", "rejects.json")
    assert out.startswith("Imported 1 claim from backup.json.\nRejected 4 records")
    assert "name: 'outlet:RBC': the outlet's own entry (backup.json:4) was rejected" in out
    assert "outlet: 'RBC': the outlet's own entry (backup.json:4) was rejected; fix it first" in out
    assert "sources: 'outlet:RBC': the outlet's own entry (backup.json:4) was rejected" in out
    assert [o["name"] for o in json.loads(claims.ok("outlet", "list", "--json"))] == ["Yonhap"]
    fixed = (tmp_path / "rejects.json").read_text().replace("spaceship", "online")
    (tmp_path / "rejects.json").write_text(fixed)
    assert claims.ok("import", "rejects.json").startswith("Imported 2 claims")
    rbc = next(o for o in json.loads(claims.ok("outlet", "list", "--json")) if o["name"] == "RBC")
    assert (rbc["kind"], rbc["country"], rbc["reliability"]) == ("online", "RU", "C")


def test_a_stray_or_unclosed_quote_in_csv_is_a_problem_not_changed_text(
    claims: Claims, tmp_path: Path
) -> None:
    stray = '"He said "hi" today,RBC,2026-11-01\n'
    unclosed = '"Forgot to close,RBC,2026-11-02\nrow three,RBC,2026-11-03\n'
    text = "text,outlet,date\nrow one,RBC,2026-11-01\n" + stray + unclosed
    result = claims("import", write(tmp_path, "feed.csv", text))
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "feed.csv:3: csv: a quoted cell goes on after its closing quote; "
        'inside quotes, write a quote as ""',
        "feed.csv:4: csv: a quote opened in this row is never closed: "
        "the rest of the file would be one cell",
    ]
    out = claims.ok("import", "feed.csv", "--on-error", "skip", "--rejects", "r.csv")
    assert out.startswith("Imported 1 claim from feed.csv.\nRejected 2 records")
    assert (tmp_path / "r.csv").read_text() == "text,outlet,date\n" + stray + unclosed
    assert [c["text"] for c in json.loads(claims.ok("list", "--json"))] == ["row one"]


def test_a_csv_file_saved_another_way_gets_one_problem_not_one_per_row(
    claims: Claims, tmp_path: Path
) -> None:
    semicolons = GOOD_CSV.replace(",", ";")
    result = claims("import", write(tmp_path, "excel.csv", semicolons))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "excel.csv:1: header: no text, outlet, date column (the columns are "
        "'text;outlet;date;sources;subject;predicate;value;confidence;url'); is it "
        "separated by semicolons? claims reads comma-separated CSV"
    )
    assert len(result.output.splitlines()) == 2  # and the summary: nothing was imported
    (tmp_path / "latin1.csv").write_bytes("texte,éditeur\nx,y\n".encode("latin-1"))
    result = claims("import", "latin1.csv", "--on-error", "skip", "--rejects", "r.csv")
    assert result.exit_code == 1  # nothing under that header can be read: not skipped over
    assert "latin1.csv:1: header: the header is not UTF-8 text; save the file as CSV UTF-8" in (
        result.output
    )
    no_date = write(tmp_path, "no-date.csv", "text,outlet\nx,RBC\n")
    assert "no-date.csv:1: header: no date column (the columns are 'text', 'outlet')" in (
        claims("import", no_date).output
    )
    assert count(claims) == 0


def test_an_ambiguous_date_names_the_options_that_settle_it(claims: Claims, tmp_path: Path) -> None:
    feed = write(tmp_path, "feed.jsonl", '{"text": "x", "outlet": "RBC", "date": "03/04/2026"}')
    result = claims("import", feed)
    assert result.output.splitlines()[0].endswith(
        "; say which with --dayfirst or --monthfirst, or write it as 2026-04-03 or 2026-03-04"
    )
    assert claims.ok("import", feed, "--dayfirst").startswith("Imported 1 claim")
    assert json.loads(claims.ok("list", "--json"))[0]["date"] == "2026-04-03"


def test_an_empty_file_says_there_was_nothing_in_it(claims: Claims, tmp_path: Path) -> None:
    assert claims.ok("import", write(tmp_path, "empty.jsonl", "")) == "No claims in empty.jsonl.\n"


def test_unknown_fields_are_noted_not_lost_silently(claims: Claims, tmp_path: Path) -> None:
    text = "text,outlet,date,notes\na,RBC,2026,check this\nb,RBC,2026,\n"
    out = claims.ok("import", write(tmp_path, "n.csv", text))
    assert "Note: n.csv:2: 'notes' is not a field claims knows; ignored (in 2 records)" in out


def test_every_problem_of_a_json_lines_feed(claims: Claims, tmp_path: Path) -> None:
    lines = [
        '{"text": "ok", "outlet": "RBC", "date": "2026"}',
        "[1, 2]",
        '{"text": "x", "outlet": "RBC", "date": 2026.5, "sources": "outlet:"}',
        '{"text": "x", "outlet": {"name": "NK News", "kind": "blog"}, "date": "2026",'
        ' "as_of": "2026", "stance": "maybe"}',
        '{"text": "x", "outlet": "RBC", "date": "2026", "subject": "s", "predicate": "p",'
        ' "value": "v", "stance": "maybe", "retracted_on": "yesterday"}',
    ]
    result = claims("import", write(tmp_path, "feed.jsonl", "\n".join(lines)))
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "feed.jsonl:2: json: a record must be an object, not list",
        "feed.jsonl:3: date: 2026.5 is not text",
        "feed.jsonl:3: sources: 'outlet:' is not KIND:NAME (KIND one of person, official, "
        "document, organization, anonymous, outlet)",
        "feed.jsonl:4: outlet.kind: 'blog' is not an outlet kind; use one of newspaper, "
        "wire-agency, state-media, broadcaster, online, other",
        "feed.jsonl:4: as_of: as-of needs a proposition: give subject, predicate and value too",
        "feed.jsonl:5: stance: 'maybe' is not a stance; use asserts or denies",
        "feed.jsonl:5: retracted_on: 'yesterday' is not a date like 2026-11-03",
        "feed.jsonl:5: retraction_note: is missing: say why it was retracted",
    ]


@pytest.mark.parametrize("sample", ["claims.csv", "claims.jsonl", "claims.json"])
def test_the_sample_files_import(claims: Claims, sample: str) -> None:
    out = claims.ok("import", str(SAMPLES / sample))
    assert out.startswith(f"Imported {3 if sample != 'claims.csv' else 4} claims from ")


# --- exporting --------------------------------------------------------------------------


@pytest.fixture
def story(claims: Claims, tmp_path: Path) -> Claims:
    """The reference story, with an edit and a retraction in its history."""
    claims.ok("demo")
    (tmp_path / "report.html").unlink()
    claims.ok("edit", "3", "--confidence", "3", "--note", "graded down", "--by", "editor")
    claims.ok("retract", "5", "--note", "KCNA took it down", "--date", "2026-11-03")
    return claims


def test_json_round_trip_gives_the_same_file(story: Claims, tmp_path: Path) -> None:
    assert story.ok("export", "-o", "backup.json") == "Wrote backup.json (46 claims).\n"
    exported = (tmp_path / "backup.json").read_bytes()
    document = json.loads(exported)
    assert [c["version"] for c in document["claims"][2:5]] == [2, 1, 2]
    assert document["claims"][4]["retraction_note"] == "KCNA took it down"
    assert document["claims"][2]["history"][0]["note"] == "graded down"
    fresh = Claims(str(tmp_path / "fresh.db"))
    out = fresh.ok("import", "backup.json")
    assert out.startswith("Imported 46 claims from backup.json.\nNew outlets (7): RBC, ")
    assert "Subject aliases declared: 1.\nPredicate settings changed: 1.\n" in out
    fresh.ok("export", "-o", "again.json")
    assert (tmp_path / "again.json").read_bytes() == exported
    assert fresh.ok("import", "backup.json").startswith("Nothing new: all 46 claims")
    # Exported to standard output, the same document.
    assert fresh.ok("export").encode() == exported


def test_a_restore_keeps_two_claims_alike_in_outlet_date_and_text(
    claims: Claims, tmp_path: Path
) -> None:
    # A claim retracted, and a corrected one recorded in its place in the same words.
    claims.ok("outlet", "add", "Yonhap")
    said = ["NK has 49 missions", "--outlet", "Yonhap", "--date", "2026-11-02"]
    claims.ok("add", *said, "--subject", "DPRK missions", "--predicate", "count", "--value", "53")
    claims.ok("retract", "1", "--note", "the count was wrong")
    claims.ok("add", *said, "--subject", "DPRK missions", "--predicate", "count", "--value", "49")
    claims.ok("export", "-o", "backup.json")
    fresh = Claims(str(tmp_path / "fresh.db"))
    assert fresh.ok("import", "backup.json").startswith("Imported 2 claims from backup.json.\n")
    fresh.ok("export", "-o", "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "backup.json").read_bytes()
    assert fresh.ok("import", "backup.json").startswith("Nothing new: all 2 claims")
    # Without ids (a feed), the same claim twice is still one claim.
    feed = json.dumps({"text": said[0], "outlet": "Yonhap", "date": "2026-11-02"})
    other = Claims(str(tmp_path / "other.db"))
    out = other.ok("import", write(tmp_path, "feed.jsonl", f"{feed}\n{feed}\n"))
    assert out.startswith("Imported 1 claim from feed.jsonl.\n1 claim already on record")


def test_json_round_trip_on_each_backend(story: Claims, db_claims: Claims, tmp_path: Path) -> None:
    story.ok("export", "-o", "backup.json")
    db_claims.ok("import", "backup.json")
    db_claims.ok("export", "-o", "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "backup.json").read_bytes()
    # Ids were kept; new claims go on from the last one.
    added = db_claims.ok("add", "After the restore", "--outlet", "RBC", "--date", "2026-12")
    assert added == "Recorded claim 47: After the restore\n"
    db_claims.ok("outlet", "add", "Nikkei")
    outlets = json.loads(db_claims.ok("outlet", "list", "--json"))
    assert next(o["id"] for o in outlets if o["name"] == "Nikkei") == 8


def test_a_late_bad_record_undoes_the_batches_already_written_on_each_backend(
    db_claims: Claims, tmp_path: Path
) -> None:
    # More good claims than one batch holds, so some are written (by COPY on PostgreSQL)
    # before the bad one is read: the rollback must take them back.
    lines = [
        json.dumps({"text": f"Claim {n}", "outlet": f"Outlet {n % 7}", "date": "2026-11-01"})
        for n in range(5_200)
    ]
    name = write(tmp_path, "feed.jsonl", "\n".join([*lines, '{"text": "late"}']) + "\n")
    result = db_claims("import", name)
    assert result.exit_code == 1
    assert "feed.jsonl:5201: outlet: '' is empty" in result.output
    assert count(db_claims) == 0 and count(db_claims, "outlet") == 0
    skip = ["--on-error", "skip", "--rejects", "rejects.jsonl"]
    assert db_claims.ok("import", name, *skip).startswith("Imported 5200 claims")
    assert count(db_claims) == 5_200
    assert (tmp_path / "rejects.jsonl").read_text() == '{"text": "late"}\n'
    # Again: every claim is on record already, and the dry run writes nothing either way.
    assert db_claims.ok("import", name, *skip, "--dry-run").startswith(
        "Dry run: 0 claims from feed.jsonl would be imported; nothing was written.\n"
        "5200 claims already on record, not imported again.\n"
    )
    assert count(db_claims) == 5_200


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_jsonl_and_csv_round_trip(story: Claims, tmp_path: Path, fmt: str) -> None:
    story.ok("export", "--format", fmt, "-o", f"claims.{fmt}")
    fresh = Claims(str(tmp_path / "fresh.db"))
    assert fresh.ok("import", f"claims.{fmt}").startswith("Imported 46 claims")
    fresh.ok("export", "--format", fmt, "-o", f"again.{fmt}")
    assert (tmp_path / f"again.{fmt}").read_text() == (tmp_path / f"claims.{fmt}").read_text()


def test_the_file_name_says_the_format_unless_format_does(story: Claims, tmp_path: Path) -> None:
    story.ok("export", "-o", "claims.csv")
    assert (tmp_path / "claims.csv").read_text().startswith("id,text,outlet,")
    for name in ("claims.jsonl", "claims.NDJSON"):
        story.ok("export", "-o", name)
        lines = (tmp_path / name).read_text().splitlines()
        assert len(lines) == 46 and json.loads(lines[0])["id"] == 1
    story.ok("export", "-o", "reviews.jsonld")
    assert json.loads((tmp_path / "reviews.jsonld").read_text())["@context"] == (
        "https://schema.org"
    )
    story.ok("export", "-o", "story.prov.json")
    assert "prefix" in json.loads((tmp_path / "story.prov.json").read_text())
    story.ok("export", "-o", "story.provn")
    assert (tmp_path / "story.provn").read_text().startswith("document\n")
    # A name that says nothing, or says JSON, gets the backup; --format always wins.
    for args in (["-o", "backup.txt"], ["-o", "backup.json"], ["--format", "json", "-o", "b.csv"]):
        story.ok("export", *args)
        assert json.loads((tmp_path / args[-1]).read_text())["format"] == "claims"
    # What the spreadsheet export wrote imports again as a spreadsheet.
    fresh = Claims(str(tmp_path / "fresh.db"))
    assert fresh.ok("import", "claims.csv").startswith("Imported 46 claims from claims.csv.")


HOSTILE = ['=HYPERLINK("http://evil","x")', "+1+2", "-3", "@SUM(A1)", "'=2"]


def test_csv_export_is_safe_to_open_in_a_spreadsheet(claims: Claims, tmp_path: Path) -> None:
    claims.ok("outlet", "add", "RBC")
    for text in HOSTILE:
        claims.ok("add", "--outlet", "RBC", "--date", "2026", "--headline", text, "--", text)
    # Claim fields are trimmed, but who recorded a claim is kept as typed.
    claims.ok("add", "Tab", "--outlet", "RBC", "--date", "2026", "--by", "\t=1")
    claims.ok("add", "CR", "--outlet", "RBC", "--date", "2026", "--by", "\r=1")
    # A spreadsheet that trims cells on import would drop the spaces, then run it.
    claims.ok("add", "Space", "--outlet", "RBC", "--date", "2026", "--by", "  =1")
    text = claims.ok("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["text"] for r in rows[:5]] == ["'" + t for t in HOSTILE]
    assert [r["headline"] for r in rows[:5]] == ["'" + t for t in HOSTILE]
    assert [r["recorded_by"] for r in rows[5:]] == ["'\t=1", "'\r=1", "'  =1"]
    for row in rows:
        for cell in row.values():
            assert not cell.lstrip().startswith(("=", "+", "-", "@", "\t", "\r"))
    # Read back, every text is as it was.
    fresh = Claims(str(tmp_path / "fresh.db"))
    fresh.ok("import", write(tmp_path, "back.csv", text))
    back = json.loads(fresh.ok("list", "--json"))
    assert [c["text"] for c in back] == [*HOSTILE, "Tab", "CR", "Space"]
    assert [c["recorded_by"] for c in back[5:]] == ["\t=1", "\r=1", "  =1"]


def test_export_filters_and_errors(story: Claims, tmp_path: Path) -> None:
    spain = json.loads(story.ok("export", "--subject", "spain"))
    assert {c["subject"] for c in spain["claims"]} == {
        "DPRK embassy in Spain",
        "DPRK representation in Spain",
        "2019 attack on the DPRK embassy in Spain",
    }
    names = {o["name"] for o in spain["outlets"]}
    assert "Korea Times" in names and "Yomiuri Shimbun" not in names
    rbc = story.ok("export", "--format", "jsonl", "--outlet", "rbc", "--since", "November 2026")
    assert {json.loads(line)["outlet"] for line in rbc.splitlines()} == {"RBC"}
    result = story("export", "--outlet", "Korea Tims")
    assert result.exit_code == 1
    assert "unknown outlet 'Korea Tims' (did you mean 'Korea Times'?)" in result.output
    result = story("export", "-o", "missing/x.json")
    assert result.exit_code == 2
    assert "folder 'missing' does not exist" in result.output
    assert not list(tmp_path.glob("**/.x.json*"))


def test_claimreview_one_review_per_proposition_value(story: Claims) -> None:
    document = json.loads(story.ok("export", "--format", "claimreview", "--author", "Desk"))
    assert document["@context"] == "https://schema.org"
    reviews = {r["claimReviewed"]: r for r in document["@graph"]}
    madrid = reviews["DPRK embassy in Madrid: status is closed"]
    assert madrid["@type"] == "ClaimReview"
    item = madrid["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == [
        {
            "@type": "Organization",
            "name": "DPRK decision to close the Madrid embassy",
            "description": "document",
        },
        {"@type": "Organization", "name": "Communist Party of Spain", "description": "outlet"},
    ]
    # In the order they are known to have been out: a report dated only "2026" last.
    assert [(a["publisher"]["name"], a["datePublished"]) for a in item["appearance"]] == [
        ("Korea Times", "2026-11-01"),
        ("RBC", "2026-11"),
        ("Communist Party of Spain", "2026"),
    ]
    assert item["firstAppearance"] == item["appearance"][0]
    assert item["datePublished"] == "2026-11-01"
    assert madrid["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 6,
        "bestRating": 6,
        "worstRating": 1,
        "alternateName": "confirmed by other sources",
        "ratingExplanation": "confirmed: 2 independent origins, no conflict",
    }
    assert madrid["author"] == {"@type": "Organization", "name": "Desk"}
    assert madrid["datePublished"] == dt.date.today().isoformat()
    hong_kong = reviews["DPRK consulate general in Hong Kong: status is to close"]
    assert hong_kong["itemReviewed"]["author"] == [
        {"@type": "Person", "name": "North Korean sources", "description": "anonymous source"}
    ]
    assert hong_kong["reviewRating"]["ratingValue"] == 4  # 3, possibly true
    denial = [r for r in document["@graph"] if " is not " in r["claimReviewed"]]
    assert denial and all(r["reviewRating"]["ratingValue"] in range(1, 7) for r in denial)
    assert story.ok("export", "--format", "claimreview", "-o", "cr.json").startswith(
        "Wrote cr.json ("
    )
    # Published inside <script type="application/ld+json">, a claim's "</script>" would
    # end the block: written escaped, the same text to a JSON reader.
    story.ok("edit", "28", "--value", "closed </script><script>alert(1)</script> & more")
    text = story.ok("export", "--format", "claimreview", "--subject", "madrid")
    assert "<" not in text and ">" not in text and "&" not in text
    reviewed = [r["claimReviewed"] for r in json.loads(text)["@graph"]]
    assert "DPRK embassy in Madrid: status is closed </script><script>alert(1)</script> & more" in (
        reviewed
    )
    for author in ("", "  ", "Desk\x1b[2J"):
        refused = story("export", "--format", "claimreview", "--author", author)
        assert refused.exit_code == 2
        assert refused.output.splitlines()[-1].startswith("Error: Invalid value for '--author'")


# --- where the output goes --------------------------------------------------------------


def test_a_mistyped_database_makes_no_empty_backup_or_report(story: Claims, tmp_path: Path) -> None:
    for args in (["export", "-o", "backup.json"], ["report", "-o", "report.html"]):
        result = story("--db", "claim.db", *args)  # not claims.db
        assert result.exit_code == 1
        assert result.output == (
            f"Error: database: no claims database at '{tmp_path}/claim.db'; claims init "
            "creates one (or --db / CLAIMS_DB names another)\n"
        )
    assert not (tmp_path / "claim.db").exists() and not (tmp_path / "backup.json").exists()
    assert not (tmp_path / "report.html").exists()


def test_the_database_is_never_written_over(story: Claims, tmp_path: Path) -> None:
    (tmp_path / "alias.db").symlink_to("claims.db")
    feed = write(tmp_path, "feed.csv", GOOD_CSV + "Bad date,RBC,31/02/2026,,,,,,\n")
    refused = {
        ("export", "-o", "claims.db"): "'-o': 'claims.db' is the database",
        ("export", "-o", "alias.db"): "'-o': 'alias.db' is the database",
        ("export", "--format", "csv", "-o", "./claims.db-wal"): (
            f"'-o': './claims.db-wal' is the database's write-ahead log ({tmp_path}/claims.db-wal)"
        ),
        ("report", "-o", "claims.db"): "'-o': 'claims.db' is the database",
        ("import", feed, "--on-error", "skip", "--rejects", "claims.db-shm"): (
            "'--rejects': 'claims.db-shm' is the database's shared-memory index "
            f"({tmp_path}/claims.db-shm)"
        ),
    }
    for args, message in refused.items():
        result = story(*args)
        assert result.exit_code == 2, result.output
        assert result.output == (
            f"Error: Invalid value for {message}: writing there would destroy the record\n"
        )
    assert count(story) == 46  # the record is intact, and the import wrote nothing
    assert not list(tmp_path.glob(".*.tmp"))


def test_output_follows_a_link_and_writes_into_a_fifo_or_a_device(
    story: Claims, tmp_path: Path
) -> None:
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "latest.json").write_text("yesterday's backup")
    (tmp_path / "latest.json").symlink_to("backups/latest.json")
    assert story.ok("export", "-o", "latest.json") == "Wrote latest.json (46 claims).\n"
    assert (tmp_path / "latest.json").is_symlink()
    backup = json.loads((tmp_path / "backups" / "latest.json").read_text())
    assert len(backup["claims"]) == 46
    # A named pipe: whoever reads it gets the export, and it stays a pipe.
    fifo = tmp_path / "to-the-desk"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    story.ok("export", "--format", "jsonl", "-o", str(fifo))
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert len(received[0].splitlines()) == 46
    # A device, written to and left as it is.
    assert story.ok("export", "-o", os.devnull) == f"Wrote {os.devnull} (46 claims).\n"
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_new_file_gets_the_usual_mode_and_an_old_one_keeps_its_own(
    story: Claims, tmp_path: Path
) -> None:
    umask = os.umask(0o027)
    try:
        story.ok("export", "-o", "backup.json")
        story.ok("report", "-o", "report.html")
        shared = tmp_path / "shared.csv"
        shared.write_text("")
        shared.chmod(0o664)  # the desk's group edits it
        story.ok("export", "--format", "csv", "-o", "shared.csv")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "backup.json").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o640
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    assert shared.read_text().startswith("id,text,outlet,")


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["export", "-o", "/proc/x.json"], 1, "cannot write -o /proc/x.json: "),
        (["export", "-o", "backups"], 2, "Invalid value for '-o': 'backups' is a folder; "),
        (["export", "-o", ""], 2, "Invalid value for '-o': '' is not a file name"),
        (["report", "-o", "backups"], 2, "Invalid value for '-o': 'backups' is a folder; "),
        (
            ["import", "feed.csv", "--on-error", "skip", "--rejects", "/proc/r.csv"],
            1,
            "cannot write --rejects /proc/r.csv: ",
        ),
    ],
)
def test_a_file_that_cannot_be_written_is_a_one_line_error(
    story: Claims, tmp_path: Path, args: list[str], code: int, error: str
) -> None:
    (tmp_path / "backups").mkdir()
    write(tmp_path, "feed.csv", GOOD_CSV)
    result = story(*args)
    assert result.exit_code == code, result.output
    assert result.output.startswith(f"Error: {error}")
    assert len(result.output.splitlines()) == 1
    assert count(story) == 46
    written = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("claims.db"))
    assert written == ["backups", "feed.csv"]


# A disk that fills up half way through, as a limit on the size of files written.
SMALL_DISK = """\
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))
from claims.cli import cli
cli(sys.argv[1:], prog_name="claims")
"""


def test_a_full_disk_leaves_the_old_file_as_it_was(story: Claims, tmp_path: Path) -> None:
    (tmp_path / "backup.json").write_text("last week's backup")
    result = subprocess.run(
        [sys.executable, "-c", SMALL_DISK, "export", "-o", "backup.json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write -o backup.json: File too large\n"
    assert (tmp_path / "backup.json").read_text() == "last week's backup"
    assert not list(tmp_path.glob(".*.tmp"))


# --- one rule for a value, wherever it comes from -----------------------------------------


def refused(result: Result, hint: str, message: str) -> None:
    """A value refused on the command line: exit 2, the option and the value named."""
    assert result.exit_code == 2, result.output
    assert result.output.endswith(f"Error: Invalid value for {hint}: {message}\n")


def test_names_and_users_the_schema_cannot_hold_are_refused_everywhere_alike(
    claims: Claims, tmp_path: Path
) -> None:
    name, user, source, role = "A" * 350, "b" * 250, "s" * 310, "r" * 301
    too_long_name = f"{name!r} is 350 characters long; a name can have at most 300"
    too_long_user = f"{user!r} is 250 characters long; a user name can have at most 200"
    too_long_role = f"{role!r} is 301 characters long; a role can have at most 300"
    claims.ok("outlet", "add", "RBC")
    refused(claims("outlet", "add", name), "'NAME'", too_long_name)
    refused(claims("add", "x", "--outlet", name, "--date", "2026"), "'--outlet'", too_long_name)
    refused(
        claims("add", "x", "--outlet", "RBC", "--date", "2026", "--by", user),
        "'--by'",
        too_long_user,
    )
    refused(claims("outlet", "add", "Yonhap", "--by", user), "'--by'", too_long_user)
    refused(
        claims("source", "add", source, "--kind", "person"),
        "'NAME'",
        f"{source!r} is 310 characters long; a name can have at most 300",
    )
    refused(
        claims("source", "add", "Smith", "--kind", "person", "--role", role),
        "'--role'",
        too_long_role,
    )
    refused(
        claims("add", "x", "--outlet", "RBC", "--date", "2026", "--source", f"person:{source}"),
        "'--source'",
        f"{'person:' + source!r} has a name that is 310 characters long; "
        "a name can have at most 300",
    )
    assert count(claims) == 0 and count(claims, "outlet") == 1 and count(claims, "source") == 0
    # A feed giving the same values is refused with the same words.
    feed = [
        {"text": "x", "outlet": name, "date": "2026"},
        {"text": "x", "outlet": "RBC", "date": "2026", "recorded_by": user},
        {"text": "x", "outlet": "RBC", "date": "2026", "sources": [f"person:{source}"]},
        {
            "text": "x",
            "outlet": "RBC",
            "date": "2026",
            "sources": [{"kind": "person", "name": "Smith", "role": role}],
        },
    ]
    result = claims(
        "import", write(tmp_path, "feed.jsonl", "".join(json.dumps(r) + "\n" for r in feed))
    )
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        f"feed.jsonl:1: outlet: {too_long_name}",
        f"feed.jsonl:2: recorded_by: {too_long_user}",
        f"feed.jsonl:3: sources: {'person:' + source!r} has a name that is 310 characters long; "
        "a name can have at most 300",
        f"feed.jsonl:4: role: {too_long_role}",
    ]
    result = claims("import", "feed.jsonl", "--by", user)
    refused(result, "'--by'", too_long_user)


def test_the_longest_names_the_command_line_takes_survive_a_backup_on_each_backend(
    claims: Claims, db_claims: Claims, tmp_path: Path
) -> None:
    outlet, source, user = "A" * 300, "s" * 300, "b" * 200
    claims.ok("outlet", "add", outlet)
    claims.ok("source", "add", source, "--kind", "person", "--role", "r" * 300)
    claims.ok(
        "add",
        "x",
        "--outlet",
        outlet,
        "--date",
        "2026",
        "--source",
        f"person:{source}",
        "--by",
        user,
    )
    claims.ok("export", "-o", "backup.json")
    assert db_claims.ok("import", "backup.json").startswith("Imported 1 claim from backup.json.")
    db_claims.ok("export", "-o", "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "backup.json").read_bytes()


def test_a_name_that_folds_longer_than_the_schema_holds_is_refused_on_each_backend(
    db_claims: Claims, tmp_path: Path
) -> None:
    # "ß" folds to "ss" for matching: 300 of them are 300 characters, but a 600-letter key.
    name = "ß" * 300
    folded = f"{name!r} has 600 letters and digits once folded for matching; "
    refused(db_claims("outlet", "add", name), "'NAME'", folded + "a name can have at most 300")
    feed = [
        {"text": "x", "outlet": "RBC", "date": "2026", "sources": [f"person:{'ß' * 200}"]},
        {"text": "y", "outlet": "ß" * 150, "date": "2026"},  # 300 letters folded: it fits
    ]
    result = db_claims(
        "import", write(tmp_path, "feed.jsonl", "".join(json.dumps(r) + "\n" for r in feed))
    )
    assert result.exit_code == 1
    assert result.output.startswith(
        f"feed.jsonl:1: sources: 'person:{'ß' * 200}' has 400 letters and digits once folded"
    )
    out = db_claims.ok("import", "feed.jsonl", "--on-error", "skip", "--rejects", "r.jsonl")
    assert out.startswith("Imported 1 claim from feed.jsonl.\nRejected 1 record")
    assert [o["name"] for o in json.loads(db_claims.ok("outlet", "list", "--json"))] == ["ß" * 150]


@pytest.mark.parametrize("by", ["", "   "])
def test_every_record_says_who_recorded_it(claims: Claims, tmp_path: Path, by: str) -> None:
    claims.ok("outlet", "add", "RBC")
    claims.ok("add", "Embassy closes", "--outlet", "RBC", "--date", "2026")
    blank = f"{by!r} is empty: say who is recording it"
    refused(claims("add", "x", "--outlet", "RBC", "--date", "2026", "--by", by), "'--by'", blank)
    refused(claims("outlet", "add", "Yonhap", "--by", by), "'--by'", blank)
    refused(claims("source", "add", "Ryu", "--kind", "person", "--by", by), "'--by'", blank)
    refused(claims("edit", "1", "--text", "Embassy shut", "--by", by), "'--by'", blank)
    refused(claims("retract", "1", "--note", "wrong", "--by", by), "'--by'", blank)
    refused(claims("alias", "a", "b", "--by", by), "'--by'", blank)
    refused(claims("predicate", "reason", "--multi", "--by", by), "'--by'", blank)
    feed = write(tmp_path, "feed.jsonl", '{"text": "y", "outlet": "RBC", "date": "2026"}\n')
    refused(claims("import", feed, "--by", by), "'--by'", blank)
    assert [c["version"] for c in json.loads(claims.ok("list", "--json"))] == [1]
    assert count(claims, "outlet") == 1 and count(claims, "source") == 0
    # A record that leaves recorded_by empty (a spreadsheet's empty cell) takes --by.
    feed = write(tmp_path, "feed.csv", f"text,outlet,date,recorded_by\ny,RBC,2026,{by}\n")
    claims.ok("import", feed, "--by", "desk")
    assert [c["recorded_by"] for c in json.loads(claims.ok("list", "--json"))][1:] == ["desk"]


def test_text_that_is_not_valid_unicode_is_refused_not_a_crash(
    claims: Claims, tmp_path: Path
) -> None:
    # A lone surrogate: JSON can spell one ("\\ud800"), no UTF-8 file or database holds it.
    record = {"text": "a\ud800b", "outlet": "RBC", "date": "2026", "subject": "s\udc00"}
    record |= {"predicate": "p", "value": "v"}
    result = claims("import", write(tmp_path, "feed.jsonl", json.dumps(record) + "\n"))
    assert result.exit_code == 1
    why = "is not valid text (a lone surrogate, or bytes that are not UTF-8)"
    assert result.output.splitlines()[:-1] == [
        f"feed.jsonl:1: subject: 's\\udc00' {why}",  # the proposition's parts come first
        f"feed.jsonl:1: text: 'a\\ud800b' {why}",
    ]
    # Bytes that are not UTF-8 on a command line come to Python as lone surrogates too.
    claims.ok("outlet", "add", "RBC")
    latin1 = b"caf\xe9".decode("utf-8", "surrogateescape")
    refused(
        claims("add", latin1, "--outlet", "RBC", "--date", "2026"), "'TEXT'", f"{latin1!r} {why}"
    )
    assert count(claims) == 0


def test_control_characters_are_refused_in_every_text_field(claims: Claims, tmp_path: Path) -> None:
    claims.ok("outlet", "add", "RBC")
    claims.ok("add", "Embassy closes", "--outlet", "RBC", "--date", "2026")
    at = ["--outlet", "RBC", "--date", "2026"]
    for args, hint, value in [
        (["add", "a\x1b[2Jb", *at], "'TEXT'", "a\x1b[2Jb"),
        (["add", "x", *at, "--headline", "bell\x07"], "'--headline'", "bell\x07"),
        (["add", "x", *at, "--url", "https://x.org/\x1b"], "'--url'", "https://x.org/\x1b"),
        (["add", "x", *at, "--source", "person:A\x1bB"], "'--source'", "person:A\x1bB"),
        (
            ["add", "x", *at, "--subject", "s", "--predicate", "p\x0c", "--value", "v"],
            "'--predicate'",
            "p\x0c",
        ),
        (["add", "x", *at, "--by", "me\x1b"], "'--by'", "me\x1b"),
        (["outlet", "add", "Bad\x1bName"], "'NAME'", "Bad\x1bName"),
        (["source", "add", "Ryu", "--kind", "person", "--role", "r\x01"], "'--role'", "r\x01"),
        (["edit", "1", "--text", "y", "--note", "n\x1b"], "'--note'", "n\x1b"),
        (["retract", "1", "--note", "n\x1b"], "'--note'", "n\x1b"),
        (["alias", "a\x1b", "b"], "'NAME'", "a\x1b"),
        (["predicate", "p\x1b", "--multi"], "'NAME'", "p\x1b"),
    ]:
        char = next(c for c in value if c < " ")
        refused(claims(*args), hint, f"{value!r} contains the control character {char!r}")
    shown = json.loads(claims.ok("show", "1", "--json"))
    assert (shown["version"], shown["retracted"], count(claims, "source")) == (1, False, 0)
    # Tabs, line breaks and carriage returns are text.
    claims.ok("add", "two\nlines\tand\r", *at, "--by", "\tdesk")
    # A feed gets the same answer, in the same words, for each text field.
    record = {
        "text": "a\x00b",
        "outlet": "RBC",
        "date": "2026",
        "sources": ["person:A\x1bB"],
        "subject": "s",
        "predicate": "p",
        "value": "v\x07",
        "headline": "\x1b[2J",
        "recorded_by": "\x00",
        "retracted_on": "2026-11-03",
        "retraction_note": "n\x1b",
    }
    result = claims("import", write(tmp_path, "feed.jsonl", json.dumps(record) + "\n"))
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "feed.jsonl:1: sources: 'person:A\\x1bB' contains the control character '\\x1b'",
        "feed.jsonl:1: value: 'v\\x07' contains the control character '\\x07'",
        "feed.jsonl:1: text: 'a\\x00b' contains the control character '\\x00'",
        "feed.jsonl:1: headline: '\\x1b[2J' contains the control character '\\x1b'",
        "feed.jsonl:1: recorded_by: '\\x00' contains the control character '\\x00'",
        "feed.jsonl:1: retraction_note: 'n\\x1b' contains the control character '\\x1b'",
    ]
    document = {
        "format": "claims",
        "version": 1,
        "outlets": [{"name": "O\x00"}],
        "aliases": [{"subject": "a\x1b", "other": "b"}],
        "predicates": [{"name": "p\x1b", "multi_valued": True}],
        "claims": [],
    }
    result = claims("import", write(tmp_path, "doc.json", json.dumps(document, indent=1)))
    assert result.output.splitlines()[:-1] == [
        "doc.json:5: name: 'O\\x00' contains the control character '\\x00'",
        "doc.json:10: subject: 'a\\x1b' contains the control character '\\x1b'",
        "doc.json:16: name: 'p\\x1b' contains the control character '\\x1b'",
    ]
    assert count(claims) == 2 and count(claims, "outlet") == 1


def test_aliases_in_a_file_follow_the_rules_of_claims_alias(claims: Claims, tmp_path: Path) -> None:
    claims.ok("alias", "DPRK embassy in Madrid", "North Korean embassy in Spain")
    aliases = [
        # Declared already, in the other order: one pair, whichever way round.
        {"subject": "North Korean embassy in Spain", "other": "DPRK embassy in Madrid"},
        {"subject": "DPRK consulate in Hong Kong", "other": "Hong Kong consulate"},
        {"subject": "hong kong  CONSULATE", "other": "DPRK consulate in Hong Kong"},
        {"subject": "Madrid  embassy", "other": "madrid embassy!"},
    ]
    document = {"format": "claims", "version": 1, "aliases": aliases, "claims": []}
    result = claims("import", write(tmp_path, "aliases.json", json.dumps(document, indent=1)))
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "aliases.json:17: other: 'madrid embassy!' is the same subject as 'Madrid  embassy' already"
    ]
    aliases.pop()
    out = claims.ok("import", write(tmp_path, "aliases.json", json.dumps(document, indent=1)))
    assert "Subject aliases declared: 1.\n" in out
    assert claims.ok("import", "aliases.json").startswith("No claims in aliases.json.\n")
    declared = json.loads(claims.ok("export"))["aliases"]
    assert [(a["subject"], a["other"]) for a in declared] == [
        ("DPRK embassy in Madrid", "North Korean embassy in Spain"),
        ("DPRK consulate in Hong Kong", "Hong Kong consulate"),
    ]
    # The subjects are one: the claims about them are compared.
    claims.ok("outlet", "add", "Yomiuri")
    for subject in ("Hong Kong consulate", "DPRK consulate in Hong Kong"):
        claims.ok(
            "add", "The consulate is closing", "--outlet", "Yomiuri", "--date", "2026-11-01",
            "--subject", subject, "--predicate", "status", "--value", "closing",
        )  # fmt: skip
    propositions = json.loads(claims.ok("xref", "--json"))["propositions"]
    assert [len(p["claims"]) for p in propositions] == [2]


def test_a_claim_restored_at_the_highest_id_and_version_is_the_last(
    db_claims: Claims, tmp_path: Path, open_db: Callable[[str], Database]
) -> None:
    last = 2**31 - 1
    claim = {"id": last, "text": "x", "outlet": "RBC", "date": "2026-11-01"}
    db_claims.ok("import", write(tmp_path, "last.json", json.dumps([claim])))
    # A record at version N carries its N - 1 earlier versions: this one is put there
    # by hand, as no file could.
    assert db_claims.db is not None
    with open_db(db_claims.db).session(write=True) as session:
        session.execute(sqlalchemy.text("UPDATE claims SET version = :v"), {"v": last})
    edit = db_claims("edit", str(last), "--confidence", "2")
    assert (edit.exit_code, edit.output) == (
        1,
        f"Error: claim {last} is at version {last}, the last the database holds; "
        "record a new claim instead\n",
    )
    add = db_claims("add", "y", "--outlet", "RBC", "--date", "2026-11-01")
    # SQLite would count on past it; PostgreSQL's id sequence has reached its end.
    assert add.exit_code == 1 and len(add.output.splitlines()) == 1, add.output
    assert add.output.startswith(
        ("Error: no claim ids are left", "Error: database: nextval: reached maximum value")
    )
    [only] = json.loads(db_claims.ok("list", "--json"))
    assert (only["id"], only["version"]) == (last, last)


@pytest.mark.parametrize("number", [2**31, 99999999999999999999])
def test_ids_and_versions_beyond_what_the_database_holds_are_refused(
    db_claims: Claims, tmp_path: Path, number: int
) -> None:
    claim = {"text": "Embassy closes", "outlet": "RBC", "date": "2026-11-01"}
    lines = [
        json.dumps({**claim, "id": number}),
        json.dumps({**claim, "version": number}),
        f"text,outlet,date,id\nEmbassy closes,RBC,2026-11-01,{number}\n",
    ]
    too_large = f"{number!r} is too large: the database holds whole numbers up to 2147483647"
    for name, text, field in [
        ("id.jsonl", lines[0], "id"),
        ("version.jsonl", lines[1], "version"),
        ("id.csv", lines[2], "id"),
    ]:
        result = db_claims("import", write(tmp_path, name, text + "\n"))
        assert result.exit_code == 1, result.output
        line = 2 if name.endswith(".csv") else 1
        assert result.output.splitlines()[0] == f"{name}:{line}: {field}: {too_large}"
    # The largest id is kept, on each backend (the largest version: in the test above).
    largest = json.dumps({**claim, "id": 2**31 - 1})
    db_claims.ok("import", write(tmp_path, "largest.jsonl", largest + "\n"))
    shown = json.loads(db_claims.ok("show", str(2**31 - 1), "--json"))
    assert shown["id"] == 2**31 - 1
    result = db_claims("show", str(number))
    assert (result.exit_code, result.output) == (1, f"Error: id: no claim {number} on record\n")


def test_a_value_given_as_a_number_must_be_a_finite_one(claims: Claims, tmp_path: Path) -> None:
    proposition = '"text": "Missions", "outlet": "RBC", "date": "2026", "subject": "DPRK missions"'
    lines = [
        f'{{{proposition}, "predicate": "count", "value": {number}}}'
        for number in ("NaN", "Infinity", "-Infinity", "1e400", "53")
    ]
    result = claims("import", write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n"))
    assert result.exit_code == 1
    beyond = " (JSON numbers beyond 1.8e308 read as Infinity)"
    assert result.output.splitlines()[:-1] == [
        "feed.jsonl:1: value: NaN is not a finite number",
        f"feed.jsonl:2: value: Infinity is not a finite number{beyond}",
        f"feed.jsonl:3: value: -Infinity is not a finite number{beyond}",
        f"feed.jsonl:4: value: Infinity is not a finite number{beyond}",
    ]
    assert count(claims) == 0
    skip = ["--on-error", "skip", "--rejects", "rejects.jsonl"]
    assert claims.ok("import", "feed.jsonl", *skip).startswith("Imported 1 claim")
    assert [c["value"] for c in json.loads(claims.ok("list", "--json"))] == ["53"]


def versioned(snapshot: object, **entry: object) -> str:
    """A claim record at version 2, with ``snapshot`` as version 1 in its history."""
    earlier = {
        "version": 1,
        "change": "edit",
        "changed_at": "2026-11-02T00:00:00Z",
        "changed_by": "x",
        "claim": snapshot,
        **entry,
    }
    record = {"text": "now", "outlet": "RBC", "date": "2026-11-01", "version": 2}
    return json.dumps({**record, "history": [earlier]}) + "\n"


def test_a_claim_in_a_history_is_checked_as_a_claim(claims: Claims, tmp_path: Path) -> None:
    cases = [
        (
            {},
            [
                "history: version 1: claim.text: '' is empty",
                "history: version 1: claim.outlet: '' is empty",
                "history: version 1: claim.date: '' is empty",
            ],
        ),
        (
            {"text": 12345, "outlet": "RBC", "date": "2026-10"},
            ["history: version 1: claim.text: 12345 is not text"],
        ),
        (
            {"text": "then", "outlet": "RBC", "date": "31/02/2026", "subject": "s"},
            [
                "history: version 1: claim.date: '31/02/2026' is no day of the calendar: "
                "that month has no such day",
                "history: version 1: claim.predicate: subject, predicate and value go together: "
                "predicate, value missing",
            ],
        ),
        (
            {"text": "then", "outlet": "RBC", "date": "2026", "value": "v", "x": float("nan")},
            [
                "history: version 1: claim.subject: subject, predicate and value go together: "
                "subject, predicate missing",
                "history: version 1: claim: holds NaN or Infinity, which JSON has not",
            ],
        ),
        ("then", ["history: version 1: claim: 'then' is not a claim object"]),
        (None, ["history: version 1: claim: is missing: a version needs the claim as it was"]),
    ]
    for snapshot, problems in cases:
        result = claims("import", write(tmp_path, "h.jsonl", versioned(snapshot)))
        assert result.exit_code == 1
        assert result.output.splitlines()[:-1] == [f"h.jsonl:1: {p}" for p in problems]
    assert count(claims) == 0
    bad = {"version": "one", "change": "undo", "changed_at": "", "changed_by": 7, "note": 1}
    result = claims("import", write(tmp_path, "h.jsonl", versioned({}, **bad)))
    assert result.output.splitlines()[:5] == [
        "h.jsonl:1: history: entry 1: version: 'one' is not a positive whole number",
        "h.jsonl:1: history: entry 1: change: 'undo' is not edit or retract",
        "h.jsonl:1: history: entry 1: changed_by: 7 is not text",
        "h.jsonl:1: history: entry 1: changed_at: '' is empty",
        "h.jsonl:1: history: entry 1: note: 1 is not text",
    ]
    record = {"text": "now", "outlet": "RBC", "date": "2026", "history": "none"}
    result = claims("import", write(tmp_path, "h.jsonl", json.dumps(record)))
    assert result.output.startswith("h.jsonl:1: history: 'none' is not a list of versions\n")


def test_a_history_imported_is_read_back_by_show_and_every_export(
    claims: Claims, tmp_path: Path
) -> None:
    # Far fewer fields than claims keeps of a version, and a value given as a number.
    snapshot = {"text": "then", "outlet": "RBC", "date": "2026-10"}
    snapshot |= {"subject": "DPRK missions", "predicate": "count", "value": 53}
    claims.ok("import", write(tmp_path, "h.jsonl", versioned(snapshot, note="recount")))
    shown = claims.ok("show", "1")
    assert "History:\n  v1 'then' [DPRK missions | count = 53]; edit 2026-11-02T00:00:00Z" in shown
    assert json.loads(claims.ok("show", "1", "--json"))["history"][0]["claim"] == snapshot
    assert "entity(claims:claim-1-v1, [prov:type='claims:Claim', prov:label=\"then\"" in (
        claims.ok("export", "--format", "prov-n")
    )
    claims.ok("export", "--format", "prov-json")
    claims.ok("export", "-o", "backup.json")
    fresh = Claims(str(tmp_path / "fresh.db"))
    fresh.ok("import", "backup.json")
    fresh.ok("export", "-o", "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "backup.json").read_bytes()


def test_a_history_an_older_claims_stored_unchecked_is_still_read(
    claims: Claims, tmp_path: Path
) -> None:
    claims.ok(
        "import",
        write(tmp_path, "h.jsonl", versioned({"text": "then", "outlet": "RBC", "date": "2026"})),
    )
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        for snapshot in ("{}", '{"text": 12345, "subject": [1], "url": 5, "confidence": 2.5}'):
            conn.execute("UPDATE claim_versions SET snapshot = ?", (snapshot,))
            conn.commit()
            assert "History:\n  v1 " in claims.ok("show", "1")
            assert "claims:claim-1-v1" in claims.ok("export", "--format", "prov-n")
            assert "claims:claim-1-v1" in claims.ok("export", "--format", "prov-json")
            claims.ok("export", "--format", "csv")
    conn.close()


def test_a_retraction_without_a_reason_shows_what_was_given(claims: Claims, tmp_path: Path) -> None:
    retracted = {"text": "x", "outlet": "RBC", "date": "2026", "retracted_on": "2026-11-03"}
    lines = [
        json.dumps({**retracted, "retraction_note": "  "}),
        json.dumps(retracted),
        json.dumps({**retracted, "retraction_note": 5}),
    ]
    result = claims("import", write(tmp_path, "feed.jsonl", "\n".join(lines)))
    assert result.output.splitlines()[:-1] == [
        "feed.jsonl:1: retraction_note: '  ' is empty: say why it was retracted",
        "feed.jsonl:2: retraction_note: is missing: say why it was retracted",
        "feed.jsonl:3: retraction_note: 5 is not text",
    ]
    assert count(claims) == 0


def test_a_retraction_before_publication_is_refused_on_import(
    claims: Claims, tmp_path: Path
) -> None:
    claim = {"text": "x", "outlet": "RBC", "date": "2026-11-02", "retraction_note": "withdrawn"}
    lines = [
        json.dumps({**claim, "retracted_on": "2020-01-01"}),
        json.dumps({**claim, "date": "November 2026", "retracted_on": "2026-10-31"}),
        json.dumps({**claim, "date": "November 2026", "retracted_on": "2026-11-01"}),
        json.dumps({**claim, "retracted_on": "2999-01-01"}),
    ]
    result = claims("import", write(tmp_path, "feed.jsonl", "\n".join(lines)))
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "feed.jsonl:1: retracted_on: '2020-01-01' is before the claim was published (2026-11-02)",
        "feed.jsonl:2: retracted_on: '2026-10-31' is before the claim was published (2026-11)",
        f"feed.jsonl:4: retracted_on: '2999-01-01' is after today ({dt.date.today()}): "
        "record a retraction once it has happened",
    ]
    assert count(claims) == 0


def test_a_source_name_with_a_semicolon_survives_a_spreadsheet(
    claims: Claims, tmp_path: Path
) -> None:
    record = {
        "text": "Embassy closes",
        "outlet": "RBC",
        "date": "2026",
        "sources": [{"kind": "organization", "name": "Smith; Jones LLP"}, "person:Ryu;"],
    }
    claims.ok("import", write(tmp_path, "feed.jsonl", json.dumps(record) + "\n"))
    claims.ok("export", "--format", "csv", "-o", "claims.csv")
    [row] = csv.DictReader(io.StringIO((tmp_path / "claims.csv").read_text(), newline=""))
    assert row["sources"] == "organization:Smith;; Jones LLP; person:Ryu;;"
    fresh = Claims(str(tmp_path / "fresh.db"))
    assert fresh.ok("import", "claims.csv").startswith("Imported 1 claim")
    [claim] = json.loads(fresh.ok("list", "--json"))
    assert [s["name"] for s in claim["sources"]] == ["Smith; Jones LLP", "Ryu;"]
    fresh.ok("export", "--format", "csv", "-o", "again.csv")
    assert (tmp_path / "again.csv").read_text() == (tmp_path / "claims.csv").read_text()
