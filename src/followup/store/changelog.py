"""The change log: every row a unit of work writes, as before and after images.

Designed once, below every use case: the owner's `Scope` hands each INSERT, UPDATE, DELETE
and upsert of the logged tables to a `Recorder`, which reads the rows before and after the
statement; when the unit of work commits, `ChangeLog.record` keeps them as one change in the
same transaction. `followup undo` puts the before images back (newest change first, rows in
reverse order), so every writing command can be taken back without code of its own.

The schedule (`app_schedule`) is derived data: it is not logged, and is planned again after
an undo. The mail tables are not logged either: a message that went out can't be taken back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Table, and_

from followup.store import rows as row_values
from followup.store.change_images import (
    LOGGED_TABLES,
    Change,
    Image,
    RowChange,
    change_row_values,
    change_values,
    decode_image,
    same_image,
)
from followup.store.errors import InvalidDataError
from followup.store.scope import Scope
from followup.store.tables import (
    app_schedule,
    applications,
    change_rows,
    changes,
    metadata,
)

LOGGED: dict[str, Table] = {name: metadata.tables[name] for name in LOGGED_TABLES}
__all__ = ["LOGGED", "Change", "ChangeLog", "Recorder", "RowChange", "logged"]


@dataclass(frozen=True, slots=True)
class Since:
    """Where the change log stands: the newest change's id, how many changes are undone (an
    undo marks an older change, so it shows only in that count), and whether a change after
    the one asked about wrote a setting (which any plan may depend on)."""

    last_id: int
    undone: int
    settings: bool = False


# ---- recording ----------------------------------------------------------------------------


def _key(table: Table, row: Mapping[str, Any]) -> Any:
    return and_(*(column == row[column.name] for column in table.primary_key.columns))


class Recorder:
    """The rows one unit of work changed, in the order written."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.rows: list[RowChange] = []

    def read(self, table: Table, where: Any) -> list[Image]:
        query = self.scope.select(table).where(where) if where is not None else None
        if query is None:
            query = self.scope.select(table)
        return [dict(r) for r in self.scope.connection.execute(query).mappings()]

    def keyed(self, table: Table, values: Mapping[str, Any]) -> Image | None:
        """The row with these key values (None if they don't name one)."""
        if not all(c.name in values for c in table.primary_key.columns):
            return None
        found = self.read(table, _key(table, values))
        return found[0] if found else None

    def note(self, table: Table, before: Image | None, after: Image | None) -> None:
        if before != after:
            self.rows.append(RowChange(table.name, before, after))


def logged(table: Any) -> bool:
    return getattr(table, "name", None) in LOGGED and LOGGED[table.name] is table


# ---- keeping and reading the log ------------------------------------------------------------


class ChangeLog:
    """One owner's change log (through their scope, like every repository)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def record(self, at: datetime, found: Sequence[RowChange]) -> int | None:
        """Keep the rows a unit of work changed as one change; its id (None: no change)."""
        if not found:
            return None
        change_id = self.scope.insert(changes, change_values(at, found))
        self.scope.insert_many(change_rows, change_row_values(change_id, found))
        return change_id

    def since(self, change_id: int | None) -> Since:
        """Where the log stands, and whether a change after `change_id` wrote a setting
        (None: don't look)."""
        from sqlalchemy import func

        last, undone = self.scope.execute(
            self.scope.select(changes, func.max(changes.c.id), func.count(changes.c.undone_at))
        ).one()
        found = Since(int(last or 0), int(undone))
        if change_id is None:
            return found
        query = self.scope.select(change_rows, change_rows.c.id).where(
            change_rows.c.change_id > change_id, change_rows.c.table_name == "settings"
        )
        return replace(found, settings=self.scope.execute(query.limit(1)).first() is not None)

    def recent(self, limit: int = 20) -> list[Change]:
        query = self.scope.select(changes).order_by(changes.c.id.desc()).limit(limit)
        return [_change(r) for r in self.scope.execute(query).mappings()]

    def last_in_effect(self) -> Change | None:
        """The newest change not undone yet, with its rows."""
        query = (
            self.scope.select(changes)
            .where(changes.c.undone_at.is_(None))
            .order_by(changes.c.id.desc())
            .limit(1)
        )
        row = self.scope.execute(query).mappings().first()
        if row is None:
            return None
        found = self.scope.execute(
            self.scope.select(change_rows)
            .where(change_rows.c.change_id == row["id"])
            .order_by(change_rows.c.position)
        ).mappings()
        images = tuple(
            RowChange(r["table_name"], decode_image(r["before"]), decode_image(r["after"]))
            for r in found
        )
        return _change(row, images)

    def undo(self, change: Change, at: datetime) -> None:
        """Put the rows of `change` back as they were before it, newest first, and mark it
        undone. InvalidDataError if a row has changed since (nothing is put back then)."""
        for row in reversed(change.rows):
            table = LOGGED[row.table]
            current = self._current(table, row.image)
            expected = row.after
            if (current is None) != (expected is None) or (
                current is not None and expected is not None and not same_image(current, expected)
            ):
                raise InvalidDataError(
                    f"change {change.id} can't be undone: {row.table} changed since",
                    code="undo.changed-since",
                    params={"change_id": change.id, "table": row.table},
                )
            self._put_back(table, row)
        self.scope.execute(
            self.scope.update(changes)
            .where(changes.c.id == change.id)
            .values(undone_at=row_values.to_utc(at))
        )

    def _current(self, table: Table, image: Image) -> Image | None:
        found = (
            self.scope.execute(self.scope.select(table).where(_key(table, image)))
            .mappings()
            .first()
        )
        return None if found is None else dict(found)

    def _put_back(self, table: Table, row: RowChange) -> None:
        connection = self.scope.connection
        if row.before is None:  # it was added: remove it (with its derived schedule)
            assert row.after is not None
            if table is applications:
                connection.execute(
                    self.scope.delete(app_schedule).where(app_schedule.c.app_id == row.after["id"])
                )
            connection.execute(self.scope.delete(table).where(_key(table, row.after)))
        elif row.after is None:  # it was deleted: add it again, with its id
            connection.execute(table.insert().values(row.before))
        else:
            connection.execute(
                self.scope.update(table).where(_key(table, row.after)).values(row.before)
            )


def _change(row: Mapping[str, Any], found: tuple[RowChange, ...] = ()) -> Change:
    at = row_values.read_datetime(row["at"])
    undone = row["undone_at"]
    return Change(
        id=int(row["id"]),
        at=at,
        summary=str(row["summary"]),
        undone_at=None if undone is None else row_values.read_datetime(undone),
        rows=found,
    )
