"""source links and parties; keys that read abbreviations as a reader does

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 17:10:00

``source_links``: one source speaking for another (a spokesman for his ministry), so that
cross-referencing traces origins to the principal. ``parties``: sources declared parties
to a subject, whose accounts on it are origins but no confirmation of their own side.
Both are declarations: taken back, they go to the log of ``changes`` with who and when.

Subjects, predicates and text values are compared by their normalised form, which now
reads "U.S." as "US" (``claims.parsing.fold_abbreviations``). The keys stored for
subjects and predicates are refreshed to match, so that "U.S. Army" recorded before the
upgrade is the same subject as "US Army" recorded after it. Only keys of text holding a
full stop can change. Two predicate settings that become one keep the one without the
stops (multi-valued if either was); two alias pairs that become one, one of them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Imported, not written out: the keys must be the ones this release computes.
from claims.parsing import normalize_text

# Written out, not imported from claims.store.models: a migration keeps building the
# schema it built when it was written (as 0004 does).
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

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("principal_kind", sa.String(length=20), nullable=False),
        sa.Column("principal_name", sa.String(length=300), nullable=False),
        sa.Column("principal_key", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "name_key", name="source_link_speaker"),
    )
    op.create_table(
        "parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("subject_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subject_key", "kind", "name_key", name="party_to_subject"),
    )
    # Retracted claims are few; cross-referencing reads them (a citation may lead to one)
    # through a small partial index instead of the table: on SQLite one holding every
    # column it reads (see claims.store.models), on PostgreSQL the ids.
    where = "retracted_on IS NOT NULL AND subject_key IS NOT NULL"
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(
            "claims_retracted",
            "claims",
            ["id", *[c for c in XREF_COLUMNS if c != "id"]],
            sqlite_where=sa.text(where),
        )
    else:
        op.create_index("claims_retracted_ids", "claims", ["id"], postgresql_where=sa.text(where))
    _refresh_keys()


def downgrade() -> None:
    # (The refreshed keys stay: older rules read them as different spellings, no worse.)
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("claims_retracted", table_name="claims")
    else:
        op.drop_index("claims_retracted_ids", table_name="claims")
    op.drop_table("parties")
    op.drop_table("source_links")


def _refresh_keys() -> None:
    conn = op.get_bind()
    claims = sa.table(
        "claims",
        sa.column("id", sa.Integer),
        sa.column("subject", sa.Text),
        sa.column("subject_key", sa.Text),
        sa.column("predicate", sa.Text),
        sa.column("predicate_key", sa.Text),
    )
    for text_col, key_col in (("subject", "subject_key"), ("predicate", "predicate_key")):
        text, key = claims.c[text_col], claims.c[key_col]
        rows = conn.execute(sa.select(claims.c.id, text, key).where(text.contains("."))).all()
        for claim_id, written, old in rows:
            new = normalize_text(written)
            if new != old:
                conn.execute(
                    sa.update(claims).where(claims.c.id == claim_id).values({key_col: new})
                )

    aliases = sa.table(
        "subject_aliases",
        sa.column("id", sa.Integer),
        sa.column("subject", sa.Text),
        sa.column("subject_key", sa.Text),
        sa.column("other", sa.Text),
        sa.column("other_key", sa.Text),
    )
    pairs = {
        (row.subject_key, row.other_key): row.id
        for row in conn.execute(sa.select(aliases.c.id, aliases.c.subject_key, aliases.c.other_key))
    }
    for row in conn.execute(
        sa.select(aliases).where(
            sa.or_(aliases.c.subject.contains("."), aliases.c.other.contains("."))
        )
    ).all():
        pair = (normalize_text(row.subject), normalize_text(row.other))
        if pair == (row.subject_key, row.other_key):
            continue
        if pair in pairs:  # the same pair is on record already
            conn.execute(sa.delete(aliases).where(aliases.c.id == row.id))
            continue
        del pairs[(row.subject_key, row.other_key)]
        pairs[pair] = row.id
        conn.execute(
            sa.update(aliases)
            .where(aliases.c.id == row.id)
            .values(subject_key=pair[0], other_key=pair[1])
        )

    predicates = sa.table(
        "predicates",
        sa.column("id", sa.Integer),
        sa.column("name", sa.Text),
        sa.column("name_key", sa.Text),
        sa.column("multi_valued", sa.Boolean),
    )
    keys = {row.name_key: row for row in conn.execute(sa.select(predicates)).all()}
    for row in list(keys.values()):
        if "." not in row.name:
            continue
        name_key = normalize_text(row.name)
        if name_key == row.name_key:
            continue
        other = keys.get(name_key)
        if other is not None:
            if row.multi_valued and not other.multi_valued:
                conn.execute(
                    sa.update(predicates)
                    .where(predicates.c.id == other.id)
                    .values(multi_valued=True)
                )
            conn.execute(sa.delete(predicates).where(predicates.c.id == row.id))
        else:
            conn.execute(
                sa.update(predicates).where(predicates.c.id == row.id).values(name_key=new)
            )
