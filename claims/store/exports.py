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

from claims.facts import canonical_subjects, identity
from claims.store import records as store
from claims.store.models import (
    Article,
    Change,
    Claim,
    ClaimSource,
    ClaimVersion,
    Outlet,
    Party,
    Predicate,
    Source,
    SourceLink,
    SubjectAlias,
)
from claims.store.rows import claim_dict
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
        return claim_dict(self.claim, self.outlet.name, self.sources)

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


def speaking_for(session: Session) -> tuple[list[Row[Any]], dict[tuple[str, str], Row[Any]]]:
    """Who speaks for whom: every link (few: a desk declares them one by one), and the
    sources on record that links name as principals, by identity."""
    links = list(session.execute(select(SourceLink.__table__).order_by(SourceLink.id)))
    wanted = {identity(link.principal_kind, link.principal_key) for link in links}
    keys = sorted({key for _, key in wanted})
    rows: Iterable[Row[Any]] = (
        session.execute(select(Source.__table__).where(Source.name_key.in_(keys))) if keys else []
    )
    principals = {identity(r.kind, r.name_key): r for r in rows}
    return links, {key: row for key, row in principals.items() if key in wanted}


@dataclass(frozen=True)
class Registry:
    """What a claims document carries beside its claims, in id order: outlets, sources
    and articles (in a narrowed scope, only those the claims in scope name or are in),
    every alias and predicate setting; the links and parties (in a narrowed scope, only
    those that concern the sources and subjects in scope); the log of changes (in a
    narrowed scope, none: see ``changes``)."""

    outlets: Iterable[Outlet]
    sources: Iterable[Source]
    articles: Iterable[Article]
    aliases: Iterable[SubjectAlias]
    predicates: Iterable[Predicate]
    links: Iterable[SourceLink]
    parties: Iterable[Party]
    changes: Iterable[Change]


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
    everything = scope.everything
    return Registry(
        _lazily(session, outlets),
        _lazily(session, sources),
        _lazily(session, articles),
        _lazily(session, select(SubjectAlias).order_by(SubjectAlias.id)),
        _lazily(session, select(Predicate).order_by(Predicate.id)),
        _lazily(session, select(SourceLink).order_by(SourceLink.id))
        if everything
        else _links_in_scope(session, scope),
        _lazily(session, select(Party).order_by(Party.id))
        if everything
        else _parties_in_scope(session, scope),
        # The log is the whole record's: which outlet's settings changed, who took back
        # which alias. A narrowed export shares part of the record, not its log; the
        # backup is the whole export.
        _lazily(session, select(Change).order_by(Change.id)) if everything else iter(()),
    )


def _cited_in_scope(session: Session, scope: Scope) -> set[tuple[str, str]]:
    """The identities of the outlets and sources the claims in scope name."""
    claim_ids = scoped(select(Claim.id), session, scope)
    source_ids = select(ClaimSource.source_id).where(ClaimSource.claim_id.in_(claim_ids))
    cited = {
        identity(kind, key)
        for kind, key in session.execute(
            select(Source.kind, Source.name_key).where(Source.id.in_(source_ids))
        )
    }
    outlet_ids = scoped(select(Claim.outlet_id), session, scope)
    names = select(Outlet.name_key).where(Outlet.id.in_(outlet_ids))
    return cited | {identity("outlet", key) for key in session.scalars(names)}


def _links_in_scope(session: Session, scope: Scope) -> Iterator[SourceLink]:
    """The links of the sources in scope, and of those they speak for, up the chain (a
    spokesman's ministry's government), so that origins trace in the narrowed file as
    in the whole record; and the links of those who speak for a source in scope
    themselves."""
    links = list(session.scalars(select(SourceLink).order_by(SourceLink.id)))
    cited = _cited_in_scope(session, scope)
    wanted = set(cited)
    by_speaker = {identity(row.kind, row.name_key): row for row in links}
    for start in cited:
        at = by_speaker.get(start)
        while at is not None:
            principal = identity(at.principal_kind, at.principal_key)
            if principal in wanted:
                break
            wanted.add(principal)
            at = by_speaker.get(principal)
    for row in links:
        if (
            identity(row.kind, row.name_key) in wanted
            or identity(row.principal_kind, row.principal_key) in cited
        ):
            yield row


def _parties_in_scope(session: Session, scope: Scope) -> Iterator[Party]:
    """The parties to the subjects of the claims in scope, under any of their aliases
    (aliases travel whole, so the narrowed file judges them as the record does)."""
    pairs = session.execute(select(SubjectAlias.subject_key, SubjectAlias.other_key))
    canonical = canonical_subjects((a, b) for a, b in pairs)
    subjects = scoped(select(Claim.subject_key).distinct(), session, scope)
    wanted = {canonical.get(key, key) for key in session.scalars(subjects) if key is not None}
    for row in session.scalars(select(Party).order_by(Party.id)):
        if canonical.get(row.subject_key, row.subject_key) in wanted:
            yield row


def _lazily(session: Session, query: Select[Any]) -> Iterator[Any]:
    """Run when first read, so that one section is read at a time as it is written."""
    yield from session.scalars(query)
