"""The store: the job search in a database, read and written as domain values.

Every write validates first and writes in one short transaction, so bad input writes
nothing and concurrent CLI processes never see half a change. Reads return the frozen values
of `followup.domain.model`; nothing outside this package touches a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from followup.domain.model import (
    Application,
    Channel,
    Direction,
    History,
    Interview,
    InterviewKind,
    Outcome,
    Person,
    PersonRole,
    Skip,
    Touch,
    TouchKind,
)
from followup.store import checks, queries, rows
from followup.store.checks import check_aware, check_text
from followup.store.engine import WRITE_OPTION
from followup.store.errors import InvalidDataError
from followup.store.tables import (
    applications,
    interviews,
    people,
    skips,
    touches,
)
from followup.store.tables import (
    settings as settings_table,
)

APPLICATION_FIELDS = frozenset(
    {"company", "role", "country", "tz", "competing_offer_by", "company_domain", "notes"}
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


class Store:
    """One database of applications. Open with `followup.store.open_store`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._writer = engine.execution_options(**{WRITE_OPTION: True})

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction. SQLite serializes writers (BEGIN IMMEDIATE); on PostgreSQL
        two writers can race past a check, and the constraint that catches the loser is
        reported as a conflict the user can retry, not as a crash."""
        try:
            with self._writer.begin() as connection:
                yield connection
        except IntegrityError as exc:
            raise InvalidDataError(
                f"another change got there first ({type(exc.orig).__name__})",
                "run the command again",
            ) from None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    # ---- reads -------------------------------------------------------------------------

    def application(self, app_id: int) -> Application:
        with self._read() as conn:
            return rows.application_from_row(queries.application_row(conn, app_id))

    def applications(self) -> list[Application]:
        with self._read() as conn:
            result = conn.execute(select(applications).order_by(applications.c.id))
            return [rows.application_from_row(r) for r in result.mappings()]

    def person(self, person_id: int) -> Person:
        with self._read() as conn:
            return rows.person_from_row(queries.person_row(conn, person_id))

    def people(self, app_id: int | None = None) -> list[Person]:
        query = select(people).order_by(people.c.id)
        if app_id is not None:
            query = query.where(people.c.app_id == app_id)
        with self._read() as conn:
            return [rows.person_from_row(r) for r in conn.execute(query).mappings()]

    def people_by_email(self, email: str) -> list[Person]:
        query = select(people).where(people.c.email == email.strip().lower()).order_by(people.c.id)
        with self._read() as conn:
            return [rows.person_from_row(r) for r in conn.execute(query).mappings()]

    def interview(self, interview_id: int) -> Interview:
        with self._read() as conn:
            return queries.load_interviews(conn, [queries.interview_row(conn, interview_id)])[0]

    def interview_by_ical_uid(self, uid: str) -> Interview | None:
        with self._read() as conn:
            row = (
                conn.execute(
                    select(interviews).where(interviews.c.ical_uid == uid).order_by(interviews.c.id)
                )
                .mappings()
                .first()
            )
            return None if row is None else queries.load_interviews(conn, [row])[0]

    def touch_by_message_id(self, message_id: str) -> Touch | None:
        with self._read() as conn:
            row = (
                conn.execute(
                    select(touches).where(touches.c.message_id == message_id).order_by(touches.c.id)
                )
                .mappings()
                .first()
            )
            return None if row is None else rows.touch_from_row(row)

    def history(self, app_id: int) -> History:
        with self._read() as conn:
            queries.application_row(conn, app_id)
            return next(iter(queries.load_histories(conn, [app_id])))

    def histories(self, app_ids: Iterable[int] | None = None) -> Iterator[History]:
        """Every application's history (or the named ones), in id order, in five queries."""
        with self._read() as conn:
            loaded = queries.load_histories(conn, None if app_ids is None else list(app_ids))
        return iter(loaded)

    def get_setting(self, key: str) -> str | None:
        with self._read() as conn:
            return conn.execute(
                select(settings_table.c.value).where(settings_table.c.key == key)
            ).scalar_one_or_none()

    def settings(self) -> dict[str, str]:
        with self._read() as conn:
            return {r.key: r.value for r in conn.execute(select(settings_table))}

    # ---- writes ------------------------------------------------------------------------

    def add_application(
        self,
        company: str,
        role: str,
        *,
        created_at: datetime,
        country: str | None = None,
        tz: str | None = None,
        competing_offer_by: date | None = None,
        company_domain: str | None = None,
        notes: str = "",
    ) -> Application:
        values = {
            "company": company.strip(),
            "role": role.strip(),
            "country": country,
            "tz": tz,
            "competing_offer_by": competing_offer_by,
            "notes": notes,
            "company_domain": checks.domain(company_domain),
        }
        checks.check_application(values)
        check_aware(created_at, "creation time")
        values |= {"created_at": rows.to_utc(created_at), "created_tz": rows.zone_label(created_at)}
        with self._write() as conn:
            app_id = queries.insert_row(conn, applications, values)
            return rows.application_from_row(queries.application_row(conn, app_id))

    def update_application(self, app_id: int, changes: Mapping[str, Any]) -> Application:
        checks.check_fields(changes, APPLICATION_FIELDS, "application")
        values = dict(changes)
        if "company_domain" in values:
            values["company_domain"] = checks.domain(values["company_domain"])
        with self._write() as conn:
            current = dict(queries.application_row(conn, app_id))
            checks.check_application(current | values)
            if values:
                conn.execute(update(applications).where(applications.c.id == app_id).values(values))
            return rows.application_from_row(queries.application_row(conn, app_id))

    def set_outcome(self, app_id: int, outcome: Outcome | None, at: datetime) -> Application:
        """Record how the application ended (None reopens it)."""
        check_aware(at, "outcome time")
        values: dict[str, Any] = {"outcome": None, "outcome_at": None, "outcome_tz": None}
        if outcome is not None:
            values = {
                "outcome": Outcome(outcome).value,
                "outcome_at": rows.to_utc(at),
                "outcome_tz": rows.zone_label(at),
            }
        with self._write() as conn:
            queries.application_row(conn, app_id)
            conn.execute(update(applications).where(applications.c.id == app_id).values(values))
            return rows.application_from_row(queries.application_row(conn, app_id))

    def add_person(
        self,
        app_id: int,
        name: str,
        *,
        email: str | None = None,
        phone: str | None = None,
        role: PersonRole = PersonRole.INTERVIEWER,
        connection: bool = False,
        tz: str | None = None,
        country: str | None = None,
        title: str | None = None,
        linkedin: str | None = None,
    ) -> Person:
        values = {
            "app_id": app_id,
            "name": name.strip(),
            "email": checks.email(email),
            "phone": phone,
            "role": PersonRole(role).value,
            "connection": connection,
            "tz": tz,
            "country": country,
            "title": title,
            "linkedin": linkedin,
            "email_bounced": False,
        }
        checks.check_person(values)
        with self._write() as conn:
            queries.application_row(conn, app_id)
            person_id = queries.insert_row(conn, people, values)
            return rows.person_from_row(queries.person_row(conn, person_id))

    def update_person(self, person_id: int, changes: Mapping[str, Any]) -> Person:
        checks.check_fields(changes, PERSON_FIELDS, "person")
        values = dict(changes)
        if "email" in values:
            values["email"] = checks.email(values["email"])
        if "role" in values:
            values["role"] = PersonRole(values["role"]).value
        with self._write() as conn:
            current = dict(queries.person_row(conn, person_id))
            checks.check_person(current | values)
            if values:
                conn.execute(update(people).where(people.c.id == person_id).values(values))
            return rows.person_from_row(queries.person_row(conn, person_id))

    def add_interview(
        self,
        app_id: int,
        start: datetime,
        kind: InterviewKind,
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
    ) -> Interview:
        notes = dict(notes or {})
        checks.check_interview_times(start, end)
        checks.check_participants(person_ids, notes)
        values = {
            "app_id": app_id,
            "kind": InterviewKind(kind).value,
            "decision_by": decision_by,
            "no_follow_up": no_follow_up,
            "location": location,
            "video_link": video_link,
            "ical_uid": ical_uid,
            "ical_sequence": ical_sequence,
            "cancelled": False,
            **queries.interview_time_values(start, end),
        }
        with self._write() as conn:
            queries.application_row(conn, app_id)
            queries.check_people_of(conn, app_id, person_ids)
            interview_id = queries.insert_row(conn, interviews, values)
            queries.replace_participants(conn, interview_id, person_ids, notes)
            return queries.load_interviews(conn, [queries.interview_row(conn, interview_id)])[0]

    def update_interview(self, interview_id: int, changes: Mapping[str, Any]) -> Interview:
        """Change an interview: its time, kind or state (a rescheduling invitation), who was
        there (`person_ids`, in order) or what stood out (`notes`, merged by person)."""
        checks.check_fields(changes, INTERVIEW_FIELDS, "interview")
        with self._write() as conn:
            current = queries.load_interviews(conn, [queries.interview_row(conn, interview_id)])[0]
            start = changes.get("start", current.start)
            end = changes.get("end", current.end)
            checks.check_interview_times(start, end)
            person_ids = list(changes.get("person_ids", current.person_ids))
            new_notes = dict(changes.get("notes") or {})
            checks.check_participants(person_ids, new_notes)
            queries.check_people_of(conn, current.app_id, person_ids)
            values = {k: v for k, v in changes.items() if k in INTERVIEW_COLUMNS}
            if "kind" in values:
                values["kind"] = InterviewKind(values["kind"]).value
            values |= queries.interview_time_values(start, end)
            conn.execute(update(interviews).where(interviews.c.id == interview_id).values(values))
            if "person_ids" in changes or new_notes:
                notes = {pid: n for pid, n in current.notes.items() if pid in person_ids}
                queries.replace_participants(conn, interview_id, person_ids, notes | new_notes)
            return queries.load_interviews(conn, [queries.interview_row(conn, interview_id)])[0]

    def add_touch(
        self,
        app_id: int,
        at: datetime,
        channel: Channel,
        direction: Direction,
        *,
        kind: TouchKind = TouchKind.MESSAGE,
        person_id: int | None = None,
        decision_by: date | None = None,
        return_date: date | None = None,
        action_id: str | None = None,
        message_id: str | None = None,
        summary: str = "",
    ) -> Touch:
        check_aware(at, "time of the contact")
        values = {
            "app_id": app_id,
            "at": rows.to_utc(at),
            "at_tz": rows.zone_label(at),
            "channel": Channel(channel).value,
            "direction": Direction(direction).value,
            "kind": TouchKind(kind).value,
            "person_id": person_id,
            "decision_by": decision_by,
            "return_date": return_date,
            "action_id": action_id,
            "message_id": message_id,
            "summary": summary,
        }
        with self._write() as conn:
            queries.application_row(conn, app_id)
            if person_id is not None:
                queries.check_people_of(conn, app_id, [person_id])
            touch_id = queries.insert_row(conn, touches, values)
            row = conn.execute(select(touches).where(touches.c.id == touch_id)).mappings().one()
            return rows.touch_from_row(row)

    def add_skip(self, app_id: int, action_id: str, at: datetime, reason: str) -> Skip:
        check_aware(at, "time of the skip")
        check_text(reason, "reason")
        check_text(action_id, "action id")
        with self._write() as conn:
            queries.application_row(conn, app_id)
            existing = conn.execute(
                select(skips.c.id).where(skips.c.app_id == app_id, skips.c.action_id == action_id)
            ).first()
            if existing is not None:
                raise InvalidDataError(
                    f"action {action_id} is already skipped",
                    "nothing to do; see `followup plan` for what is left",
                )
            conn.execute(
                insert(skips).values(
                    app_id=app_id,
                    action_id=action_id,
                    at=rows.to_utc(at),
                    at_tz=rows.zone_label(at),
                    reason=reason.strip(),
                )
            )
        return Skip(action_id=action_id, app_id=app_id, at=at, reason=reason.strip())

    def set_setting(self, key: str, value: str) -> None:
        """Set one key-value setting (the profile, saved drafts...), atomically."""
        check_text(key, "setting name")
        with self._write() as conn:
            conn.execute(queries.upsert_setting(conn.dialect.name, key, value))

    def delete_setting(self, key: str) -> None:
        with self._write() as conn:
            conn.execute(delete(settings_table).where(settings_table.c.key == key))
