"""Outlets and sources: who publishes and who is cited. One outlet per name, one source
per kind and name (the rules are in ``claims.store``)."""

from __future__ import annotations

import difflib
import shlex
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims import checks
from claims.drafts import SourceRef
from claims.errors import (
    AlreadyExists,
    IncompleteInput,
    InvalidValue,
    NotAllowed,
    UnknownOutlet,
)
from claims.parsing import (
    name_key,
    parse_reliability,
)
from claims.store.changes import log_change, now
from claims.store.models import (
    Claim,
    ClaimSource,
    Outlet,
    Source,
)
from claims.store.rows import new_source_row
from claims.vocabulary import (
    COUNTRY_ALIASES,
    OUTLET_CHANGED,
    OUTLET_KIND_ALIASES,
    OUTLET_KINDS,
    SOURCE_CHANGED,
    SOURCE_KINDS,
    countries,
    kind_as_recorded,
)

# --- outlets -------------------------------------------------------------------------


def add_outlet(
    session: Session,
    name: str,
    *,
    kind: str = "other",
    country: str | None = None,
    reliability: str = "F",
    by: str,
) -> Outlet:
    name = checks.name("name", name)
    by = checks.user("by", by)
    key = name_key(name)
    existing = session.scalar(select(Outlet).where(Outlet.name_key == key))
    if existing is not None:
        raise AlreadyExists(f"outlet {name!r} is already on record as {existing.name!r}")
    outlet = Outlet(
        name=name,
        name_key=key,
        kind=_outlet_kind(kind),
        country=_country(country),
        reliability=parse_reliability(reliability),
        created_at=now(),
        created_by=by,
    )
    session.add(outlet)
    session.flush()
    return outlet


def set_outlet(
    session: Session,
    name: str,
    *,
    kind: str | None = None,
    country: str | None = None,
    reliability: str | None = None,
    by: str,
) -> tuple[Outlet, dict[str, tuple[str | None, str | None]]]:
    """Change an outlet's kind, country or grade (a grade revised, a typo put right):
    the outlet, and field -> (what it was, what it is now) for each that changed. Its
    grade is the one cross-referencing reads wherever it is an origin, cited or
    reporting. What it was, and who changed it, are kept in the log of changes."""
    by = checks.user("by", by)
    outlet = find_outlet(session, name, field="name")
    given: dict[str, str | None] = {}
    if kind is not None:
        given["kind"] = _outlet_kind(kind)
    if country is not None:  # empty: the country taken off (recorded by mistake)
        given["country"] = _country(country)
    if reliability is not None:
        given["reliability"] = parse_reliability(reliability)
    if not given:
        raise IncompleteInput("give --kind, --country or --reliability to change")
    changed = {
        field: (getattr(outlet, field), new)
        for field, new in given.items()
        if getattr(outlet, field) != new
    }
    if changed:
        before = {"name": outlet.name, "kind": outlet.kind, "country": outlet.country}
        log_change(session, OUTLET_CHANGED, before | {"reliability": outlet.reliability}, by)
    for field, (_, new) in changed.items():
        setattr(outlet, field, new)
    session.flush()
    return outlet, changed


def find_outlet(session: Session, name: str, field: str = "outlet") -> Outlet:
    """The outlet with this name (in any spelling that has the same key)."""
    key = name_key(name, field)
    outlet = session.scalar(select(Outlet).where(Outlet.name_key == key))
    if outlet is None:
        raise UnknownOutlet(name, similar_outlets(session, name), field=field)
    return outlet


def similar_outlets(session: Session, name: str) -> list[str]:
    """Known outlet names close to ``name`` but not the same: likely typos or variants."""
    key = name_key(name)
    names = {o.name_key: o.name for o in session.scalars(select(Outlet))}
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)
    # "The Korea Times" / "Korea Times": one name inside the other is a variant too.
    contained = [k for k in names if k != key and len(k) >= 4 and (k in key or key in k)]
    return [names[k] for k in dict.fromkeys(close + contained) if k != key][:3]


@dataclass(frozen=True)
class OutletRow:
    outlet: Outlet
    claims: int

    def as_dict(self) -> dict[str, Any]:
        o = self.outlet
        return {
            "id": o.id,
            "name": o.name,
            "kind": o.kind,
            "country": o.country,
            "reliability": o.reliability,
            "claims": self.claims,
        }


def list_outlets(session: Session) -> list[OutletRow]:
    counts = select(Claim.outlet_id, func.count().label("n")).group_by(Claim.outlet_id).subquery()
    rows = session.execute(
        select(Outlet, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.outlet_id == Outlet.id)
        .order_by(Outlet.name_key)
    )
    return [OutletRow(outlet, n) for outlet, n in rows]


def known_names(session: Session) -> tuple[list[str], list[str]]:
    """Every outlet's name, and every source as KIND:NAME, in name order: what shell
    completion offers."""
    outlets = list(session.scalars(select(Outlet.name).order_by(Outlet.name_key)))
    sources = [
        f"{kind}:{name}"
        for kind, name in session.execute(
            select(Source.kind, Source.name).order_by(Source.kind, Source.name_key)
        )
    ]
    return outlets, sources


# --- sources -------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRecorded:
    """What ``record_source`` did: created the source, or set some of its fields."""

    source: Source
    created: bool
    # field -> (what was on record, what it is now), for each field set
    changed: dict[str, tuple[str | None, str]]


