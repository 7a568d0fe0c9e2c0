"""The command line, used the way a desk records the reference story."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claims.cli.output import display_width
from tests.conftest import Claims

KT = ["--outlet", "Korea Times", "--date", "2026-11-01"]
MADRID = ["--subject", "DPRK embassy in Spain", "--predicate", "status", "--value", "closed"]


@pytest.fixture
def desk(claims: Claims) -> Claims:
    claims.ok(
        "outlet",
        "add",
        "Korea Times",
        "--kind",
        "newspaper",
        "--country",
        "KR",
        "--reliability",
        "B",
    )
    claims.ok("outlet", "add", "RBC", "--kind", "online", "--country", "RU")
    return claims


def count(claims: Claims, what: str = "list") -> int:
    args = [what, "list", "--json"] if what in ("outlet", "source") else ["list", "--json"]
    return len(json.loads(claims.ok(*args)))


def test_add_prints_the_claim_as_json_with_every_contract_field(desk: Claims) -> None:
    out = desk.ok(
        "add",
        "North Korea is closing its embassy in Madrid",
        *KT,
        "--source",
        "document:DPRK decision on the Madrid embassy",
        *MADRID,
        "--as-of",
        "2026-11-01",
        "--confidence",
        "2",
        "--url",
        "https://www.koreatimes.co.kr/example",
        "--headline",
        "Madrid embassy to close",
        "--by",
        "alice",
        "--json",
    )
    claim = json.loads(out)
    assert claim["id"] == 1
    assert claim["text"] == "North Korea is closing its embassy in Madrid"
    assert claim["outlet"] == "Korea Times"
    assert (claim["date"], claim["date_precision"]) == ("2026-11-01", "day")
    assert claim["confidence"] == 2
    assert claim["sources"] == [
        {"kind": "document", "name": "DPRK decision on the Madrid embassy", "role": None}
    ]
    assert (claim["subject"], claim["predicate"], claim["value"]) == (
        "DPRK embassy in Spain",
        "status",
        "closed",
    )
    assert (claim["as_of"], claim["stance"]) == ("2026-11-01", "asserts")
    assert claim["url"] == "https://www.koreatimes.co.kr/example"
    assert claim["headline"] == "Madrid embassy to close"
    assert claim["retracted"] is False
    assert claim["recorded_by"] == "alice"
    assert json.loads(desk.ok("list", "--json")) == [claim]


def test_an_empty_confidence_is_refused_not_taken_for_the_default(desk: Claims) -> None:
    result = desk("add", "Embassy closes", *KT, "--confidence", "")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: Invalid value for '--confidence': '' is empty: give 1-6 or leave the option out\n"
    )
    assert count(desk) == 0


def test_add_human_output_and_defaults(desk: Claims) -> None:
    assert desk.ok("add", "Embassy in Madrid closes", *KT) == (
        "Recorded claim 1: Embassy in Madrid closes\n"
    )
    claim = json.loads(desk.ok("show", "1", "--json"))
    assert claim["confidence"] == 6  # cannot be judged until someone grades it
    assert claim["sources"] == []  # the outlet's own reporting
    assert claim["subject"] is None
    assert claim["recorded_by"]  # the OS user


def test_outlet_names_that_differ_only_in_spelling_are_one_outlet(desk: Claims) -> None:
    result = desk("outlet", "add", "korea-times")
    assert result.exit_code == 1
    assert "outlet 'korea-times' is already on record as 'Korea Times'" in result.output
    desk.ok("add", "Embassy closes", "--outlet", "KOREA  TIMES.", "--date", "2026-11-01")
    desk.ok("add", "Embassy closes", "--outlet", "ｋｏｒｅａ times", "--date", "2026-11-01")
    outlets = json.loads(desk.ok("outlet", "list", "--json"))
    assert [(o["name"], o["claims"]) for o in outlets] == [("Korea Times", 2), ("RBC", 0)]


@pytest.mark.parametrize(
    ("given", "kind"),
    [
        ("wire", "wire-agency"),
        ("wire agency", "wire-agency"),
        ("News Agency", "wire-agency"),
        ("Wire-Agency", "wire-agency"),
        ("STATE_MEDIA", "state-media"),
        ("Newspaper", "newspaper"),
    ],
)
def test_outlet_kinds_are_read_in_any_spelling_the_store_takes(
    claims: Claims, given: str, kind: str
) -> None:
    outlet = json.loads(claims.ok("outlet", "add", "Yonhap", "--kind", given, "--json"))
    assert outlet["kind"] == kind


def test_source_kinds_are_read_in_any_case_as_in_source_options(desk: Claims) -> None:
    source = json.loads(desk.ok("source", "add", "Ryu Hyun Woo", "--kind", "Person", "--json"))
    assert source["kind"] == "person"
    desk.ok("add", "x", "--outlet", "RBC", "--date", "2026", "--source", "PERSON:Ryu Hyun Woo")
    assert [(s["kind"], s["claims"]) for s in json.loads(desk.ok("source", "list", "--json"))] == [
        ("person", 1)
    ]


def test_a_kind_that_is_none_of_them_is_refused_with_the_choices(claims: Claims) -> None:
    result = claims("outlet", "add", "Yonhap", "--kind", "blog")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--kind': 'blog' is not an outlet kind; use one of "
        "newspaper, wire-agency, state-media, broadcaster, online, other"
    )
    result = claims("source", "add", "Ryu Hyun Woo", "--kind", "rumour")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--kind': 'rumour' is not a source kind; use one of "
        "person, official, document, organization, anonymous, outlet"
    )
    assert count(claims, "outlet") == 0 and count(claims, "source") == 0
    assert "newspaper, wire-agency, state-media, broadcaster, online or other" in " ".join(
        claims.ok("outlet", "add", "--help").split()
    )
    assert "person, official, document, organization, anonymous or outlet" in " ".join(
        claims.ok("source", "add", "--help").split()
    )


def test_a_close_outlet_name_is_created_with_a_note(desk: Claims) -> None:
    result = desk("outlet", "add", "The Korea Times")
    assert result.exit_code == 0
    assert "it looks like 'Korea Times', already on record" in result.output


def test_unknown_outlet_names_close_matches_and_writes_nothing(desk: Claims) -> None:
    result = desk("add", "Embassy closes", "--outlet", "Korea Tims", "--date", "2026-11-01")
    assert result.exit_code == 1
    assert result.output == (
        "Error: outlet: unknown outlet 'Korea Tims' (did you mean 'Korea Times'?); "
        "to record it as a new outlet: claims outlet add 'Korea Tims'\n"
    )
    assert count(desk) == 0
    # A name that starts with a dash comes after --, or it would read as an option.
    dashed = desk("add", "Embassy closes", "--outlet", "-Wire", "--date", "2026-11-01")
    suggested = dashed.output.rsplit(": ", 1)[-1].strip()
    assert suggested == "claims outlet add -- -Wire"
    desk.ok(*suggested.split()[1:])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "next week"], "Invalid value for '--date': 'next week' is not a date"),
        (["--date", "03/04/2026"], "day first it is 3 April 2026, month first it is 4 March 2026"),
        (["--as-of", "Octember 2026", *MADRID], "Invalid value for '--as-of': 'Octember 2026'"),
        (
            ["--source", "rumour:someone"],
            "Invalid value for '--source': 'rumour:someone' has unknown kind",
        ),
        (
            ["--source", "Ryu Hyun Woo"],
            "Invalid value for '--source': 'Ryu Hyun Woo' is not KIND:NAME",
        ),
        (["--confidence", "7"], "Invalid value for '--confidence': '7' is not a credibility level"),
        (["--confidence", "sure"], "Invalid value for '--confidence': 'sure'"),
        (
            ["--url", "javascript:alert(1)"],
            "Invalid value for '--url': 'javascript:alert(1)' is not an http",
        ),
        (
            ["--subject", "DPRK embassy in Spain"],
            "subject, predicate and value go together: predicate, value missing",
        ),
        (["--as-of", "2026-11-01"], "as-of needs a proposition"),
        (["--denies"], "stance needs a proposition"),
        (["--dayfirst", "--monthfirst"], None),
        (["--url", "http:///path"], "Invalid value for '--url': 'http:///path' has no host name"),
        (["--url", "https://:80"], "Invalid value for '--url': 'https://:80' has no host name"),
        (
            ["--subject", "...", "--predicate", "status", "--value", "closed"],
            "Invalid value for '--subject': '...' has no letters or digits",
        ),
        (
            ["--subject", "\u200b", "--predicate", "status", "--value", "closed"],
            "Invalid value for '--subject': '\\u200b' has no letters or digits",
        ),
        (["--source", "person:..."], "Invalid value for '--source': '...' has no letters or"),
        (["--headline", "del\x7fx"], "'del\\x7fx' contains the control character '\\x7f'"),
        (["--headline", "a\x9b31m"], "'a\\x9b31m' contains the control character '\\x9b'"),
    ],
)
def test_bad_input_is_a_usage_error_naming_the_option_and_nothing_is_written(
    desk: Claims, args: list[str], message: str | None
) -> None:
    base = {"--date": "2026-11-01"}
    argv = ["add", "Embassy closes", "--outlet", "Korea Times"]
    if "--date" not in args:
        argv += ["--date", base["--date"]]
    result = desk(*argv, *args)
    assert result.exit_code == 2, result.output
    if message:
        assert message in result.output
    assert "Traceback" not in result.output
    assert count(desk) == 0
    assert count(desk, "source") == 0


def test_ambiguous_dates_are_resolved_by_dayfirst_or_monthfirst(desk: Claims) -> None:
    day = json.loads(
        desk.ok("add", "a", "--outlet", "RBC", "--date", "03/04/2026", "--dayfirst", "--json")
    )
    month = json.loads(
        desk.ok("add", "b", "--outlet", "RBC", "--date", "03/04/2026", "--monthfirst", "--json")
    )
    assert (day["date"], month["date"]) == ("2026-04-03", "2026-03-04")


@pytest.mark.parametrize(
    "command",
    [
        ["retract", "1", "--note", "withdrawn", "--date"],
        ["list", "--since"],
        ["list", "--until"],
        ["report", "-o", "out.html", "--since"],
        ["export", "-o", "out.json", "--until"],
    ],
)
def test_every_command_that_reads_a_date_takes_dayfirst_or_monthfirst(
    desk: Claims, command: list[str]
) -> None:
    desk.ok("add", "Madrid closes", "--outlet", "RBC", "--date", "2026-03-01")
    result = desk(*command, "03/04/2026")
    assert result.exit_code == 2, result.output
    assert "say which with --dayfirst or --monthfirst, or write it as" in result.output
    desk.ok(*command, "03/04/2026", "--dayfirst")
    if command[0] == "retract":
        assert json.loads(desk.ok("show", "1", "--json"))["retracted_on"] == "2026-04-03"
    else:
        desk.ok(*command, "03/04/2026", "--monthfirst")
        assert desk(*command, "03/04/2026", "--dayfirst", "--monthfirst").exit_code == 2


@pytest.mark.parametrize(
    ("date", "iso", "precision"),
    [
        ("1 November 2026", "2026-11-01", "day"),
        ("Nov 1, 2026", "2026-11-01", "day"),
        ("November 2026", "2026-11", "month"),
        ("2026", "2026", "year"),
        ("mid-October 2026", "mid 2026-10", "month"),
    ],
)
def test_dates_keep_their_precision(desk: Claims, date: str, iso: str, precision: str) -> None:
    claim = json.loads(desk.ok("add", "x", "--outlet", "RBC", "--date", date, "--json"))
    assert (claim["date"], claim["date_precision"]) == (iso, precision)


def test_outlet_sources_must_name_a_known_outlet(desk: Claims) -> None:
    result = desk(
        "add",
        "Madrid embassy closes",
        "--outlet",
        "RBC",
        "--date",
        "November 2026",
        "--source",
        "outlet:Korea Tmes",
        "--source",
        "person:Ryu Hyun Woo",
    )
    assert result.exit_code == 1
    assert "source: unknown outlet 'Korea Tmes' (did you mean 'Korea Times'?)" in result.output
    assert count(desk) == 0 and count(desk, "source") == 0  # Ryu was not half-created
    out = desk.ok(
        "add",
        "Madrid embassy closes",
        "--outlet",
        "RBC",
        "--date",
        "November 2026",
        "--source",
        "outlet:korea times",
        "--json",
    )
    assert json.loads(out)["sources"] == [{"kind": "outlet", "name": "Korea Times", "role": None}]


def test_sources_are_created_on_first_mention_and_reused(desk: Claims) -> None:
    desk.ok(
        "source",
        "add",
        "Ryu Hyun Woo",
        "--kind",
        "person",
        "--role",
        "former acting DPRK ambassador to Kuwait",
        "--reliability",
        "C",
    )
    for _ in range(2):
        desk.ok(
            "add",
            "Madrid brought no benefit",
            "--outlet",
            "RBC",
            "--date",
            "2026-11",
            "--source",
            "person:ryu hyun-woo",
            "--source",
            "anonymous:North Korean sources",
        )
    sources = json.loads(desk.ok("source", "list", "--json"))
    assert [(s["kind"], s["name"], s["claims"]) for s in sources] == [
        ("anonymous", "North Korean sources", 2),
        ("person", "Ryu Hyun Woo", 2),
    ]
    assert sources[1]["role"] == "former acting DPRK ambassador to Kuwait"
    result = desk("source", "add", "Ryu Hyun Woo", "--kind", "person")
    assert result.exit_code == 1
    assert result.output == (
        "Error: source 'person:Ryu Hyun Woo' is already on record; "
        "to describe or grade it, give --role or --reliability\n"
    )


def test_a_source_already_cited_can_be_described_and_graded(desk: Claims) -> None:
    desk.ok(
        "add", "Madrid brought no benefit", "--outlet", "RBC", "--date", "2026",
        "--source", "person:Ryu Hyun Woo", *MADRID,
    )  # fmt: skip
    assert "derived 3 (1 independent origin, not confirmed by another)" in desk.ok("show", "1")
    out = desk.ok(
        "source", "add", "Ryu Hyun Woo", "--kind", "person", "--role", "ex-diplomat",
        "--reliability", "C",
    )  # fmt: skip
    assert out == "Updated source 1 (person:Ryu Hyun Woo): role 'ex-diplomat'; reliability C.\n"
    # An empty grade is refused, as outlet add refuses it, not taken for no grade.
    empty = desk("source", "add", "Ryu Hyun Woo", "--kind", "person", "--reliability", "")
    assert empty.exit_code == 2 and "'' is not a reliability grade" in empty.output
    # What is on record is not overwritten by accident.
    result = desk("source", "add", "ryu hyun-woo", "--kind", "person", "--reliability", "E")
    assert result.exit_code == 1
    assert result.output == (
        "Error: source 'person:Ryu Hyun Woo' already has reliability C, not E; "
        "add --replace to change it\n"
    )
    same = desk.ok("source", "add", "Ryu Hyun Woo", "--kind", "person", "--reliability", "C")
    assert same == "Source 1 (person:Ryu Hyun Woo) already reads that way; nothing changed.\n"
    out = desk.ok(
        "source", "add", "Ryu Hyun Woo", "--kind", "person", "--reliability", "E", "--replace"
    )
    assert out == "Updated source 1 (person:Ryu Hyun Woo): reliability C -> E.\n"
    [source] = json.loads(desk.ok("source", "list", "--json"))
    assert (source["role"], source["reliability"], source["claims"]) == ("ex-diplomat", "E", 1)
    shown = desk.ok("show", "1")
    assert "Sources:     person:Ryu Hyun Woo (ex-diplomat)" in shown
    assert "derived 4 (1 independent origin, graded unreliable, not confirmed by another)" in shown


def test_an_outlet_has_one_grade_changed_with_outlet_set(desk: Claims) -> None:
    desk.ok(
        "add", "Embassy closes", "--outlet", "RBC", "--date", "2026",
        "--source", "outlet:Korea Times", *MADRID,
    )  # fmt: skip
    # Cited, Korea Times is graded as the outlet is (B): not a second grade of its own.
    assert "derived 2 (1 independent origin, graded reliable" in desk.ok("show", "1")
    refused = desk("source", "add", "Korea Times", "--kind", "outlet", "--reliability", "E")
    assert refused.exit_code == 2
    assert refused.output.endswith(
        "Error: Invalid value for '--reliability': 'E' is not for an outlet cited as a source: "
        "an outlet is graded as an outlet (claims outlet set 'Korea Times' --reliability ...)\n"
    )
    again = desk("outlet", "add", "Korea Times", "--reliability", "E")
    assert again.output == (
        "Error: outlet 'Korea Times' is already on record as 'Korea Times'; to change its "
        "settings: claims outlet set 'Korea Times' --kind/--country/--reliability ...\n"
    )
    out = desk.ok("outlet", "set", "korea times", "--reliability", "e", "--kind", "wire")
    assert out == (
        "Updated outlet 1 (Korea Times): kind newspaper -> wire-agency; reliability B -> E.\n"
    )
    assert "derived 4 (1 independent origin, graded unreliable" in desk.ok("show", "1")
    assert desk.ok("outlet", "set", "RBC", "--country", "") == (
        "Updated outlet 2 (RBC): country RU -> (none).\n"
    )
    assert desk.ok("outlet", "set", "RBC", "--country", "") == (
        "Outlet RBC already reads that way; nothing changed.\n"
    )
    outlets = json.loads(desk.ok("outlet", "list", "--json"))
    assert [(o["kind"], o["country"], o["reliability"]) for o in outlets] == [
        ("wire-agency", "KR", "E"),
        ("online", None, "F"),
    ]
    # "UK" is how the United Kingdom is often written; ISO 3166 (and the record) says GB.
    desk.ok("outlet", "set", "RBC", "--country", "uk")
    assert json.loads(desk.ok("outlet", "list", "--json"))[1]["country"] == "GB"
    for args, error in [
        ([], "Error: give --kind, --country or --reliability to change"),
        (["--country", "Korea"], "'Korea' is not a two-letter country code (ISO 3166, e.g. KR)"),
        (["--country", "XX"], "'XX' is no country's code in ISO 3166 (e.g. KR)"),
        (["--country", "eu"], "'eu' is no country's code in ISO 3166 (e.g. KR)"),
        (["--reliability", "-b"], "'-b' is not a reliability grade"),
    ]:
        result = desk("outlet", "set", "RBC", *args)
        assert result.exit_code == 2 and error in result.output, result.output
    assert desk("outlet", "set", "Korea Tims", "--kind", "online").output.startswith(
        "Error: name: unknown outlet 'Korea Tims' (did you mean 'Korea Times'?)"
    )


def test_recording_the_same_claim_twice_is_noted(desk: Claims) -> None:
    first = desk("add", "Embassy in Madrid closes", *KT)
    assert first.stderr == ""
    again = desk(
        "add", "embassy in  Madrid closes!", "--outlet", "korea times", "--date", "1 Nov 2026"
    )
    assert again.stdout == "Recorded claim 2: embassy in Madrid closes!\n"
    assert again.stderr == (
        "Note: claim 1 has the same outlet, date, text and URL; if this one was recorded by "
        "mistake: claims retract 2 --note 'recorded twice'\n"
    )
    # Another day, another URL or another outlet: another report.
    for other in (
        ["--outlet", "Korea Times", "--date", "2026-11-02"],
        ["--outlet", "Korea Times", "--date", "2026-11-01", "--url", "https://kt.example/2"],
        ["--outlet", "RBC", "--date", "2026-11-01"],
    ):
        assert desk("add", "Embassy in Madrid closes", *other).stderr == ""
    third = desk("add", "Embassy in Madrid closes", *KT)
    assert third.stderr.startswith("Note: claims 1, 2 have the same outlet, date, text and URL")


def test_list_filters(desk: Claims) -> None:
    desk.ok("add", "Madrid closes", *KT, *MADRID)
    desk.ok(
        "add",
        "Hong Kong consulate to close",
        "--outlet",
        "RBC",
        "--date",
        "2026-10-27",
        "--subject",
        "DPRK consulate general in Hong Kong",
        "--predicate",
        "status",
        "--value",
        "to close",
    )
    desk.ok("add", "Missions: about 50", "--outlet", "RBC", "--date", "October 2026")

    def ids(*args: str) -> list[int]:
        return [c["id"] for c in json.loads(desk.ok("list", *args, "--json"))]

    assert ids() == [1, 2, 3]
    assert ids("--outlet", "rbc") == [2, 3]
    assert ids("--subject", "spain") == [1]
    assert ids("--since", "2026-10-28") == [1, 3]  # October 2026 overlaps
    assert ids("--until", "2026-10-27") == [2, 3]
    assert ids("--since", "November 2026", "--outlet", "RBC") == []
    assert desk("list", "--outlet", "Yonhap").exit_code == 1
    # Streamed record by record, the listing reads as one JSON document, indented.
    listed = desk.ok("list", "--json")
    assert listed == json.dumps(json.loads(listed), indent=2, ensure_ascii=False) + "\n"
    assert desk.ok("list", "--subject", "nowhere", "--json") == "[]\n"
    table = desk.ok("list")
    assert table.splitlines()[0].split() == ["ID", "DATE", "OUTLET", "CRED", "CLAIM", "PROPOSITION"]
    assert "DPRK embassy in Spain | status = closed" in table


@pytest.mark.parametrize(
    "command",
    [["list"], ["report", "-o", "out.html"], ["export", "-o", "out.json"]],
)
def test_a_window_given_backwards_is_refused_and_nothing_is_written(
    desk: Claims, command: list[str], tmp_path: Path
) -> None:
    desk.ok("add", "Madrid closes", *KT, *MADRID)
    result = desk(*command, "--since", "2026-12", "--until", "2026-01")
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == "Error: --since 2026-12 is after --until 2026-01"
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.html").exists() and not (tmp_path / "out.json").exists()
    # Ends that meet, or a day inside the month it starts, are a window.
    desk.ok(*command, "--since", "2026-11-01", "--until", "November 2026")


def test_edit_keeps_the_earlier_version(desk: Claims) -> None:
    desk.ok(
        "add",
        "About 50 missions",
        "--outlet",
        "RBC",
        "--date",
        "2026-11-01",
        "--subject",
        "DPRK missions abroad",
        "--predicate",
        "count",
        "--value",
        "53",
        "--by",
        "alice",
    )
    out = desk.ok(
        "edit",
        "1",
        "--value",
        "about 50",
        "--confidence",
        "3",
        "--note",
        "Yomiuri says about 50",
        "--by",
        "bob",
    )
    assert out == "Edited claim 1 (now version 2).\n"
    claim = json.loads(desk.ok("show", "1", "--json"))
    assert (claim["value"], claim["confidence"], claim["version"]) == ("about 50", 3, 2)
    assert claim["updated_by"] == "bob"
    [earlier] = claim["history"]
    assert (earlier["version"], earlier["change"], earlier["changed_by"]) == (1, "edit", "bob")
    assert earlier["note"] == "Yomiuri says about 50"
    assert (earlier["claim"]["value"], earlier["claim"]["confidence"]) == ("53", 6)
    assert earlier["claim"]["recorded_by"] == "alice"
    shown = desk.ok("show", "1")
    assert "History:" in shown and "v1 'About 50 missions'" in shown


def test_show_history_says_what_each_edit_changed(desk: Claims) -> None:
    desk.ok("add", "Madrid closes", *KT, *MADRID, "--by", "alice")
    desk.ok(
        "edit", "1", "--date", "2026-11-02", "--source", "document:Decision", "--url",
        "https://example.org/a", "--confidence", "3", "--note", "the decision is dated the 2nd",
    )  # fmt: skip
    desk.ok("edit", "1", "--value", "to close", "--outlet", "RBC")
    desk.ok("retract", "1", "--note", "withdrawn", "--date", "2026-11-05")
    history = desk.ok("show", "1").split("History:\n")[1].splitlines()
    assert [line.split(";")[0] for line in history] == [
        "  v1 'Madrid closes' [DPRK embassy in Spain | status = closed]",
        "    date: 2026-11-01 -> 2026-11-02",
        "  v2 'Madrid closes' [DPRK embassy in Spain | status = closed]",
        "    outlet: Korea Times -> RBC",
        "  v3 'Madrid closes' [DPRK embassy in Spain | status = to close]",
    ]
    # Each earlier version, against the one that replaced it.
    assert history[1] == (
        "    date: 2026-11-01 -> 2026-11-02; sources: (none) -> document:Decision; "
        "confidence: 6 -> 3; url: (none) -> https://example.org/a"
    )
    assert history[3] == "    outlet: Korea Times -> RBC; value: closed -> to close"
    assert history[4].endswith(": withdrawn") and "; retract 2026-" in history[4]


def test_edit_that_changes_nothing_adds_no_version(desk: Claims) -> None:
    desk.ok("add", "Madrid closes", *KT, *MADRID)
    assert "nothing changed" in desk.ok("edit", "1", "--value", "closed")
    assert json.loads(desk.ok("show", "1", "--json"))["history"] == []


def test_edit_sources_stance_and_clearing(desk: Claims) -> None:
    desk.ok(
        "add",
        "Madrid closes",
        *KT,
        *MADRID,
        "--source",
        "document:Decision",
        "--url",
        "https://example.org/a",
    )
    desk.ok("edit", "1", "--source", "official:Ministry of Unification", "--denies", "--url", "")
    claim = json.loads(desk.ok("show", "1", "--json"))
    assert claim["sources"] == [
        {"kind": "official", "name": "Ministry of Unification", "role": None}
    ]
    assert (claim["stance"], claim["url"]) == ("denies", None)
    desk.ok("edit", "1", "--clear-sources", "--asserts")
    claim = json.loads(desk.ok("show", "1", "--json"))
    assert (claim["sources"], claim["stance"], claim["version"]) == ([], "asserts", 3)


def test_edit_errors_write_nothing(desk: Claims) -> None:
    desk.ok("add", "Madrid closes", *KT, *MADRID)
    assert desk("edit", "1").exit_code == 2
    assert desk("edit", "9", "--value", "x").exit_code == 1
    bad = desk("edit", "1", "--value", "open", "--date", "Smarch 2026")
    assert bad.exit_code == 2 and "'--date'" in bad.output
    bad = desk("edit", "1", "--value", "open", "--outlet", "Yonhap")
    assert bad.exit_code == 1
    claim = json.loads(desk.ok("show", "1", "--json"))
    assert (claim["value"], claim["version"], claim["history"]) == ("closed", 1, [])


def test_retract_keeps_the_claim_on_record(desk: Claims) -> None:
    desk.ok("add", "Hong Kong consulate to close", "--outlet", "RBC", "--date", "2026-10-27")
    out = desk.ok(
        "retract", "1", "--note", "Yomiuri withdrew it", "--date", "2026-11-03", "--by", "carol"
    )
    assert out == "Retracted claim 1 on 2026-11-03.\n"
    claim = json.loads(desk.ok("show", "1", "--json"))
    assert claim["retracted"] is True
    assert (claim["retracted_on"], claim["retraction_note"]) == (
        "2026-11-03",
        "Yomiuri withdrew it",
    )
    assert claim["history"][0]["change"] == "retract"
    assert claim["history"][0]["claim"]["retracted"] is False
    assert [c["id"] for c in json.loads(desk.ok("list", "--json"))] == [1]
    assert json.loads(desk.ok("list", "--active", "--json")) == []
    assert "[retracted]" in desk.ok("list")
    assert desk("retract", "1").exit_code == 2  # --note is required


def test_changing_a_retracted_claim_is_a_one_line_failure(desk: Claims) -> None:
    desk.ok("add", "Hong Kong consulate to close", "--outlet", "RBC", "--date", "2026-10-27")
    desk.ok("retract", "1", "--note", "Yomiuri withdrew it", "--date", "2026-11-03")
    again = desk("retract", "1", "--note", "again")
    assert again.exit_code == 1
    assert again.output == "Error: claim 1 is already retracted (on 2026-11-03)\n"
    edit = desk("edit", "1", "--value", "x")
    assert edit.exit_code == 1
    assert edit.output == (
        "Error: claim 1 is retracted (on 2026-11-03); record a new claim instead\n"
    )
    for command in (
        ["show", "99"],
        ["edit", "99", "--value", "x"],
        ["retract", "99", "--note", "x"],
    ):
        missing = desk(*command)
        assert missing.exit_code == 1
        assert missing.output == "Error: id: no claim 99 on record\n"
    claim = json.loads(desk.ok("show", "1", "--json"))
    assert (claim["version"], claim["retraction_note"]) == (2, "Yomiuri withdrew it")


@pytest.mark.parametrize("given", ["-1", "0", "abc", "1.5", "-12"])
@pytest.mark.parametrize(
    "command", [["show"], ["edit", "--value", "x"], ["retract", "--note", "withdrawn"]]
)
def test_an_id_that_is_not_a_positive_whole_number_is_named(
    desk: Claims, command: list[str], given: str
) -> None:
    desk.ok("add", "Madrid closes", *KT)
    result = desk(command[0], given, *command[1:])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        f"Error: Invalid value for 'ID': {given!r} is not a claim id; "
        "ids are whole numbers from 1, as claims list shows them"
    )
    assert json.loads(desk.ok("show", "1", "--json"))["version"] == 1


@pytest.fixture
def evening_in_los_angeles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """17:31 on 27 November 2026 in Los Angeles, when it is already the 28th in UTC."""
    with monkeypatch.context() as mp:
        mp.setenv("TZ", "America/Los_Angeles")
        time.tzset()
        mp.setattr(time, "time", lambda: 1795829460.0)  # 2026-11-28T01:31:00Z
        yield
    time.tzset()


@pytest.mark.usefixtures("evening_in_los_angeles")
def test_a_retraction_without_a_date_is_dated_today_where_the_user_is(desk: Claims) -> None:
    desk.ok("add", "Hong Kong consulate to close", "--outlet", "RBC", "--date", "2026-10-27")
    desk.ok("add", "Madrid embassy to close", "--outlet", "RBC", "--date", "2026-11-01")
    assert desk.ok("retract", "1", "--note", "withdrawn") == "Retracted claim 1 on 2026-11-27.\n"
    out = desk.ok("retract", "2", "--note", "withdrawn", "--date", "today")
    assert out == "Retracted claim 2 on 2026-11-27.\n"


def test_a_retraction_cannot_come_before_the_claim_or_be_vaguer_than_a_day(desk: Claims) -> None:
    desk.ok("add", "Madrid embassy to close", "--outlet", "RBC", "--date", "2026-11-02")
    early = desk("retract", "1", "--note", "withdrawn", "--date", "2020-01-01")
    assert early.exit_code == 2, early.output
    assert early.output.splitlines()[-1] == (
        "Error: Invalid value for '--date': '2020-01-01' is before the claim was published "
        "(2026-11-02)"
    )
    # A date typed into the future could never be put right: a retracted claim is final.
    late = desk("retract", "1", "--note", "withdrawn", "--date", "2999-01-01")
    assert late.output.splitlines()[-1] == (
        f"Error: Invalid value for '--date': '2999-01-01' is after today "
        f"({dt.date.today().isoformat()}): record a retraction once it has happened"
    )
    for vague, what in [
        ("November 2026", "a month"),
        ("2026", "a year"),
        ("late Nov 2026", "a month"),
    ]:
        result = desk("retract", "1", "--note", "withdrawn", "--date", vague)
        assert result.exit_code == 2, result.output
        assert result.output.splitlines()[-1] == (
            f"Error: Invalid value for '--date': {vague!r} is {what}, not a day: "
            "date the retraction to the day, e.g. 2026-11-03"
        )
    assert json.loads(desk.ok("show", "1", "--json"))["retracted"] is False
    desk.ok("add", "Embassy to close next month", "--outlet", "RBC", "--date", "2999-01-01")
    future = desk("retract", "2", "--note", "withdrawn")  # today, by default
    assert future.exit_code == 2, future.output
    assert future.output.splitlines()[-1] == (
        "Error: Invalid value for '--date': 'today' is before the claim was published (2999-01-01)"
    )
    # The day of publication itself will do.
    assert desk.ok("retract", "1", "--note", "withdrawn", "--date", "2 November 2026") == (
        "Retracted claim 1 on 2026-11-02.\n"
    )


def test_show_unknown_claim(claims: Claims) -> None:
    result = claims("show", "42")
    assert result.exit_code == 1
    assert result.output == "Error: id: no claim 42 on record\n"


def test_terminal_output_never_carries_raw_control_characters(desk: Claims, tmp_path: Path) -> None:
    result = desk("add", "evil \x1b[2J\x1b[31mred", "--outlet", "RBC", "--date", "2026")
    assert result.exit_code == 2
    assert "'TEXT': 'evil \\x1b[2J\\x1b[31mred' contains the control character" in result.output
    # A claim recorded before control characters were refused is shown escaped.
    desk.ok("add", "evil", "--outlet", "RBC", "--date", "2026")
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        conn.execute("UPDATE claims SET text = ?", ("evil \x1b[2J\x1b[31mred",))
    conn.close()
    for args in (["list"], ["show", "1"]):
        out = desk.ok(*args)
        assert "\x1b" not in out and "\\x1b[2J" in out
    assert json.loads(desk.ok("list", "--json"))[0]["text"] == "evil \x1b[2J\x1b[31mred"


def test_recorded_text_cannot_add_lines_of_its_own_to_what_show_prints(desk: Claims) -> None:
    forged = "\n  Credibility: 1 (confirmed by other sources)"
    desk.ok("add", "Embassy closed" + forged, "--outlet", "RBC", "--date", "2026", "--by", "desk")
    desk.ok("retract", "1", "--note", "Retracted by mistake\nActually NOT retracted")
    out = desk.ok("show", "1")
    assert "  Text:        Embassy closed\\n  Credibility: 1 (confirmed" in out
    assert "Retracted by mistake\\nActually NOT retracted" in out
    assert [line for line in out.splitlines() if line.startswith("  Credibility:")] == [
        "  Credibility: 6 (truth cannot be judged)"
    ]
    # The text itself is kept as written.
    assert json.loads(desk.ok("show", "1", "--json"))["text"] == "Embassy closed" + forged


def test_an_outlet_named_without_letters_is_refused_as_the_option_given(desk: Claims) -> None:
    result = desk("add", "x", "--outlet", "...", "--date", "2026")
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--outlet': '...' has no letters or digits"
    )


def test_a_claim_of_nothing_visible_is_refused(desk: Claims) -> None:
    for invisible in ("\u200b", "\u200b\u200d", "\u2060\u00a0"):
        result = desk("add", invisible, "--outlet", "RBC", "--date", "2026")
        assert result.output.splitlines()[-1] == (
            f"Error: Invalid value for 'TEXT': {invisible!r} has nothing visible in it"
        )
    desk.ok("add", "\u200bEmbassy closes", "--outlet", "RBC", "--date", "2026")
    assert count(desk) == 1


def test_tables_line_up_in_any_script_and_keep_bidi_controls_inert(desk: Claims) -> None:
    desk.ok("outlet", "add", "조선일보")
    desk.ok("outlet", "add", "A\u202eB")  # a right-to-left override, recorded as typed
    desk.ok("add", "북한 대사관 폐쇄", "--outlet", "조선일보", "--date", "2026")
    lines = desk.ok("outlet", "list").splitlines()
    assert "\u202e" not in "\n".join(lines) and "A\\u202eB" in "\n".join(lines)
    # Every column starts at the same place on screen: Hangul takes two columns.
    kind_at = {
        display_width(line[: line.index(kind)])
        for line in lines
        for kind in ("KIND", "newspaper", "online", "other")
        if kind in line
    }
    assert len(kind_at) == 1, lines


def test_output_that_cannot_be_written_is_a_one_line_error(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:  # noqa: PTH123 - a device, not a path to build
        result = subprocess.run(
            [sys.executable, "-m", "claims", "--db", str(tmp_path / "c.db"), "outlet", "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert (result.returncode, result.stderr) == (
        1,
        "Error: No space left on device (writing the output)\n",
    )


def test_init_creates_the_database(claims: Claims, tmp_path: object) -> None:
    out = claims.ok("--db", "fresh.db", "init")
    assert out.startswith("Database ready: ") and out.rstrip().endswith("fresh.db")


def test_db_option_env_and_default(claims: Claims, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CLAIMS_DB")
    claims.ok("outlet", "add", "Yonhap")
    assert (tmp_path / "claims.db").exists()
    monkeypatch.setenv("CLAIMS_DB", str(tmp_path / "env.db"))
    claims.ok("outlet", "add", "KCNA")
    claims.ok("--db", "opt.db", "outlet", "add", "NK News")
    names = {
        db: [o["name"] for o in json.loads(claims.ok("--db", db, "outlet", "list", "--json"))]
        for db in ("claims.db", "env.db", "opt.db")
    }
    assert names == {"claims.db": ["Yonhap"], "env.db": ["KCNA"], "opt.db": ["NK News"]}


def test_unusable_database_is_a_one_line_error(claims: Claims) -> None:
    result = claims("--db", "no/such/folder/x.db", "list")
    assert result.exit_code == 1
    assert result.output.startswith("Error: database: folder ")
    result = claims("--db", "postgresql+psycopg://nobody@127.0.0.1:1/x", "list")
    assert result.exit_code == 1
    assert result.output.startswith("Error: database: cannot open postgresql+psycopg://")
    assert len(result.output.splitlines()) == 1


def test_a_file_that_is_not_a_database_is_a_one_line_error(claims: Claims, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("Call the embassy in Madrid back\n")
    result = claims("--db", "notes.txt", "list")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: database: cannot open {tmp_path / 'notes.txt'}: not a claims database "
        "(file is not a database)\n"
    )
    assert (tmp_path / "notes.txt").read_text() == "Call the embassy in Madrid back\n"


def test_every_command_has_help_with_an_example(claims: Claims) -> None:
    import click

    from claims.cli import cli

    # Every command and subcommand; a noun group (outlet, source, alias...) lists its
    # verbs instead, and each verb has its example.
    names: list[list[str]] = [[]]
    for name, command in cli.commands.items():
        names.append([name])
        if isinstance(command, click.Group):
            names += [[name, verb] for verb in command.commands]
    assert ["outlet", "add"] in names and ["source", "list"] in names
    for name in names:
        out = claims.ok(*name, "--help")
        group = len(name) == 1 and isinstance(cli.commands[name[0]], click.Group)
        assert "Example:" in out or group, name


def test_python_dash_m_claims_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "claims", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "Track news claims" in result.stdout


def test_the_collector_waits_for_start_up_in_claims_only(desk: Claims, tmp_path: Path) -> None:
    """`claims` holds the garbage collector off until the database is open, then freezes
    what start-up made (docs/performance.md); a program running the commands itself,
    as these tests do, keeps its collector as it was."""
    import gc

    frozen = gc.get_freeze_count()
    desk.ok("list")
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    probe = (
        "import gc, sys\n"
        "from claims.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 1000)\n"
    )
    argv = ["--db", str(tmp_path / "gc.db"), "list"]
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "True True"
