"""A record's rows as plain values: what the columns of a claim, an article and a
source hold, and what is read back from them. The ORM path (``records``), the bulk
writer (``bulk``) and the direct path (``direct``) all build and read rows through
these, so the three write the same rows. Nothing here touches a database: no
SQLAlchemy, which ``direct`` must not load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from claims.drafts import ClaimDraft, SourceRef
from claims.errors import InvalidValue
from claims.parsing import CONFIDENCE, Period, name_key, normalize_text
from claims.store.identity import article_key, identity, normal_url


def now() -> dt.datetime:
    """Timestamps are stored as naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def timestamp(value: dt.datetime | None) -> str | None:
    """A stored time as the records and exports write it: ISO 8601, UTC, seconds."""
    return value.isoformat(timespec="seconds") + "Z" if value else None


# --- claims ------------------------------------------------------------------------------


# The claims-table columns a draft fills (outlet and sources aside), in the order
# claim_values gives them.
CLAIM_COLUMNS = (
    "text",
    "published_on",
    "published_until",
    "date_precision",
    "date_part",
    "url",
    "headline",
    "confidence",
    "subject",
    "subject_key",
    "predicate",
    "predicate_key",
    "value",
    "value_kind",
    "value_low",
    "value_high",
    "value_unit",
    "as_of_start",
    "as_of_end",
    "as_of_precision",
    "as_of_part",
    "stance",
)
_NO_PROPOSITION = (None,) * 13 + ("asserts",)
_NO_AS_OF = (None, None, None, None)


def claim_values(draft: ClaimDraft, key: Callable[[str], str] = normalize_text) -> tuple[Any, ...]:
    """The values of CLAIM_COLUMNS for a draft: ``_apply`` sets them on a row, bulk
    import writes them as they are (a tuple: a million claims make no dict each).
    ``key`` is ``normalize_text`` or a memoised copy of it."""
    date = draft.date
    given = (
        draft.text,
        date.start,
        date.end,
        date.precision,
        date.part,
        draft.url,
        draft.headline,
        draft.confidence,
    )
    prop = draft.proposition
    if prop is None:
        return given + _NO_PROPOSITION
    value, as_of = prop.value, prop.as_of
    return (
        given
        + (
            prop.subject,
            key(prop.subject),
            prop.predicate,
            key(prop.predicate),
            value.text,
            value.kind,
            value.low,
            value.high,
            value.unit or None,
        )
        + ((as_of.start, as_of.end, as_of.precision, as_of.part) if as_of else _NO_AS_OF)
        + (prop.stance,)
    )


def period_of(
    start: dt.date | None, end: dt.date | None, precision: str | None, part: str | None
) -> Period | None:
    if start is None or end is None or precision is None:
        return None
    return Period(start, end, precision, part or "")  # type: ignore[arg-type]


def claim_date(claim: Any) -> Period:
    """A claim's publication date, from the claim or a row holding its date columns."""
    period = period_of(
        claim.published_on, claim.published_until, claim.date_precision, claim.date_part
    )
    assert period is not None  # published_on and friends are NOT NULL
    return period


def claim_as_of(claim: Any) -> Period | None:
    return period_of(claim.as_of_start, claim.as_of_end, claim.as_of_precision, claim.as_of_part)


def claim_dict(claim: Any, outlet: str, sources: Iterable[Any]) -> dict[str, Any]:
    """``claim_as_dict`` from a claim's columns: a Claim, or a row of the claims table
    (the exports read rows: loading a million Claim objects costs more than the rest of
    an export), with its outlet's name and its sources (anything with a kind, name and
    role), in order."""
    date = claim_date(claim)
    as_of = claim_as_of(claim)
    return {
        "id": claim.id,
        "text": claim.text,
        "outlet": outlet,
        "date": date.iso(),
        "date_precision": date.precision,
        "date_start": date.start.isoformat(),
        "date_end": date.end.isoformat(),
        "confidence": claim.confidence,
        "confidence_name": CONFIDENCE[claim.confidence],
        "sources": [
            {"kind": source.kind, "name": source.name, "role": source.role} for source in sources
        ],
        "subject": claim.subject,
        "predicate": claim.predicate,
        "value": claim.value,
        "value_kind": claim.value_kind,
        "as_of": as_of.iso() if as_of else None,
        "stance": claim.stance,
        "url": claim.url,
        "headline": claim.headline,
        "article": claim.article_id,
        "retracted": claim.retracted_on is not None,
        "retracted_on": claim.retracted_on.isoformat() if claim.retracted_on else None,
        "retraction_note": claim.retraction_note,
        "recorded_at": timestamp(claim.recorded_at),
        "recorded_by": claim.recorded_by,
        "version": claim.version,
        "updated_at": timestamp(claim.updated_at),
        "updated_by": claim.updated_by,
    }


