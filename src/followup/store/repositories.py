"""The repositories of the job search: the only code with SQL for its tables.

Each is built by `UnitOfWork` over one transaction and one owner (`Scope`); every method
validates first, then runs its statements, and returns the frozen values of
`followup.domain.model`. Problems the user can fix raise StoreError subclasses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError

from followup.domain import model
from followup.store import checks, queries, rows
from followup.store.checks import check_aware, check_text
from followup.store.errors import NotFoundError
from followup.store.scope import Scope
from followup.store.tables import (
    applications,
    interviews,
    people,
    settings,
    skips,
    touches,
)
from followup.store.values import (
    APPLICATION_DETAILS,
    AddsTouches,
    ApplicationFields,
    already_skipped,
    application_values,
    skip_values,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

APPLICATION_FIELDS = (
    frozenset({"company", "role", "country", "tz", "competing_offer_by", "company_domain", "notes"})
    | APPLICATION_DETAILS
)
PERSON_FIELDS = frozenset(
    {
        "name",
        "email",
        "phone",
        "role",
        "connection",
        "tz",
        "country",
        "title",
        "linkedin",
        "email_bounced",
        "call_me",
    }
)
INTERVIEW_FIELDS = frozenset(
    {
        "start",
        "end",
        "kind",
        "decision_by",
        "no_follow_up",
        "location",
        "video_link",
        "ical_sequence",
        "cancelled",
        "person_ids",
        "notes",
    }
)
# Fields of an interview that are columns of its row (the others live in interview_people).
INTERVIEW_COLUMNS = INTERVIEW_FIELDS - {"start", "end", "person_ids", "notes"}


class Repository:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def _value(self, column: Any, condition: Any, missing: NotFoundError) -> Any:
        """The `column` of the one row of its table that meets `condition`; `missing` if none."""
        found = self.scope.execute(
            self.scope.select(column.table, column).where(condition)
        ).scalar_one_or_none()
        if found is None:
            raise missing
        return found

    def _id_of(self, table: Any, public_id: str, what: str) -> int:
        missing = NotFoundError(
            f"no {what} {public_id!r}",
            code="public-id.not-found",
            params={"what": what, "public_id": public_id},
        )
        return int(self._value(table.c.id, table.c.public_id == public_id, missing))

    def _public_id(self, table: Any, row_id: int) -> str:
        missing = NotFoundError(
            f"no {table.name} row {row_id}",
            code="row.not-found",
            params={"table": table.name, "id": row_id},
        )
        return str(self._value(table.c.public_id, table.c.id == row_id, missing))


class Applications(Repository):
    def get(self, app_id: int) -> model.Application:
        return rows.application_from_row(queries.application_row(self.scope, app_id))

    def all(self) -> list[model.Application]:
        result = self.scope.execute(self.scope.select(applications).order_by(applications.c.id))
        return [rows.application_from_row(r) for r in result.mappings()]

    def id_of(self, public_id: str) -> int:
        """The id of the application with this public id (NotFoundError across owners)."""
        return self._id_of(applications, public_id, "application")

    def public_id(self, app_id: int) -> str:
        return self._public_id(applications, app_id)

    def add(
        self, company: str, role: str, *, created_at: datetime, **fields: Unpack[ApplicationFields]
    ) -> model.Application:
        """Add an application; `details` holds revision 0005's columns (APPLICATION_DETAILS)."""
        values = application_values(company, role, created_at=created_at, **fields)
        return self.get(self.scope.insert(applications, values))

    def update(self, app_id: int, changes: Mapping[str, Any]) -> model.Application:
        checks.check_fields(changes, APPLICATION_FIELDS, "application")
        values = dict(changes)
        if "company_domain" in values:
            values["company_domain"] = checks.domain(values["company_domain"])
        values |= checks.application_details(
            {k: v for k, v in values.items() if k in APPLICATION_DETAILS}
        )
        current = dict(queries.application_row(self.scope, app_id))
        checks.check_application(current | values)
        if values:
            self.scope.execute(
                self.scope.update(applications).where(applications.c.id == app_id).values(values)
            )
        return self.get(app_id)

    def set_outcome(
        self, app_id: int, outcome: model.Outcome | None, at: datetime, reason: str | None = None
    ) -> model.Application:
        """Record how the application ended (None reopens it); `reason` says why when
        another application decided it ("hired-elsewhere")."""
        check_aware(at, "outcome time")
        values: dict[str, Any] = {
            "outcome": None, "outcome_at": None, "outcome_tz": None, "outcome_reason": None
        }  # fmt: skip
        if outcome is not None:
            values = {
                "outcome": model.Outcome(outcome).value,
                "outcome_at": rows.to_utc(at),
                "outcome_tz": rows.zone_label(at),
                "outcome_reason": reason,
            }
        queries.application_row(self.scope, app_id)
        self.scope.execute(
            self.scope.update(applications).where(applications.c.id == app_id).values(values)
        )
        return self.get(app_id)


