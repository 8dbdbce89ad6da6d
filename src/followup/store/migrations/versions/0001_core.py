"""The job search: applications, people, interviews, touches, skips, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ZONE = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_tz", ZONE, nullable=False),
        sa.Column("country", sa.String(2)),
        sa.Column("tz", ZONE),
        sa.Column("outcome", sa.String(20)),
        sa.Column("outcome_at", sa.DateTime(timezone=True)),
        sa.Column("outcome_tz", ZONE),
        sa.Column("competing_offer_by", sa.Date),
        sa.Column("company_domain", sa.String(253)),
        sa.Column("notes", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_applications"),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("app_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("phone", sa.String(50)),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("connection", sa.Boolean, nullable=False),
        sa.Column("tz", ZONE),
        sa.Column("country", sa.String(2)),
        sa.Column("title", sa.String(200)),
        sa.Column("linkedin", sa.String(300)),
        sa.Column("email_bounced", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.ForeignKeyConstraint(
            ["app_id"], ["applications.id"], name="fk_people_app_id_applications"
        ),
    )
    op.create_index("ix_people_app_id", "people", ["app_id"])
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("app_id", sa.Integer, nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True)),
        sa.Column("tz", ZONE, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("decision_by", sa.Date),
        sa.Column("no_follow_up", sa.Boolean, nullable=False),
        sa.Column("location", sa.Text),
        sa.Column("video_link", sa.Text),
        sa.Column("ical_uid", sa.String(300)),
        sa.Column("ical_sequence", sa.Integer, nullable=False),
        sa.Column("cancelled", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_interviews"),
        sa.ForeignKeyConstraint(
            ["app_id"], ["applications.id"], name="fk_interviews_app_id_applications"
        ),
    )
    op.create_index("ix_interviews_app_id", "interviews", ["app_id"])
    op.create_table(
        "interview_people",
        sa.Column("interview_id", sa.Integer, nullable=False),
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("interview_id", "person_id", name="pk_interview_people"),
        sa.ForeignKeyConstraint(
            ["interview_id"], ["interviews.id"], name="fk_interview_people_interview_id_interviews"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_interview_people_person_id_people"
        ),
    )
    op.create_table(
        "touches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("app_id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("at_tz", ZONE, nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("person_id", sa.Integer),
        sa.Column("decision_by", sa.Date),
        sa.Column("return_date", sa.Date),
        sa.Column("action_id", sa.String(200)),
        sa.Column("message_id", sa.String(300)),
        sa.Column("summary", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_touches"),
        sa.ForeignKeyConstraint(
            ["app_id"], ["applications.id"], name="fk_touches_app_id_applications"
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name="fk_touches_person_id_people"),
    )
    op.create_index("ix_touches_app_id", "touches", ["app_id"])
    op.create_index("ix_touches_message_id", "touches", ["message_id"])
    op.create_table(
        "skips",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("app_id", sa.Integer, nullable=False),
        sa.Column("action_id", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("at_tz", ZONE, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_skips"),
        sa.ForeignKeyConstraint(
            ["app_id"], ["applications.id"], name="fk_skips_app_id_applications"
        ),
        sa.UniqueConstraint("app_id", "action_id", name="uq_skips_app_action"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )


def downgrade() -> None:
    for table in (
        "settings",
        "skips",
        "touches",
        "interview_people",
        "interviews",
        "people",
        "applications",
    ):
        op.drop_table(table)
