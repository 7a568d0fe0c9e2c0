"""changes: who changed a record that keeps no history of its own, when, and from what

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 16:50:00

Claims keep their earlier versions (claim_versions). Declarations and registries do not:
a subject alias taken back (``claims alias remove``) is deleted, so that cross-referencing
no longer joins the two subjects; an outlet's settings (``claims outlet set``) and a
source's role or grade (``claims source add --replace``) are overwritten. Each such
change leaves a row here: what the record was, who changed it and when. Every change to
the record says who made it.
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
        "changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_changes_kind"), ["kind"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_changes_kind"))
    op.drop_table("changes")
