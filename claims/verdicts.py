"""Verdicts on the record: the facts the store reads, judged by the rules of ``claims.xref``.

The one place where the database meets the rules: ``claims.store.evidence`` streams facts
one proposition at a time and ``claims.xref`` judges each, so neither knows the other.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.facts import Fact
from claims.parsing import Period
from claims.store import evidence
from claims.xref import ClaimVerdict, PropositionVerdict, assess, assess_unattached, origin_tree

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def propositions(
    session: Session,
    *,
    subject: str | None = None,
    min_origins: int = 2,
    since: Period | None = None,
    until: Period | None = None,
) -> Iterator[PropositionVerdict]:
    """Every proposition on record (or those whose subject contains ``subject``), judged.
    ``since``/``until`` keep only claims published in that window (by overlap)."""
    for _, verdict in judged(
        session,
        subject=subject,
        min_origins=min_origins,
        since=since,
        until=until,
        detail=False,
    ):
        yield verdict


def judged(
    session: Session,
    *,
    subject: str | None = None,
    min_origins: int = 2,
    since: Period | None = None,
    until: Period | None = None,
    detail: evidence.Detail = True,
) -> Iterator[tuple[list[Fact], PropositionVerdict]]:
    """Like ``propositions``, with the facts each verdict was reached from (``detail``:
    with their text, URL, headline and publication date; ``"text"``: their text only)."""
    settings = evidence.Settings.load(session)
    withdrawn = evidence.retracted(session, settings)
    stream = evidence.facts(session, settings, subject, window=(since, until), detail=detail)
    for key, group in itertools.groupby(stream, key=operator.itemgetter(0)):
        members = [fact for _, fact in group]
        verdict = assess(
            members,
            multi_valued=key[1] in settings.multi_valued,
            min_origins=min_origins,
            retracted=withdrawn.get(key, ()),
        )
        yield members, verdict


def unattached(
    session: Session,
    *,
    min_origins: int = 2,
    since: Period | None = None,
    until: Period | None = None,
) -> Iterator[tuple[Fact, ClaimVerdict]]:
    """Claims recorded without a proposition: nothing can corroborate them."""
    for _, fact in evidence.facts(session, None, None, window=(since, until)):
        yield fact, assess_unattached(fact, min_origins)


@dataclass(frozen=True)
class ClaimEvidence:
    """One claim as cross-referencing sees it (all None for a retracted claim)."""

    proposition: PropositionVerdict | None
    verdict: ClaimVerdict | None
    chain: dict[str, object] | None


def evidence_for(session: Session, claim_id: int, *, min_origins: int = 2) -> ClaimEvidence:
    around = evidence.around_claim(session, claim_id)
    if around is None:
        return ClaimEvidence(None, None, None)
    if not around.attached:
        [fact] = around.facts
        return ClaimEvidence(
            None, assess_unattached(fact, min_origins), origin_tree([fact], fact.id)
        )
    verdict = assess(
        around.facts,
        multi_valued=around.multi_valued,
        min_origins=min_origins,
        retracted=around.retracted,
    )
    return ClaimEvidence(
        verdict,
        verdict.by_claim[claim_id],
        origin_tree(around.facts, claim_id, around.retracted),
    )
