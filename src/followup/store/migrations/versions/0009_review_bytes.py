"""A review item's message kept with it when it was handed in as a file (an uploaded .eml):
there is no mailbox to fetch it from again when the user files it. And a stamp on each
schedule row, new at each re-plan, so a front end that keeps plans re-plans only the
applications written to since it looked.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL for the items the sync found: their message is in the mailbox
    op.add_column("mail_review", sa.Column("raw", sa.LargeBinary()))
    op.add_column(
        "app_schedule", sa.Column("stamp", sa.BigInteger(), nullable=False, server_default="0")
    )


def downgrade() -> None:
    with op.batch_alter_table("app_schedule") as batch:
        batch.drop_column("stamp")
    with op.batch_alter_table("mail_review") as batch:
        batch.drop_column("raw")
