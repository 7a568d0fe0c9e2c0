"""claims read for cross-referencing from one covering index (SQLite)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 04:10:00

Cross-referencing reads every active claim that has a proposition, in proposition
order. Through claims_proposition, each row costs a lookup in the table, scattered over
the file. This partial index holds the columns the verdicts read, in that order, so the
read is one sequential scan. PostgreSQL gets no such index (see claims.store.models).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Written out, not imported from claims.store.models: a migration must keep building the
# schema it built when it was written, whatever the models later say.
COLUMNS = [
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


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(
            "claims_xref",
            "claims",
            COLUMNS,
            sqlite_where=sa.text("retracted_on IS NULL AND subject_key IS NOT NULL"),
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("claims_xref", table_name="claims")
