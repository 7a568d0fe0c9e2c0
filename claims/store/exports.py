"""Reading claims as rows for the export writers and ``claims list``.

Rows, not Claim objects: loading them as objects (with their outlets, sources and
versions) cost more than the rest of an export (docs/performance.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, or_, select
from sqlalchemy.orm import Session, selectinload

from claims.store import records as store
from claims.store.models import (
    Article,
    Claim,
    ClaimSource,
    ClaimVersion,
    Outlet,
    Predicate,
    Source,
    SubjectAlias,
)
from claims.store.scope import Scope, scoped

_YIELD_PER = 1_000  # claims loaded at a time
_IN_PIECE = 10_000  # claim ids looked up at a time


@dataclass(frozen=True, slots=True)
class ExportedClaim:
    """A claim as the exports (and ``claims list``) read it: its row of the claims table,
    its outlet's row, its sources' rows (in the order given) and its earlier versions'
    rows."""

    claim: Row[Any]
    outlet: Row[Any]
    sources: list[Row[Any]]
    versions: list[Row[Any]]

    def as_dict(self) -> dict[str, Any]:
        """As ``claims show --json`` prints it."""
        return store.claim_dict(self.claim, self.outlet.name, self.sources)

    def record(self) -> dict[str, Any]:
        """As ``claims show --json`` prints it, with its history."""
        record = self.as_dict()
        record["history"] = store.history_dicts(self.versions)
        return record

    def outlet_columns(self) -> dict[str, Any]:
        return {
            "outlet_kind": self.outlet.kind,
            "outlet_country": self.outlet.country,
            "outlet_reliability": self.outlet.reliability,
        }


def exported(
    session: Session, scope: Scope, ids: Iterable[int] | None = None
) -> Iterator[ExportedClaim]:
    """The claims in scope (or those of ``ids``), in id order, as rows, a thousand at a
    time, as rows (see the module's docstring). Outlets and sources are
    read once; each thousand claims' attributions and versions by one query each."""
    outlets = outlet_rows(session)
    sources = {row.id: row for row in session.execute(select(Source.__table__))}
    if ids is None:
        queries = [scoped(select(Claim.__table__), session, scope)]
    else:  # in pieces: PostgreSQL takes at most 65,535 values in a statement
        wanted = sorted(set(ids))
        queries = [
            select(Claim.__table__).where(Claim.id.in_(wanted[at : at + _IN_PIECE]))
            for at in range(0, len(wanted), _IN_PIECE)
        ]
    for query in queries:
        rows = session.execute(query.order_by(Claim.id).execution_options(yield_per=_YIELD_PER))
        for batch in rows.partitions():
            in_batch = [row.id for row in batch]
            cited: dict[int, list[Row[Any]]] = defaultdict(list)
            links = select(ClaimSource.claim_id, ClaimSource.source_id).where(
                ClaimSource.claim_id.in_(in_batch)
            )
            for claim_id, source_id in session.execute(
                links.order_by(ClaimSource.claim_id, ClaimSource.position)
            ):
                cited[claim_id].append(sources[source_id])
            versions: dict[int, list[Row[Any]]] = defaultdict(list)
            earlier = select(ClaimVersion.__table__).where(ClaimVersion.claim_id.in_(in_batch))
            for version in session.execute(
                earlier.order_by(ClaimVersion.claim_id, ClaimVersion.version)
            ):
                versions[version.claim_id].append(version)
            for row in batch:
                yield ExportedClaim(row, outlets[row.outlet_id], cited[row.id], versions[row.id])


def outlet_rows(session: Session) -> dict[int, Row[Any]]:
    """Every outlet's row, by id."""
    return {row.id: row for row in session.execute(select(Outlet.__table__))}


@dataclass(frozen=True)
class Registry:
    """What a claims document carries beside its claims, in id order: outlets, sources
    and articles (in a narrowed scope, only those the claims in scope name or are in),
    every alias and predicate setting."""

    outlets: Iterable[Outlet]
    sources: Iterable[Source]
    articles: Iterable[Article]
    aliases: Iterable[SubjectAlias]
    predicates: Iterable[Predicate]


def registry(session: Session, scope: Scope) -> Registry:
    claim_ids = scoped(select(Claim.id), session, scope)
    source_ids = select(ClaimSource.source_id).where(ClaimSource.claim_id.in_(claim_ids))
    outlets = select(Outlet).order_by(Outlet.id)
    sources = select(Source).order_by(Source.id)
    articles = select(Article).options(selectinload(Article.outlet)).order_by(Article.id)
    if not scope.everything:  # only what the claims in scope name
        cited = select(Source.outlet_id).where(Source.id.in_(source_ids))
        outlets = outlets.where(
            or_(
                Outlet.id.in_(scoped(select(Claim.outlet_id), session, scope)), Outlet.id.in_(cited)
            )
        )
        sources = sources.where(Source.id.in_(source_ids))
        articles = articles.where(Article.id.in_(scoped(select(Claim.article_id), session, scope)))
    return Registry(
        _lazily(session, outlets),
        _lazily(session, sources),
        _lazily(session, articles),
        _lazily(session, select(SubjectAlias).order_by(SubjectAlias.id)),
        _lazily(session, select(Predicate).order_by(Predicate.id)),
    )


def _lazily(session: Session, query: Select[Any]) -> Iterator[Any]:
    """Run when first read, so that one section is read at a time as it is written."""
    yield from session.scalars(query)