def record_source(
    session: Session,
    kind: str,
    name: str,
    *,
    role: str | None = None,
    reliability: str | None = None,
    replace: bool = False,
    by: str,
) -> SourceRecorded:
    """Record a source, or describe and grade one on record already (a claim created it).

    A role or grade the source has not got yet is set; one that differs from what is on
    record is refused unless ``replace``, so that a grade is never changed by accident.
    """
    by = checks.user("by", by)
    kind = _source_kind(kind)
    if kind == "outlet" and reliability is not None:
        # One grade per outlet, read wherever it is an origin, cited or reporting.
        raise InvalidValue(
            "reliability",
            reliability,
            f"is not for an outlet cited as a source: an outlet is graded as an outlet "
            f"(claims outlet set {shlex.quote(name)} --reliability ...)",
        )
    ref = SourceRef.parse(f"{kind}:{checks.name('name', name)}", field="source")
    given = {
        "role": checks.role("role", role),
        # (An empty grade is refused, as outlet add refuses it, not taken for none.)
        "reliability": parse_reliability(reliability) if reliability is not None else None,
    }
    source = _find_source(session, ref)
    if source is None:
        source = _create_source(session, ref, **given, by=by)
        return SourceRecorded(source, True, {})
    on_record = f"{source.kind}:{source.name}"
    if not any(given.values()):
        raise AlreadyExists(f"source {on_record!r} is already on record")
    changed: dict[str, tuple[str | None, str]] = {}
    for field, new in given.items():
        old = getattr(source, field)
        if new is None or old == new:
            continue
        if old is not None and not replace:
            raise NotAllowed(
                f"source {on_record!r} already has {field} {shown(field, old)}, "
                f"not {shown(field, new)}"
            )
        changed[field] = (old, new)
    if any(old is not None for old, _ in changed.values()):  # a role or grade replaced
        before = {"kind": source.kind, "name": source.name, "role": source.role}
        log_change(session, SOURCE_CHANGED, before | {"reliability": source.reliability}, by)
    for field, (_, new) in changed.items():
        setattr(source, field, new)
    session.flush()
    return SourceRecorded(source, False, changed)


def shown(field: str, value: str) -> str:
    """A source's role or grade as messages show it: the role quoted, the grade bare."""
    return repr(value) if field == "role" else value


def resolve_source(session: Session, ref: SourceRef, *, by: str) -> Source:
    """The source a claim names, created on first mention (outlets must already exist)."""
    return _find_source(session, ref) or _create_source(session, ref, by=by)


def _find_source(session: Session, ref: SourceRef) -> Source | None:
    if ref.kind == "outlet":
        outlet = find_outlet(session, ref.name, field="source")
        return session.scalar(select(Source).where(Source.outlet_id == outlet.id))
    return session.scalar(
        select(Source).where(
            Source.kind == ref.kind, Source.name_key == name_key(ref.name, "source")
        )
    )


def _create_source(
    session: Session,
    ref: SourceRef,
    *,
    role: str | None = None,
    reliability: str | None = None,
    by: str,
) -> Source:
    outlet = find_outlet(session, ref.name, field="source") if ref.kind == "outlet" else None
    source = Source(
        **new_source_row(
            ref.kind,
            outlet.name if outlet else ref.name,
            outlet.id if outlet else None,
            at=now(),
            by=by,
            role=checks.role("role", role),
            reliability=parse_reliability(reliability) if reliability else None,
        )
    )
    session.add(source)
    session.flush()
    return source


@dataclass(frozen=True)
class SourceRow:
    source: Source
    claims: int

    def as_dict(self) -> dict[str, Any]:
        s = self.source
        return {
            "id": s.id,
            "kind": s.kind,
            "name": s.name,
            "role": s.role,
            "reliability": s.reliability,
            "claims": self.claims,
        }


def list_sources(session: Session) -> list[SourceRow]:
    counts = (
        select(ClaimSource.source_id, func.count().label("n"))
        .group_by(ClaimSource.source_id)
        .subquery()
    )
    rows = session.execute(
        select(Source, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.source_id == Source.id)
        .order_by(Source.kind, Source.name_key)
    )
    return [SourceRow(source, n) for source, n in rows]


def _outlet_kind(kind: str) -> str:
    normal = kind_as_recorded(kind, OUTLET_KINDS, OUTLET_KIND_ALIASES)
    if normal is None:
        raise InvalidValue(
            "kind", kind, f"is not an outlet kind; use one of {', '.join(OUTLET_KINDS)}"
        )
    return normal


def _source_kind(kind: str) -> str:
    normal = kind_as_recorded(kind, SOURCE_KINDS)
    if normal is None:
        raise InvalidValue(
            "kind", kind, f"is not a source kind; use one of {', '.join(SOURCE_KINDS)}"
        )
    return normal


def _country(country: str | None) -> str | None:
    if country is None or not country.strip():
        return None
    code = country.strip().upper()
    code = COUNTRY_ALIASES.get(code, code)  # UK: GB, as ISO 3166 has it
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        raise InvalidValue(
            "country", country, "is not a two-letter country code (ISO 3166, e.g. KR)"
        )
    if code not in countries():
        raise InvalidValue("country", country, "is no country's code in ISO 3166 (e.g. KR)")
    return code


def outlet_settings(
    kind: str | None, country: str | None, reliability: str | None
) -> tuple[str, str | None, str]:
    """An outlet's kind, country and reliability checked as ``add_outlet`` checks them."""
    return (
        _outlet_kind(kind or "other"),
        _country(country),
        parse_reliability(reliability) if reliability else "F",
    )
