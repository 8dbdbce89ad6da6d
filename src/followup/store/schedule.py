"""The schedule: when each application next needs the user, and claiming due work once.

Every use case that writes re-plans the application it touched and stores its next due time
here (`Schedule.set`, owner-scoped like every repository). Reminders and workers then ask for
due applications instead of re-planning everything, and claim each one so that two workers
never handle it twice: a conditional UPDATE on SQLite ("0 rows updated" means another worker
got there first), `SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL. Claiming is the one
statement that crosses owners (a worker serves them all); it returns (owner, application)
pairs and the worker opens each owner's unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, or_, select, update

from followup.store import queries
from followup.store.engine import WRITE_OPTION
from followup.store.repositories import Repository
from followup.store.tables import app_schedule
from followup.store.values import SetsSchedule, as_utc


@dataclass(frozen=True, slots=True)
class Due:
    owner_id: int
    app_id: int
    next_due_at: datetime
    next_action_id: str | None


class Schedule(SetsSchedule, Repository):
    """One owner's rows of the schedule."""

    def _set(self, app_id: int, values: dict[str, Any]) -> None:
        queries.application_row(self.scope, app_id)  # NotFoundError for another owner's
        self.scope.upsert(app_schedule, ["app_id"], values)

    def stamps(self) -> dict[int, int]:
        """Each application's stamp, new whenever it was planned again: the applications
        written to since an earlier look are those whose stamp differs."""
        query = self.scope.select(app_schedule, app_schedule.c.app_id, app_schedule.c.stamp)
        return {int(app_id): int(stamp) for app_id, stamp in self.scope.execute(query)}

    def next_due(self, app_id: int) -> datetime | None:
        found = self.scope.execute(
            self.scope.select(app_schedule, app_schedule.c.next_due_at).where(
                app_schedule.c.app_id == app_id
            )
        ).scalar_one_or_none()
        return as_utc(found)

    def due(self, now: datetime) -> list[Due]:
        """This owner's applications with an action due by `now`, soonest first."""
        query = (
            self.scope.select(app_schedule)
            .where(app_schedule.c.next_due_at <= as_utc(now))
            .order_by(app_schedule.c.next_due_at, app_schedule.c.app_id)
        )
        return [_due(r) for r in self.scope.execute(query).mappings()]


def _due(row: object) -> Due:
    mapping = row  # a RowMapping
    at = as_utc(mapping["next_due_at"])  # type: ignore[index]
    assert at is not None
    return Due(
        owner_id=mapping["owner_id"],  # type: ignore[index]
        app_id=mapping["app_id"],  # type: ignore[index]
        next_due_at=at,
        next_action_id=mapping["next_action_id"],  # type: ignore[index]
    )


def claim_due(
    engine: Engine, now: datetime, worker: str, *, lease: timedelta, limit: int = 100
) -> list[Due]:
    """Claim up to `limit` due applications of any owner for `worker`, for `lease`.

    A row is claimable when it is due and not claimed, or its claim has expired. Each row is
    claimed by exactly one caller however many run at once."""
    now_utc = as_utc(now)
    assert now_utc is not None
    until = now_utc + lease
    claimable = and_(
        app_schedule.c.next_due_at <= now_utc,
        or_(app_schedule.c.claimed_until.is_(None), app_schedule.c.claimed_until <= now_utc),
    )
    writer = engine.execution_options(**{WRITE_OPTION: True})
    with writer.begin() as conn:
        query = (
            select(app_schedule)
            .where(claimable)
            .order_by(app_schedule.c.next_due_at, app_schedule.c.owner_id, app_schedule.c.app_id)
            .limit(limit)
        )
        if conn.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        candidates = list(conn.execute(query).mappings())
        claimed = []
        for row in candidates:
            key = and_(
                app_schedule.c.owner_id == row["owner_id"], app_schedule.c.app_id == row["app_id"]
            )
            result = conn.execute(
                update(app_schedule)
                .where(key, claimable)
                .values(claimed_until=until, claimed_by=worker)
            )
            if result.rowcount == 1:
                claimed.append(_due(row))
        return claimed


def release(engine: Engine, due: Due, worker: str) -> None:
    """Give a claimed row back (its work is done, or the worker stops)."""
    writer = engine.execution_options(**{WRITE_OPTION: True})
    with writer.begin() as conn:
        conn.execute(
            update(app_schedule)
            .where(
                app_schedule.c.owner_id == due.owner_id,
                app_schedule.c.app_id == due.app_id,
                app_schedule.c.claimed_by == worker,
            )
            .values(claimed_until=None, claimed_by=None)
        )