class People(Repository):
    def get(self, person_id: int) -> model.Person:
        return rows.person_from_row(queries.person_row(self.scope, person_id))

    def all(self, app_id: int | None = None) -> list[model.Person]:
        query = self.scope.select(people).order_by(people.c.id)
        if app_id is not None:
            query = query.where(people.c.app_id == app_id)
        return [rows.person_from_row(r) for r in self.scope.execute(query).mappings()]

    def by_email(self, email: str) -> list[model.Person]:
        query = (
            self.scope.select(people)
            .where(people.c.email == email.strip().lower())
            .order_by(people.c.id)
        )
        return [rows.person_from_row(r) for r in self.scope.execute(query).mappings()]

    def id_of(self, public_id: str) -> int:
        return self._id_of(people, public_id, "person")

    def add(
        self,
        app_id: int,
        name: str,
        *,
        email: str | None = None,
        phone: str | None = None,
        role: model.PersonRole = model.PersonRole.INTERVIEWER,
        connection: bool = False,
        tz: str | None = None,
        country: str | None = None,
        title: str | None = None,
        linkedin: str | None = None,
        call_me: str | None = None,
    ) -> model.Person:
        values = {
            "call_me": call_me.strip() if call_me and call_me.strip() else None,
            "app_id": app_id,
            "name": name.strip(),
            "email": checks.email(email),
            "phone": phone,
            "role": model.PersonRole(role).value,
            "connection": connection,
            "tz": tz,
            "country": country,
            "title": title,
            "linkedin": linkedin,
            "email_bounced": False,
        }
        checks.check_person(values)
        queries.application_row(self.scope, app_id)
        return self.get(self.scope.insert(people, values))

    def update(self, person_id: int, changes: Mapping[str, Any]) -> model.Person:
        checks.check_fields(changes, PERSON_FIELDS, "person")
        values = dict(changes)
        if "email" in values:
            values["email"] = checks.email(values["email"])
        if "role" in values:
            values["role"] = model.PersonRole(values["role"]).value
        current = dict(queries.person_row(self.scope, person_id))
        checks.check_person(current | values)
        if values:
            self.scope.execute(
                self.scope.update(people).where(people.c.id == person_id).values(values)
            )
        return self.get(person_id)


class Interviews(Repository):
    def get(self, interview_id: int) -> model.Interview:
        return queries.load_interviews(
            self.scope, [queries.interview_row(self.scope, interview_id)]
        )[0]

    def by_ical_uid(self, uid: str) -> model.Interview | None:
        row = (
            self.scope.execute(
                self.scope.select(interviews)
                .where(interviews.c.ical_uid == uid)
                .order_by(interviews.c.id)
            )
            .mappings()
            .first()
        )
        return None if row is None else queries.load_interviews(self.scope, [row])[0]

    def id_of(self, public_id: str) -> int:
        return self._id_of(interviews, public_id, "interview")

    def add(
        self,
        app_id: int,
        start: datetime,
        kind: model.InterviewKind,
        *,
        end: datetime | None = None,
        person_ids: Sequence[int] = (),
        notes: Mapping[int, str] | None = None,
        decision_by: date | None = None,
        no_follow_up: bool = False,
        location: str | None = None,
        video_link: str | None = None,
        ical_uid: str | None = None,
        ical_sequence: int = 0,
        booked_at: datetime | None = None,
    ) -> model.Interview:
        notes = dict(notes or {})
        checks.check_interview_times(start, end)
        checks.check_year(decision_by, "decision date")
        checks.check_participants(person_ids, notes)
        values = {
            "app_id": app_id,
            "kind": model.InterviewKind(kind).value,
            "decision_by": decision_by,
            "no_follow_up": no_follow_up,
            "location": location,
            "video_link": video_link,
            "ical_uid": ical_uid,
            "ical_sequence": ical_sequence,
            "cancelled": False,
            "booked_at": None if booked_at is None else rows.to_utc(booked_at),
            **queries.interview_time_values(start, end),
        }
        queries.application_row(self.scope, app_id)
        queries.check_people_of(self.scope, app_id, person_ids)
        interview_id = self.scope.insert(interviews, values)
        queries.replace_participants(self.scope, interview_id, person_ids, notes)
        return self.get(interview_id)

    def update(self, interview_id: int, changes: Mapping[str, Any]) -> model.Interview:
        """Change an interview: its time, kind or state (a rescheduling invitation), who was
        there (`person_ids`, in order) or what stood out (`notes`, merged by person)."""
        checks.check_fields(changes, INTERVIEW_FIELDS, "interview")
        current = self.get(interview_id)
        start = changes.get("start", current.start)
        end = changes.get("end", current.end)
        checks.check_interview_times(start, end)
        checks.check_year(changes.get("decision_by"), "decision date")
        person_ids = list(changes.get("person_ids", current.person_ids))
        new_notes = dict(changes.get("notes") or {})
        checks.check_participants(person_ids, new_notes)
        queries.check_people_of(self.scope, current.app_id, person_ids)
        values = {k: v for k, v in changes.items() if k in INTERVIEW_COLUMNS}
        if "kind" in values:
            values["kind"] = model.InterviewKind(values["kind"]).value
        values |= queries.interview_time_values(start, end)
        self.scope.execute(
            self.scope.update(interviews).where(interviews.c.id == interview_id).values(values)
        )
        if "person_ids" in changes or new_notes:
            notes = {pid: n for pid, n in current.notes.items() if pid in person_ids}
            queries.replace_participants(self.scope, interview_id, person_ids, notes | new_notes)
        return self.get(interview_id)


