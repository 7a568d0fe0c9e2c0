"""Who speaks: one body recorded under several kinds of source, or as an outlet.

Cross-referencing counts any two sources whose names fold to one key as one body, whatever
the kinds they were recorded under (``official``, ``organization``, ``outlet``,
``person``): see ``claims.xref`` rule 6. These read which names are on record under more
than one kind, so that ``claims source list`` and ``claims add`` can say so.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims.parsing import name_key
from claims.store.models import Outlet, Source

# The kinds of source that name a body that speaks (documents and anonymous sources do
# not: a document is its issuer's account, an anonymous source nobody in particular).
BODY_KINDS = frozenset({"official", "organization", "outlet", "person"})


def kinds_by_key(session: Session, keys: set[str] | None = None) -> dict[str, set[str]]:
    """Name key -> the body kinds it is on record under (an outlet counts as "outlet").
    ``keys`` limits the reading to those names."""
    found: dict[str, set[str]] = defaultdict(set)
    sources = select(Source.name_key, Source.kind).where(Source.kind.in_(sorted(BODY_KINDS)))
    outlets = select(Outlet.name_key)
    if keys is not None:
        wanted = sorted(keys)
        sources = sources.where(Source.name_key.in_(wanted))
        outlets = outlets.where(Outlet.name_key.in_(wanted))
    for key, kind in session.execute(sources):
        found[key].add(kind)
    for (key,) in session.execute(outlets):
        found[key].add("outlet")
    return found


def also_on_record(session: Session, kind: str, name: str) -> list[str]:
    """The other body kinds ``name`` is on record under, sorted ([] when none, or when
    ``kind`` names no body)."""
    if kind not in BODY_KINDS:
        return []
    key = name_key(name)
    return sorted(kinds_by_key(session, {key}).get(key, set()) - {kind})
