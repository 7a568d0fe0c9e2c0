"""Claims, one at a time: recording, editing, retracting and reading them, with their
history and the article they belong to. The rules they keep are in ``claims.store``.
Outlets and sources are in ``registry``, aliases and predicates in ``declarations``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from claims import checks
from claims.drafts import ClaimDraft, SourceRef, make_draft
from claims.errors import (
    InvalidValue,
    NotAllowed,
    NotFound,
)
from claims.parsing import (
    Period,
    normalize_text,
    parse_date,
    today_period,
)
from claims.store import rows
from claims.store.bodies import also_on_record
from claims.store.filing import matching_article
from claims.store.models import (
    Article,
    Claim,
    ClaimSource,
    ClaimVersion,
    Outlet,
    Source,
)
from claims.store.registry import find_outlet, resolve_source
from claims.store.rows import (
    CLAIM_COLUMNS,
    Recorded,
    claim_as_of,
    claim_date,
    claim_dict,
    claim_values,
    now,
    period_of,
    refuse_outside_article,
    same_claim,
    timestamp,
    with_article,
)

# --- claims --------------------------------------------------------------------------


def add_claim(session: Session, draft: ClaimDraft, *, by: str, article: int | None = None) -> Claim:
    """Record a claim, filed under the article its outlet, date, URL and headline match
    (created if need be); or under ``article``, whose outlet, date, URL and headline the
    draft must then have (``article_fields`` gives them)."""
    by = checks.user("by", by)
    claim = Claim(recorded_at=now(), recorded_by=by, version=1)
    if article is not None:
        _in_article(session, draft, article)
    _apply(session, claim, draft, by=by)
    session.add(claim)
    session.flush()
    if claim.id > checks.MAX_ID:
        # SQLite counts on past the last id PostgreSQL holds (a claim restored with the
        # highest id): such a record could no longer be restored onto PostgreSQL.
        raise NotAllowed(
            f"no claim ids are left: the record holds claim {checks.MAX_ID}, the highest id "
            "the database format allows"
        )
    return claim


def record_claim(
    session: Session, fields: Mapping[str, Any], *, by: str, article: int | None = None
) -> Recorded:
    """``claims add``: a claim given as ``make_draft``'s fields (those of ``article``
    not given taken from it), recorded, with what the desk should be told of it.
    ``direct.record_claim`` does the same on a SQLite file without SQLAlchemy."""
    if article is not None:
        fields = with_article(fields, article_fields(session, article))
    draft = make_draft(**fields)
    claim = add_claim(session, draft, by=by, article=article)
    also = [(ref, also_on_record(session, ref.kind, ref.name)) for ref in draft.sources]
    return Recorded(claim_as_dict(claim), repeats(session, claim), also)


# With its outlet, what tells a claim apart from any other (``interop.specs.identity``
# of them): the columns to read of claims that one may repeat.
CLAIM_IDENTITY = (
    Claim.text,
    Claim.url,
    Claim.published_on,
    Claim.published_until,
    Claim.date_precision,
    Claim.date_part,
)


def repeats(session: Session, claim: Claim) -> list[int]:
    """The other claims on record that are the same claim as this one: the same outlet,
    date, text and URL once normalised (what an import skips as already on record)."""
    rows = session.execute(
        select(Claim.id, *CLAIM_IDENTITY).where(  # through the outlet-and-day index
            Claim.outlet_id == claim.outlet_id,
            Claim.published_on == claim.published_on,
            Claim.id != claim.id,
        )
    )
    return same_claim(claim, rows)


def get_claim(session: Session, claim_id: int) -> Claim:
    # An id no claim can have is not looked up: the database would refuse the number.
    in_range = 1 <= claim_id <= checks.MAX_ID
    claim = session.scalar(_claims_query().where(Claim.id == claim_id)) if in_range else None
    if claim is None:
        raise NotFound(f"id: no claim {claim_id} on record")
    return claim


def edit_claim(
    session: Session,
    claim_id: int,
    changes: Mapping[str, Any],
    *,
    by: str,
    note: str | None = None,
    dayfirst: bool | None = None,
) -> Claim:
    """Change some fields of a claim; the version it replaces is kept in its history.

    ``changes`` holds fields as ``make_draft`` takes them; the rest stay as they were.
    """
    by = checks.user("by", by)
    if note is not None:
        checks.plain("note", note)
    claim = get_claim(session, claim_id)
    if claim.retracted_on is not None:
        raise NotAllowed(
            f"claim {claim_id} is retracted (on {claim.retracted_on}); record a new claim instead"
        )
    fields = claim_fields(claim)
    fields.update(changes)
    draft = make_draft(**fields, dayfirst=dayfirst)
    before = claim_as_dict(claim)
    _apply(session, claim, draft, by=by)
    session.flush()
    if claim_as_dict(claim) == before:
        return claim  # nothing changed: no new version
    _keep_version(session, claim, before, change="edit", by=by, note=note)
    claim.updated_at, claim.updated_by = now(), by
    session.flush()
    return claim


def retract_claim(
    session: Session,
    claim_id: int,
    *,
    note: str,
    on: str | dt.date | None = None,
    dayfirst: bool | None = None,
    by: str,
) -> Claim:
    """Mark a claim retracted on ``on`` (a day, as typed or as a date; default today)."""
    by = checks.user("by", by)
    claim = get_claim(session, claim_id)
    if claim.retracted_on is not None:
        raise NotAllowed(f"claim {claim_id} is already retracted (on {claim.retracted_on})")
    if not checks.plain("note", note).strip():
        raise InvalidValue("note", note, "is empty: say why the claim is retracted")
    if isinstance(on, str):
        day = retraction_day(on, dayfirst=dayfirst)
    else:
        # Today where the user is, as `--date today` reads it: not the UTC date, which in
        # the evening west of Greenwich is already tomorrow's.
        day = on or today_period().start
    given = on if isinstance(on, str) else "today" if on is None else None
    check_retraction_date(claim_date(claim), day, given=given)
    _keep_version(session, claim, claim_as_dict(claim), change="retract", by=by, note=note)
    claim.retracted_on = day
    claim.retraction_note = note.strip()
    claim.updated_at, claim.updated_by = now(), by
    session.flush()
    return claim


def retraction_day(text: str, *, field: str = "date", dayfirst: bool | None = None) -> dt.date:
    """A retraction's date as typed. It is a day: "November 2026" would be stored as its
    first day, a date nobody gave."""
    period = parse_date(text, field=field, dayfirst=dayfirst)
    if period.precision != "day":
        raise InvalidValue(
            field,
            text,
            f"is a {period.precision}, not a day: date the retraction to the day, e.g. 2026-11-03",
        )
    return period.start


def check_retraction_date(
    published: Period, on: dt.date, *, field: str = "date", given: object = None
) -> None:
    """A claim cannot be retracted before it was published: before the first day of its
    publication date (a claim of "November 2026" may be retracted on 2026-11-01). Nor
    after today: a retraction is recorded once it has happened, and a date mistyped into
    the future could not be put right (a retracted claim is not edited)."""
    latest = dt.date.today() + dt.timedelta(days=1)  # a day's slack: time zones ahead
    if on > latest:
        raise InvalidValue(
            field,
            on.isoformat() if given is None else given,
            f"is after today ({dt.date.today().isoformat()}): record a retraction once it "
            "has happened",
        )
    if on < published.start:
        raise InvalidValue(
            field,
            on.isoformat() if given is None else given,
            f"is before the claim was published ({published.iso()})",
        )


def list_claims(
    session: Session,
    *,
    outlet: str | None = None,
    subject: str | None = None,
    since: Period | None = None,
    until: Period | None = None,
    include_retracted: bool = True,
) -> list[Claim]:
    """Claims in id order. Dates filter by overlap: a claim dated "October 2026" is
    published since 2026-10-15 and until 2026-10-15 alike."""
    query = _claims_query().order_by(Claim.id)
    if outlet is not None:
        query = query.where(Claim.outlet_id == find_outlet(session, outlet).id)
    if subject is not None:
        # A part of the subject is enough: --subject spain finds "DPRK embassy in Spain".
        query = query.where(Claim.subject_key.contains(normalize_text(subject), autoescape=True))
    if since is not None:
        query = query.where(Claim.published_until >= since.start)
    if until is not None:
        query = query.where(Claim.published_on <= until.end)
    if not include_retracted:
        query = query.where(Claim.retracted_on.is_(None))
    return list(session.scalars(query))


def count_claims(session: Session, *, recorded_by: str | None = None) -> int:
    query = select(func.count()).select_from(Claim)
    if recorded_by is not None:
        query = query.where(Claim.recorded_by == recorded_by)
    return session.scalar(query) or 0


def count_outlets(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Outlet)) or 0


def first_claim_id(session: Session) -> int | None:
    return session.scalar(select(func.min(Claim.id)))


def _claims_query() -> Select[Claim]:
    return select(Claim).options(
        selectinload(Claim.outlet),
        selectinload(Claim.source_links).selectinload(ClaimSource.source),
    )


def _apply(session: Session, claim: Claim, draft: ClaimDraft, *, by: str) -> None:
    """Write a draft's fields onto a claim row (new or existing)."""
    claim.outlet = find_outlet(session, draft.outlet)
    for column, value in zip(CLAIM_COLUMNS, claim_values(draft), strict=True):
        setattr(claim, column, value)
    # Filed (again, after an edit of any of the four) under the article they match.
    claim.article, _ = matching_article(
        session, claim.outlet.id, draft.date, draft.url, draft.headline, at=now(), by=by
    )
    # Two spellings of one source ("Chad O'Carroll", "chad o carroll") are one attribution.
    by_id: dict[int, Source] = {}
    for ref in draft.sources:
        source = resolve_source(session, ref, by=by)
        by_id.setdefault(source.id, source)
    sources = list(by_id.values())
    links = {link.source_id: link for link in claim.source_links}
    claim.source_links = [
        _link(links.get(source.id), source, position) for position, source in enumerate(sources)
    ]