class Touches(AddsTouches, Repository):
    def by_message_id(self, message_id: str) -> model.Touch | None:
        return self._first(touches.c.message_id == message_id)

    def by_action(self, app_id: int, action_id: str) -> model.Touch | None:
        """The touch that carried out this planned action, if one was recorded."""
        return self._first((touches.c.app_id == app_id) & (touches.c.action_id == action_id))

    def _first(self, condition: Any) -> model.Touch | None:
        query = self.scope.select(touches).where(condition).order_by(touches.c.id)
        row = self.scope.execute(query).mappings().first()
        return None if row is None else rows.touch_from_row(row)

    def _add(self, values: dict[str, Any]) -> model.Touch:
        app_id = values["app_id"]
        person_id, action_id = values["person_id"], values["action_id"]
        queries.application_row(self.scope, app_id)
        if person_id is not None:
            queries.check_people_of(self.scope, app_id, [person_id])
        if action_id is not None:
            existing = self.by_action(app_id, action_id)
            if existing is not None:
                return existing
            try:
                with self.scope.connection.begin_nested():
                    touch_id = self.scope.insert(touches, values)
            except IntegrityError:  # another writer recorded it meanwhile (PostgreSQL)
                found = self.by_action(app_id, action_id)
                if found is None:
                    raise
                return found
        else:
            touch_id = self.scope.insert(touches, values)
        row = queries.row_by_id(self.scope, touches, touch_id)
        assert row is not None
        return rows.touch_from_row(row)


class Skips(Repository):
    def add(self, app_id: int, action_id: str, at: datetime, reason: str) -> model.Skip:
        values = skip_values(app_id, action_id, at, reason)
        queries.application_row(self.scope, app_id)
        existing = self.scope.execute(
            self.scope.select(skips, skips.c.id).where(
                skips.c.app_id == app_id, skips.c.action_id == action_id
            )
        ).first()
        if existing is not None:
            raise already_skipped(app_id, action_id)
        self.scope.insert(skips, values)
        return model.Skip(action_id=action_id, app_id=app_id, at=at, reason=values["reason"])


class Histories(Repository):
    def get(self, app_id: int) -> model.History:
        queries.application_row(self.scope, app_id)
        return queries.load_histories(self.scope, [app_id])[0]

    def many(self, app_ids: Sequence[int] | None = None) -> list[model.History]:
        """Every application's history (or the named ones), in id order, in six queries."""
        return queries.load_histories(self.scope, None if app_ids is None else list(app_ids))


class Settings(Repository):
    """The owner's key-value settings: preferences, profile, accounts, saved drafts."""

    def get(self, key: str) -> str | None:
        found = self.scope.execute(
            self.scope.select(settings, settings.c.value).where(settings.c.key == key)
        ).scalar_one_or_none()
        return None if found is None else str(found)

    def all(self) -> dict[str, str]:
        result = self.scope.execute(self.scope.select(settings, settings.c.key, settings.c.value))
        return {r.key: r.value for r in result}

    def set(self, key: str, value: str) -> None:
        """Set one setting, atomically (concurrent writers of one key can't collide)."""
        check_text(key, "setting name")
        self.scope.upsert(settings, ["key"], {"key": key, "value": value})

    def delete(self, key: str) -> None:
        self.scope.execute(self.scope.delete(settings).where(settings.c.key == key))
