"""Articles: what an outlet published, with the claims recorded from it.

An article is its outlet, date, URL and headline (normalised, ``identity.article_key``)
and every claim is filed under the one its own four match (``filing``): recorded
under an article, a claim takes them from it. Retracting an article retracts every
active claim in it, in the same transaction, each claim's history saying why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import BindParameter, bindparam, select
from sqlalchemy.orm import Session

from claims import checks
from claims.articledraft import ArticleDraft
from claims.errors import AlreadyExists, InvalidValue, NotAllowed
from claims.parsing import today_period
from claims.store.changes import now
from claims.store.db import as_date, plain_rows
from claims.store.filing import matching_article
from claims.store.models import Article, Claim, Outlet
from claims.store.records import (
    article_date,
    check_retraction_date,
    get_article,
    retract_claim,
    retraction_day,
)
from claims.store.registry import find_outlet
from claims.store.rows import period_of


def add_article(session: Session, draft: ArticleDraft, *, by: str) -> Article:
    """Record an article; one with the same outlet, date, URL and headline is refused."""
    by = checks.user("by", by)
    outlet = find_outlet(session, draft.outlet)
    article, created = matching_article(
        session,
        outlet.id,
        draft.date,
        draft.url,
        draft.headline,
        at=now(),
        by=by,
        byline=draft.byline,
    )
    if not created:
        raise AlreadyExists(
            f"article {article.id} is already on record with that outlet, date, URL and "
            "headline: claims article show " + str(article.id)
        )
    return article


@dataclass(frozen=True)
class ArticleRow:
    article: Article
    claims: list[int]  # its claims' ids, in order

    def as_dict(self) -> dict[str, Any]:
        a = self.article
        date = article_date(a)
        return {
            "id": a.id,
            "outlet": a.outlet.name,
            "date": date.iso(),
            "date_precision": date.precision,
            "url": a.url,
            "headline": a.headline,
            "byline": a.byline,
            "retracted_on": a.retracted_on.isoformat() if a.retracted_on else None,
            "retraction_note": a.retraction_note,
            "claims": self.claims,
        }


def article_row(session: Session, article_id: int) -> ArticleRow:
    article = get_article(session, article_id)
    ids = session.scalars(select(Claim.id).where(Claim.article_id == article.id).order_by(Claim.id))
    return ArticleRow(article, list(ids))


def list_articles(session: Session) -> list[ArticleRow]:
    """Every article, in the order recorded, with its claims' ids."""
    claims: dict[int, list[int]] = {}
    for article_id, claim_id in session.execute(
        select(Claim.article_id, Claim.id).order_by(Claim.id)
    ):
        claims.setdefault(article_id, []).append(claim_id)
    articles = session.scalars(select(Article).order_by(Article.id))
    return [ArticleRow(a, claims.get(a.id, [])) for a in articles]


class PublishedArticle(NamedTuple):
    """An article as a report shows it: plain data, no session needed to read it. A
    tuple: made by the ten thousand, several times quicker than a frozen dataclass."""

    id: int
    outlet: str
    outlet_key: str
    published: str  # its date as text, to its precision (Period.iso)
    published_on: dt.date  # the first day of that date
    url: str | None
    headline: str | None
    byline: str | None
    retracted_on: dt.date | None
    retraction_note: str | None


_BATCH = 5_000  # ids to a statement: far below what PostgreSQL binds in one (65,535)
_COLUMNS = (
    Article.id,
    Article.outlet_id,
    Article.published_on,
    Article.published_until,
    Article.date_precision,
    Article.date_part,
    Article.url,
    Article.headline,
    Article.byline,
    Article.retracted_on,
    Article.retraction_note,
)


def published_articles(session: Session, ids: Iterable[int]) -> dict[int, PublishedArticle]:
    """The articles with these ids, by id, read as plain rows (``db.plain_rows``): a
    report on a large record asks for tens of thousands."""
    outlets = {
        i: (name, key)
        for i, name, key in session.execute(select(Outlet.id, Outlet.name, Outlet.name_key))
    }
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    queries: list[Any]
    low, high = wanted[0], wanted[-1]
    if 4 * len(wanted) >= high - low + 1:
        # Most of a range of ids (a report on the whole record): reading the range and
        # passing over the few not wanted is several times quicker than naming each.
        queries = [select(*_COLUMNS).where(Article.id.between(low, high))]
    else:
        queries = []
        for start in range(0, len(wanted), _BATCH):
            batch: BindParameter[list[int]] = bindparam(
                "ids", wanted[start : start + _BATCH], expanding=True
            )
            queries.append(select(*_COLUMNS).where(Article.id.in_(batch)))
    keep = set(wanted)
    found: dict[int, PublishedArticle] = {}
    # A few hundred dates, each shared by thousands: made once each.
    dates: dict[tuple[Any, ...], tuple[str, dt.date]] = {}
    for query in queries:
        for row in plain_rows(session, query):
            (i, outlet, on, until, precision, part, url, headline, byline, retracted, note) = row
            if i not in keep:
                continue
            date = dates.get((on, until, precision, part))
            if date is None:
                period = period_of(as_date(on), as_date(until), precision, part)
                assert period is not None  # NOT NULL columns
                date = dates[on, until, precision, part] = (period.iso(), period.start)
            found[i] = PublishedArticle(
                i,
                *outlets[outlet],
                *date,
                url,
                headline,
                byline,
                as_date(retracted) if retracted is not None else None,
                note,
            )
    return found


def retract_article(
    session: Session,
    article_id: int,
    *,
    note: str,
    on: str | None = None,
    dayfirst: bool | None = None,
    by: str,
) -> tuple[Article, list[int]]:
    """Retract an article and every claim in it not retracted already: the article, and
    the claims retracted now. Each claim's history keeps the note."""
    by = checks.user("by", by)
    article = get_article(session, article_id)
    if article.retracted_on is not None:
        raise NotAllowed(f"article {article_id} is already retracted (on {article.retracted_on})")
    if not checks.plain("note", note).strip():
        raise InvalidValue("note", note, "is empty: say why the article is retracted")
    day = retraction_day(on, dayfirst=dayfirst) if on is not None else today_period().start
    check_retraction_date(article_date(article), day, given=on if on is not None else "today")
    active = session.scalars(
        select(Claim.id)
        .where(Claim.article_id == article.id, Claim.retracted_on.is_(None))
        .order_by(Claim.id)
    ).all()
    for claim_id in active:
        retract_claim(session, claim_id, note=note, on=day, by=by)
    article.retracted_on = day
    article.retraction_note = note.strip()
    session.flush()
    return article, list(active)
