"""Which article a claim is filed under: the one its outlet, date, URL and headline
match (``identity.article_key``), created with the claim when there is none yet.

Apart from ``articles`` (which reads and changes articles) so that ``records`` can file
a claim without the two importing each other."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims.parsing import Period
from claims.store.identity import article_key
from claims.store.models import Article
from claims.store.rows import new_article_row


def matching_article(
    session: Session,
    outlet_id: int,
    date: Period,
    url: str | None,
    headline: str | None,
    *,
    at: dt.datetime,
    by: str,
    byline: str | None = None,
) -> tuple[Article, bool]:
    """The article these belong to, and whether it was created just now."""
    key = article_key(date, url, headline)
    found = session.scalar(
        select(Article).where(Article.outlet_id == outlet_id, Article.match_key == key)
    )
    if found is not None:
        return found, False
    article = Article(
        **new_article_row(outlet_id, date, url, headline, at=at, by=by, byline=byline)
    )
    session.add(article)
    session.flush()
    return article, True
