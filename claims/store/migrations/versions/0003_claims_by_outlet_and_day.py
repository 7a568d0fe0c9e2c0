"""claims indexed by outlet and publication day

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 23:45:00

Importing into a database that has claims already looks up, for each claim read, the
claims of its outlet published on its day: the only ones it could repeat. The outlet's
own index could not narrow that down to the day. The new index starts with the outlet,
so it serves everything the old one did, which goes.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("claims_outlet_day", "claims", ["outlet_id", "published_on"])
    op.drop_index("ix_claims_outlet_id", table_name="claims")


def downgrade() -> None:
    op.create_index("ix_claims_outlet_id", "claims", ["outlet_id"])
    op.drop_index("claims_outlet_day", table_name="claims")
