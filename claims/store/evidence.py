"""Reading the record for cross-referencing: facts, streamed one proposition at a time.

The claims are read set-wise, in one query ordered by proposition (subject through its
aliases, then predicate), so the judging (``claims.verdicts``, ``claims.xref``) sees each
proposition once and memory holds one proposition at a time. Retracted claims are left
out.

Large records make this the hot path of the tool (a million claims is a million rows
through Python), so the reading is lean on purpose: plain driver rows
(``db.plain_rows``), only the columns the caller needs (``detail``), the claims'
sources read in one pass beside them rather than joined, and each distinct value and
period built once.
"""

from __future__ import annotations

import datetime as dt
import itertools
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import (
    BindParameter,
    Column,
    ColumnElement,
    MetaData,
    Table,
    Text,
    bindparam,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Session

from claims.facts import Cited, Fact, canonical_subjects, identity
from claims.parsing import Period, Value, normalize_text
from claims.store import bodies, period_of
from claims.store.db import as_date, plain_rows
from claims.store.models import (
    Claim,
    ClaimSource,
    Outlet,
    Predicate,
    Source,
    SourceLink,
    SubjectAlias,
)

_BATCH = 10_000  # rows fetched at a time: steady memory whatever the record's size


@dataclass(frozen=True)
class Settings:
    """What users declared: subject aliases, multi-valued predicates, parties."""

    aliases: Mapping[str, str]  # subject key -> canonical subject key
    multi_valued: frozenset[str]  # predicate keys
    # canonical subject key -> identities of the bodies declared parties to it
    parties: Mapping[str, frozenset[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Settings:
        pairs = session.execute(select(SubjectAlias.subject_key, SubjectAlias.other_key))
        multi = session.scalars(select(Predicate.name_key).where(Predicate.multi_valued))
        aliases = canonical_subjects((a, b) for a, b in pairs)
        return cls(aliases, frozenset(multi), bodies.parties_by_subject(session, aliases))


@dataclass(frozen=True)
class AroundClaim:
    """The facts one claim is judged among: its proposition's active claims (through the
    subject's aliases), or the claim alone when it names no proposition."""

    facts: list[Fact]
    attached: bool  # False: the claim names no proposition
    multi_valued: bool
    retracted: list[Fact] = field(default_factory=list)  # its proposition's retracted claims


def around_claim(session: Session, claim_id: int) -> AroundClaim | None:
    """None for a claim that is not on record or is retracted."""
    claim = session.get(Claim, claim_id)
    if claim is None or claim.retracted_on is not None:
        return None
    if claim.subject_key is None:
        return AroundClaim([fact for _, fact in facts(session, None, None, claim_id)], False, False)
    settings = Settings.load(session)
    canonical = settings.aliases.get(claim.subject_key, claim.subject_key)
    members = [k for k, c in settings.aliases.items() if c == canonical] or [canonical]
    return AroundClaim(
        [
            fact
            for (_, predicate), fact in facts(session, settings, None, subject_keys=members)
            if predicate == claim.predicate_key
        ],
        True,
        claim.predicate_key in settings.multi_valued,
        retracted(session, settings, members).get((canonical, claim.predicate_key or ""), []),
    )


def facts(
    session: Session,
    settings: Settings | None,
    subject: str | None,
    claim_id: int | None = None,
    subject_keys: Iterable[str] | None = None,
    window: tuple[Period | None, Period | None] = (None, None),
    detail: Detail = True,
) -> Iterator[tuple[tuple[str, str], Fact]]:
    """(proposition key, fact) pairs in proposition order; settings None = no proposition.
    Without ``detail`` the facts carry no text, URL, headline, publication date or
    article (what the verdicts do not need), which spares reading the largest columns; with
    ``detail="text"``, only their text."""
    scope: list[ColumnElement[bool]] = [Claim.retracted_on.is_(None)]
    since, until = window
    if since is not None:
        scope.append(Claim.published_until >= since.start)
    if until is not None:
        scope.append(Claim.published_on <= until.end)
    if settings is None:
        scope.append(Claim.subject_key.is_(None))
    else:
        scope.append(Claim.subject_key.is_not(None))
    if claim_id is not None:
        scope.append(Claim.id == claim_id)
    if subject is not None and settings is not None:
        subject_keys = _matching_subjects(session, settings, subject)
    if subject_keys is not None:
        # Written into the statement, not bound: a short --subject can match tens of
        # thousands of subjects, more values than PostgreSQL binds in one (65,535).
        keys: BindParameter[list[str]] = bindparam(
            "subject_keys", sorted(subject_keys), expanding=True, literal_execute=True
        )
        scope.append(Claim.subject_key.in_(keys))
    # On SQLite, a proposition's names come from a query of their own (below).
    names_apart = (
        detail is not True and settings is not None and session.get_bind().dialect.name == "sqlite"
    )
    query = select(
        *_COLUMNS,
        *(() if names_apart else _NAMES),
        *(_DETAIL[:1] if detail == "text" else _DETAIL if detail else ()),
    ).where(*scope)
    outlets, sources, speaking_for = _outlets_and_sources(session)
    # Reading the whole record, every claim's sources are read in one pass, which costs
    # far less than looking them up for a million claims read in proposition order.
    whole = settings is not None and len(scope) == 2
    cited = _ClaimSources(session, sources, None if whole else select(Claim.id).where(*scope))
    aliases = settings.aliases if settings is not None else None
    build = _FactBuilder(outlets, cited, aliases, detail)
    build.speaking_for = speaking_for
    build.parties = settings.parties if settings is not None else {}
    # Each stream: its claims' filter, and what orders them into propositions.
    streams: list[tuple[ColumnElement[bool] | None, tuple[Any, ...]]]
    mapping = _AliasMap(session, aliases) if aliases else None
    if mapping is not None:
        # Ordering every row by its canonical subject would stop SQLite using the
        # proposition index and sort the whole table. Only aliased subjects need it;
        # their propositions never mix with the others', so the two streams follow each
        # other.
        streams = [
            (Claim.subject_key.not_in(mapping.keys), _ORDER[:2]),
            (Claim.subject_key.in_(mapping.keys), (mapping.canonical, Claim.predicate_key)),
        ]
    else:
        streams = [(None, _ORDER[:2])]
    try:
        for where, proposition in streams:
            rows = query.where(where) if where is not None else query
            names = None
            if names_apart:
                # The first claim of each proposition, in the same order, with its names:
                # SQLite takes a bare column from the row where min() found its value.
                first = select(func.min(Claim.id), *_NAMES).where(*scope)
                first = first.where(where) if where is not None else first
                first = first.group_by(*proposition).order_by(*proposition)
                names = plain_rows(session, first, _BATCH)
            ordered = rows.order_by(*proposition, Claim.id)
            yield from build.facts(plain_rows(session, ordered, _BATCH), names)
    finally:
        if mapping is not None:
            mapping.drop()


def _outlets_and_sources(
    session: Session,
) -> tuple[dict[int, tuple[str, str, str]], dict[int, Cited], dict[int, Cited]]:
    """Outlets by id, sources by id (each with its principal, if it speaks for one),
    and the principals of the outlets that speak for one, by outlet id."""
    # Outlets and sources are few next to claims: look them up instead of joining them.
    outlets = {
        row.id: (row.name, row.name_key, row.reliability)
        for row in session.execute(
            select(Outlet.id, Outlet.name, Outlet.name_key, Outlet.reliability)
        )
    }
    principals = _principals(session, outlets)
    # An outlet cited as a source is graded as the outlet is (unless the citation itself
    # was graded): where its chain ends with that outlet, rule 8 reads that grade.
    sources = {
        row.id: Cited(
            row.kind,
            row.name,
            row.name_key,
            row.reliability
            if row.reliability is not None or row.outlet_id is None
            else outlets[row.outlet_id][2],
            principals.get(identity(row.kind, row.name_key)) if principals else None,
        )
        for row in session.execute(
            select(
                Source.id,
                Source.kind,
                Source.name,
                Source.name_key,
                Source.reliability,
                Source.outlet_id,
            )
        )
    }
    speaking_for = {
        outlet_id: principals[identity("outlet", key)]
        for outlet_id, (_, key, _) in outlets.items()
        if identity("outlet", key) in principals
    }
    return outlets, sources, speaking_for


def _principals(
    session: Session, outlets: Mapping[int, tuple[str, str, str]]
) -> dict[tuple[str, str], Cited]:
    """Whom each linked source speaks for (``claims source link``), graded as the
    principal is on record: as an outlet, else as a graded source of that identity."""
    if session.scalar(select(func.count()).select_from(SourceLink)) == 0:
        return {}  # nearly always: no links declared
    grades: dict[tuple[str, str], str | None] = {}
    for kind, key, grade in session.execute(
        select(Source.kind, Source.name_key, Source.reliability).where(
            Source.reliability.is_not(None)
        )
    ):
        grades[identity(kind, key)] = grade
    for _, key, grade in outlets.values():  # one grade per outlet: it wins
        grades[identity("outlet", key)] = grade
    return bodies.principals(session, grades)


def retracted(
    session: Session, settings: Settings, subject_keys: Iterable[str] | None = None
) -> dict[tuple[str, str], list[Fact]]:
    """The retracted claims with a proposition, by proposition: a citation may still
    lead to one (an outlet citing a report since retracted), and cross-referencing must
    not take the retracted report's outlet for an origin that stands. Retractions are
    few; they are read from their own small partial index (claims_retracted), not the
    table, and grouped here."""
    scope: list[ColumnElement[bool]] = [
        Claim.retracted_on.is_not(None),
        Claim.subject_key.is_not(None),
    ]
    if subject_keys is not None:
        keys: BindParameter[list[str]] = bindparam(
            "subject_keys", sorted(subject_keys), expanding=True, literal_execute=True
        )
        scope.append(Claim.subject_key.in_(keys))
    # In claim order, so that SQLite reads them through claims_retracted (unordered, it
    # walks the proposition index over every claim).
    ids = list(session.scalars(select(Claim.id).where(*scope).order_by(Claim.id)))
    if not ids:
        return {}
    outlets, sources, speaking_for = _outlets_and_sources(session)
    wanted: BindParameter[list[int]] = bindparam(
        "retracted_ids", ids, expanding=True, literal_execute=True
    )
    cited = _ClaimSources(session, sources, wanted)
    build = _FactBuilder(outlets, cited, settings.aliases, False)
    build.speaking_for = speaking_for
    query = select(*_COLUMNS, *_NAMES).where(*scope)
    found: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for key, fact in build.facts(plain_rows(session, query.order_by(Claim.id), _BATCH)):
        found[key].append(fact)
    return found


_alias_maps = itertools.count()  # one table per reading: two may be open at once


class _AliasMap:
    """The declared aliases (subject key -> canonical key) as a temporary table, for the
    statements that read aliased claims to join against.

    Not bound as values: an import can declare tens of thousands of aliases, more than
    PostgreSQL binds in one statement (65,535), and SQLite prepares a CASE of that many
    branches in time that grows with their square (docs/performance.md)."""

    def __init__(self, session: Session, aliases: Mapping[str, str]) -> None:
        self.conn = session.connection()
        self.table = Table(
            f"claims_alias_map_{next(_alias_maps)}",
            MetaData(),
            Column("subject_key", Text, primary_key=True),
            Column("canonical", Text, nullable=False),
            prefixes=["TEMPORARY"],
            postgresql_on_commit="DROP",
        )
        self.table.create(self.conn)
        self.conn.execute(
            insert(self.table),
            [{"subject_key": key, "canonical": canonical} for key, canonical in aliases.items()],
        )
        self.keys = select(self.table.c.subject_key)
        self.canonical = (
            select(self.table.c.canonical)
            .where(self.table.c.subject_key == Claim.subject_key)
            .scalar_subquery()
        )

    def drop(self) -> None:
        # (PostgreSQL drops it at the end of the transaction anyway, rolled back or not.)
        if self.conn.dialect.name != "postgresql":
            self.table.drop(self.conn)


# The index on (subject_key, predicate_key) yields claims in this order without sorting.
_ORDER = (Claim.subject_key, Claim.predicate_key, Claim.id)


# The columns a Fact is built from, in the order _FactBuilder reads them.
_COLUMNS = (
    Claim.id,
    Claim.outlet_id,
    Claim.confidence,
    Claim.subject_key,
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
)
# A claim's subject and predicate as written. Read with every claim only where each
# claim's are wanted (with ``detail``); verdicts show only the first claim's, which
# SQLite reads apart, once per proposition (see _facts): at a million claims, turning
# two strings a claim into Python objects was a third of the read.
_NAMES = (Claim.subject, Claim.predicate)
_DETAIL = (  # the text first: detail="text" reads only that
    Claim.text,
    Claim.url,
    Claim.headline,
    Claim.published_on,
    Claim.published_until,
    Claim.date_precision,
    Claim.date_part,
    Claim.article_id,
)

_Period = tuple[tuple[dt.date, dt.date], str] | None

# How much of each claim beyond what verdicts need: nothing, its text, or everything.
Detail = bool | Literal["text"]


class _ClaimSources:
    """The sources each claim in scope cites, in the order given, read in one pass over
    claim_sources (``scope``: a query of the claim ids wanted, None for all). Claims are
    usually numbered densely, so a claim's only source sits in an array by claim id and only
    claims citing several need a dict. (_FactBuilder.facts reads these directly.)"""

    def __init__(self, session: Session, sources: dict[int, Cited], scope: Any) -> None:
        self.sources = sources
        # By source id, what a claim citing only that source cites (0: nothing).
        self.one: dict[int, tuple[Cited, ...]] = {i: (cited,) for i, cited in sources.items()}
        self.one[0] = ()
        self.first: MutableMapping[int, int] | array[int] = defaultdict(int)  # 0: none
        self.position: MutableMapping[int, int] | array[int] = defaultdict(int)
        if scope is None:
            size, count = session.execute(select(func.max(Claim.id), func.count())).one()
            # Unless the ids are far apart (chosen on import, say), arrays are smaller.
            if (size or 0) <= 4 * count + 1024:
                self.first = array("q", [0]) * ((size or 0) + 1)  # ids start at 1
                self.position = array("q", [0]) * ((size or 0) + 1)
        self.several: dict[int, list[tuple[int, int]]] = {}
        query = select(ClaimSource.claim_id, ClaimSource.source_id, ClaimSource.position)
        if scope is not None:
            query = query.where(ClaimSource.claim_id.in_(scope))
        first, position, several = self.first, self.position, self.several
        for claim_id, source_id, at in plain_rows(session, query, _BATCH):
            if not first[claim_id]:
                first[claim_id], position[claim_id] = source_id, at or 0
            elif claim_id in several:
                several[claim_id].append((at or 0, source_id))
            else:
                several[claim_id] = [(position[claim_id], first[claim_id]), (at or 0, source_id)]

    def several_of(self, claim_id: int) -> tuple[Cited, ...]:
        return tuple([self.sources[i] for _, i in sorted(self.several[claim_id])])


class _FactBuilder:
    """Rows of claims -> facts. This runs once per claim on records of
    millions, so it is written for speed: values and periods repeat a lot across a
    record and each distinct one is built once."""

    def __init__(
        self,
        outlets: dict[int, tuple[str, str, str]],
        cited: _ClaimSources,
        aliases: Mapping[str, str] | None,
        detail: Detail,
    ) -> None:
        self.outlets = outlets
        self.cited = cited
        self.aliases = aliases
        self.detail = detail
        self.periods: dict[tuple[Any, ...], _Period] = {}
        self.values: dict[tuple[Any, ...], Value] = {}
        self.speaking_for: Mapping[int, Cited] = {}  # outlet id -> its principal
        self.parties: Mapping[str, frozenset[tuple[str, str]]] = {}

    def period(self, start: Any, end: Any, precision: Any, part: Any) -> _Period:
        key = (start, end, precision, part)
        if key not in self.periods:
            found = (
                period_of(as_date(start), as_date(end), precision, part)
                if start is not None and end is not None
                else None
            )
            self.periods[key] = ((found.start, found.end), found.iso()) if found else None
        return self.periods[key]

    def facts(
        self, rows: Iterable[Any], names: Iterator[Any] | None = None
    ) -> Iterator[tuple[tuple[str, str], Fact]]:
        """Facts from rows of _COLUMNS, then _NAMES unless ``names`` gives them apart
        (the first claim of each proposition, in order: (id, subject, predicate); the
        others' are left None), then the detail columns asked for."""
        # One loop, names bound locally: at a million claims every lookup counts.
        outlets, cited, aliases, values = self.outlets, self.cited, self.aliases, self.values
        period, periods, detail = self.period, self.periods, self.detail
        speaking_for, parties = self.speaking_for, self.parties
        several, first, one = cited.several, cited.first, cited.one
        width = len(_COLUMNS)
        at = width if names is not None else width + len(_NAMES)  # the detail columns
        plain = names is not None and not detail  # rows of _COLUMNS alone
        subject = predicate = current = None
        for row in rows:
            (
                claim_id,
                outlet_id,
                confidence,
                subject_key,
                predicate_key,
                value_text,
                kind,
                low,
                high,
                unit,
                stance,
                as_of_start,
                as_of_end,
                as_of_precision,
                as_of_part,
            ) = row if plain else row[:width]
            outlet, outlet_key, reliability = outlets[outlet_id]
            value = None
            key = _NO_PROPOSITION
            if subject_key is not None and aliases is not None:
                value_key = (value_text, kind, low, high, unit)
                value = values.get(value_key)
                if value is None:
                    value = values[value_key] = Value(value_text, kind, low, high, unit or "")
                key = (aliases.get(subject_key, subject_key), predicate_key)
            if names is None:
                subject, predicate = row[width], row[width + 1]
            elif key != current:  # a proposition's first claim
                current = key
                named, subject, predicate = next(names)
                if named != claim_id:  # the two queries' scope or order differ: a bug
                    raise RuntimeError(f"names of claim {named} read for claim {claim_id}")
            else:
                subject = predicate = None
            as_of = (
                periods.get((as_of_start, as_of_end, as_of_precision, as_of_part))
                or period(as_of_start, as_of_end, as_of_precision, as_of_part)
                if as_of_start is not None
                else None
            )
            fact = Fact(
                claim_id,
                outlet,
                outlet_key,
                confidence,
                cited.several_of(claim_id) if claim_id in several else one[first[claim_id]],
                subject,
                predicate,
                value,
                as_of[0] if as_of else None,
                as_of[1] if as_of else None,
                stance,
                reliability,
            )
            if speaking_for and outlet_id in speaking_for:  # a party's press office, say
                fact.outlet_principal = speaking_for[outlet_id]
            if parties and key[0] in parties:
                fact.parties = parties[key[0]]
            if detail is True:
                fact.text, fact.url, fact.headline = row[at : at + 3]
                published = period(*row[at + 3 : at + 7])
                if published:
                    fact.published, (fact.published_on, fact.published_until) = (
                        published[1],
                        published[0],
                    )
                fact.article = row[at + 7]
            elif detail:
                fact.text = row[at]
            yield key, fact


_NO_PROPOSITION = ("", "")


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
