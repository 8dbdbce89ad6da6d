"""Owners: every row belongs to one owner; composite keys; public ids; the schedule.

The embedded mode has one owner, LOCAL_OWNER_ID (1), to whom every existing row is given.
Foreign keys between an owner's rows become composite (owner_id, id); unique keys include the
owner; applications, people, interviews, outbox messages and review items get a random
`public_id` for URLs. A touch that records a planned action is unique per action: where an
older database holds two touches of one action, the later ones keep their history but no
longer claim the action. The new `app_schedule` table is filled by the next write.

SQLite can't change keys in place, and PostgreSQL would have every constraint renamed, so the
tables are rebuilt: rows are read, the old tables dropped, the new ones created and the rows
written back, in the one transaction that runs every migration (a personal search is small;
server mode starts from this revision).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from followup.store.migrations.first_schema import (
    CORE_TABLES,
    MAIL_TABLES,
    PARENTS,
    STAMP,
    Columns,
    application_columns,
    folder_state_columns,
    interview_columns,
    interview_person_columns,
    outbox_columns,
    person_columns,
    quarantine_columns,
    review_columns,
    seen_columns,
    serial_id,
    setting_columns,
    skip_columns,
    touch_columns,
)

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LOCAL_OWNER_ID = 1
PUBLIC_ID = sa.String(32)

# Children first: the order old tables are dropped in (and the reverse, created in).
OLD_TABLES = (*MAIL_TABLES, *CORE_TABLES)
DEAD_OUTBOX_STATES = frozenset({"cancelled", "failed"})  # can't go out without the user
WITH_PUBLIC_ID = frozenset({"applications", "people", "interviews", "mail_outbox", "mail_review"})


def _public_id(table: str) -> list[Any]:
    return [
        sa.Column("public_id", PUBLIC_ID, nullable=False),
        sa.UniqueConstraint("public_id", name=f"uq_{table}_public_id"),
    ]


def _owned_by(table: str, column: str) -> sa.ForeignKeyConstraint:
    parent = PARENTS[column]
    return sa.ForeignKeyConstraint(
        ["owner_id", column],
        [f"{parent}.owner_id", f"{parent}.id"],
        name=f"fk_{table}_{column.removesuffix('_id')}",
    )


def _create_owned(
    table: str,
    columns: Columns,
    *,
    key: tuple[str, ...] = ("id",),
    unique: dict[str, tuple[str, ...]] | None = None,
    refs: tuple[str, ...] = (),
) -> None:
    """A table whose rows belong to an owner: a serial id when `key` is the id, the owner, a
    public id for the tables in WITH_PUBLIC_ID, `columns`, then the keys: `unique` (name ->
    columns) each start with the owner, and each of `refs` points at its parent's row of the
    same owner."""
    op.create_table(
        table,
        *([serial_id()] if key == ("id",) else []),
        sa.Column("owner_id", sa.Integer, nullable=False),
        *(_public_id(table) if table in WITH_PUBLIC_ID else []),
        *columns,
        sa.PrimaryKeyConstraint(*key, name=f"pk_{table}"),
        *(sa.UniqueConstraint("owner_id", *on, name=name) for name, on in (unique or {}).items()),
        sa.ForeignKeyConstraint(["owner_id"], ["owners.id"], name=f"fk_{table}_owner_id_owners"),
        *(_owned_by(table, column) for column in refs),
    )


def _create_core() -> None:
    op.create_table(
        "owners",
        serial_id(),
        *_public_id("owners"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_owners"),
    )
    for table, columns, refs in (
        ("applications", application_columns(), ()),
        ("people", person_columns(), ("app_id",)),
        ("interviews", interview_columns(sa.BigInteger), ("app_id",)),
    ):
        _create_owned(table, columns, unique={f"uq_{table}_owner_id": ("id",)}, refs=refs)
    op.create_index("ix_people_owner_app", "people", ["owner_id", "app_id"])
    op.create_index("ix_people_owner_email", "people", ["owner_id", "email"])
    op.create_index("ix_interviews_owner_app", "interviews", ["owner_id", "app_id"])
    op.create_index("ix_interviews_owner_uid", "interviews", ["owner_id", "ical_uid"])
    _create_owned(
        "interview_people",
        interview_person_columns(),
        key=("interview_id", "person_id"),
        refs=("interview_id", "person_id"),
    )
    _create_owned(
        "touches",
        touch_columns(),
        unique={"uq_touches_action": ("app_id", "action_id")},
        refs=("app_id", "person_id"),
    )
    op.create_index("ix_touches_owner_app", "touches", ["owner_id", "app_id"])
    op.create_index("ix_touches_owner_message_id", "touches", ["owner_id", "message_id"])
    _create_owned(
        "skips",
        skip_columns(),
        unique={"uq_skips_action": ("app_id", "action_id")},
        refs=("app_id",),
    )
    _create_owned("settings", setting_columns(), key=("owner_id", "key"))
    schedule: Columns = [
        sa.Column("app_id", sa.Integer, nullable=False),
        sa.Column("next_due_at", STAMP),
        sa.Column("next_action_id", sa.String(200)),
        sa.Column("planned_at", STAMP, nullable=False),
        sa.Column("claimed_until", STAMP),
        sa.Column("claimed_by", sa.String(100)),
    ]
    _create_owned("app_schedule", schedule, key=("owner_id", "app_id"), refs=("app_id",))
    op.create_index("ix_app_schedule_next_due_at", "app_schedule", ["next_due_at"])


def _create_mail() -> None:
    _create_owned(
        "mail_outbox",
        [*outbox_columns(), sa.Column("live_action_id", sa.String(200))],
        unique={
            "uq_mail_outbox_key": ("key",),
            "uq_mail_outbox_live_action": ("live_action_id",),
        },
    )
    op.create_index("ix_mail_outbox_state", "mail_outbox", ["state", "send_after"])
    op.create_index("ix_mail_outbox_owner_action", "mail_outbox", ["owner_id", "action_id"])
    _create_owned(
        "mail_folder_state", folder_state_columns(), key=("owner_id", "account", "folder")
    )
    _create_owned(
        "mail_seen",
        seen_columns(),
        unique={"uq_mail_seen_message": ("account", "folder", "message_id")},
    )
    op.create_index("ix_mail_seen_uid", "mail_seen", ["owner_id", "account", "folder", "uid"])
    _create_owned(
        "mail_review",
        review_columns(),
        unique={"uq_mail_review_message": ("account", "message_id")},
    )
    _create_owned("mail_quarantine", quarantine_columns())


def _new_public_id() -> str:
    return secrets.token_urlsafe(12)


def _in_key_order(table: sa.Table) -> sa.Select[Any]:
    """Rows in primary-key order: the first touch of an action keeps it, whatever order the
    database happens to return rows in."""
    return table.select().order_by(*table.primary_key.columns)


def _read_all(connection: sa.Connection) -> dict[str, list[dict[str, Any]]]:
    """Every old row, read through the reflected tables so values come back typed."""
    meta = sa.MetaData()
    meta.reflect(connection, only=list(OLD_TABLES))
    return {
        table: [dict(r) for r in connection.execute(_in_key_order(meta.tables[table])).mappings()]
        for table in OLD_TABLES
    }


def _carry_over(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of an old table, given to the local owner, with public ids where needed."""
    carried = []
    claimed: set[tuple[Any, Any]] = set()
    claimed_live: set[Any] = set()
    for old in rows:
        row = dict(old) | {"owner_id": LOCAL_OWNER_ID}
        if table in WITH_PUBLIC_ID:
            row["public_id"] = _new_public_id()
        if table == "touches" and row.get("action_id") is not None:
            key = (row["app_id"], row["action_id"])
            if key in claimed:
                row["action_id"] = None  # a second record of one action: history kept
            claimed.add(key)
        if table == "mail_outbox":
            action = row.get("action_id")
            live = action and row["state"] not in DEAD_OUTBOX_STATES and action not in claimed_live
            row["live_action_id"] = action if live else None
            if live:
                claimed_live.add(action)
        carried.append(row)
    return carried


