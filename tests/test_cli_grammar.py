"""One command grammar: nouns with verbs, one JSON shape for lists, --by on every change.

The spellings of earlier releases still run, hidden from help (tests/test_cli_xref.py
keeps using them, so both spellings stay covered).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import Claims


def test_aliases_are_added_listed_and_removed_with_who_did_it(claims: Claims) -> None:
    assert claims.ok(
        "alias", "add", "DPRK embassy in Madrid", "Embassy in Spain", "--by", "ann"
    ) == ("DPRK embassy in Madrid and Embassy in Spain are now one subject.\n")
    [listed] = json.loads(claims.ok("alias", "list", "--json"))
    assert (listed["subject"], listed["other"], listed["created_by"]) == (
        "DPRK embassy in Madrid",
        "Embassy in Spain",
        "ann",
    )
    out = claims.ok("alias", "remove", "Embassy in Spain", "DPRK embassy in Madrid", "--by", "bo")
    assert (
        out == "Embassy in Spain and DPRK embassy in Madrid are no longer declared one subject.\n"
    )
    assert json.loads(claims.ok("alias", "list", "--json")) == []
    [removed] = json.loads(claims.ok("alias", "list", "--removed", "--json"))
    assert removed["subject"] == "DPRK embassy in Madrid"
    assert (removed["created_by"], removed["removed_by"]) == ("ann", "bo")
    assert removed["removed_at"].endswith("Z")
    table = claims.ok("alias", "list", "--removed")
    assert table.splitlines()[0].split() == ["SUBJECT", "OTHER", "DECLARED", "BY", "REMOVED", "BY"]
    assert claims.ok("alias", "list") == "No aliases declared.\n"


def test_removing_an_alias_never_declared_says_so(claims: Claims) -> None:
    result = claims("alias", "remove", "a", "b")
    assert result.exit_code == 1
    assert result.output == (
        "Error: 'a' and 'b' were not declared one subject (claims alias list lists what was)\n"
    )
    assert json.loads(claims.ok("alias", "list", "--removed", "--json")) == []


def test_predicates_are_set_and_listed(claims: Claims) -> None:
    assert claims.ok("predicate", "list") == (
        "No predicates declared: every predicate is single-valued.\n"
    )
    assert claims.ok("predicate", "set", "reason", "--multi", "--by", "ann") == (
        "Predicate 'reason' is multi-valued.\n"
    )
    claims.ok("predicate", "set", "count", "--single")
    rows = json.loads(claims.ok("predicate", "list", "--json"))
    assert [(r["name"], r["multi_valued"]) for r in rows] == [("count", False), ("reason", True)]
    assert rows[1]["updated_by"] == "ann"
    assert claims.ok("predicate", "list").splitlines()[2].split()[:2] == ["count", "one"]


def test_the_old_spellings_still_run_hidden_from_help(claims: Claims) -> None:
    claims.ok("alias", "a", "b")
    claims.ok("alias", "--by", "ann", "c", "d")
    assert json.loads(claims.ok("aliases", "--json"))["aliases"][1]["created_by"] == "ann"
    claims.ok("unalias", "a", "b")
    claims.ok("predicate", "reason", "--multi")
    assert json.loads(claims.ok("predicate", "list", "--json"))[0]["name"] == "reason"
    commands = command_names(claims.ok("--help"))
    assert "alias" in commands and not {"aliases", "unalias"} & commands
    assert command_names(claims.ok("alias", "--help")) == {"add", "list", "remove"}
    assert command_names(claims.ok("predicate", "--help")) == {"set", "list"}


def command_names(help_text: str) -> set[str]:
    """The commands a --help lists (the first word of each line under Commands:)."""
    listing = help_text.split("Commands:")[1].splitlines()
    return {line.split()[0] for line in listing if line.startswith("  ") and line[2] != " "}


@pytest.mark.parametrize(
    "command",
    [["list"], ["outlet", "list"], ["source", "list"], ["alias", "list"], ["predicate", "list"]],
)
def test_every_list_prints_an_array_with_json_and_lines_with_nl(
    claims: Claims, command: list[str]
) -> None:
    claims.ok("outlet", "add", "Korea Times")
    claims.ok("outlet", "add", "Yonhap")
    for text in ("Madrid embassy closes", "Kampala embassy closes"):
        claims.ok(
            "add",
            text,
            "--outlet",
            "Korea Times",
            "--date",
            "2026-11-01",
            "--source",
            "person:Ryu Hyun Woo",
        )
    claims.ok("alias", "add", "a", "b")
    claims.ok("alias", "add", "c", "d")
    claims.ok("predicate", "set", "reason", "--multi")
    array = json.loads(claims.ok(*command, "--json"))
    assert isinstance(array, list) and array
    lines = claims.ok(*command, "--nl").splitlines()
    assert [json.loads(line) for line in lines] == array
    result = claims(*command, "--json", "--nl")
    assert result.exit_code == 2
    assert result.output.endswith("Error: --json and --nl: say one\n")


def test_every_change_says_who_made_it_and_what_was_before(claims: Claims) -> None:
    claims.ok("outlet", "add", "Korea Times", "--reliability", "B", "--by", "ann")
    claims.ok("outlet", "set", "Korea Times", "--reliability", "A", "--by", "bo")
    claims.ok(
        "source", "add", "Ryu Hyun Woo", "--kind", "person", "--role", "diplomat", "--by", "ann"
    )
    claims.ok(
        "source",
        "add",
        "Ryu Hyun Woo",
        "--kind",
        "person",
        "--role",
        "former diplomat",
        "--replace",
        "--by",
        "cy",
    )
    claims.ok("alias", "add", "a", "b")
    claims.ok("alias", "remove", "a", "b", "--by", "di")
    changes = json.loads(claims.ok("changes", "--json"))
    assert [(c["kind"], c["changed_by"]) for c in changes] == [
        ("outlet changed", "bo"),
        ("source changed", "cy"),
        ("alias removed", "di"),
    ]
    assert changes[0]["was"]["reliability"] == "B"
    assert changes[1]["was"]["role"] == "diplomat"
    assert changes[2]["was"]["subject"] == "a"
    only = json.loads(claims.ok("changes", "--kind", "outlet changed", "--json"))
    assert [c["changed_by"] for c in only] == ["bo"]
    # Setting what is already there changes nothing, and logs nothing.
    claims.ok("outlet", "set", "Korea Times", "--reliability", "A", "--by", "ed")
    assert len(json.loads(claims.ok("changes", "--json"))) == 3
    assert claims.ok("changes").splitlines()[0].split() == ["WHEN", "BY", "CHANGE", "WAS"]
