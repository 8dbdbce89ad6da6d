"""A read-only view of a SQLite store through the standard library's sqlite3.

Why: importing SQLAlchemy alone takes about 0.2 s, half of the start-up budget of
`followup today`. Listing commands on the default SQLite database read through this module
instead; it returns exactly what `Store` returns (same row conversion in `rows`, and a test
compares the two). It only ever reads, only when the schema is current (else the caller
falls back to `Store`, which migrates), and only plain SELECTs of the tables in `tables`
(and of the mail outbox, for the messages that wait for the user), each scoped to the owner
it was opened for: every statement's WHERE clause starts with `owner_id = ?`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from followup.domain.model import Application, History
from followup.store import rows
from followup.store.closing import Closing

_TABLES = ("applications", "people", "interviews", "touches", "skips")


class FastReader(Closing):
    """The read methods of `Store` that the listing commands need."""

    def __init__(self, connection: sqlite3.Connection, url: str, owner_id: int) -> None:
        self._connection = connection
        self.url = url
        self.owner_id = owner_id

    def close(self) -> None:
        self._connection.close()

    def _select(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """A SELECT whose WHERE clause starts with `owner_id = ?` (given here first)."""
        return self._connection.execute(sql, (self.owner_id, *params)).fetchall()

    def applications(self) -> list[Application]:
        return [
            rows.application_from_row(r)
            for r in self._select("SELECT * FROM applications WHERE owner_id = ? ORDER BY id")
        ]

    def history(self, app_id: int) -> History:
        from followup.store.errors import not_found

        found = self._histories([app_id])
        if not found:
            raise not_found("applications", app_id)
        return found[0]

    def histories(self, app_ids: Iterable[int] | None = None) -> Iterator[History]:
        return iter(self._histories(None if app_ids is None else list(app_ids)))

    def settings(self) -> dict[str, str]:
        return dict(self._select("SELECT key, value FROM settings WHERE owner_id = ?"))  # type: ignore[arg-type]

    def get_setting(self, key: str) -> str | None:
        found = self._select("SELECT value FROM settings WHERE owner_id = ? AND key = ?", [key])
        return found[0][0] if found else None

    def change_summary(self, change_id: int) -> str | None:
        """What the newest change did, in words, if it is the one with this id."""
        found = self._select(
            "SELECT id, summary FROM changes WHERE owner_id = ? ORDER BY id DESC LIMIT 1"
        )
        return str(found[0]["summary"]) if found and found[0]["id"] == change_id else None

    def outbox_rows(self, states: Iterable[str]) -> list[sqlite3.Row]:
        """Rows of the mail outbox in these states, oldest first; none before the mail
        tables exist. The caller turns them into values (followup.mail.held)."""
        wanted = list(states)
        marks = ",".join("?" * len(wanted))
        return self._select(
            f"SELECT * FROM mail_outbox WHERE owner_id = ? AND state IN ({marks}) ORDER BY id",
            wanted,
        )

    def _histories(self, app_ids: list[int] | None) -> list[History]:
        self._connection.execute("BEGIN")  # one snapshot for all the tables
        try:
            return self.load_histories(app_ids)
        finally:
            self._connection.execute("COMMIT")

    def load_histories(self, app_ids: list[int] | None) -> list[History]:
        """The histories of these applications (None: all), inside the caller's transaction."""
        ids = app_ids or []
        marks = ",".join("?" * len(ids))
        found: dict[str, list[sqlite3.Row]] = {}
        for table in _TABLES:
            column = "id" if table == "applications" else "app_id"
            where = " WHERE owner_id = ?"
            if app_ids is not None:
                where += f" AND {column} IN ({marks})"
            found[table] = self._select(f"SELECT * FROM {table}{where} ORDER BY {column}, id", ids)
        interview_ids = [r["id"] for r in found["interviews"]]
        participants = self._select(
            "SELECT * FROM interview_people WHERE owner_id = ? AND interview_id IN "
            f"({','.join('?' * len(interview_ids))})",
            interview_ids,
        )
        return rows.assemble_histories(
            application_rows=found["applications"],
            people_rows=found["people"],
            interview_rows=found["interviews"],
            participant_rows=participants,
            touch_rows=found["touches"],
            skip_rows=found["skips"],
        )


def connect_current(path: Path, head_revision: str) -> sqlite3.Connection | None:
    """A connection to the SQLite file at `path` (no implicit transactions), or None if it
    can't serve without the store (missing, or its schema behind this code's)."""
    if not path.is_file():
        return None
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    connection.row_factory = sqlite3.Row
    try:
        connection.execute("PRAGMA busy_timeout=30000")
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        revision = None
    if revision is None or revision[0] != head_revision:
        connection.close()
        return None
    return connection


def open_fast_reader(path: Path, head_revision: str, owner_id: int) -> FastReader | None:
    """A reader of the SQLite file at `path`, or None if it can't serve (missing, behind)."""
    connection = connect_current(path, head_revision)
    if connection is None:
        return None
    return FastReader(connection, f"sqlite:///{path}", owner_id)
