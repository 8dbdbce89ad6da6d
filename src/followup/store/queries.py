"""The SQL of the store: fetching rows by id, checking references, loading histories.

Module-level functions taking an open connection, so that each `Store` method reads as
"validate, then these queries, in one transaction".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, insert, select

from followup.domain.model import History, Interview
from followup.store import rows
from followup.store.errors import InvalidDataError, NotFoundError
from followup.store.tables import (
    applications,
    interview_people,
    interviews,
    people,
    settings,
    skips,
    touches,
)


def insert_row(conn: Connection, table: Any, values: Mapping[str, Any]) -> int:
    key = conn.execute(insert(table).values(values)).inserted_primary_key
    assert key is not None  # every table inserted this way has an integer primary key
    return int(key[0])


def application_row(conn: Connection, app_id: int) -> RowMapping:
    row = conn.execute(select(applications).where(applications.c.id == app_id)).mappings().first()
    if row is None:
        raise NotFoundError(
            f"no application with id {app_id}", "see `followup app list` for the ids"
        )
    return row


def person_row(conn: Connection, person_id: int) -> RowMapping:
    row = conn.execute(select(people).where(people.c.id == person_id)).mappings().first()
    if row is None:
        raise NotFoundError(
            f"no person with id {person_id}", "see `followup person list` for the ids"
        )
    return row


def interview_row(conn: Connection, interview_id: int) -> RowMapping:
    row = conn.execute(select(interviews).where(interviews.c.id == interview_id)).mappings().first()
    if row is None:
        raise NotFoundError(
            f"no interview with id {interview_id}", "see `followup app show APP_ID` for the ids"
        )
    return row


def check_people_of(conn: Connection, app_id: int, person_ids: Iterable[int]) -> None:
    wanted = set(person_ids)
    if not wanted:
        return
    query = select(people.c.id, people.c.app_id).where(people.c.id.in_(wanted))
    found = {row.id: row.app_id for row in conn.execute(query)}
    for person_id in sorted(wanted):
        if person_id not in found:
            raise NotFoundError(
                f"no person with id {person_id}",
                f"see `followup person list --app {app_id}` for the ids",
            )
        if found[person_id] != app_id:
            raise InvalidDataError(
                f"person {person_id} belongs to application {found[person_id]}, not {app_id}",
                f"add them to application {app_id} with `followup person add --app {app_id}`",
            )


def interview_time_values(start: datetime, end: datetime | None) -> dict[str, Any]:
    return {
        "starts_at": rows.to_utc(start),
        "tz": rows.zone_label(start),
        "ends_at": None if end is None else rows.to_utc(end),
    }


def load_interviews(conn: Connection, rows_: Sequence[rows.Row]) -> list[Interview]:
    ids = [r["id"] for r in rows_]
    participants: dict[int, list[rows.Row]] = defaultdict(list)
    if ids:
        query = select(interview_people).where(interview_people.c.interview_id.in_(ids))
        for p in conn.execute(query).mappings():
            participants[p["interview_id"]].append(p)
    return [rows.interview_from_row(r, participants[r["id"]]) for r in rows_]


def load_histories(conn: Connection, app_ids: list[int] | None) -> list[History]:
    def rows_of(table: Any) -> list[Any]:
        column = table.c.id if table is applications else table.c.app_id
        query = select(table).order_by(column, table.c.id)
        if app_ids is not None:
            query = query.where(column.in_(app_ids))
        return list(conn.execute(query).mappings())

    interview_rows = rows_of(interviews)
    participants: list[Any] = []
    if interview_rows:
        participants = list(
            conn.execute(
                select(interview_people).where(
                    interview_people.c.interview_id.in_([r["id"] for r in interview_rows])
                )
            ).mappings()
        )
    return rows.assemble_histories(
        application_rows=rows_of(applications),
        people_rows=rows_of(people),
        interview_rows=interview_rows,
        participant_rows=participants,
        touch_rows=rows_of(touches),
        skip_rows=rows_of(skips),
    )


def replace_participants(
    conn: Connection, interview_id: int, person_ids: Sequence[int], notes: Mapping[int, str]
) -> None:
    """Who was in the interview, in this order, with their notes (replacing what was)."""
    conn.execute(delete(interview_people).where(interview_people.c.interview_id == interview_id))
    if person_ids:
        conn.execute(
            insert(interview_people),
            [
                {
                    "interview_id": interview_id,
                    "person_id": pid,
                    "position": position,
                    "note": notes.get(pid, ""),
                }
                for position, pid in enumerate(person_ids)
            ],
        )


def upsert_setting(dialect: str, key: str, value: str) -> Any:
    """INSERT ... ON CONFLICT (key) DO UPDATE: both SQLite and PostgreSQL have it, each
    through its own SQLAlchemy construct; concurrent writers of one key can't collide."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        statement: Any = postgresql_insert(settings).values(key=key, value=value)
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(settings).values(key=key, value=value)
    else:
        raise NotImplementedError(f"settings upsert for {dialect}")
    return statement.on_conflict_do_update(index_elements=["key"], set_={"value": value})
