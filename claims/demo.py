"""The reference story recorded as a worked example.

The story is data (``claims/data/demo.json``, a claims document as ``claims export`` writes
one), recorded by the same import every user runs. Why each claim is graded as it is, and
which paragraph of the article it comes from, is told in ``docs/reference-story.md``.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from claims import store
from claims.errors import ClaimsError
from claims.interop.importer import import_records
from claims.interop.readers import InputFile

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEMO_BY = "claims demo"
_FILE = "demo.json"


class DemoWouldMix(ClaimsError):
    """The database already holds other records; the demo will not mix into them."""


@dataclass(frozen=True)
class DemoResult:
    created: bool  # False: the example was already there, nothing written
    outlets: int
    sources: int
    claims: int
    example_id: int  # a claim worth `claims show`: RBC on Madrid, citing two outlets


def story_bytes() -> bytes:
    return resources.files("claims.data").joinpath(_FILE).read_bytes()


@cache
def story() -> dict[str, Any]:
    """The reference story as a claims document: outlets, sources, aliases, predicates
    and claims."""
    document: dict[str, Any] = json.loads(story_bytes())
    return document


def _example() -> int:
    """Where the example claim stands among the story's claims."""
    return next(
        i
        for i, c in enumerate(story()["claims"])
        if c["outlet"] == "RBC"
        and c.get("subject") == "DPRK embassy in Spain"
        and c.get("value") == "closed"
    )


def record_demo(session: Session) -> DemoResult:
    """Write the reference story into an empty database (or find it already there)."""
    data = story()
    sizes = (len(data["outlets"]), len(data["sources"]), len(data["claims"]))
    total = store.count_claims(session)
    outlets = store.count_outlets(session)
    if total or outlets:
        ours = store.count_claims(session, recorded_by=DEMO_BY)
        if ours == total == sizes[2]:
            first = store.first_claim_id(session) or 1
            return DemoResult(False, *sizes, first + _example())
        raise DemoWouldMix(
            f"the database already holds records of its own ({total} claims, {outlets} outlets); "
            "the demo will not mix its example into them. Use a fresh database: "
            "claims --db demo.db demo"
        )
    story_file = InputFile("the reference story", io.BytesIO(story_bytes()), "json")
    summary = import_records(session, [story_file], by=DEMO_BY)
    if summary.failed:  # the story is ours and checked by the tests: never expected
        raise ClaimsError(f"the reference story did not import: {summary.problems[0]}")
    return DemoResult(True, *sizes, (store.first_claim_id(session) or 1) + _example())
