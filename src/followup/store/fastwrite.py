"""The everyday writes on the embedded SQLite file through the standard library's sqlite3.

Why: importing SQLAlchemy costs more than the whole start-up budget of `followup app add`,
`touch add` and `done` (0.25 s). These use cases run in this unit of work when the database
is a SQLite file whose schema is current (else in the store's, `UnitOfWork`, which migrates).
It writes what the store writes and nothing of its own:

- the rows: built and checked by followup.store.values, as the store's repositories do;
- the SQL: the store's own statements, compiled from its tables by followup.store.statements
  once per version of the code and kept on disk (followup.kept); every WHERE clause starts
  with `owner_id = :owner_id`;
- the values: datetimes, dates and booleans kept as SQLAlchemy keeps them in SQLite, and
  read back as it reads them, so the change log's images are the same (followup.undo takes
  back either unit's changes);
- the change log: the same rows (followup.store.change_images).

A test writes with both units on copies of the demo data and compares the databases after
each write and after its undo (tests/store/test_fastwrite.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup import kept
from followup.domain import model
from followup.store import rows
from followup.store.change_images import (
    LOGGED_TABLES,
    RowChange,
    change_row_values,
    change_values,
)
from followup.store.checks import check_people_found
from followup.store.errors import ConflictError, not_found
from followup.store.fastread import FastReader, connect_current
from followup.store.ids import is_row_id
from followup.store.values import (
    AddsTouches,
    SetsSchedule,
    already_skipped,
    application_values,
    owned,
    skip_values,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from followup.store.values import ApplicationFields

_HERE = Path(__file__).parent
_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's storage format of a datetime in SQLite


def catalogue() -> dict[str, Any]:
    """The compiled statements and columns (followup.store.statements), kept between runs."""

    def build() -> dict[str, Any]:
        from followup.store.statements import build

        return build()

    built_by = ("statements.py", "tables.py", "dump.py", "fastwrite.py")
    code = [str(_HERE / name) for name in built_by]
    return kept.kept("store-sql", "", code, build)


def _stored(tag: str, value: Any) -> Any:
    """A value as SQLAlchemy binds it for SQLite."""
    if value is None:
        return None
    if tag == "datetime":
        return value.strftime(_DATETIME)
    if tag == "date":
        return value.isoformat()
    if tag == "bool":
        return int(bool(value))
    return value


def _read(tag: str, value: Any) -> Any:
    """A stored value as SQLAlchemy reads it back from SQLite (datetimes naive, in UTC)."""
    if value is None:
        return None
    if tag == "datetime":
        return datetime.fromisoformat(value)
    if tag == "date":
        return date.fromisoformat(value)
    if tag == "bool":
        return bool(value)
    return value


class FastUnitOfWork:
    """One write transaction (BEGIN IMMEDIATE) of one owner on a current SQLite file, with
    the repositories the everyday writes use; what it adds goes to the change log when it
    commits (`change_id`), as `UnitOfWork` does."""

    def __init__(
        self, connection: sqlite3.Connection, owner_id: int, clock: Callable[[], datetime]
    ) -> None:
        self.connection = connection
        self.owner_id = owner_id
        self.clock = clock
        self.change_id: int | None = None
        self.on_change: Callable[[int], None] | None = None
        self.noted: list[RowChange] = []
        found = catalogue()
        self._sql: dict[str, str] = found["sql"]
        self._columns: dict[str, list[tuple[str, str, Any]]] = found["columns"]
        self.reader = FastReader(connection, "", owner_id)
        self.applications = FastApplications(self)
        self.touches = FastTouches(self)
        self.skips = FastSkips(self)
        self.histories = FastHistories(self)
        self.schedule = FastSchedule(self)

    # ---- statements ------------------------------------------------------------------------

    def run(self, name: str, **params: Any) -> sqlite3.Cursor:
        """A compiled statement, for this owner."""
        return self.connection.execute(self._sql[name], {"owner_id": self.owner_id, **params})

    def row(self, table: str, row_id: int) -> sqlite3.Row | None:
        if not is_row_id(row_id):
            return None
        found: sqlite3.Row | None = self.run(f"row {table}", id=row_id).fetchone()
        return found

    def existing(self, table: str, row_id: int) -> sqlite3.Row:
        found = self.row(table, row_id)
        if found is None:
            raise not_found(table, row_id)
        return found

    def bound(self, table: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """The parameters of a new row of this owner: every column, with its default where
        `values` has none (as SQLAlchemy fills them in), stored as SQLAlchemy stores it."""
        columns = self._columns[table]
        given = owned(self.owner_id, [c for c, _, _ in columns], values)
        return {c: _stored(tag, given.get(c, default)) for c, tag, default in columns}

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        """Insert one row; its id. A row of a logged table is noted for the change log."""
        sql = self._sql[f"insert {table}"]
        row_id = self.connection.execute(sql, self.bound(table, values)).lastrowid
        assert row_id is not None
        if table in LOGGED_TABLES:
            added = self.row(table, row_id)
            assert added is not None
            self.noted.append(RowChange(table, None, self.image(table, added)))
        return row_id

    def image(self, table: str, row: sqlite3.Row) -> dict[str, Any]:
        """A row as SQLAlchemy reads it (what the change log keeps)."""
        tags = {c: tag for c, tag, _ in self._columns[table]}
        return {key: _read(tags.get(key, ""), row[key]) for key in row.keys()}  # noqa: SIM118

    # ---- the transaction ---------------------------------------------------------------

    def __enter__(self) -> FastUnitOfWork:
        self.connection.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_exc: object) -> None:
        try:
            if exc_type is not None:
                self.connection.execute("ROLLBACK")
                return
            try:
                self._keep_changes()
                self.connection.execute("COMMIT")
            except sqlite3.IntegrityError as error:
                self.connection.execute("ROLLBACK")
                raise ConflictError(
                    f"another change got there first ({type(error).__name__})",
                    "run the command again",
                ) from None
            if self.change_id is not None and self.on_change is not None:
                self.on_change(self.change_id)
        finally:
            self.connection.close()

    def _keep_changes(self) -> None:
        if not self.noted:
            return
        found, self.noted = self.noted, []
        self.change_id = self.insert("changes", change_values(self.clock(), found))
        for values in change_row_values(self.change_id, found):
            self.insert("change_rows", values)


class _Repository:
    def __init__(self, unit: FastUnitOfWork) -> None:
        self.unit = unit


class FastApplications(_Repository):
    def get(self, app_id: int) -> model.Application:
        return rows.application_from_row(self.unit.existing("applications", app_id))

    def all(self) -> list[model.Application]:
        return [rows.application_from_row(r) for r in self.unit.run("all applications")]

    def add(
        self, company: str, role: str, *, created_at: datetime, **fields: Unpack[ApplicationFields]
    ) -> model.Application:
        values = application_values(company, role, created_at=created_at, **fields)
        return self.get(self.unit.insert("applications", values))


class FastTouches(AddsTouches, _Repository):
    def by_action(self, app_id: int, action_id: str) -> model.Touch | None:
        row = self.unit.run("by action touches", app_id=app_id, action_id=action_id).fetchone()
        return None if row is None else rows.touch_from_row(row)

    def _add(self, values: dict[str, Any]) -> model.Touch:
        """No other writer can come between the look-up and the insert here (the
        transaction holds SQLite's write lock from its start)."""
        app_id = values["app_id"]
        self.unit.existing("applications", app_id)
        person_id = values["person_id"]
        if person_id is not None:
            person = self.unit.row("people", person_id)
            found = {} if person is None else {person["id"]: person["app_id"]}
            check_people_found(app_id, {person_id}, found)
        if values["action_id"] is not None:
            existing = self.by_action(app_id, values["action_id"])
            if existing is not None:
                return existing
        added = self.unit.row("touches", self.unit.insert("touches", values))
        assert added is not None
        return rows.touch_from_row(added)


class FastSkips(_Repository):
    def add(self, app_id: int, action_id: str, at: datetime, reason: str) -> model.Skip:
        values = skip_values(app_id, action_id, at, reason)
        self.unit.existing("applications", app_id)
        if self.unit.run("by action skips", app_id=app_id, action_id=action_id).fetchone():
            raise already_skipped(app_id, action_id)
        self.unit.insert("skips", values)
        return model.Skip(action_id=action_id, app_id=app_id, at=at, reason=values["reason"])


class FastHistories(_Repository):
    def get(self, app_id: int) -> model.History:
        self.unit.existing("applications", app_id)
        return self.unit.reader.load_histories([app_id])[0]


class FastSchedule(SetsSchedule, _Repository):
    def _set(self, app_id: int, values: dict[str, Any]) -> None:
        self.unit.existing("applications", app_id)
        self.unit.run("set app_schedule", **self.unit.bound("app_schedule", values))


def open_fast_unit(
    path: Path, head_revision: str, owner_id: int, clock: Callable[[], datetime]
) -> FastUnitOfWork | None:
    """A unit of work on the SQLite file at `path`, or None if it can't serve (missing, or
    its schema behind: the store migrates it)."""
    connection = connect_current(path, head_revision)
    if connection is None:
        return None
    connection.execute("PRAGMA foreign_keys=ON")  # as the store's engine (followup.store.engine)
    connection.execute("PRAGMA synchronous=NORMAL")
    return FastUnitOfWork(connection, owner_id, clock)
