"""The SQL shared by the repositories: rows by id, reference checks, loading histories.

Functions over a `Scope`, so every statement is the owner's (followup.store.scope).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, Table

from followup.domain.model import History, Interview
from followup.store import rows
from followup.store.checks import check_people_found
from followup.store.errors import not_found
from followup.store.ids import is_row_id
from followup.store.scope import Scope
from followup.store.tables import applications, interview_people, interviews, people, skips, touches


def row_by_id(scope: Scope, table: Table, row_id: int) -> RowMapping | None:
    if not is_row_id(row_id):
        return None
    found: RowMapping | None = (
        scope.execute(scope.select(table).where(table.c.id == row_id)).mappings().first()
    )
    return found


def existing_row(scope: Scope, table: Table, row_id: int) -> RowMapping:
    """The row of `table` with this id, or NotFoundError naming it."""
    row = row_by_id(scope, table, row_id)
    if row is None:
        raise not_found(table.name, row_id)
    return row


def application_row(scope: Scope, app_id: int) -> RowMapping:
    return existing_row(scope, applications, app_id)


def person_row(scope: Scope, person_id: int) -> RowMapping:
    return existing_row(scope, people, person_id)


def interview_row(scope: Scope, interview_id: int) -> RowMapping:
    return existing_row(scope, interviews, interview_id)


def check_people_of(scope: Scope, app_id: int, person_ids: Iterable[int]) -> None:
    wanted = set(person_ids)
    if not wanted:
        return
    valid = [p for p in wanted if is_row_id(p)]
    query = scope.select(people, people.c.id, people.c.app_id).where(people.c.id.in_(valid))
    check_people_found(app_id, wanted, {row.id: row.app_id for row in scope.execute(query)})


def interview_time_values(start: datetime, end: datetime | None) -> dict[str, Any]:
    return {
        "starts_at": rows.to_utc(start),
        "tz": rows.zone_label(start),
        "ends_at": None if end is None else rows.to_utc(end),
    }


def load_interviews(scope: Scope, rows_: Sequence[rows.Row]) -> list[Interview]:
    ids = [r["id"] for r in rows_]
    participants: dict[int, list[rows.Row]] = defaultdict(list)
    if ids:
        query = scope.select(interview_people).where(interview_people.c.interview_id.in_(ids))
        for p in scope.execute(query).mappings():
            participants[p["interview_id"]].append(p)
    return [rows.interview_from_row(r, participants[r["id"]]) for r in rows_]


def load_histories(scope: Scope, app_ids: list[int] | None) -> list[History]:
    def rows_of(table: Any) -> list[Any]:
        column = table.c.id if table is applications else table.c.app_id
        query = scope.select(table).order_by(column, table.c.id)
        if app_ids is not None:
            query = query.where(column.in_([i for i in app_ids if is_row_id(i)]))
        return list(scope.execute(query).mappings())

    interview_rows = rows_of(interviews)
    participants: list[Any] = []
    if interview_rows:
        participants = list(
            scope.execute(
                scope.select(interview_people).where(
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
    scope: Scope, interview_id: int, person_ids: Sequence[int], notes: Mapping[int, str]
) -> None:
    """Who was in the interview, in this order, with their notes (replacing what was)."""
    scope.execute(
        scope.delete(interview_people).where(interview_people.c.interview_id == interview_id)
    )
    scope.insert_many(
        interview_people,
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
