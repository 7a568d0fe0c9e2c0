"""Reading the record for cross-referencing: facts, streamed one proposition at a time.

The claims are read set-wise, in one query ordered by proposition (subject through its
aliases, then predicate), so ``xref.assess`` sees each proposition once and memory
holds one proposition at a time. Retracted claims are left out.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from claims.models import Claim, ClaimSource, Outlet, Predicate, Source, SubjectAlias
from claims.parsing import Period, Value, normalize_text
from claims.store import period_of
from claims.xref import (
    Cited,
    ClaimVerdict,
    Fact,
    PropositionVerdict,
    assess,
    assess_unattached,
    canonical_subjects,
    origin_tree,
)

_BATCH = 10_000  # rows fetched at a time: steady memory whatever the record's size


@dataclass(frozen=True)
class Settings:
    """What users declared: subject aliases and multi-valued predicates."""

    aliases: Mapping[str, str]  # subject key -> canonical subject key
    multi_valued: frozenset[str]  # predicate keys

    @classmethod
    def load(cls, session: Session) -> Settings:
        pairs = session.execute(select(SubjectAlias.subject_key, SubjectAlias.other_key))
        multi = session.scalars(select(Predicate.name_key).where(Predicate.multi_valued))
        return cls(canonical_subjects((a, b) for a, b in pairs), frozenset(multi))


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
        session, subject=subject, min_origins=min_origins, since=since, until=until
    ):
        yield verdict


def judged(
    session: Session,
    *,
    subject: str | None = None,
    min_origins: int = 2,
    since: Period | None = None,
    until: Period | None = None,
) -> Iterator[tuple[list[Fact], PropositionVerdict]]:
    """Like ``propositions``, with the facts each verdict was reached from."""
    settings = Settings.load(session)
    facts = _facts(session, settings, subject, window=(since, until))
    for key, group in itertools.groupby(facts, key=lambda kf: kf[0]):
        members = [fact for _, fact in group]
        verdict = assess(
            members, multi_valued=key[1] in settings.multi_valued, min_origins=min_origins
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
    for _, fact in _facts(session, None, None, window=(since, until)):
        yield fact, assess_unattached(fact, min_origins)


@dataclass(frozen=True)
class ClaimEvidence:
    """One claim as cross-referencing sees it (all None for a retracted claim)."""

    proposition: PropositionVerdict | None
    verdict: ClaimVerdict | None
    chain: dict[str, object] | None


def evidence_for(session: Session, claim_id: int, *, min_origins: int = 2) -> ClaimEvidence:
    claim = session.get(Claim, claim_id)
    if claim is None or claim.retracted_on is not None:
        return ClaimEvidence(None, None, None)
    if claim.subject_key is None:
        [(_, fact)] = _facts(session, None, None, claim_id)
        return ClaimEvidence(
            None, assess_unattached(fact, min_origins), origin_tree([fact], fact.id)
        )
    settings = Settings.load(session)
    canonical = settings.aliases.get(claim.subject_key, claim.subject_key)
    members = [k for k, c in settings.aliases.items() if c == canonical] or [canonical]
    facts = [
        fact
        for (_, predicate), fact in _facts(session, settings, None, subject_keys=members)
        if predicate == claim.predicate_key
    ]
    verdict = assess(
        facts,
        multi_valued=claim.predicate_key in settings.multi_valued,
        min_origins=min_origins,
    )
    return ClaimEvidence(verdict, verdict.by_claim[claim_id], origin_tree(facts, claim_id))


def _facts(
    session: Session,
    settings: Settings | None,
    subject: str | None,
    claim_id: int | None = None,
    subject_keys: Iterable[str] | None = None,
    window: tuple[Period | None, Period | None] = (None, None),
) -> Iterator[tuple[tuple[str, str], Fact]]:
    """(proposition key, fact) pairs in proposition order; settings None = no proposition."""
    query = _query()
    since, until = window
    if since is not None:
        query = query.where(Claim.published_until >= since.start)
    if until is not None:
        query = query.where(Claim.published_on <= until.end)
    if settings is None:
        query = query.where(Claim.subject_key.is_(None))
    else:
        query = query.where(Claim.subject_key.is_not(None))
    if claim_id is not None:
        query = query.where(Claim.id == claim_id)
    if subject is not None and settings is not None:
        subject_keys = _matching_subjects(session, settings, subject)
    if subject_keys is not None:
        query = query.where(Claim.subject_key.in_(list(subject_keys)))
    # Outlets and sources are few next to claims: look them up (as plain rows: mapping
    # thousands of ORM objects costs more than the query) instead of joining them.
    outlets = {
        row.id: (row.name, row.name_key, row.reliability)
        for row in session.execute(
            select(Outlet.id, Outlet.name, Outlet.name_key, Outlet.reliability)
        )
    }
    sources = {
        row.id: Cited(row.kind, row.name, row.name_key, row.reliability)
        for row in session.execute(
            select(Source.id, Source.kind, Source.name, Source.name_key, Source.reliability)
        )
    }
    build = _FactBuilder(outlets, sources, settings)
    aliased = list(settings.aliases) if settings is not None else []
    if aliased:
        # Ordering every row by an alias CASE would stop SQLite using the proposition
        # index and sort the whole table. Only aliased subjects need it; their
        # propositions never mix with the others', so the two streams follow each other.
        queries = [
            query.where(Claim.subject_key.not_in(aliased)).order_by(*_ORDER),
            query.where(Claim.subject_key.in_(aliased)).order_by(
                case(dict(settings.aliases), value=Claim.subject_key),  # type: ignore[union-attr]
                *_ORDER[1:],
            ),
        ]
    else:
        queries = [query.order_by(*_ORDER)]
    for ordered in queries:
        rows = session.execute(ordered.execution_options(yield_per=_BATCH))
        for _, claim_rows in itertools.groupby(rows, key=lambda r: r[0]):
            yield build(list(claim_rows))


def _query() -> Select[*tuple[Any, ...]]:
    return (
        select(*_COLUMNS, ClaimSource.source_id, ClaimSource.position)
        .outerjoin(ClaimSource, ClaimSource.claim_id == Claim.id)
        .where(Claim.retracted_on.is_(None))
    )


# Not by ClaimSource.position: that would make SQLite sort every row; the index on
# (subject_key, predicate_key) already yields claims in order.
_ORDER = (Claim.subject_key, Claim.predicate_key, Claim.id)


# The columns a Fact is built from, in the order _FactBuilder reads them.
_COLUMNS = (
    Claim.id,
    Claim.outlet_id,
    Claim.text,
    Claim.url,
    Claim.headline,
    Claim.confidence,
    Claim.subject,
    Claim.subject_key,
    Claim.predicate,
    Claim.predicate_key,
    Claim.value,
    Claim.value_kind,
    Claim.value_low,
    Claim.value_high,
    Claim.value_unit,
    Claim.stance,
    Claim.as_of_start,
    Claim.as_of_end,
    Claim.as_of_precision,
    Claim.as_of_part,
    Claim.published_on,
    Claim.published_until,
    Claim.date_precision,
    Claim.date_part,
)


class _FactBuilder:
    """Rows of one claim (one per source) -> its Fact. Dates repeat a lot across a
    record, so each distinct period is turned into text once."""

    def __init__(
        self,
        outlets: dict[int, tuple[str, str, str]],
        sources: dict[int, Cited],
        settings: Settings | None,
    ) -> None:
        self.outlets = outlets
        self.sources = sources
        self.aliases = settings.aliases if settings is not None else None
        self.periods: dict[tuple[Any, ...], tuple[tuple[dt.date, dt.date], str] | None] = {}
        self.values: dict[tuple[Any, ...], Value] = {}

    def period(self, key: tuple[Any, ...]) -> tuple[tuple[dt.date, dt.date], str] | None:
        if key not in self.periods:
            found = period_of(*key)
            self.periods[key] = ((found.start, found.end), found.iso()) if found else None
        return self.periods[key]

    def __call__(self, rows: list[Any]) -> tuple[tuple[str, str], Fact]:
        r = rows[0]
        (
            claim_id,
            outlet_id,
            text,
            url,
            headline,
            confidence,
            subject,
            subject_key,
            predicate,
            predicate_key,
            value_text,
            kind,
            low,
            high,
            unit,
            stance,
        ) = r[:16]
        outlet, outlet_key, reliability = self.outlets[outlet_id]
        value = None
        key = ("", "")
        if subject_key is not None and self.aliases is not None:
            value_key = (value_text, kind, low, high, unit)
            value = self.values.get(value_key)
            if value is None:
                value = self.values[value_key] = Value(value_text, kind, low, high, unit or "")
            key = (self.aliases.get(subject_key, subject_key), predicate_key)
        as_of = self.period(tuple(r[16:20]))
        published = self.period(tuple(r[20:24]))
        return key, Fact(
            id=claim_id,
            outlet=outlet,
            outlet_key=outlet_key,
            confidence=confidence,
            sources=tuple(
                self.sources[row[24]]
                for row in sorted(rows, key=lambda row: row[25] or 0)
                if row[24] is not None
            ),
            subject=subject,
            predicate=predicate,
            value=value,
            as_of=as_of[0] if as_of else None,
            as_of_text=as_of[1] if as_of else None,
            stance=stance,
            outlet_reliability=reliability,
            text=text,
            published=published[1] if published else "",
            published_on=published[0][0] if published else None,
            url=url,
            headline=headline,
        )


def _matching_subjects(session: Session, settings: Settings, text: str) -> set[str]:
    """Subject keys containing ``text``, with every alias of theirs."""
    needle = normalize_text(text)
    found = set(
        session.scalars(
            select(func.distinct(Claim.subject_key)).where(
                Claim.subject_key.contains(needle, autoescape=True)
            )
        )
    )
    found |= {k for k in settings.aliases if needle in k}
    groups = {settings.aliases.get(k, k) for k in found}
    return groups | {k for k, c in settings.aliases.items() if c in groups}
