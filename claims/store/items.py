"""What the bulk writer takes: records that passed every check, as plain data.

The import checks (``claims.interop``) build these; ``claims.store.bulk`` writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from claims.drafts import ClaimDraft, SourceRef
from claims.parsing import Period


@dataclass(frozen=True, slots=True)
class OutletSpec:
    """An outlet as a record names it; settings None where the record gives none."""

    name: str
    key: str
    kind: str | None = None
    country: str | None = None
    reliability: str | None = None
    id: int | None = None
    created_at: dt.datetime | None = None
    created_by: str | None = None


@dataclass(frozen=True, slots=True)
class SourceSpec:
    ref: SourceRef
    key: str
    role: str | None = None
    reliability: str | None = None
    id: int | None = None
    created_at: dt.datetime | None = None
    created_by: str | None = None


@dataclass(frozen=True, slots=True)
class VersionSpec:
    """An earlier version of a claim, as ``claims show --json`` lists it in ``history``."""

    version: int
    change: str
    changed_at: dt.datetime
    changed_by: str
    note: str | None
    snapshot: str  # the claim as it was, as JSON text (as the store keeps it)


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """A claim record that passed every check, ready to be written."""

    draft: ClaimDraft
    outlet: OutletSpec
    sources: tuple[SourceSpec, ...]  # one per draft source, same order
    id: int | None = None
    recorded_at: dt.datetime | None = None
    recorded_by: str | None = None
    version: int = 1
    updated_at: dt.datetime | None = None
    updated_by: str | None = None
    retracted_on: dt.date | None = None
    retraction_note: str | None = None
    history: tuple[VersionSpec, ...] = ()
    # The article's id in the file (an export's): kept when restoring into an empty
    # database; otherwise the claim is filed by its outlet, date, URL and headline.
    article: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleSpec:
    """An entry of a document's article list (or of an article file)."""

    outlet: OutletSpec
    date: Period
    url: str | None = None
    headline: str | None = None
    byline: str | None = None
    id: int | None = None
    created_at: dt.datetime | None = None
    created_by: str | None = None
    retracted_on: dt.date | None = None
    retraction_note: str | None = None


@dataclass(frozen=True, slots=True)
class AliasSpec:
    subject: str
    other: str
    created_at: dt.datetime | None
    created_by: str | None


@dataclass(frozen=True, slots=True)
class PredicateSpec:
    name: str
    multi_valued: bool
    updated_at: dt.datetime | None
    updated_by: str | None


@dataclass(frozen=True, slots=True)
class LinkSpec:
    """One source speaking for another, as ``claims source link`` declares it."""

    source: SourceRef
    key: str
    speaks_for: SourceRef
    principal_key: str
    created_at: dt.datetime | None
    created_by: str | None


@dataclass(frozen=True, slots=True)
class PartySpec:
    """A source (or outlet) party to a subject, as ``claims party add`` declares it."""

    subject: str
    subject_key: str
    party: SourceRef
    key: str
    created_at: dt.datetime | None
    created_by: str | None


@dataclass(frozen=True, slots=True)
class ChangeSpec:
    """An entry of the log of changes: what a record was, who changed it and when."""

    kind: str
    record: str  # the record as it was, as JSON text (as the store keeps it)
    changed_at: dt.datetime
    changed_by: str
    id: int | None = None
