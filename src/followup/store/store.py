"""`Store`: a database of job searches opened for one owner, with one-call conveniences.

The application layer works through `store.uow()` (a `UnitOfWork`: several reads and writes
in one transaction). The methods below each run one repository call in a unit of their own,
for scripts, tests and adapters that need a single read or write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine

from followup.domain import model
from followup.store.closing import Closing
from followup.store.owners import LOCAL_OWNER_ID
from followup.store.uow import UnitOfWork


class Store(Closing):
    """One database, seen as one owner. Open with `followup.store.open_store`."""

    def __init__(self, engine: Engine, url: str, owner_id: int = LOCAL_OWNER_ID) -> None:
        self.engine = engine
        self.url = url
        self.owner_id = owner_id

    def uow(self, *, write: bool = True, clock: Callable[[], datetime] | None = None) -> UnitOfWork:
        """One transaction; with `clock`, what it changes goes to the change log."""
        return UnitOfWork(self.engine, self.owner_id, write=write, clock=clock)

    def as_owner(self, owner_id: int) -> Store:
        """The same database seen as another owner (server mode, tests)."""
        return Store(self.engine, self.url, owner_id)

    def close(self) -> None:
        self.engine.dispose()

    # ---- reads -------------------------------------------------------------------------

    def application(self, app_id: int) -> model.Application:
        with self.uow(write=False) as uow:
            return uow.applications.get(app_id)

    def applications(self) -> list[model.Application]:
        with self.uow(write=False) as uow:
            return uow.applications.all()

    def person(self, person_id: int) -> model.Person:
        with self.uow(write=False) as uow:
            return uow.people.get(person_id)

    def people(self, app_id: int | None = None) -> list[model.Person]:
        with self.uow(write=False) as uow:
            return uow.people.all(app_id)

    def people_by_email(self, email: str) -> list[model.Person]:
        with self.uow(write=False) as uow:
            return uow.people.by_email(email)

    def interview(self, interview_id: int) -> model.Interview:
        with self.uow(write=False) as uow:
            return uow.interviews.get(interview_id)

    def interview_by_ical_uid(self, uid: str) -> model.Interview | None:
        with self.uow(write=False) as uow:
            return uow.interviews.by_ical_uid(uid)

    def touch_by_message_id(self, message_id: str) -> model.Touch | None:
        with self.uow(write=False) as uow:
            return uow.touches.by_message_id(message_id)

    def history(self, app_id: int) -> model.History:
        with self.uow(write=False) as uow:
            return uow.histories.get(app_id)

    def histories(self, app_ids: Iterable[int] | None = None) -> Iterator[model.History]:
        """Every application's history (or the named ones), in id order."""
        with self.uow(write=False) as uow:
            return iter(uow.histories.many(None if app_ids is None else list(app_ids)))

    def get_setting(self, key: str) -> str | None:
        with self.uow(write=False) as uow:
            return uow.settings.get(key)

    def settings(self) -> dict[str, str]:
        with self.uow(write=False) as uow:
            return uow.settings.all()

    def change_summary(self, change_id: int) -> str | None:
        """What the change with this id did, in words (None: no such change)."""
        with self.uow(write=False) as uow:
            return next((c.summary for c in uow.changes.recent(1) if c.id == change_id), None)

    # ---- writes ------------------------------------------------------------------------

    def add_application(self, company: str, role: str, **fields: Any) -> model.Application:
        with self.uow() as uow:
            return uow.applications.add(company, role, **fields)

    def update_application(self, app_id: int, changes: Mapping[str, Any]) -> model.Application:
        with self.uow() as uow:
            return uow.applications.update(app_id, changes)

    def set_outcome(
        self, app_id: int, outcome: model.Outcome | None, at: datetime
    ) -> model.Application:
        with self.uow() as uow:
            return uow.applications.set_outcome(app_id, outcome, at)

    def add_person(
        self,
        app_id: int,
        name: str,
        *,
        role: model.PersonRole = model.PersonRole.INTERVIEWER,
        **fields: Any,
    ) -> model.Person:
        with self.uow() as uow:
            return uow.people.add(app_id, name, role=role, **fields)

    def update_person(self, person_id: int, changes: Mapping[str, Any]) -> model.Person:
        with self.uow() as uow:
            return uow.people.update(person_id, changes)

    def add_interview(
        self,
        app_id: int,
        start: datetime,
        kind: model.InterviewKind,
        *,
        person_ids: Sequence[int] = (),
        decision_by: date | None = None,
        **fields: Any,
    ) -> model.Interview:
        with self.uow() as uow:
            return uow.interviews.add(
                app_id, start, kind, person_ids=person_ids, decision_by=decision_by, **fields
            )

    def update_interview(self, interview_id: int, changes: Mapping[str, Any]) -> model.Interview:
        with self.uow() as uow:
            return uow.interviews.update(interview_id, changes)

    def add_touch(
        self,
        app_id: int,
        at: datetime,
        channel: model.Channel,
        direction: model.Direction,
        *,
        kind: model.TouchKind = model.TouchKind.MESSAGE,
        **fields: Any,
    ) -> model.Touch:
        with self.uow() as uow:
            return uow.touches.add(app_id, at, channel, direction, kind=kind, **fields)

    def add_skip(self, app_id: int, action_id: str, at: datetime, reason: str) -> model.Skip:
        with self.uow() as uow:
            return uow.skips.add(app_id, action_id, at, reason)

    def set_setting(self, key: str, value: str) -> None:
        with self.uow() as uow:
            uow.settings.set(key, value)

    def delete_setting(self, key: str) -> None:
        with self.uow() as uow:
            uow.settings.delete(key)
