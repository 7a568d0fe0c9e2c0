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
