"""Reminders sent once per day and target, and the questions saved for an interview.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)


def _owner(table: str) -> list[Any]:
    return [
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["owners.id"], name=f"fk_{table}_owner_id_owners"),
    ]


def upgrade() -> None:
    op.create_table(
        "reminder_sends",
        *_owner("reminder_sends"),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("target", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("subject_key", sa.String(100), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("claimed_until", STAMP),
        sa.Column("last_error", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.Column("sent_at", STAMP),
        sa.PrimaryKeyConstraint(
            "owner_id", "day", "target", "kind", "subject_key", name="pk_reminder_sends"
        ),
    )
    op.create_table(
        "interview_questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        *_owner("interview_questions"),
        sa.Column("interview_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_interview_questions"),
        sa.UniqueConstraint("owner_id", "id", name="uq_interview_questions_owner_id"),
        sa.ForeignKeyConstraint(
            ["owner_id", "interview_id"],
            ["interviews.owner_id", "interviews.id"],
            name="fk_interview_questions_interview",
        ),
    )


def downgrade() -> None:
    op.drop_table("interview_questions")
    op.drop_table("reminder_sends")
