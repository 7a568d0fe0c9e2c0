"""Cross-referencing from the command line: the reference story, end to end."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from claims.store.db import Database
from claims.store.models import Claim
from tests.conftest import Claims


def madrid_closes(claims: Claims) -> None:
    """One claim with a proposition: Korea Times reports the Madrid embassy closed."""
    claims.ok("outlet", "add", "Korea Times")
    madrid = ["--subject", "DPRK embassy in Spain", "--predicate", "status", "--value", "closed"]
    claims.ok("add", "Madrid closes", "--outlet", "Korea Times", "--date", "2026-11-01", *madrid)


def propositions(claims: Claims, *args: str) -> dict[tuple[str, str], dict[str, Any]]:
    out = json.loads(claims.ok("xref", *args, "--json"))
    return {(p["subject"], p["predicate"]): p for p in out["propositions"]}


def test_the_reference_story_reads_right_to_an_editor(db_claims: Claims) -> None:
    db_claims.ok("demo")
    props = propositions(db_claims)

    # The Madrid closure: two independent origins, the document (via Korea Times, which
    # calls it the Madrid embassy) and the Communist Party of Spain; RBC adds nothing.
    madrid = props[("DPRK embassy in Madrid", "status")]
    assert madrid["verdict"] == "agree"
    [closed] = madrid["values"]
    assert closed["independent_origins"] == 2
    assert closed["origins"] == [
        "DPRK decision to close the Madrid embassy",
        "Communist Party of Spain",
    ]
    assert set(closed["outlets"]) == {"Korea Times", "Communist Party of Spain", "RBC"}

    # Hong Kong: one anonymous origin, via Yomiuri; RBC's echo does not count.
    hong_kong = props[("DPRK consulate general in Hong Kong", "status")]
    [to_close] = hong_kong["values"]
    assert (to_close["independent_origins"], to_close["origins"]) == (1, ["North Korean sources"])
    assert to_close["origin_details"][0]["anonymous"] is True

    # The count of missions: 53 and "about 50" agree, then it changes to 49.
    count = props[("DPRK diplomatic missions abroad", "count")]
    assert count["verdict"] == "timeline"
    values = {v["value"]: v for v in count["values"]}
    assert values["53"]["independent_origins"] == values["about 50"]["independent_origins"] == 2
    assert values["49"]["as_of"] == "2026-11"
    assert count["conflicts"] == []

    # Competing explanations stand side by side; the economic-crisis reading is disputed.
    # (Issue 15, rule 7: several explanations side by side are not agreement.)
    assert props[("DPRK diplomatic mission closures", "reason")]["verdict"] == "several"
    indicates = props[("DPRK diplomatic mission closures", "indicates")]
    assert indicates["verdict"] == "conflict"
    # (Issue 15, rule 4: a named researcher graded B outweighs one anonymous official.)
    closures = json.loads(db_claims.ok("xref", "--json", "--claims", "--subject", "closures"))
    [weighed] = [p for p in closures["propositions"] if p["predicate"] == "indicates"]
    derived = {a["id"]: a["derived_confidence"] for a in weighed["assessments"]}
    assert (derived[44], derived[14]) == (3, 5)
    for p in props.values():
        assert set(p) >= {"subject", "predicate", "verdict", "claims", "values"}
        for v in p["values"]:
            assert set(v) >= {
                "value",
                "as_of",
                "claims",
                "outlets",
                "independent_origins",
                "origins",
            }

    unconfirmed = {c["id"]: c for c in json.loads(db_claims.ok("unconfirmed", "--json"))["claims"]}
    hk_ids = hong_kong["claims"]
    assert all("anonymous" in unconfirmed[i]["reasons"] for i in hk_ids)
    assert not set(madrid["claims"]) & set(unconfirmed)
    rbc_hk = next(unconfirmed[i] for i in hk_ids if unconfirmed[i]["outlet"] == "RBC")
    assert "circular" in rbc_hk["reasons"] and rbc_hk["text"].startswith("North Korea")


def test_the_demo_prints_its_cross_reference(claims: Claims) -> None:
    out = claims.ok("demo")
    assert "The cross-reference:" in out
    first = out.split("The cross-reference:")[1].split("\n")
    assert any(line.startswith("CONFLICT") for line in first[:8])  # conflicts lead


def test_show_gives_the_origin_chain_and_verdict(claims: Claims) -> None:
    claims.ok("outlet", "add", "Korea Times")
    claims.ok("outlet", "add", "RBC")
    claims.ok(
        "add",
        "Madrid embassy closes",
        "--outlet",
        "Korea Times",
        "--date",
        "2026-11-01",
        "--source",
        "document:Decision",
        "--subject",
        "DPRK embassy in Spain",
        "--predicate",
        "status",
        "--value",
        "closed",
        "--confidence",
        "2",
    )
    claims.ok(
        "add",
        "Madrid embassy shut",
        "--outlet",
        "RBC",
        "--date",
        "2026-11",
        "--source",
        "outlet:Korea Times",
        "--subject",
        "DPRK embassy in Spain",
        "--predicate",
        "status",
        "--value",
        "closed",
        "--confidence",
        "1",
    )
    shown = claims.ok("show", "2")
    assert "Origins:     1 independent (Decision)" in shown
    assert "Credibility: entered 1, derived 3" in shown
    assert "Unconfirmed: circular" in shown
    assert "cites outlet:Korea Times, which reported it in:" in shown
    assert "document:Decision -> origin: document: Decision" in shown
    record = json.loads(claims.ok("show", "2", "--json"))
    assert record["xref"]["reasons"] == ["circular"]
    assert record["xref"]["chain"]["cites"][0]["via"][0]["claim"] == 1
    claims.ok("retract", "1", "--note", "withdrawn")
    assert json.loads(claims.ok("show", "1", "--json"))["xref"] is None
    # With its source retracted, RBC's citation rests on a retracted report: Korea Times
    # is not counted in its place (issue 15, rule 8).
    after = json.loads(claims.ok("show", "2", "--json"))["xref"]
    assert (after["origins"], after["rests_on_retracted"]) == ([], [1])
    assert "rests-on-retracted" in after["reasons"]


def test_show_flags_a_claim_citing_an_outlet_for_what_it_did_not_say(claims: Claims) -> None:
    claims.ok("outlet", "add", "Yonhap")
    claims.ok("outlet", "add", "RBC")
    said = ["--subject", "DPRK embassy in Madrid", "--predicate", "status"]
    claims.ok(
        "add", "Still open", "--outlet", "Yonhap", "--date", "2026-11-01", *said, "--value", "open"
    )
    claims.ok(
        "add", "Closed, Yonhap says", "--outlet", "RBC", "--date", "2026-11-02", *said,
        "--value", "closed", "--source", "outlet:Yonhap",
    )  # fmt: skip
    shown = claims.ok("show", "2")
    assert "  Misattributed: cites Yonhap, whose own claims on this say otherwise\n" in shown
    assert (
        "outlet:Yonhap -> origin: outlet: Yonhap (its own claims here say otherwise: claim 1)"
        in (shown)
    )
    xref = json.loads(claims.ok("show", "2", "--json"))["xref"]
    assert (xref["misattributed"], "misattributed" in xref["reasons"]) == (["Yonhap"], True)
    assert xref["chain"]["cites"][0]["says_otherwise"] == [1]
    assert json.loads(claims.ok("show", "1", "--json"))["xref"]["misattributed"] == []


def test_an_outlet_cited_as_the_origin_keeps_its_grade(claims: Claims) -> None:
    claims.ok("outlet", "add", "Wire", "--reliability", "A")
    claims.ok("outlet", "add", "Tabloid", "--reliability", "E")
    claims.ok("outlet", "add", "Daily")
    said = ["--date", "2026-11-01", "--predicate", "status", "--value", "closed"]
    claims.ok("add", "a", "--outlet", "Daily", "--subject", "R1", *said, "--source", "outlet:Wire")
    claims.ok(
        "add", "b", "--outlet", "Daily", "--subject", "R2", *said, "--source", "outlet:Tabloid"
    )
    claims.ok("add", "c", "--outlet", "Wire", "--subject", "R3", *said)
    # Neither cited outlet said anything on R1 or R2: each is the origin, graded as itself.
    derived = [json.loads(claims.ok("show", n, "--json"))["xref"] for n in ("1", "2", "3")]
    assert [(x["derived_confidence"], x["origins"]) for x in derived] == [
        (2, ["Wire"]),
        (4, ["Tabloid"]),
        (2, ["Wire"]),  # as when Wire reports it itself
    ]


def test_alias_and_predicate_commands(claims: Claims) -> None:
    claims.ok("outlet", "add", "Korea Times")
    claims.ok("outlet", "add", "Yonhap")
    common = ["--date", "2026-11-01", "--predicate", "reason"]
    claims.ok(
        "add",
        "a",
        "--outlet",
        "Korea Times",
        "--subject",
        "DPRK embassy in Madrid",
        *common,
        "--value",
        "financial difficulties",
    )
    claims.ok(
        "add",
        "b",
        "--outlet",
        "Yonhap",
        "--subject",
        "North Korean embassy in Spain",
        *common,
        "--value",
        "sanctions",
    )
    assert len(propositions(claims)) == 2
    out = claims.ok("alias", "DPRK embassy in Madrid", "North Korean embassy in Spain")
    assert "are now one subject" in out
    assert "nothing changed" in claims.ok(
        "alias", "north korean embassy in spain", "DPRK Embassy in Madrid"
    )
    [p] = propositions(claims).values()
    assert p["verdict"] == "conflict"
    assert claims.ok("predicate", "Reason", "--multi") == "Predicate 'Reason' is multi-valued.\n"
    [p] = propositions(claims).values()
    assert (p["verdict"], p["multi_valued"]) == ("several", True)
    claims.ok("predicate", "reason", "--single")
    [p] = propositions(claims).values()
    assert p["verdict"] == "conflict"
    assert list(propositions(claims, "--subject", "spain")) == list(
        propositions(claims, "--subject", "madrid")
    )
    assert propositions(claims, "--subject", "italy") == {}

    bad = claims("alias", "Embassy", "embassy!")
    assert bad.exit_code == 2 and "is the same subject" in bad.output
    assert claims("predicate", "reason").exit_code == 2


def test_subjects_one_already_through_a_chain_are_not_declared_again(claims: Claims) -> None:
    claims.ok("alias", "DPRK embassy in Madrid", "North Korean embassy in Spain")
    claims.ok("alias", "North Korean embassy in Spain", "Embassy of the DPRK, Madrid")
    out = claims.ok("alias", "embassy of the DPRK madrid", "DPRK embassy in Madrid")
    assert out == (
        "embassy of the DPRK madrid and DPRK embassy in Madrid are already one subject "
        "(through 'North Korean embassy in Spain'); nothing changed.\n"
    )
    assert claims.ok("alias", "North Korean embassy in Spain", "DPRK embassy in Madrid") == (
        "Already declared; nothing changed.\n"
    )
    assert len(json.loads(claims.ok("export"))["aliases"]) == 2


def test_the_summary_counts_single_outlet_propositions_as_such(claims: Claims) -> None:
    claims.ok("outlet", "add", "Yomiuri")
    for value in ("53", "about 50", "more than a dozen"):
        claims.ok(
            "add", f"NK has {value} missions", "--outlet", "Yomiuri", "--date", "2026-11-01",
            "--subject", "DPRK", "--predicate", "missions", "--value", value,
        )  # fmt: skip
    assert claims.ok("xref").splitlines()[0] == (
        "1 propositions: 0 in conflict, 0 changing over time, 0 agreed, "
        "1 reported by a single outlet."
    )
    assert "misattributed   it cites an outlet" in claims.ok("unconfirmed", "--help")


def test_aliases_are_listed_and_one_declared_by_mistake_taken_back(claims: Claims) -> None:
    assert claims.ok("aliases") == "No aliases declared.\n"
    assert json.loads(claims.ok("aliases", "--json")) == {"aliases": []}
    claims.ok("alias", "Madrid embassy", "Spain embassy", "--by", "desk")
    claims.ok("alias", "Spain embassy", "Embassy in Spain", "--by", "desk")
    claims.ok("alias", "Madrid embassy", "Italy embassy", "--by", "desk")  # a slip
    listed = json.loads(claims.ok("aliases", "--json"))["aliases"]
    assert [(a["subject"], a["other"], a["created_by"]) for a in listed] == [
        ("Madrid embassy", "Spain embassy", "desk"),
        ("Embassy in Spain", "Spain embassy", "desk"),  # each pair stored lesser key first
        ("Italy embassy", "Madrid embassy", "desk"),
    ]
    assert claims.ok("aliases").splitlines()[0].split() == ["SUBJECT", "OTHER", "DECLARED", "BY"]
    result = claims("unalias", "italy embassy", "Madrid  embassy")
    assert (
        result.stdout == "italy embassy and Madrid  embassy are no longer declared one subject.\n"
    )
    assert len(json.loads(claims.ok("aliases", "--json"))["aliases"]) == 2
    again = claims("unalias", "Italy embassy", "Madrid embassy")
    assert again.exit_code == 1
    assert again.output == (
        "Error: 'Italy embassy' and 'Madrid embassy' were not declared one subject "
        "(claims alias list lists what was)\n"
    )
    # Taken back, but still chained through the others: said so. (A file may declare a
    # pair its other pairs imply; claims alias would not.)
    pair = {"subject": "Madrid embassy", "other": "Embassy in Spain"}
    document = {"format": "claims", "version": 1, "aliases": [pair], "claims": []}
    (Path.cwd() / "aliases.json").write_text(json.dumps(document))
    claims.ok("import", "aliases.json")
    chained = claims("unalias", "Madrid embassy", "Embassy in Spain")
    assert chained.stderr == "Note: they are still one subject through 'Spain embassy'.\n"


def test_a_proposition_is_named_as_its_first_active_claim_names_it(db_claims: Claims) -> None:
    claims = db_claims
    for outlet in ("Korea Times", "Yonhap", "RBC"):
        claims.ok("outlet", "add", outlet)
    for outlet, subject, predicate in (
        ("Korea Times", "DPRK embassy in Madrid", "Status"),
        ("Yonhap", "North Korean embassy in Spain", "status"),
        ("RBC", "Embassy of the DPRK in Spain", "STATUS"),
    ):
        claims.ok(
            "add", f"{subject} closed", "--outlet", outlet, "--date", "2026-11-01",
            "--subject", subject, "--predicate", predicate, "--value", "closed",
        )  # fmt: skip
    claims.ok("alias", "DPRK embassy in Madrid", "North Korean embassy in Spain")
    claims.ok("alias", "Embassy of the DPRK in Spain", "North Korean embassy in Spain")

    def names() -> list[tuple[str, str]]:
        listed = json.loads(claims.ok("xref", "--json"))["propositions"]
        report = json.loads(claims.ok("report", "--format", "json", "-o", "-"))
        shown = sorted((p["subject"], p["predicate"]) for p in report["propositions"])
        assert sorted((p["subject"], p["predicate"]) for p in listed) == shown
        return shown

    assert names() == [("DPRK embassy in Madrid", "Status")]
    claims.ok("retract", "1", "--note", "wrong embassy")
    assert names() == [("North Korean embassy in Spain", "status")]
    claims.ok("outlet", "add", "KCNA")
    claims.ok(
        "add", "Rome", "--outlet", "KCNA", "--date", "2026-11-02",
        "--subject", "DPRK embassy in Rome", "--predicate", "Status", "--value", "open",
    )  # fmt: skip
    assert names() == [
        ("DPRK embassy in Rome", "Status"),
        ("North Korean embassy in Spain", "status"),
    ]


def test_predicate_takes_multi_or_single_not_both(claims: Claims) -> None:
    claims.ok("outlet", "add", "Korea Times")
    for value in ("sanctions", "financial difficulties"):
        claims.ok(
            "add",
            value,
            "--outlet",
            "Korea Times",
            "--date",
            "2026-11-01",
            "--subject",
            "DPRK embassy in Madrid",
            "--predicate",
            "reason",
            "--value",
            value,
        )
    claims.ok("predicate", "reason", "--multi")
    for both in (["--multi", "--single"], ["--single", "--multi"]):
        result = claims("predicate", "reason", *both)
        assert result.exit_code == 2, result.output
        assert result.output.splitlines()[-1] == (
            "Error: --multi and --single contradict each other: say one"
        )
    neither = claims("predicate", "reason")
    assert (neither.exit_code, neither.output.splitlines()[-1]) == (
        2,
        "Error: say --multi or --single",
    )
    [p] = propositions(claims).values()
    # Nothing was changed: still multi-valued (single-valued, the two would conflict).
    assert (p["verdict"], p["multi_valued"]) == ("single", True)


@pytest.mark.parametrize(
    "command",
    [["xref"], ["list"], ["report", "-o", "out.html"], ["export", "-o", "out.json"]],
)
@pytest.mark.parametrize("subject", ["_", " -- ", ""])
def test_a_subject_filter_with_no_letters_or_digits_is_refused(
    claims: Claims, command: list[str], subject: str, tmp_path: Path
) -> None:
    # Normalised, it would be empty, and an empty filter matches every subject.
    madrid_closes(claims)
    result = claims(*command, "--subject", subject)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == (
        f"Error: Invalid value for '--subject': {subject!r} has no letters or digits, "
        "so it would match every subject"
    )
    assert not (tmp_path / "out.html").exists() and not (tmp_path / "out.json").exists()


def test_a_subject_filter_that_matches_nothing_says_so(claims: Claims) -> None:
    madrid_closes(claims)
    # The record has a proposition: the filter, not the record, left none to show.
    assert claims.ok("xref", "--subject", "italy") == (
        "No proposition's subject matches --subject 'italy'.\n"
    )
    assert "DPRK embassy in Spain | status" in claims.ok("xref", "--subject", "spain")


def test_unconfirmed_on_a_record_with_no_claims_says_there_are_none(
    claims: Claims, tmp_path: Path
) -> None:
    assert claims.ok("unconfirmed") == "No claims on record.\n"
    claims.ok("report")
    assert "<p>No claims in scope.</p>" in (tmp_path / "report.html").read_text()
    assert "Every claim" not in (tmp_path / "report.html").read_text()

    claims.ok("outlet", "add", "Korea Times")
    claims.ok("outlet", "add", "Yonhap")
    for outlet, source in (("Korea Times", "document:decision"), ("Yonhap", "official:ministry")):
        claims.ok(
            "add",
            "Madrid closes",
            "--outlet",
            outlet,
            "--date",
            "2026-11-01",
            "--source",
            source,
            "--confidence",
            "1",
            "--subject",
            "DPRK embassy in Spain",
            "--predicate",
            "status",
            "--value",
            "closed",
        )
    assert claims.ok("unconfirmed") == (
        "Every claim has at least 2 independent origins and none is contradicted.\n"
    )
    claims.ok("retract", "1", "--note", "withdrawn")
    claims.ok("retract", "2", "--note", "withdrawn")
    assert claims.ok("unconfirmed") == "No claims to judge: every claim on record is retracted.\n"


def test_min_origins_and_empty_records(claims: Claims) -> None:
    assert "No propositions" in claims.ok("xref")
    assert json.loads(claims.ok("unconfirmed", "--json")) == {"claims": []}
    assert claims("xref", "--min-origins", "0").exit_code == 2
    claims.ok("demo")
    strict = json.loads(claims.ok("unconfirmed", "--min-origins", "3", "--json"))["claims"]
    madrid = [c for c in strict if c["subject"] == "DPRK embassy in Madrid"]
    assert madrid and all("few-origins" in c["reasons"] for c in madrid)
    table = claims.ok("unconfirmed")
    assert table.splitlines()[0].split() == ["ID", "OUTLET", "CLAIM", "ORIGINS", "CRED", "REASONS"]


def test_a_subject_filter_may_match_more_subjects_than_a_statement_binds(
    db_claims: Claims, db_url: str, open_db: Callable[[str], Database]
) -> None:
    # PostgreSQL binds at most 65,535 values in one statement; on a large record a short
    # --subject matches more subjects than that.
    db_claims.ok("demo")
    madrid = propositions(db_claims)[("DPRK embassy in Madrid", "status")]
    many = 66_000
    with open_db(db_url).session(write=True) as session:
        named = ("id", "subject", "subject_key")
        copied = [c.name for c in Claim.__table__.c if c.name not in named]
        columns = ", ".join(copied)
        session.execute(
            text(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :many) "
                f"INSERT INTO claims (id, subject, subject_key, {columns}) "
                "SELECT 1000000 + n.i, 'embassy number ' || n.i, 'embassy number ' || n.i, "
                f"{', '.join('c.' + name for name in copied)} FROM claims c, n WHERE c.id = :id"
            ),
            {"many": many, "id": madrid["claims"][0]},
        )
    found = propositions(db_claims, "--subject", "embassy")
    assert sum(subject.startswith("embassy number ") for subject, _ in found) == many
    assert found[("DPRK embassy in Madrid", "status")] == madrid


def test_tens_of_thousands_of_aliases_change_no_verdict(
    db_claims: Claims, db_url: str, open_db: Callable[[str], Database]
) -> None:
    # An import can declare more aliases than PostgreSQL binds in one statement (65,535
    # values; reading aliased claims in order once bound each aliased subject three times).
    db_claims.ok("demo")
    before = propositions(db_claims)
    unconfirmed = db_claims.ok("unconfirmed", "--json")
    many = 25_000
    with open_db(db_url).session(write=True) as session:
        session.execute(
            text(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :many) "
                "INSERT INTO subject_aliases "
                "(subject, subject_key, other, other_key, created_at, created_by) "
                "SELECT 'mission ' || n.i, 'mission ' || n.i, 'legation ' || n.i, "
                "'legation ' || n.i, :now, 'test' FROM n"
            ),
            {"many": many, "now": dt.datetime(2026, 11, 28)},
        )
    assert propositions(db_claims) == before
    assert db_claims.ok("unconfirmed", "--json") == unconfirmed
    # A claim under one of them joins the claims under the other.
    madrid = before[("DPRK embassy in Madrid", "status")]
    db_claims.ok("alias", "DPRK embassy in Madrid", "mission 7")
    db_claims.ok(
        "add", "The mission in Madrid is shut", "--outlet", "RBC", "--date", "2026-11-02",
        "--subject", "legation 7", "--predicate", "status", "--value", "closed",
    )  # fmt: skip
    joined = propositions(db_claims)[("DPRK embassy in Madrid", "status")]
    assert len(joined["claims"]) == len(madrid["claims"]) + 1
    assert joined["verdict"] == madrid["verdict"] == "agree"
    # (The filter matches a subject with all its aliases: the group's other propositions too.)
    found = propositions(db_claims, "--subject", "legation 7")
    assert found[("DPRK embassy in Madrid", "status")] == joined


def test_claims_numbered_far_apart_are_judged_the_same(
    db_claims: Claims, db_url: str, open_db: Callable[[str], Database]
) -> None:
    # A record assembled elsewhere need not number its claims densely; every claim
    # keeps its sources (read apart from the claims) under whatever id it has.
    db_claims.ok("demo")
    before = propositions(db_claims)
    far = 10_000_000
    with open_db(db_url).session(write=True) as session:
        ids = session.scalars(select(Claim.id)).all()
        columns = ", ".join(c.name for c in Claim.__table__.c if c.name != "id")
        for old in ids:
            moved = {"old": old, "new": old * far}
            session.execute(
                text(
                    f"INSERT INTO claims (id, {columns}) "
                    f"SELECT :new, {columns} FROM claims WHERE id = :old"
                ),
                moved,
            )
            for table in ("claim_sources", "claim_versions"):
                session.execute(
                    text(f"UPDATE {table} SET claim_id = :new WHERE claim_id = :old"), moved
                )
            session.execute(text("DELETE FROM claims WHERE id = :old"), moved)
    after = propositions(db_claims)

    def renumbered(p: dict[str, Any]) -> dict[str, Any]:
        p = dict(p, claims=[i * far for i in p["claims"]])
        p["values"] = [dict(v, claims=[i * far for i in v["claims"]]) for v in p["values"]]
        return p

    assert after == {key: renumbered(p) for key, p in before.items()}
    madrid = after[("DPRK embassy in Madrid", "status")]["values"][0]
    assert madrid["independent_origins"] == 2
