"""The job search: applications, people, interviews, touches, skips, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.store.migrations.first_schema import (
    CORE_TABLES,
    PARENTS,
    Columns,
    application_columns,
    interview_columns,
    interview_person_columns,
    person_columns,
    serial_id,
    setting_columns,
    skip_columns,
    touch_columns,
)

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    parent = PARENTS[column]
    return sa.ForeignKeyConstraint([column], [f"{parent}.id"], name=f"fk_{table}_{column}_{parent}")


def _create(table: str, columns: Columns, *constraints: sa.Constraint) -> None:
    """A table keyed by a serial id."""
    op.create_table(
        table,
        serial_id(),
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        *constraints,
    )


def upgrade() -> None:
    _create("applications", application_columns())
    _create("people", person_columns(), _fk("people", "app_id"))
    op.create_index("ix_people_app_id", "people", ["app_id"])
    _create("interviews", interview_columns(sa.Integer), _fk("interviews", "app_id"))
    op.create_index("ix_interviews_app_id", "interviews", ["app_id"])
    op.create_table(
        "interview_people",
        *interview_person_columns(),
        sa.PrimaryKeyConstraint("interview_id", "person_id", name="pk_interview_people"),
        _fk("interview_people", "interview_id"),
        _fk("interview_people", "person_id"),
    )
    _create("touches", touch_columns(), _fk("touches", "app_id"), _fk("touches", "person_id"))
    op.create_index("ix_touches_app_id", "touches", ["app_id"])
    op.create_index("ix_touches_message_id", "touches", ["message_id"])
    _create(
        "skips",
        skip_columns(),
        _fk("skips", "app_id"),
        sa.UniqueConstraint("app_id", "action_id", name="uq_skips_app_action"),
    )
    op.create_table(
        "settings",
        *setting_columns(),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )


def downgrade() -> None:
    for table in CORE_TABLES:
        op.drop_table(table)