def _reset_sequences(connection: sa.Connection) -> None:
    """PostgreSQL: ids were written explicitly, so each serial sequence moves past them."""
    if connection.dialect.name != "postgresql":
        return
    for table in OLD_TABLES:
        if table in ("interview_people", "settings", "mail_folder_state"):
            continue
        connection.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        )


def upgrade() -> None:
    connection = op.get_bind()
    old = _read_all(connection)
    for index in ("ix_mail_seen_uid", "ix_mail_outbox_state"):
        op.drop_index(index, table_name="mail_seen" if "seen" in index else "mail_outbox")
    for index, table in (
        ("ix_people_app_id", "people"),
        ("ix_interviews_app_id", "interviews"),
        ("ix_touches_app_id", "touches"),
        ("ix_touches_message_id", "touches"),
    ):
        op.drop_index(index, table_name=table)
    for table in OLD_TABLES:
        op.drop_table(table)
    _create_core()
    _create_mail()
    meta = sa.MetaData()
    meta.reflect(connection)
    connection.execute(
        meta.tables["owners"]
        .insert()
        .values(
            id=LOCAL_OWNER_ID,
            public_id=_new_public_id(),
            name="local",
            created_at=datetime.now(UTC),
        )
    )
    for table in reversed(OLD_TABLES):
        rows = _carry_over(table, old[table])
        if rows:
            connection.execute(meta.tables[table].insert(), rows)
    if connection.dialect.name == "postgresql":
        connection.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence('owners', 'id'), "
                f"{LOCAL_OWNER_ID + 1}, false)"
            )
        )
    _reset_sequences(connection)


NEW_TABLES = ("app_schedule", *OLD_TABLES, "owners")


def downgrade() -> None:
    """Back to one owner's tables (refused when the database holds several owners)."""
    import importlib

    connection = op.get_bind()
    meta = sa.MetaData()
    meta.reflect(connection, only=list(NEW_TABLES))
    owner_ids = {r[0] for r in connection.execute(sa.select(meta.tables["owners"].c.id))}
    if owner_ids - {LOCAL_OWNER_ID}:
        raise RuntimeError("the database holds several owners; it can't go back to one")
    data = {
        table: [
            {k: v for k, v in r.items() if k not in ("owner_id", "public_id")}
            for r in connection.execute(meta.tables[table].select()).mappings()
        ]
        for table in OLD_TABLES
    }
    for table in NEW_TABLES:
        op.drop_table(table)
    package = "followup.store.migrations.versions"  # alembic loads this file by path
    for earlier in ("0001_core", "0002_mail"):
        importlib.import_module(f"{package}.{earlier}").upgrade()
    old = sa.MetaData()
    old.reflect(connection, only=list(OLD_TABLES))
    for table in reversed(OLD_TABLES):
        if data[table]:
            connection.execute(old.tables[table].insert(), data[table])
    _reset_sequences(connection)
