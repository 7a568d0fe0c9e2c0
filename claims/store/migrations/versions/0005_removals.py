"""removals: declarations taken back, with who took them back and when

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 16:50:00

A subject alias declared by mistake is taken back (``claims alias remove``). The alias
row goes, so that cross-referencing no longer joins the two subjects, but the record of
it stays here with who removed it and when: every change to the record says who made it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "removals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=False),
        sa.Column("removed_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("removals")
