"""ClaimReview: the cross-reference as schema.org JSON-LD, for fact-check aggregators.

Google Fact Check Tools, Meedan Check and the other aggregators read ClaimReview
(https://schema.org/ClaimReview). One ClaimReview stands for each value a proposition was
reported with: what is claimed (``claimReviewed``), the claim itself (``itemReviewed``:
its origins as ``author``, the reports carrying it as ``appearance``, the earliest as
``firstAppearance``), and the rating the evidence supports (``reviewRating``: the derived
credibility, see README "Cross-referencing", rule 8).

Aggregators read a rating as "higher is truer", from ``worstRating`` to ``bestRating``.
The Admiralty credibility scale runs the other way and has a level that is no verdict at
all (6, truth cannot be judged), so it is mapped by how true each level says the claim
is, with "cannot be judged" in the middle, between doubtful and possibly true:

    credibility  1  2  3  6  4  5
    ratingValue  6  5  4  3  2  1
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from claims import store, verdicts
from claims.facts import Fact
from claims.parsing import CONFIDENCE
from claims.store.scope import Scope
from claims.xref import Origin, PropositionVerdict, ValueVerdict

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

RATING = {1: 6, 2: 5, 3: 4, 6: 3, 4: 2, 5: 1}  # credibility level -> ratingValue
BEST, WORST = 6, 1
# schema.org has Person and Organization for an author; a document is a CreativeWork.
# schema.org takes a Person or an Organization as a Claim's author: a document stands
# for whoever issued it, an Organization, described as a document.
_AUTHOR_TYPES = {"person": "Person", "anonymous": "Person"}


CONTEXT = "https://schema.org"


def claim_reviews(
    session: Session,
    scope: Scope,
    *,
    author: str,
    min_origins: int = 2,
    today: dt.date | None = None,
) -> Iterator[dict[str, Any]]:
    """One ClaimReview per value of every proposition in scope, one proposition at a
    time: the ``@graph`` of a JSON-LD document whose ``@context`` is CONTEXT."""
    outlet_key = store.find_outlet(session, scope.outlet).name_key if scope.outlet else None
    judged = verdicts.judged(
        session,
        subject=scope.subject,
        min_origins=min_origins,
        since=scope.since,
        until=scope.until,
    )
    for facts, verdict in judged:
        if outlet_key is not None and all(f.outlet_key != outlet_key for f in facts):
            continue
        by_id = {f.id: f for f in facts}
        for value in verdict.values:
            yield _review(verdict, value, by_id, author, today or dt.date.today())


def _review(
    verdict: PropositionVerdict,
    value: ValueVerdict,
    facts: dict[int, Fact],
    author: str,
    today: dt.date,
) -> dict[str, Any]:
    carried = sorted((facts[i] for i in value.claims), key=_published)
    assessment = verdict.by_claim[value.claims[0]]  # one value, one assessment
    level = assessment.derived_confidence
    return {
        "@type": "ClaimReview",
        "claimReviewed": _statement(verdict, value),
        "itemReviewed": {
            "@type": "Claim",
            "author": [_author(origin) for origin in value.origins],
            "appearance": [_appearance(f) for f in carried],
            "firstAppearance": _appearance(carried[0]),
            "datePublished": _iso_date(carried[0].published),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING[level],
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": CONFIDENCE[level],
            "ratingExplanation": assessment.derived_reason,
        },
        "reviewBody": (
            f"The reports {_VERDICTS[verdict.verdict]}; {value.independent_origins} "
            f"independent origin{'s' if value.independent_origins != 1 else ''} behind this "
            f"value, carried by {', '.join(value.outlets)}."
        ),
        "author": {"@type": "Organization", "name": author},
        "datePublished": today.isoformat(),
    }


_VERDICTS = {
    "agree": "agree",
    "conflict": "conflict",
    "timeline": "describe a change over time",
    "single": "rest on a single outlet",
    "several": "hold several values side by side",
}


def _statement(verdict: PropositionVerdict, value: ValueVerdict) -> str:
    verb = "is not" if value.stance == "denies" else "is"
    as_of = f" (as of {value.as_of})" if value.as_of else ""
    return f"{verdict.subject}: {verdict.predicate} {verb} {value.value}{as_of}"


def _published(fact: Fact) -> tuple[dt.date, dt.date, int]:
    # First is the report known to be out first: by its period's last day, so that a
    # report dated "2026" does not come before one dated 1 November 2026.
    last = fact.published_until or dt.date.max
    return (last, fact.published_on or dt.date.max, fact.id)


def _iso_date(published: str) -> str:
    """A publication period as ISO 8601: '2026-11-01', '2026-11' or '2026' (the early,
    mid or late of a month has no ISO form, so it is given as the month)."""
    return published.split()[-1] if published else ""


def _author(origin: Origin) -> dict[str, Any]:
    kind = _AUTHOR_TYPES.get(origin.kind, "Organization")
    author: dict[str, Any] = {"@type": kind, "name": origin.name}
    if origin.anonymous:
        author["description"] = "anonymous source"
    elif origin.kind != "person":
        author["description"] = origin.kind
    return author


def _appearance(fact: Fact) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "text": fact.text,
        "datePublished": _iso_date(fact.published),
        "publisher": {"@type": "Organization", "name": fact.outlet},
    }
    if fact.headline:
        work["headline"] = fact.headline
    if fact.url:
        work["url"] = fact.url
    return work
