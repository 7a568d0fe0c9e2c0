"""The tables, as SQLAlchemy 2.x mapped classes. Nothing else lives here.

The rules that govern these rows (what makes two outlets the same, what is never
deleted) are in ``claims.store``; the schema itself changes only through the Alembic
migrations in ``claims/migrations``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


# Cross-referencing reads every active claim with a proposition in proposition order.
# Through claims_proposition that is one table lookup per claim, scattered over the
# file. This index holds every column the verdicts read (evidence._COLUMNS), so the read
# is one sequential scan through it, for a somewhat larger file (docs/performance.md). SQLite
# only: PostgreSQL caps an index entry near 2.7 kB, which long subjects and values could
# pass, and plans its reads otherwise.
XREF_COLUMNS = (
    "subject_key",
    "predicate_key",
    "id",  # the order claims are judged in, within a proposition
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
    # Always null here, but SQLite counts the index as covering only if it holds every
    # column the query names, its WHERE included.
    "retracted_on",
)
XREF_WHERE = "retracted_on IS NULL AND subject_key IS NOT NULL"
XREF_INDEX = Index("claims_xref", *XREF_COLUMNS, sqlite_where=text(XREF_WHERE)).ddl_if(
    dialect="sqlite"
)
# The retracted claims with a proposition, which citations may still lead to
# (evidence.retracted). They are few, so on SQLite a partial index holding every column
# the verdicts read costs little, and reading them touches that index alone: looked up in
# the table, a few hundred rows scattered over the file bring tens of megabytes of it
# into memory. PostgreSQL gets a plain partial index (its index entries are capped).
RETRACTED_WHERE = "retracted_on IS NOT NULL AND subject_key IS NOT NULL"
RETRACTED_INDEX = Index(
    "claims_retracted",
    "id",
    *[c for c in XREF_COLUMNS if c != "id"],
    sqlite_where=text(RETRACTED_WHERE),
).ddl_if(dialect="sqlite")
RETRACTED_IDS_INDEX = Index(
    "claims_retracted_ids", "id", postgresql_where=text(RETRACTED_WHERE)
).ddl_if(dialect="postgresql")


class Outlet(Base):
    """A publisher: a newspaper, wire agency, state broadcaster, website..."""

    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # name_key makes "Korea Times" and "korea-times" one outlet (see parsing.name_key).
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(2))
    reliability: Mapped[str] = mapped_column(String(1))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))

    __table_args__ = (
        CheckConstraint("reliability IN ('A','B','C','D','E','F')", name="outlet_reliability"),
    )


class Source(Base):
    """Who or what an outlet attributes a claim to."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(300))
    reliability: Mapped[str | None] = mapped_column(String(1))
    # Set only for kind 'outlet': the outlet being cited.
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))

    outlet: Mapped[Outlet | None] = relationship()

    __table_args__ = (
        UniqueConstraint("kind", "name_key", name="source_identity"),
        CheckConstraint(
            "reliability IS NULL OR reliability IN ('A','B','C','D','E','F')",
            name="source_reliability",
        ),
    )


