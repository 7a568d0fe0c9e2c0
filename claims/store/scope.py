"""Which claims a command covers: one filter for list, xref, report and export.

A claim is in scope when it matches every filter given. Dates filter by overlap: a claim
dated "October 2026" is published since 2026-10-15 and until 2026-10-15 alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from claims.parsing import Period, normalize_text
from claims.store.models import Claim
from claims.store.registry import find_outlet


@dataclass(frozen=True)
class Scope:
    """Which claims to export: all of them, or those matching every filter given."""

    subject: str | None = None  # a part of the subject
    outlet: str | None = None
    since: Period | None = None  # published on or after (by overlap, as `claims list`)
    until: Period | None = None

    @property
    def everything(self) -> bool:
        return self == Scope()

    def describe(self) -> tuple[tuple[str, str], ...]:
        parts = [
            ("subject contains", self.subject),
            ("outlet", self.outlet),
            ("published since", self.since.human() if self.since else None),
            ("published until", self.until.human() if self.until else None),
        ]
        # Unfiltered, the scope is said in one phrase: it has no label.
        return tuple((label, value) for label, value in parts if value) or (
            ("", "all claims on record"),
        )


def scoped(query: Select[Any], session: Session, scope: Scope) -> Select[Any]:
    """``query`` (over claims) narrowed to the scope, as ``store.list_claims`` filters."""
    if scope.outlet is not None:
        query = query.where(Claim.outlet_id == find_outlet(session, scope.outlet).id)
    if scope.subject is not None:
        needle = normalize_text(scope.subject)
        query = query.where(Claim.subject_key.contains(needle, autoescape=True))
    if scope.since is not None:
        query = query.where(Claim.published_until >= scope.since.start)
    if scope.until is not None:
        query = query.where(Claim.published_on <= scope.until.end)
    return query


def claim_ids(session: Session, scope: Scope) -> set[int]:
    """The ids of the claims in scope."""
    return set(session.scalars(scoped(select(Claim.id), session, scope)))