# --- articles and sources -----------------------------------------------------------------


def new_article_row(
    outlet_id: int,
    date: Period,
    url: str | None,
    headline: str | None,
    *,
    at: dt.datetime,
    by: str,
    byline: str | None = None,
) -> dict[str, Any]:
    """The columns of a new article (``filing.matching_article`` creates one)."""
    return {
        "outlet_id": outlet_id,
        "published_on": date.start,
        "published_until": date.end,
        "date_precision": date.precision,
        "date_part": date.part,
        "url": url,
        "headline": headline,
        "byline": byline,
        "match_key": article_key(date, url, headline),
        "created_at": at,
        "created_by": by,
    }


def fields_of_article(
    outlet: str, date: Period, url: str | None, headline: str | None
) -> dict[str, str | None]:
    """What a claim of the article takes from it, as ``make_draft`` takes it."""
    return {"outlet": outlet, "date": date.iso(), "url": url, "headline": headline}


def refuse_outside_article(
    draft: ClaimDraft,
    article_id: int,
    fields: Mapping[str, str | None],
    date: Period,
    match_key: str,
) -> None:
    """Refuse a claim for an article whose outlet, date, URL or headline it contradicts
    (``fields`` are the article's, as ``fields_of_article`` gives them)."""
    given = {
        "outlet": (name_key(draft.outlet), name_key(str(fields["outlet"])), draft.outlet),
        "date": (draft.date, date, draft.date.iso()),
    }
    for name, (mine, theirs, shown_value) in given.items():
        if mine != theirs:
            raise InvalidValue(
                name, shown_value, f"is not article {article_id}'s {name} ({fields[name]})"
            )
    if article_key(draft.date, draft.url, draft.headline) != match_key:
        url_differs = normal_url(draft.url) != normal_url(fields["url"])
        name, mine = ("url", draft.url) if url_differs else ("headline", draft.headline)
        theirs = fields[name] or "none"
        raise InvalidValue(name, mine or "", f"is not article {article_id}'s {name} ({theirs})")


def new_source_row(
    kind: str,
    name: str,
    outlet_id: int | None,
    *,
    at: dt.datetime,
    by: str,
    role: str | None = None,
    reliability: str | None = None,
) -> dict[str, Any]:
    """The columns of a new source (``name``: the outlet's own, for an outlet)."""
    return {
        "kind": kind,
        "name": name,
        "name_key": name_key(name, "source"),
        "role": role,
        "reliability": reliability,
        "outlet_id": outlet_id,
        "created_at": at,
        "created_by": by,
    }


def same_claim(claim: Any, others: Iterable[Any]) -> list[int]:
    """The ids of ``others`` (rows of one outlet and day) that are the same claim as
    ``claim``: date, text and URL alike once normalised (what an import skips)."""

    def same(c: Any) -> str:  # a Claim or a row of its columns (the outlet is the same)
        return identity("", claim_date(c), c.text, c.url)

    mine = same(claim)
    return [c.id for c in others if same(c) == mine]


# --- what recording a claim says ------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    """A claim just recorded, with what the desk should be told of it."""

    record: dict[str, Any]  # as ``claim_as_dict`` gives it
    repeats: list[int]  # claims on record that are the same claim (``same_claim``)
    # Each source the claim names, with the other kinds of body its name is on record
    # under (rule 6: one body, one origin, whatever kind it was recorded under).
    also: list[tuple[SourceRef, list[str]]]


def with_article(fields: Mapping[str, Any], article: Mapping[str, str | None]) -> dict[str, Any]:
    """A claim's fields (``make_draft``'s), what is not given taken from its article."""
    inherited = {name: article[name] for name in ("outlet", "date", "url", "headline")}
    return {**fields, **{k: v for k, v in inherited.items() if fields.get(k) is None}}
