"""Job alerts: sources, postings, saved searches and digests.

Every table has an `owner_id`; a match points at its search, posting and digest through
composite (owner_id, id) keys, as in 0003.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)
TABLES = ("alert_matches", "alert_digests", "alert_postings", "alert_searches", "alert_sources")


def _owner(table: str) -> list[Any]:
    return [
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["owners.id"], name=f"fk_{table}_owner_id_owners"),
    ]


def _with_id(table: str) -> list[Any]:
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        *_owner(table),
    ]


def _owned_by(columns: list[str], parent: str, name: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["owner_id", *columns], [f"{parent}.owner_id", f"{parent}.id"], name=name
    )


def upgrade() -> None:
    op.create_table(
        "alert_sources",
        *_with_id("alert_sources"),
        sa.Column("spec", sa.String(500), nullable=False),
        sa.Column("etag", sa.String(300)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("checked_at", STAMP),
        sa.Column("last_error", sa.Text, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.UniqueConstraint("owner_id", "spec", name="uq_alert_sources_spec"),
    )
    op.create_table(
        "alert_searches",
        *_with_id("alert_searches"),
        sa.Column("public_id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("filters", sa.Text, nullable=False),
        sa.Column("paused", sa.Boolean, nullable=False),
        sa.Column("unsubscribe_token", sa.String(64), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.UniqueConstraint("public_id", name="uq_alert_searches_public_id"),
        sa.UniqueConstraint("unsubscribe_token", name="uq_alert_searches_unsubscribe_token"),
        sa.UniqueConstraint("owner_id", "id", name="uq_alert_searches_owner_id"),
    )
    op.create_table(
        "alert_postings",
        *_with_id("alert_postings"),
        sa.Column("key", sa.String(600), nullable=False),
        sa.Column("url_key", sa.String(1000), nullable=False),
        sa.Column("title_key", sa.String(600), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("signature", sa.LargeBinary),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("seen_at", STAMP, nullable=False),
        sa.Column("duplicate_of", sa.String(600)),
        sa.UniqueConstraint("owner_id", "key", name="uq_alert_postings_key"),
        sa.UniqueConstraint("owner_id", "id", name="uq_alert_postings_owner_id"),
    )
    op.create_index("ix_alert_postings_owner_seen", "alert_postings", ["owner_id", "seen_at"])
    op.create_table(
        "alert_digests",
        *_with_id("alert_digests"),
        sa.Column("period", sa.String(40), nullable=False),
        sa.Column("items", sa.Integer, nullable=False),
        sa.Column("outbox_key", sa.String(200)),
        sa.Column("created_at", STAMP, nullable=False),
        sa.UniqueConstraint("owner_id", "period", name="uq_alert_digests_period"),
        sa.UniqueConstraint("owner_id", "id", name="uq_alert_digests_owner_id"),
    )
    op.create_table(
        "alert_matches",
        *_owner("alert_matches"),
        sa.Column("search_id", sa.Integer, nullable=False),
        sa.Column("posting_id", sa.Integer, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("matched_at", STAMP, nullable=False),
        sa.Column("digest_id", sa.Integer),
        sa.PrimaryKeyConstraint("owner_id", "search_id", "posting_id", name="pk_alert_matches"),
        _owned_by(["search_id"], "alert_searches", "fk_alert_matches_search"),
        _owned_by(["posting_id"], "alert_postings", "fk_alert_matches_posting"),
        _owned_by(["digest_id"], "alert_digests", "fk_alert_matches_digest"),
    )
    op.create_index("ix_alert_matches_owner_digest", "alert_matches", ["owner_id", "digest_id"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
