"""The mail adapters: outbox, per-folder sync state, messages seen, review queue, quarantine.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.store.migrations.first_schema import (
    folder_state_columns,
    outbox_columns,
    quarantine_columns,
    review_columns,
    seen_columns,
    serial_id,
)

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_outbox",
        serial_id(),
        *outbox_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_mail_outbox"),
        sa.UniqueConstraint("key", name="uq_mail_outbox_key"),
    )
    op.create_index("ix_mail_outbox_state", "mail_outbox", ["state", "send_after"])
    op.create_table(
        "mail_folder_state",
        *folder_state_columns(),
        sa.PrimaryKeyConstraint("account", "folder", name="pk_mail_folder_state"),
    )
    op.create_table(
        "mail_seen",
        serial_id(),
        *seen_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_mail_seen"),
        sa.UniqueConstraint("account", "folder", "message_id", name="uq_mail_seen_message"),
    )
    op.create_index("ix_mail_seen_uid", "mail_seen", ["account", "folder", "uid"])
    op.create_table(
        "mail_review",
        serial_id(),
        *review_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_mail_review"),
        sa.UniqueConstraint("account", "message_id", name="uq_mail_review_message"),
    )
    op.create_table(
        "mail_quarantine",
        serial_id(),
        *quarantine_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_mail_quarantine"),
    )


def downgrade() -> None:
    op.drop_table("mail_quarantine")
    op.drop_table("mail_review")
    op.drop_index("ix_mail_seen_uid", table_name="mail_seen")
    op.drop_table("mail_seen")
    op.drop_table("mail_folder_state")
    op.drop_index("ix_mail_outbox_state", table_name="mail_outbox")
    op.drop_table("mail_outbox")
