"""An owner's rows of every table, out and back in: the store's side of backup and restore.

Driven by the tables' metadata, not by a list kept by hand: every table of the store's
`metadata` with an `owner_id` is carried, every column but the owner, values made JSON by
their column's type (datetimes as UTC ISO 8601, dates ISO, bytes base64). A table or column
added by a later migration is carried without an edit here; table modules are found by name
(`followup.store.*tables*`), so a new one registers itself by being named so.

Rows keep their ids: action ids (`3-i7-thank-you-p9`) and references between rows name them,
so a restored search plans exactly as the original. Leases (`claimed_until`, `claimed_by`)
belong to the process that took them and are not restored.
"""

from __future__ import annotations

import base64
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, Table, func, insert, select, text

from followup.store.mail_tables import as_utc
from followup.store.repositories import Repository
from followup.store.tables import metadata

LEASES = frozenset({"claimed_until", "claimed_by"})
CHUNK = 2000


def owned_tables() -> list[Table]:
    """Every table of an owner's data, parents before children."""
    import followup.store as package

    for found in pkgutil.iter_modules(package.__path__):
        if found.name.endswith("tables"):
            importlib.import_module(f"followup.store.{found.name}")
    return [t for t in metadata.sorted_tables if "owner_id" in t.c]


def column_kind(column: Any) -> str:
    """How a column's values are carried: datetime, date, bytes or plain."""
    kind = column.type
    kind = getattr(kind, "impl_instance", None) or getattr(kind, "impl", kind)
    if isinstance(kind, DateTime):
        return "datetime"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, LargeBinary):
        return "bytes"
    return "plain"


def _encoder(kind: str) -> Callable[[Any], Any]:
    if kind == "datetime":
        return lambda v: None if v is None else as_utc(v).isoformat()  # type: ignore[union-attr]
    if kind == "date":
        return lambda v: None if v is None else v.isoformat()
    if kind == "bytes":
        return lambda v: None if v is None else base64.b64encode(bytes(v)).decode("ascii")
    return lambda v: v


def _decoder(kind: str) -> Callable[[Any], Any]:
    if kind == "datetime":
        return lambda v: None if v is None else as_utc(datetime.fromisoformat(v))
    if kind == "date":
        return lambda v: None if v is None else date.fromisoformat(v)
    if kind == "bytes":
        return lambda v: None if v is None else base64.b64decode(v)
    return lambda v: v


class Dump(Repository):
    """One owner's rows of every table, as JSON-ready data, and back."""

    def tables(self) -> dict[str, dict[str, Any]]:
        out = {}
        for table in owned_tables():
            columns = [c for c in table.c if c.name != "owner_id"]
            encoders = [_encoder(column_kind(c)) for c in columns]
            query = self.scope.select(table, *columns).order_by(*table.primary_key.columns)
            rows = [
                [enc(v) for enc, v in zip(encoders, row, strict=True)]
                for row in self.scope.execute(query)
            ]
            out[table.name] = {"columns": [c.name for c in columns], "rows": rows}
        return out

    def count(self) -> int:
        """How many rows the owner has in all tables."""
        total = 0
        for table in owned_tables():
            query = self.scope.select(table, func.count())
            total += int(self.scope.execute(query).scalar_one())
        return total

    def load(self, tables: dict[str, dict[str, Any]]) -> dict[str, int]:
        """Insert the rows of a dump (ids kept) as this owner's; rows per table."""
        counts = {}
        for table in owned_tables():
            data = tables.get(table.name)
            if not data or not data["rows"]:
                continue
            names = list(data["columns"])
            if self.scope.dialect == "sqlite":
                self._load_sqlite(table, names, data["rows"])
            else:
                decoders = [_decoder(column_kind(table.c[n])) for n in names]
                kept = [i for i, n in enumerate(names) if n not in LEASES]
                rows = (
                    self.scope.owned(table, {names[i]: decoders[i](row[i]) for i in kept})
                    for row in data["rows"]
                )
                for chunk in _chunks(rows):
                    self.scope.execute(insert(table), chunk)
            counts[table.name] = len(data["rows"])
            self._advance_sequence(table)
        return counts

    def _load_sqlite(self, table: Table, names: list[str], rows: list[list[Any]]) -> None:
        """The same rows through one prepared statement and the columns' own bind
        processors: a restore of 10,000 applications in seconds rather than tens."""
        dialect = self.scope.connection.dialect
        kept = [i for i, n in enumerate(names) if n not in LEASES]
        columns = [table.c[names[i]] for i in kept]
        statement = insert(table).compile(
            dialect=dialect, column_keys=[c.name for c in columns] + ["owner_id"]
        )
        order = list(statement.positiontup or [])
        converters = {
            c.name: _converter(column_kind(c), c.type._cached_bind_processor(dialect))
            for c in columns
        }
        at = {names[i]: i for i in kept}
        by_column = list(zip(*rows, strict=True))  # column-wise: map() runs each in C
        values: list[Any] = []
        for name in order:
            if name == "owner_id":  # whose the rows are: from the scope, the one door
                values.append([self.scope.owned(table, {})["owner_id"]] * len(rows))
                continue
            convert = converters[name]
            found = by_column[at[name]]
            values.append(found if convert is None else map(convert, found))
        self.scope.connection.exec_driver_sql(str(statement), list(zip(*values, strict=True)))

    def _advance_sequence(self, table: Table) -> None:
        """PostgreSQL: the id sequence past the ids written (SQLite needs nothing)."""
        if self.scope.dialect != "postgresql" or "id" not in table.c:
            return
        if not table.c.id.autoincrement or not table.c.id.primary_key:
            return
        top = self.scope.execute(select(func.max(table.c.id))).scalar_one()
        self.scope.execute(
            text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v)"),
            {"t": table.name, "v": max(int(top or 1), 1)},
        )


def _converter(kind: str, bind: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """JSON value -> what the driver takes: decoded by kind, then the column's own binding
    (None: taken as it is)."""
    decode = None if kind == "plain" else _decoder(kind)
    if bind is None:
        return decode
    if decode is None:
        return bind
    return lambda value: bind(decode(value))


def _chunks(rows: Iterator[dict[str, Any]] | Any) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
