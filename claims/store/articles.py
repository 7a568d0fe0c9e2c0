"""Articles: what an outlet published, with the claims recorded from it.

An article is its outlet, date, URL and headline (normalised, ``identity.article_key``)
and every claim is filed under the one its own four match (``filing``): recorded
under an article, a claim takes them from it. Retracting an article retracts every
active claim in it, in the same transaction, each claim's history saying why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims import checks
from claims.articledraft import ArticleDraft
from claims.errors import AlreadyExists, InvalidValue, NotAllowed
from claims.parsing import today_period
from claims.store.filing import matching_article
from claims.store.models import Article, Claim
from claims.store.records import (
    article_date,
    check_retraction_date,
    find_outlet,
    get_article,
    now,
    retract_claim,
    retraction_day,
)


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
