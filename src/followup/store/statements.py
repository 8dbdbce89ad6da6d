"""The store's own statements for the everyday writes, compiled into SQLite's SQL text.

The sqlite3 unit of work (followup.store.fastwrite) runs this text instead of importing
SQLAlchemy: it is built here from the tables of followup.store.tables (the one definition
of the schema), once per version of this code, and kept on disk like the lint rules
(followup.kept). Each column comes with what its type stores (a datetime as text, a boolean
as 0/1) and its default, so that a row written or read back through sqlite3 is the row
SQLAlchemy would write or read. Every SELECT starts its WHERE clause with the owner.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Table, bindparam, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from followup.store.dump import column_kind
from followup.store.tables import (
    app_schedule,
    applications,
    change_rows,
    changes,
    people,
    skips,
    touches,
)

# The tables the everyday writes add rows to.
WRITTEN = (applications, touches, skips, changes, change_rows)


def _type_tag(column: Any) -> str:
    """How a column's values are kept by SQLAlchemy in SQLite (followup.store.fastwrite)."""
    if isinstance(column.type, Boolean):
        return "bool"
    kind = column_kind(column)
    return "" if kind == "plain" else kind


def _default(column: Any) -> Any:
    default = column.default
    if default is None:
        if column.server_default is not None:
            # An INSERT naming every column would not reach a server default.
            raise TypeError(f"{column}: a server default needs a Python default too")
        return None
    if not default.is_scalar:
        raise TypeError(f"{column}: only scalar defaults can be compiled")
    return default.arg


def _inserted(table: Table) -> list[Any]:
    """The columns an INSERT names: all but an autoincrementing id."""
    return [c for c in table.columns if c is not table.autoincrement_column]


def _owned_select(table: Table, *conditions: Any) -> Any:
    return select(table).where(table.c.owner_id == bindparam("owner_id"), *conditions)


def build() -> dict[str, Any]:
    """{"sql": {name: text}, "columns": {table: [(column, type tag, default), ...]}}."""
    dialect = sqlite.dialect(paramstyle="named")
    statements: dict[str, Any] = {}
    columns: dict[str, list[tuple[str, str, Any]]] = {}
    for table in (*WRITTEN, app_schedule):
        # plain str: a column's name is SQLAlchemy's `quoted_name`, which pickle would keep
        columns[str(table.name)] = [
            (str(c.name), _type_tag(c), _default(c)) for c in _inserted(table)
        ]
    for table in WRITTEN:
        named: dict[str, Any] = {c.name: bindparam(c.name) for c in _inserted(table)}
        statements[f"insert {table.name}"] = insert(table).values(named)
    for table in (*WRITTEN, people):
        statements[f"row {table.name}"] = _owned_select(table, table.c.id == bindparam("id"))
    statements["all applications"] = _owned_select(applications).order_by(applications.c.id)
    for table in (touches, skips):
        statements[f"by action {table.name}"] = _owned_select(
            table,
            table.c.app_id == bindparam("app_id"),
            table.c.action_id == bindparam("action_id"),
        ).order_by(table.c.id)
    upsert = sqlite_insert(app_schedule).values(
        {c.name: bindparam(c.name) for c in _inserted(app_schedule)}
    )
    planned = ("next_due_at", "next_action_id", "planned_at")
    statements["set app_schedule"] = upsert.on_conflict_do_update(
        index_elements=["owner_id", "app_id"], set_={k: upsert.excluded[k] for k in planned}
    )
    return {
        "sql": {name: str(s.compile(dialect=dialect)) for name, s in statements.items()},
        "columns": columns,
    }
