"""The pipeline before the interview, offers and names: new columns, nothing rebuilt.

Applications gain what a search tracks before the first interview (`saved` until applied,
the date applied, the job's URL, where it was found, location, work mode, the advertised
salary range, tags, and the company's display name for the drafts' running text) and what an
offer says (its deadline, base and bonus amounts with their currency, notes), and why an
outcome was set when the application did not decide it (`hired-elsewhere`: withdrawn
because another offer was accepted). People gain
`call_me`, the name a greeting uses ("Wei Ling" for "Tan Wei Ling"). Every column is
nullable or has a server default, so existing rows need no rewrite; `tags` holds the
application's tags as one comma-separated, lower-case, sorted text.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

APPLICATION_COLUMNS = (
    ("display_name", sa.String(200)),
    ("applied_on", sa.Date()),
    ("job_url", sa.String(2048)),
    ("source", sa.String(100)),
    ("location", sa.String(200)),
    ("work_mode", sa.String(20)),
    ("salary_min", sa.BigInteger()),
    ("salary_max", sa.BigInteger()),
    ("salary_currency", sa.String(3)),
    ("salary_period", sa.String(10)),
    ("offer_deadline", sa.Date()),
    ("offer_base", sa.BigInteger()),
    ("offer_bonus", sa.BigInteger()),
    ("offer_currency", sa.String(3)),
    ("offer_notes", sa.Text()),
    ("outcome_reason", sa.String(30)),
)


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: a batch (copy-and-move) of `applications` on SQLite
    # would drop a table other tables' foreign keys point at.
    op.add_column(
        "applications",
        sa.Column("saved", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("applications", sa.Column("tags", sa.Text(), nullable=False, server_default=""))
    for name, type_ in APPLICATION_COLUMNS:
        op.add_column("applications", sa.Column(name, type_))
    op.add_column("people", sa.Column("call_me", sa.String(100)))


def downgrade() -> None:
    op.drop_column("people", "call_me")
    for name, _type in reversed(APPLICATION_COLUMNS):
        op.drop_column("applications", name)
    op.drop_column("applications", "tags")
    op.drop_column("applications", "saved")
