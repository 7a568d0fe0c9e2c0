"""articles: what an outlet published, with the claims recorded from it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 17:30:00

A claim was its own report: outlet, date, URL and headline repeated on every claim of
one article. An article is now a record, and every claim belongs to one. Claims on
record are filed as the store files a new one: those sharing outlet, date, URL and
headline (normalised: ``identity.article_key``) share an article, created with the
first of them (its time and recorder). Nothing else changes; the claims keep their
URL and headline, which their exports carry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import op

from claims.parsing import Period
from claims.store.identity import article_key

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 5_000

# As 0004 wrote it: rebuilt around the table's rebuild on SQLite (see below).
XREF_COLUMNS = [
    "subject_key",
    "predicate_key",
    "id",
    "outlet_id",
    "confidence",
    "subject",
    "predicate",
    "value",
    "value_kind",
    "value_low",
    "value_high",
    "value_unit",
    "stance",
    "as_of_start",
    "as_of_end",
    "as_of_precision",
    "as_of_part",
    "retracted_on",
]
XREF_WHERE = "retracted_on IS NULL AND subject_key IS NOT NULL"

_claims = sa.table(
    "claims",
    sa.column("id", sa.Integer()),
    sa.column("outlet_id", sa.Integer()),
    sa.column("published_on", sa.Date()),
    sa.column("published_until", sa.Date()),
    sa.column("date_precision", sa.String()),
    sa.column("date_part", sa.String()),
    sa.column("url", sa.Text()),
    sa.column("headline", sa.Text()),
    sa.column("recorded_at", sa.DateTime()),
    sa.column("recorded_by", sa.String()),
    sa.column("article_id", sa.Integer()),
)
_articles = sa.table(
    "articles",
    sa.column("id", sa.Integer()),
    sa.column("outlet_id", sa.Integer()),
    sa.column("published_on", sa.Date()),
    sa.column("published_until", sa.Date()),
    sa.column("date_precision", sa.String()),
    sa.column("date_part", sa.String()),
    sa.column("url", sa.Text()),
    sa.column("headline", sa.Text()),
    sa.column("byline", sa.Text()),
    sa.column("match_key", sa.String()),
    sa.column("created_at", sa.DateTime()),
    sa.column("created_by", sa.String()),
)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("published_until", sa.Date(), nullable=False),
        sa.Column("date_precision", sa.String(length=5), nullable=False),
        sa.Column("date_part", sa.String(length=5), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("headline", sa.Text(), nullable=True),
        sa.Column("byline", sa.Text(), nullable=True),
        sa.Column("match_key", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("retracted_on", sa.Date(), nullable=True),
        sa.Column("retraction_note", sa.Text(), nullable=True),
        sa.CheckConstraint("date_precision IN ('day','month','year')", name="article_precision"),
        sa.ForeignKeyConstraint(["outlet_id"], ["outlets.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("outlet_id", "match_key", name="article_identity"),
    )
    op.add_column("claims", sa.Column("article_id", sa.Integer(), nullable=True))
    _file_claims()
    sqlite = op.get_bind().dialect.name == "sqlite"
    if op.get_bind().dialect.name == "postgresql":
        # The ids were given here, not drawn: the sequence is moved past them.
        op.execute(
            "SELECT setval(pg_get_serial_sequence('articles', 'id'), "
            "coalesce(max(id), 1), max(id) IS NOT NULL) FROM articles"
        )
    if sqlite:
        # The rebuild below copies the table; the partial index is made again after it,
        # as 0004 made it, rather than trusted to the copy.
        op.drop_index("claims_xref", table_name="claims")
    with op.batch_alter_table("claims") as batch:
        batch.alter_column("article_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key("fk_claims_article_id", "articles", ["article_id"], ["id"])
        batch.create_index("ix_claims_article_id", ["article_id"])
    if sqlite:
        op.create_index("claims_xref", "claims", XREF_COLUMNS, sqlite_where=sa.text(XREF_WHERE))


def _file_claims() -> None:
    """Every claim on record into its article, in id order, a batch at a time."""
    conn = op.get_bind()
    keys: dict[tuple[int, str], int] = {}
    next_id = 1
    last = 0
    while True:
        rows = conn.execute(
            sa.select(_claims).where(_claims.c.id > last).order_by(_claims.c.id).limit(_BATCH)
        ).all()
        if not rows:
            return
        new: list[dict[str, Any]] = []
        filed: list[dict[str, Any]] = []
        for row in rows:
            date = Period(
                row.published_on,
                row.published_until,
                row.date_precision,
                row.date_part or "",
            )
            key = (row.outlet_id, article_key(date, row.url, row.headline))
            article = keys.get(key)
            if article is None:
                article = keys[key] = next_id
                next_id += 1
                new.append(_article(article, row, key[1]))
            filed.append({"claim": row.id, "article": article})
        if new:
            conn.execute(sa.insert(_articles), new)
        conn.execute(
            sa.update(_claims)
            .where(_claims.c.id == sa.bindparam("claim"))
            .values(article_id=sa.bindparam("article")),
            filed,
        )
        last = rows[-1].id


def _article(ident: int, claim: Any, key: str) -> dict[str, Any]:
    created: dt.datetime = claim.recorded_at
    return {
        "id": ident,
        "outlet_id": claim.outlet_id,
        "published_on": claim.published_on,
        "published_until": claim.published_until,
        "date_precision": claim.date_precision,
        "date_part": claim.date_part or "",
        "url": claim.url,
        "headline": claim.headline,
        "byline": None,
        "match_key": key,
        "created_at": created,
        "created_by": claim.recorded_by,
    }


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.drop_index("claims_xref", table_name="claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_index("ix_claims_article_id")
        batch.drop_constraint("fk_claims_article_id", type_="foreignkey")
        batch.drop_column("article_id")
    if sqlite:
        op.create_index("claims_xref", "claims", XREF_COLUMNS, sqlite_where=sa.text(XREF_WHERE))
    op.drop_table("articles")
