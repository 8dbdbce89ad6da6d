"""The everyday search: the change log behind `followup undo` and `followup log`.

`changes`: one row per committed change of a writing use case (when, what, undone when);
`change_rows`: the before and after images (JSON) of every row it wrote, in order. Both
belong to an owner, like every table (0003).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("undone_at", STAMP),
        sa.PrimaryKeyConstraint("id", name="pk_changes"),
        sa.UniqueConstraint("owner_id", "id", name="uq_changes_owner_id"),
        sa.ForeignKeyConstraint(["owner_id"], ["owners.id"], name="fk_changes_owner_id_owners"),
    )
    op.create_index("ix_changes_owner_undone", "changes", ["owner_id", "undone_at"])
    op.create_table(
        "change_rows",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.Column("change_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_change_rows"),
        sa.ForeignKeyConstraint(["owner_id"], ["owners.id"], name="fk_change_rows_owner_id_owners"),
        sa.ForeignKeyConstraint(
            ["owner_id", "change_id"],
            ["changes.owner_id", "changes.id"],
            name="fk_change_rows_change",
        ),
    )
    op.create_index("ix_change_rows_owner_change", "change_rows", ["owner_id", "change_id"])


def downgrade() -> None:
    op.drop_index("ix_change_rows_owner_change", table_name="change_rows")
    op.drop_table("change_rows")
    op.drop_index("ix_changes_owner_undone", table_name="changes")
    op.drop_table("changes")
