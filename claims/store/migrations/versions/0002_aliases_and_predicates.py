"""subject aliases and predicate settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 17:46:20.765486
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "predicates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("multi_valued", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_key"),
    )
    op.create_table(
        "subject_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("subject_key", sa.Text(), nullable=False),
        sa.Column("other", sa.Text(), nullable=False),
        sa.Column("other_key", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subject_key", "other_key", name="subject_alias_pair"),
    )
    with op.batch_alter_table("subject_aliases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_subject_aliases_other_key"), ["other_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_subject_aliases_subject_key"), ["subject_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("subject_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subject_aliases_subject_key"))
        batch_op.drop_index(batch_op.f("ix_subject_aliases_other_key"))

    op.drop_table("subject_aliases")
    op.drop_table("predicates")
