"""When an interview was recorded: `--as-of T` leaves out one booked after T.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL for the interviews recorded before: their booking time is not known
    op.add_column("interviews", sa.Column("booked_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("booked_at")
