"""Verdicts an editor trusts on contested stories (issue 15), through the command line,
on both backends: each rule of docs/rules.md that the issue added or changed."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import Claims


def record(
    claims: Claims,
    outlet: str,
    value: str,
    *sources: str,
    subject: str = "Ferry disaster",
    predicate: str = "deaths",
    date: str = "2026-11-01",
    extra: tuple[str, ...] = (),
) -> int:
    """Record one claim (adding its outlet if new) and return its id."""
    if outlet not in claims.ok("outlet", "list"):
        claims.ok("outlet", "add", outlet)
    args = ["add", f"{outlet}: {value}", "--outlet", outlet, "--date", date]
    for source in sources:
        args += ["--source", source]
    args += ["--subject", subject, "--predicate", predicate, "--value", value, *extra]
    out = json.loads(claims.ok(*args, "--json"))
    return int(out["id"])


def unconfirmed(claims: Claims, *args: str) -> dict[int, dict[str, Any]]:
    out = json.loads(claims.ok("unconfirmed", *args, "--json"))
    return {c["id"]: c for c in out["claims"]}


def xref(claims: Claims, *args: str) -> dict[tuple[str, str], dict[str, Any]]:
    out = json.loads(claims.ok("xref", *args, "--json"))
    return {(p["subject"], p["predicate"]): p for p in out["propositions"]}


def test_a_contradicted_claim_is_listed_however_many_origins_it_has(db_claims: Claims) -> None:
    a = record(db_claims, "Harbour Times", "53", "document:Coast guard log")
    b = record(db_claims, "Island Post", "53", "official:Port authority")
    c = record(db_claims, "Night Desk", "12")
    listed = unconfirmed(db_claims)
    assert listed[a]["independent_origins"] == 2
    assert listed[a]["reasons"] == ["contradicted"] and listed[b]["reasons"] == ["contradicted"]
    assert "contradicted" in listed[c]["reasons"]
    assert "contradicted" in db_claims.ok("unconfirmed").splitlines()[2]


def test_a_claim_recorded_without_a_grade_is_not_called_graded_low(db_claims: Claims) -> None:
    ungraded = record(db_claims, "Harbour Times", "53")
    graded = record(db_claims, "Island Post", "open", predicate="port", extra=("--confidence", "5"))
    listed = unconfirmed(db_claims)
    assert listed[ungraded]["reasons"] == ["single-origin"]
    assert listed[graded]["reasons"] == ["single-origin", "low-confidence"]
    assert "Credibility: entered not graded (6), derived 3" in db_claims.ok("show", str(ungraded))
    assert "or 6 (cannot be judged)" not in db_claims.ok("unconfirmed", "--help")


def test_abbreviations_and_number_words_read_as_a_reader_reads_them(db_claims: Claims) -> None:
    record(db_claims, "Wire", "U.S. Army", subject="U.N. convoy strike", predicate="blamed on")
    echo = record(
        db_claims,
        "Daily",
        "US Army",
        "outlet:Wire",
        subject="UN convoy strike",
        predicate="blamed on",
    )
    record(db_claims, "Wire", "53")
    record(db_claims, "Harbour Times", "fifty-three")
    record(db_claims, "Wire", "$1.5m", predicate="aid")
    record(db_claims, "Harbour Times", "1.5 million dollars", predicate="aid")
    props = xref(db_claims)
    strike = props[("U.N. convoy strike", "blamed on")]
    assert (strike["verdict"], len(strike["values"])) == ("agree", 1)
    shown = json.loads(db_claims.ok("show", str(echo), "--json"))["xref"]
    assert shown["misattributed"] == [] and "misattributed" not in shown["reasons"]
    assert props[("Ferry disaster", "deaths")]["verdict"] == "agree"
    assert props[("Ferry disaster", "aid")]["verdict"] == "agree"


def test_competing_explanations_are_several_not_agreed(db_claims: Claims, tmp_path: Any) -> None:
    db_claims.ok("predicate", "set", "cause", "--multi")
    record(db_claims, "Wire", "engine fire", predicate="cause")
    record(db_claims, "Harbour Times", "overloading", predicate="cause")
    [cause] = [p for p in xref(db_claims).values() if p["predicate"] == "cause"]
    assert cause["verdict"] == "several"
    table = db_claims.ok("xref")
    assert "1 holding several values" in table
    assert any(line.startswith("SEVERAL") for line in table.splitlines())
    db_claims.ok("report", "-o", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text()
    assert "<dt>Several values</dt><dd>1</dd>" in html


def test_an_older_database_reads_abbreviated_subjects_as_one_after_upgrade(db_url: str) -> None:
    from sqlalchemy import text

    from claims.store.db import Database, resolve_url

    old = Database(resolve_url(db_url))
    old.upgrade("0005")
    with old.session(write=True) as session:
        session.execute(
            text(
                "INSERT INTO outlets (name, name_key, kind, reliability, created_at, created_by)"
                " VALUES ('Wire', 'wire', 'newspaper', 'C', '2026-11-01 09:00:00', 'alice')"
            )
        )
        session.execute(
            text(
                "INSERT INTO claims (text, outlet_id, published_on, published_until, "
                "date_precision, date_part, confidence, subject, subject_key, predicate, "
                "predicate_key, value, value_kind, stance, recorded_at, recorded_by, version) "
                "VALUES ('U.S. base shelled', 1, '2026-11-01', '2026-11-01', 'day', '', 6, "
                "'U.S. base', 'u s base', 'shelled by', 'shelled by', 'artillery', 'text', "
                "'asserts', '2026-11-01 09:00:00', 'alice', 1)"
            )
        )
    old.dispose()
    claims = Claims(db_url)
    record(claims, "Daily", "artillery", "outlet:Wire", subject="US base", predicate="shelled by")
    [base] = xref(claims).values()
    assert (base["subject"], base["verdict"], base["claims"]) == ("U.S. base", "agree", [1, 2])


def test_values_that_only_overlap_are_compatible_not_confirming(
    db_claims: Claims, tmp_path: Any
) -> None:
    ministry = record(db_claims, "Ministry of Health", "dozens")
    estimate = record(db_claims, "Rights Watch", "20-60", "document:Field survey")
    confirming = record(db_claims, "Harbour Times", "about 50", "official:Port authority")
    [deaths] = xref(db_claims).values()
    values = {v["value"]: v for v in deaths["values"]}
    assert deaths["verdict"] == "agree" and deaths["conflicts"] == []
    # "about 50" (45-55) lies within both: it confirms each; they do not confirm each other.
    assert values["dozens"]["independent_origins"] == 2
    assert values["20-60"]["independent_origins"] == 2
    assert [deaths["values"][i]["value"] for i in values["dozens"]["compatible"]] == ["20-60"]
    shown = json.loads(db_claims.ok("show", str(ministry), "--json"))["xref"]
    assert shown["compatible_with"] == [estimate] and confirming not in shown["compatible_with"]
    assert f"Compatible:  claims {estimate} (overlapping values" in db_claims.ok(
        "show", str(ministry)
    )
    assert '  Ferry disaster | deaths: "dozens" and "20-60"' in db_claims.ok("xref")
    db_claims.ok("report", "--format", "md", "-o", str(tmp_path / "r.md"))
    assert "compatible with **20-60**, not confirming" in (tmp_path / "r.md").read_text()
    db_claims.ok("report", "-o", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text()
    assert "compatible with 20-60, not confirming" in html


def test_one_body_recorded_under_several_kinds_is_one_origin(db_claims: Claims) -> None:
    own = record(db_claims, "Ministry of Transport", "53")
    db_claims.ok("outlet", "add", "Daily")
    result = db_claims(
        "add", "Daily: 53", "--outlet", "Daily", "--date", "2026-11-01",
        "--source", "official:Ministry of Transport",
        "--subject", "Ferry disaster", "--predicate", "deaths", "--value", "53",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "Note: official:Ministry of Transport is also on record as outlet; cross-referencing "
        "counts them as one body, one origin"
    ) in result.output
    [deaths] = xref(db_claims).values()
    [value] = deaths["values"]
    assert (value["independent_origins"], value["origins"]) == (1, ["Ministry of Transport"])
    assert "Ministry of Transport; Ministry of Transport" not in db_claims.ok("xref")
    assert "circular" in unconfirmed(db_claims)[own]["reasons"]
    sources = json.loads(db_claims.ok("source", "list", "--json"))
    official = next(s for s in sources if s["name"] == "Ministry of Transport")
    assert official["also_as"] == ["outlet"]
    assert "outlet" in db_claims.ok("source", "list").splitlines()[-1].split()[-1]


def test_a_graded_document_outweighs_one_anonymous_source(db_claims: Claims) -> None:
    log = record(db_claims, "Daily", "12", "document:Army log")
    db_claims.ok("source", "add", "Army log", "--kind", "document", "--reliability", "A")
    rumour = record(db_claims, "Post", "40", "anonymous:A soldier")
    shown = json.loads(db_claims.ok("show", str(log), "--json"))["xref"]
    assert (shown["derived_confidence"], shown["derived_reason"]) == (
        3,
        "a document graded A against one anonymous source: the evidence favours this value",
    )
    listed = unconfirmed(db_claims)
    assert listed[rumour]["derived_confidence"] == 5
    assert "the evidence favours the conflicting value" in db_claims.ok("show", str(rumour))


def test_a_claim_resting_on_a_retracted_report_is_flagged(db_claims: Claims, tmp_path: Any) -> None:
    wire = record(db_claims, "Wire", "53", "anonymous:A soldier")
    daily = record(db_claims, "Daily", "53", "outlet:Wire")
    post = record(db_claims, "Post", "53", "outlet:Daily")
    herald = record(db_claims, "Herald", "53", "document:Coroner's list")
    assert unconfirmed(db_claims).get(daily) is None  # two origins: the soldier, the list
    db_claims.ok("retract", str(wire), "--note", "the soldier's account was withdrawn")
    listed = unconfirmed(db_claims)
    assert "rests-on-retracted" in listed[daily]["reasons"]
    assert "rests-on-retracted" in listed[post]["reasons"]
    assert "rests-on-retracted" not in listed[herald]["reasons"]
    # Wire is not counted in the soldier's place: only the coroner's list stands.
    assert listed[daily]["origins"] == ["Coroner's list"]
    shown = db_claims.ok("show", str(daily))
    assert f"Rests on retracted: claim {wire}, so no origin is counted there" in shown
    assert f"its report here was retracted (claim {wire})" in shown
    assert "rests-on-retracted" in db_claims.ok("unconfirmed", "--help")
    db_claims.ok("report", "--format", "md", "-o", str(tmp_path / "r.md"))
    assert "`rests-on-retracted`" in (tmp_path / "r.md").read_text()


def test_two_spokesmen_of_one_ministry_are_one_origin(db_claims: Claims, tmp_path: Any) -> None:
    roe = record(db_claims, "Daily", "12", "person:Jane Roe")
    record(db_claims, "Post", "12", "person:John Doe")
    assert xref(db_claims)[("Ferry disaster", "deaths")]["values"][0]["independent_origins"] == 2
    for spokesman in ("person:Jane Roe", "person:John Doe"):
        db_claims.ok("source", "link", spokesman, "--for", "official:Ministry of Defence")
    # A minister for a government: links are followed to the last.
    db_claims.ok("source", "link", "official:Ministry of Defence", "--for", "official:Government")
    [value] = xref(db_claims)[("Ferry disaster", "deaths")]["values"]
    assert (value["independent_origins"], value["origins"]) == (1, ["Government"])
    assert value["origin_details"][0]["via"] in ("person: Jane Roe", "person: John Doe")
    shown = db_claims.ok("show", str(roe))
    assert "person:Jane Roe -> origin: official: Government (through person: Jane Roe)" in shown
    assert "official: Government (through person:" in db_claims.ok("xref")
    db_claims.ok("report", "-o", str(tmp_path / "r.html"))
    assert "official: Government (through person: J" in (tmp_path / "r.html").read_text()
    # Taken back, and kept in the history.
    db_claims.ok("source", "unlink", "person:John Doe", "--by", "ed")
    removed = json.loads(db_claims.ok("source", "links", "--removed", "--json"))
    assert [(r["source"], r["removed_by"]) for r in removed] == [("person:John Doe", "ed")]
    assert xref(db_claims)[("Ferry disaster", "deaths")]["values"][0]["independent_origins"] == 2
    bad = db_claims("source", "link", "person:Jane Roe", "--for", "person:Jane Roe")
    assert bad.exit_code == 2 and "is person:Jane Roe itself" in bad.output
    assert db_claims("source", "unlink", "person:Nobody").exit_code == 1


def test_a_party_to_the_matter_does_not_confirm_its_own_side(db_claims: Claims) -> None:
    said = {"subject": "Convoy strike", "predicate": "carried out by"}
    accuser = record(db_claims, "Daily", "army of B", "official:Government of A", **said)
    record(db_claims, "Post", "army of B", "document:Satellite images", **said)
    assert accuser not in unconfirmed(db_claims)
    out = db_claims.ok("party", "add", "Convoy strike", "official:Government of A")
    assert out == "official:Government of A is now a party to Convoy strike.\n"
    listed = unconfirmed(db_claims)
    assert "interested-party" in listed[accuser]["reasons"]
    assert listed[accuser]["independent_origins"] == 2
    assert "interested-party" in db_claims.ok("unconfirmed", "--help")
    assert [p["party"] for p in json.loads(db_claims.ok("party", "list", "--json"))] == [
        "official:Government of A"
    ]
    db_claims.ok("party", "remove", "Convoy strike", "official:Government of A", "--by", "ed")
    assert accuser not in unconfirmed(db_claims)
    assert json.loads(db_claims.ok("party", "list", "--removed", "--json"))[0]["removed_by"] == "ed"
    bad = db_claims("party", "add", "Convoy strike", "Government of A")
    assert bad.exit_code == 2 and "is not KIND:NAME" in bad.output


def test_a_document_and_a_press_office_are_their_principals_accounts(db_claims: Claims) -> None:
    said = {"subject": "Convoy strike", "predicate": "carried out by"}
    record(db_claims, "Daily", "militia", "document:Radio intercept", **said)
    record(db_claims, "Army of B Press Office", "militia", **said)  # its own statement
    [value] = xref(db_claims)[("Convoy strike", "carried out by")]["values"]
    assert value["independent_origins"] == 2
    db_claims.ok("source", "link", "document:Radio intercept", "--for", "organization:Army of B")
    db_claims.ok(
        "source", "link", "outlet:Army of B Press Office", "--for", "organization:Army of B"
    )
    [value] = xref(db_claims)[("Convoy strike", "carried out by")]["values"]
    assert (value["independent_origins"], value["origins"]) == (1, ["Army of B"])
    # The army, a party to the strike, as an outlet or a source alike.
    db_claims.ok("party", "add", "Convoy strike", "outlet:Army of B")
    listed = unconfirmed(db_claims, "--min-origins", "1")
    assert all("interested-party" in c["reasons"] for c in listed.values()) and len(listed) == 2
