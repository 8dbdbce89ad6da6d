"""The mail adapters: outbox, per-folder sync state, messages seen, review queue, quarantine.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("account", sa.String(100), nullable=False),
        sa.Column("action_id", sa.String(200)),
        sa.Column("app_id", sa.Integer),
        sa.Column("person_id", sa.Integer),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("state", sa.String(30), nullable=False),
        sa.Column("message", sa.LargeBinary, nullable=False),
        sa.Column("message_id", sa.String(300), nullable=False),
        sa.Column("mail_from", sa.String(300), nullable=False),
        sa.Column("rcpt_tos", sa.Text, nullable=False),
        sa.Column("send_after", STAMP, nullable=False),
        sa.Column("claimed_until", STAMP),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.Column("sent_at", STAMP),
        sa.Column("copy_state", sa.String(10), nullable=False),
        sa.Column("recorded", sa.Boolean, nullable=False),
        sa.Column("force_reason", sa.Text),
        sa.Column("touch_kind", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mail_outbox"),
        sa.UniqueConstraint("key", name="uq_mail_outbox_key"),
    )
    op.create_index("ix_mail_outbox_state", "mail_outbox", ["state", "send_after"])
    op.create_table(
        "mail_folder_state",
        sa.Column("account", sa.String(100), nullable=False),
        sa.Column("folder", sa.String(300), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger, nullable=False),
        sa.Column("last_uid", sa.BigInteger, nullable=False),
        sa.Column("uidnext", sa.BigInteger, nullable=False),
        sa.Column("highestmodseq", sa.BigInteger),
        sa.Column("synced_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("account", "folder", name="pk_mail_folder_state"),
    )
    op.create_table(
        "mail_seen",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("account", sa.String(100), nullable=False),
        sa.Column("folder", sa.String(300), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger, nullable=False),
        sa.Column("uid", sa.BigInteger),
        sa.Column("message_id", sa.String(300), nullable=False),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("seen_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mail_seen"),
        sa.UniqueConstraint("account", "folder", "message_id", name="uq_mail_seen_message"),
    )
    op.create_index("ix_mail_seen_uid", "mail_seen", ["account", "folder", "uid"])
    op.create_table(
        "mail_review",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("account", sa.String(100), nullable=False),
        sa.Column("folder", sa.String(300), nullable=False),
        sa.Column("uid", sa.BigInteger),
        sa.Column("message_id", sa.String(300), nullable=False),
        sa.Column("sender", sa.String(300), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("candidates", sa.Text, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("resolved_at", STAMP),
        sa.Column("resolution", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_mail_review"),
        sa.UniqueConstraint("account", "message_id", name="uq_mail_review_message"),
    )
    op.create_table(
        "mail_quarantine",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("account", sa.String(100), nullable=False),
        sa.Column("folder", sa.String(300), nullable=False),
        sa.Column("uid", sa.BigInteger),
        sa.Column("message_id", sa.String(300), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
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
