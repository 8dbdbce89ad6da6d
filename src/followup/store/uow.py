"""The one door to the data: `UnitOfWork(engine, owner_id)`.

    with UnitOfWork(engine, owner_id) as uow:        # one transaction (a writer's on SQLite)
        app = uow.applications.add(...)
        uow.touches.add(app.id, ...)
    # committed here; rolled back if the block raised

Every repository of a unit of work sees one owner's rows only (followup.store.scope). A
read-only unit (`write=False`) takes no writer lock on SQLite. On PostgreSQL two writers can
race past a check; the constraint that catches the loser is reported as a conflict the user
can retry (`ConflictError`), not as a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from followup.store.engine import WRITE_OPTION
from followup.store.errors import ConflictError
from followup.store.repositories import (
    Applications,
    Histories,
    Interviews,
    People,
    Settings,
    Skips,
    Touches,
)
from followup.store.scope import Scope

if TYPE_CHECKING:
    from followup.store.alert_repos import Alerts
    from followup.store.changelog import ChangeLog
    from followup.store.dump import Dump
    from followup.store.mail_repos import Outbox, SyncState
    from followup.store.reminder_repos import Questions, Reminders
    from followup.store.removal import Removals
    from followup.store.schedule import Schedule


class UnitOfWork:
    """With `clock` (the application layer's), a writing unit keeps what it changed in the
    change log when it commits (followup.store.changelog); `change_id` is then its id."""

    def __init__(
        self,
        engine: Engine,
        owner_id: int,
        *,
        write: bool = True,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.engine = engine
        self.owner_id = owner_id
        self.write = write
        self.clock = clock
        self.change_id: int | None = None
        self.on_change: Callable[[int], None] | None = None
        self._transaction: Any = None
        self._connection: Connection | None = None

    def __enter__(self) -> UnitOfWork:
        bound = self.engine.execution_options(**{WRITE_OPTION: True}) if self.write else self.engine
        self._connection = bound.connect()
        self._transaction = self._connection.begin()
        self.scope = Scope(self._connection, self.owner_id)
        self.applications = Applications(self.scope)
        self.people = People(self.scope)
        self.interviews = Interviews(self.scope)
        self.touches = Touches(self.scope)
        self.skips = Skips(self.scope)
        self.histories = Histories(self.scope)
        self.settings = Settings(self.scope)
        if self.write and self.clock is not None:
            from followup.store.changelog import Recorder

            self.scope.recorder = Recorder(self.scope)
        return self

    @property
    def removals(self) -> Removals:
        from followup.store.removal import Removals

        return Removals(self.scope)

    @property
    def changes(self) -> ChangeLog:
        from followup.store.changelog import ChangeLog

        return ChangeLog(self.scope)

    def _keep_changes(self) -> None:
        recorder = self.scope.recorder
        if recorder is None or self.clock is None:
            return
        self.scope.recorder = None  # the log's own rows are not logged
        self.change_id = self.changes.record(self.clock(), recorder.rows)

    @property
    def schedule(self) -> Schedule:
        from followup.store.schedule import Schedule

        return Schedule(self.scope)

    @property
    def dump(self) -> Dump:
        from followup.store.dump import Dump

        return Dump(self.scope)

    @property
    def reminders(self) -> Reminders:
        from followup.store.reminder_repos import Reminders

        return Reminders(self.scope)

    @property
    def questions(self) -> Questions:
        from followup.store.reminder_repos import Questions

        return Questions(self.scope)

    @property
    def outbox(self) -> Outbox:
        from followup.store.mail_repos import Outbox

        return Outbox(self.scope)

    @property
    def sync_state(self) -> SyncState:
        from followup.store.mail_repos import SyncState

        return SyncState(self.scope)

    @property
    def alerts(self) -> Alerts:
        from followup.store.alert_repos import Alerts

        return Alerts(self.scope)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._connection is not None
        try:
            if exc_type is None:
                try:
                    self._keep_changes()
                    self._transaction.commit()
                    if self.change_id is not None and self.on_change is not None:
                        self.on_change(self.change_id)
                except IntegrityError as error:
                    raise _conflict(error) from None
            else:
                self._transaction.rollback()
                if isinstance(exc, IntegrityError):
                    raise _conflict(exc) from None
        finally:
            self._connection.close()


def _conflict(error: IntegrityError) -> ConflictError:
    return ConflictError(
        f"another change got there first ({type(error.orig).__name__})",
        "run the command again",
    )
