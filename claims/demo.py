"""The reference story recorded as a worked example (the data is in demo_story.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims import store
from claims.demo_story import ALIASES, CLAIMS, MULTI_VALUED_PREDICATES, OUTLETS, SOURCES
from claims.drafts import make_draft
from claims.errors import ClaimsError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEMO_BY = "claims demo"
_EXAMPLE = next(
    i
    for i, c in enumerate(CLAIMS)
    if c["outlet"] == "RBC" and c["subject"] == "DPRK embassy in Spain" and c["value"] == "closed"
)


class DemoWouldMix(ClaimsError):
    """The database already holds other records; the demo will not mix into them."""


@dataclass(frozen=True)
class DemoResult:
    created: bool  # False: the example was already there, nothing written
    outlets: int
    sources: int
    claims: int
    example_id: int  # a claim worth `claims show`: RBC on Madrid, citing two outlets


def record_demo(session: Session) -> DemoResult:
    """Write the reference story into an empty database (or find it already there)."""
    total = store.count_claims(session)
    outlets = store.count_outlets(session)
    if total or outlets:
        ours = store.count_claims(session, recorded_by=DEMO_BY)
        if ours == total == len(CLAIMS):
            first = store.first_claim_id(session) or 1
            return DemoResult(False, len(OUTLETS), len(SOURCES), len(CLAIMS), first + _EXAMPLE)
        raise DemoWouldMix(
            f"the database already holds records of its own ({total} claims, {outlets} outlets); "
            "the demo will not mix its example into them. Use a fresh database: "
            "claims --db demo.db demo"
        )
    for outlet in OUTLETS:
        store.add_outlet(
            session,
            outlet["name"],
            kind=outlet["kind"],
            country=outlet.get("country"),
            reliability=outlet.get("reliability", "F"),
            by=DEMO_BY,
        )
    for source in SOURCES:
        store.record_source(
            session,
            source["kind"],
            source["name"],
            role=source.get("role"),
            reliability=source.get("reliability"),
            by=DEMO_BY,
        )
    for subject, other in ALIASES:
        store.add_alias(session, subject, other, by=DEMO_BY)
    for predicate in MULTI_VALUED_PREDICATES:
        store.set_predicate(session, predicate, multi_valued=True, by=DEMO_BY)
    ids = [
        store.add_claim(session, make_draft(**claim), by=DEMO_BY).id  # type: ignore[arg-type]
        for claim in CLAIMS
    ]
    return DemoResult(True, len(OUTLETS), len(SOURCES), len(CLAIMS), ids[_EXAMPLE])
