"""The one scoping helper: every statement of a repository is built here, for one owner.

A repository never writes `select(table)`; it asks its `Scope`, which adds
`table.owner_id = :owner` to every SELECT, UPDATE and DELETE and sets `owner_id` on every
INSERT. A test runs every repository method as a second owner and finds none of the first
owner's rows (tests/app/test_app_owners.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Delete, Select, Table, Update, delete, insert, select, update

from followup.store.values import owned

if TYPE_CHECKING:
    from followup.store.changelog import Recorder


class Scope:
    """An open transaction's connection, seen as one owner.

    With a `recorder` (followup.store.changelog), every row written to a logged table is
    noted with its image before and after the statement: the change log behind undo."""

    def __init__(self, connection: Connection, owner_id: int) -> None:
        self.connection = connection
        self.owner_id = owner_id
        self.recorder: Recorder | None = None

    def _recording(self, table: Any) -> Recorder | None:
        from followup.store.changelog import logged

        return self.recorder if self.recorder is not None and logged(table) else None

    @property
    def dialect(self) -> str:
        return self.connection.dialect.name

    def select(self, table: Table, *columns: Any) -> Select[Any]:
        query = select(*columns) if columns else select(table)
        return query.where(table.c.owner_id == self.owner_id)

    def update(self, table: Table) -> Update:
        return update(table).where(table.c.owner_id == self.owner_id)

    def delete(self, table: Table) -> Delete:
        return delete(table).where(table.c.owner_id == self.owner_id)

    def owned(self, table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
        """`values` of a new row of this owner (and a public id where the table has one)."""
        return owned(self.owner_id, table.c.keys(), values)

    def insert(self, table: Table, values: Mapping[str, Any]) -> int:
        """Insert one row; its integer id."""
        key = self.connection.execute(
            insert(table).values(self.owned(table, values))
        ).inserted_primary_key
        assert key is not None  # every table inserted this way has an integer primary key
        recorder = self._recording(table)
        if recorder is not None:
            recorder.note(table, None, recorder.keyed(table, {"id": key[0]}))
        return int(key[0])

    def insert_many(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            owned = [self.owned(table, r) for r in rows]
            self.connection.execute(insert(table), owned)
            recorder = self._recording(table)
            if recorder is not None:
                for row in owned:
                    recorder.note(table, None, recorder.keyed(table, row))

    def execute(self, statement: Any, parameters: Any = None) -> Any:
        """Run a statement built by this scope (select/update/delete above)."""
        recorder = None
        if isinstance(statement, Update | Delete):
            recorder = self._recording(statement.table)
        if recorder is None:
            return self.connection.execute(statement, parameters)
        table = statement.table
        before = recorder.read(table, statement.whereclause)
        result = self.connection.execute(statement, parameters)
        for old in before:
            after = None if isinstance(statement, Delete) else recorder.keyed(table, old)
            recorder.note(table, old, after)
        return result

    def upsert(self, table: Table, keys: Sequence[str], values: Mapping[str, Any]) -> Any:
        """INSERT ... ON CONFLICT (owner_id, keys) DO UPDATE: both SQLite and PostgreSQL
        have it, each through its own SQLAlchemy construct."""
        row = self.owned(table, values)
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        elif self.dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
        else:
            raise NotImplementedError(f"upsert on {self.dialect}")
        statement = dialect_insert(table).values(row)
        changes = {k: v for k, v in row.items() if k not in keys and k != "owner_id"}
        recorder = self._recording(table)
        before = None if recorder is None else recorder.keyed(table, row)
        result = self.connection.execute(
            statement.on_conflict_do_update(index_elements=["owner_id", *keys], set_=changes)
        )
        if recorder is not None:
            recorder.note(table, before, recorder.keyed(table, row))
        return result