def _link(existing: ClaimSource | None, source: Source, position: int) -> ClaimSource:
    link = existing or ClaimSource(source=source)
    link.position = position
    return link


def _keep_version(
    session: Session,
    claim: Claim,
    snapshot: dict[str, Any],
    *,
    change: str,
    by: str,
    note: str | None,
) -> None:
    session.add(
        ClaimVersion(
            claim_id=claim.id,
            version=claim.version,
            snapshot=json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
            change=change,
            changed_at=now(),
            changed_by=by,
            note=note.strip() if note and note.strip() else None,
        )
    )
    if claim.version >= checks.MAX_ID:  # (an import can bring a claim there)
        raise NotAllowed(
            f"claim {claim.id} is at version {claim.version}, the last the database holds; "
            "record a new claim instead"
        )
    claim.version += 1


def get_article(session: Session, article_id: int) -> Article:
    in_range = 1 <= article_id <= checks.MAX_ID
    article = session.get(Article, article_id) if in_range else None
    if article is None:
        raise NotFound(f"article: no article {article_id} on record")
    return article


def article_fields(session: Session, article_id: int) -> dict[str, str | None]:
    """What a claim of the article takes from it, as ``make_draft`` takes it: outlet,
    date, URL and headline."""
    return _fields(get_article(session, article_id))