class Article(Base):
    """What an outlet published: one report, with the claims recorded from it.

    Its claims take its outlet and date (and its URL and headline): an article is the
    claims sharing those four, so each claim is in the one article they match
    (``identity.article_key``, held in ``match_key``)."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"))
    published_on: Mapped[dt.date] = mapped_column(Date)
    published_until: Mapped[dt.date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(5))
    date_part: Mapped[str] = mapped_column(String(5), default="")
    url: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    # A hash of date, URL and headline normalised: with the outlet, what makes two
    # articles one. A hash, so that a long URL or headline fits PostgreSQL's index.
    match_key: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    retracted_on: Mapped[dt.date | None] = mapped_column(Date)
    retraction_note: Mapped[str | None] = mapped_column(Text)

    outlet: Mapped[Outlet] = relationship()

    __table_args__ = (
        UniqueConstraint("outlet_id", "match_key", name="article_identity"),
        CheckConstraint("date_precision IN ('day','month','year')", name="article_precision"),
    )


class Claim(Base):
    """One claim as one outlet published it. The row is the current version."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"))  # claims_outlet_day
    # Publication date as a period: "October 2026" is 2026-10-01..2026-10-31, precision month.
    published_on: Mapped[dt.date] = mapped_column(Date, index=True)
    published_until: Mapped[dt.date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(5))
    date_part: Mapped[str] = mapped_column(String(5), default="")
    url: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[int] = mapped_column(Integer)

    # The proposition, for cross-referencing. *_key columns hold the normalised text.
    subject: Mapped[str | None] = mapped_column(Text)
    subject_key: Mapped[str | None] = mapped_column(Text)
    predicate: Mapped[str | None] = mapped_column(Text)
    predicate_key: Mapped[str | None] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(Text)
    value_kind: Mapped[str | None] = mapped_column(String(6))
    # Numeric meaning of the value as a closed interval (dates as YYYYMMDD numbers).
    value_low: Mapped[float | None] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    value_unit: Mapped[str | None] = mapped_column(Text)
    as_of_start: Mapped[dt.date | None] = mapped_column(Date)
    as_of_end: Mapped[dt.date | None] = mapped_column(Date)
    as_of_precision: Mapped[str | None] = mapped_column(String(5))
    as_of_part: Mapped[str | None] = mapped_column(String(5))
    stance: Mapped[str] = mapped_column(String(7))

    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[str | None] = mapped_column(String(200))
    retracted_on: Mapped[dt.date | None] = mapped_column(Date)
    retraction_note: Mapped[str | None] = mapped_column(Text)
    # The article it was published in; its outlet, date, URL and headline are the claim's.
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)

    outlet: Mapped[Outlet] = relationship()
    article: Mapped[Article] = relationship()
    source_links: Mapped[list[ClaimSource]] = relationship(
        order_by="ClaimSource.position", cascade="all, delete-orphan"
    )
    versions: Mapped[list[ClaimVersion]] = relationship(order_by="ClaimVersion.version")

    __table_args__ = (
        CheckConstraint("confidence BETWEEN 1 AND 6", name="claim_confidence"),
        CheckConstraint("stance IN ('asserts','denies')", name="claim_stance"),
        CheckConstraint("date_precision IN ('day','month','year')", name="claim_precision"),
        Index("claims_proposition", "subject_key", "predicate_key"),
        # A claim's outlet and day: where import looks for the claims it could repeat.
        Index("claims_outlet_day", "outlet_id", "published_on"),
        XREF_INDEX,
        RETRACTED_INDEX,
        RETRACTED_IDS_INDEX,
    )


class ClaimSource(Base):
    """A claim's attribution to one source, in the order the outlet gave them."""

    __tablename__ = "claim_sources"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)

    source: Mapped[Source] = relationship()


class ClaimVersion(Base):
    """An earlier version of a claim, kept when it was edited or retracted."""

    __tablename__ = "claim_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    # The claim as it stood at that version, as the JSON object `claims show --json` prints.
    snapshot: Mapped[str] = mapped_column(Text)
    # What replaced it: 'edit' or 'retract'; when, by whom and why.
    change: Mapped[str] = mapped_column(String(10))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("claim_id", "version", name="claim_version_number"),)


class SubjectAlias(Base):
    """Two subject names declared to mean the same thing ("DPRK embassy in Madrid" /
    "North Korean embassy in Spain"). Aliases chain: a = b and b = c make one subject."""

    __tablename__ = "subject_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(Text)
    subject_key: Mapped[str] = mapped_column(Text, index=True)
    other: Mapped[str] = mapped_column(Text)
    other_key: Mapped[str] = mapped_column(Text, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("subject_key", "other_key", name="subject_alias_pair"),)


class Predicate(Base):
    """How a predicate is cross-referenced. Predicates not listed are single-valued."""

    __tablename__ = "predicates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    # Multi-valued: different values stand side by side (competing explanations) instead
    # of conflicting; an explicit denial still conflicts.
    multi_valued: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(200))


class Change(Base):
    """A change to a record that keeps no history of its own: a subject alias taken back
    (kind "alias removed"), an outlet's settings changed ("outlet changed"), a source's
    role or grade replaced ("source changed"). ``record`` is the record as it was before
    (JSON); who changed it and when beside it. Claims keep their own (ClaimVersion)."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    record: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(200))


class SourceLink(Base):
    """One source speaking for another: a spokesman for his ministry, a minister for a
    government, a document for the army that released it. Cross-referencing traces
    origins to the principal. Taken back with ``claims source unlink``; the link as it
    was stays in the log of changes."""

    __tablename__ = "source_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300))
    principal_kind: Mapped[str] = mapped_column(String(20))
    principal_name: Mapped[str] = mapped_column(String(300))
    principal_key: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("kind", "name_key", name="source_link_speaker"),)


class Party(Base):
    """A source (or outlet) declared a party to a subject: a government accusing its
    adversary, a party denying its own involvement. Its accounts on that subject are
    origins, but never confirmation of its own side."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(Text)
    subject_key: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("subject_key", "kind", "name_key", name="party_to_subject"),)