def _fields(article: Article) -> dict[str, str | None]:
    return rows.fields_of_article(
        article.outlet.name, article_date(article), article.url, article.headline
    )


def _in_article(session: Session, draft: ClaimDraft, article_id: int) -> None:
    """Refuse a claim for an article whose outlet, date, URL or headline it contradicts,
    or one retracted (its claims were retracted with it)."""
    article = get_article(session, article_id)
    if article.retracted_on is not None:
        raise NotAllowed(
            f"article {article_id} is retracted (on {article.retracted_on}); "
            "record the claim in another article"
        )
    refuse_outside_article(
        draft, article_id, _fields(article), article_date(article), article.match_key
    )


def article_date(article: Article) -> Period:
    period = period_of(
        article.published_on, article.published_until, article.date_precision, article.date_part
    )
    assert period is not None  # NOT NULL columns
    return period


# --- claims as plain data ------------------------------------------------------------


def claim_fields(claim: Claim) -> dict[str, Any]:
    """The claim as the text fields ``make_draft`` takes: what an edit starts from."""
    as_of = claim_as_of(claim)
    return {
        "text": claim.text,
        "outlet": claim.outlet.name,
        "date": claim_date(claim).iso(),
        "sources": [_ref(link.source) for link in claim.source_links],
        "confidence": claim.confidence,
        "url": claim.url,
        "headline": claim.headline,
        "subject": claim.subject,
        "predicate": claim.predicate,
        "value": claim.value,
        "as_of": as_of.iso() if as_of else None,
        "stance": claim.stance if claim.subject else None,
    }


def _ref(source: Source) -> SourceRef:
    return SourceRef(source.kind, source.name)


def claim_as_dict(claim: Claim) -> dict[str, Any]:
    """The claim as a JSON object: what --json prints and history snapshots keep."""
    return claim_dict(claim, claim.outlet.name, [link.source for link in claim.source_links])


def claim_history(claim: Claim) -> list[dict[str, Any]]:
    """Every earlier version, oldest first, each with what replaced it."""
    return history_dicts(claim.versions)


def history_dicts(versions: Iterable[Any]) -> list[dict[str, Any]]:
    """``claim_history`` from a claim's earlier versions: ClaimVersion objects or rows of
    claim_versions, oldest first."""
    return [
        {
            "version": v.version,
            "change": v.change,
            "changed_at": timestamp(v.changed_at),
            "changed_by": v.changed_by,
            "note": v.note,
            "claim": json.loads(v.snapshot),
        }
        for v in versions
    ]


# The fields of a claim an edit can change, in the order `claims show` lists them.
EDITABLE_FIELDS = (
    "text",
    "outlet",
    "date",
    "sources",
    "subject",
    "predicate",
    "value",
    "as_of",
    "stance",
    "confidence",
    "url",
    "headline",
)


def claim_changes(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[tuple[str, Any, Any]]:
    """What differs between two versions of a claim (``claim_as_dict`` objects, or the
    snapshots of its history), as (field, before, after), in EDITABLE_FIELDS order.

    Sources compare by kind and name: a role given to a source later is no edit of the
    claim. A field an older snapshot does not have is left out, not guessed."""
    changes = []
    for field in EDITABLE_FIELDS:
        if field not in before or field not in after:
            continue
        old, new = before[field], after[field]
        if field == "sources":
            old, new = _cited(old), _cited(new)
        if old != new:
            changes.append((field, old, new))
    return changes


def _cited(sources: Any) -> list[str]:
    if not isinstance(sources, list):
        return []
    return [f"{s.get('kind')}:{s.get('name')}" for s in sources if isinstance(s, dict)]
