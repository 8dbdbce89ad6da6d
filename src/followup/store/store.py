"""The store: the job search in a database, read and written as domain values.

Every write validates first and writes in one short transaction, so bad input writes
nothing and concurrent CLI processes never see half a change. Reads return the frozen values
of `followup.domain.model`; nothing outside this package touches a table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, delete, insert, select, update

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
from followup.store import rows
from followup.store.checks import check_aware, check_country, check_text, check_zone
from followup.store.engine import WRITE_OPTION
from followup.store.errors import InvalidDataError, NotFoundError
from followup.store.tables import (
    applications,
    interview_people,
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
    }
)


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
        with self._writer.begin() as connection:
            yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    # ---- reads -------------------------------------------------------------------------

    def application(self, app_id: int) -> Application:
        with self._read() as conn:
            return rows.application_from_row(_application_row(conn, app_id))

    def applications(self) -> list[Application]:
        with self._read() as conn:
            result = conn.execute(select(applications).order_by(applications.c.id))
            return [rows.application_from_row(r) for r in result.mappings()]

    def person(self, person_id: int) -> Person:
        with self._read() as conn:
            return rows.person_from_row(_person_row(conn, person_id))

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

    def interview_by_ical_uid(self, uid: str) -> Interview | None:
        with self._read() as conn:
            row = (
                conn.execute(
                    select(interviews).where(interviews.c.ical_uid == uid).order_by(interviews.c.id)
                )
                .mappings()
                .first()
            )
            return None if row is None else _load_interviews(conn, [row])[0]

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
            _application_row(conn, app_id)
            return next(iter(_load_histories(conn, [app_id])))

    def histories(self, app_ids: Iterable[int] | None = None) -> Iterator[History]:
        """Every application's history (or the named ones), in id order, in five queries."""
        with self._read() as conn:
            loaded = _load_histories(conn, None if app_ids is None else list(app_ids))
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
            "company_domain": _domain(company_domain),
        }
        _check_application(values)
        check_aware(created_at, "creation time")
        values |= {"created_at": rows.to_utc(created_at), "created_tz": rows.zone_label(created_at)}
        with self._write() as conn:
            app_id = _insert(conn, applications, values)
            return rows.application_from_row(_application_row(conn, app_id))

    def update_application(self, app_id: int, changes: Mapping[str, Any]) -> Application:
        _check_fields(changes, APPLICATION_FIELDS, "application")
        values = dict(changes)
        if "company_domain" in values:
            values["company_domain"] = _domain(values["company_domain"])
        with self._write() as conn:
            current = dict(_application_row(conn, app_id))
            _check_application(current | values)
            if values:
                conn.execute(update(applications).where(applications.c.id == app_id).values(values))
            return rows.application_from_row(_application_row(conn, app_id))

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
            _application_row(conn, app_id)
            conn.execute(update(applications).where(applications.c.id == app_id).values(values))
            return rows.application_from_row(_application_row(conn, app_id))

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
            "email": _email(email),
            "phone": phone,
            "role": PersonRole(role).value,
            "connection": connection,
            "tz": tz,
            "country": country,
            "title": title,
            "linkedin": linkedin,
            "email_bounced": False,
        }
        _check_person(values)
        with self._write() as conn:
            _application_row(conn, app_id)
            person_id = _insert(conn, people, values)
            return rows.person_from_row(_person_row(conn, person_id))

    def update_person(self, person_id: int, changes: Mapping[str, Any]) -> Person:
        _check_fields(changes, PERSON_FIELDS, "person")
        values = dict(changes)
        if "email" in values:
            values["email"] = _email(values["email"])
        if "role" in values:
            values["role"] = PersonRole(values["role"]).value
        with self._write() as conn:
            current = dict(_person_row(conn, person_id))
            _check_person(current | values)
            if values:
                conn.execute(update(people).where(people.c.id == person_id).values(values))
            return rows.person_from_row(_person_row(conn, person_id))

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
        _check_interview_times(start, end)
        _check_participants(person_ids, notes)
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
            **_interview_time_values(start, end),
        }
        with self._write() as conn:
            _application_row(conn, app_id)
            _check_people_of(conn, app_id, person_ids)
            interview_id = _insert(conn, interviews, values)
            if person_ids:
                conn.execute(
                    insert(interview_people),
                    [
                        {
                            "interview_id": interview_id,
                            "person_id": pid,
                            "position": i,
                            "note": notes.get(pid, ""),
                        }
                        for i, pid in enumerate(person_ids)
                    ],
                )
            return _load_interviews(conn, [_interview_row(conn, interview_id)])[0]

    def update_interview(self, interview_id: int, changes: Mapping[str, Any]) -> Interview:
        """Change an interview's time, kind or state (e.g. a rescheduling invitation)."""
        _check_fields(changes, INTERVIEW_FIELDS, "interview")
        with self._write() as conn:
            row = _interview_row(conn, interview_id)
            current = _load_interviews(conn, [row])[0]
            start = changes.get("start", current.start)
            end = changes.get("end", current.end)
            _check_interview_times(start, end)
            values = {k: v for k, v in changes.items() if k not in ("start", "end")}
            if "kind" in values:
                values["kind"] = InterviewKind(values["kind"]).value
            values |= _interview_time_values(start, end)
            conn.execute(update(interviews).where(interviews.c.id == interview_id).values(values))
            return _load_interviews(conn, [_interview_row(conn, interview_id)])[0]

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
            _application_row(conn, app_id)
            if person_id is not None:
                _check_people_of(conn, app_id, [person_id])
            touch_id = _insert(conn, touches, values)
            row = conn.execute(select(touches).where(touches.c.id == touch_id)).mappings().one()
            return rows.touch_from_row(row)

    def add_skip(self, app_id: int, action_id: str, at: datetime, reason: str) -> Skip:
        check_aware(at, "time of the skip")
        check_text(reason, "reason")
        check_text(action_id, "action id")
        with self._write() as conn:
            _application_row(conn, app_id)
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
        """Set one key-value setting (the profile, saved drafts...)."""
        check_text(key, "setting name")
        with self._write() as conn:
            conn.execute(delete(settings_table).where(settings_table.c.key == key))
            conn.execute(insert(settings_table).values(key=key, value=value))

    def delete_setting(self, key: str) -> None:
        with self._write() as conn:
            conn.execute(delete(settings_table).where(settings_table.c.key == key))


# ---- helpers (module level so the Store class stays a readable table of contents) -------


def _insert(conn: Connection, table: Any, values: Mapping[str, Any]) -> int:
    key = conn.execute(insert(table).values(values)).inserted_primary_key
    assert key is not None  # every table inserted this way has an integer primary key
    return int(key[0])


def _application_row(conn: Connection, app_id: int) -> RowMapping:
    row = conn.execute(select(applications).where(applications.c.id == app_id)).mappings().first()
    if row is None:
        raise NotFoundError(
            f"no application with id {app_id}", "see `followup app list` for the ids"
        )
    return row


def _person_row(conn: Connection, person_id: int) -> RowMapping:
    row = conn.execute(select(people).where(people.c.id == person_id)).mappings().first()
    if row is None:
        raise NotFoundError(
            f"no person with id {person_id}", "see `followup person list` for the ids"
        )
    return row


def _interview_row(conn: Connection, interview_id: int) -> RowMapping:
    row = conn.execute(select(interviews).where(interviews.c.id == interview_id)).mappings().first()
    if row is None:
        raise NotFoundError(
            f"no interview with id {interview_id}", "see `followup app show APP_ID` for the ids"
        )
    return row


def _check_people_of(conn: Connection, app_id: int, person_ids: Iterable[int]) -> None:
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


def _check_fields(changes: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise InvalidDataError(
            f"cannot change {', '.join(unknown)} of an {what}",
            f"change only {', '.join(sorted(allowed))}",
        )


def _check_application(values: Mapping[str, Any]) -> None:
    check_text(values["company"], "company")
    check_text(values["role"], "role")
    check_country(values.get("country"))
    check_zone(values.get("tz"))


def _check_person(values: Mapping[str, Any]) -> None:
    check_text(values["name"], "name")
    check_country(values.get("country"))
    check_zone(values.get("tz"))
    PersonRole(values["role"])
    email = values.get("email")
    if email is not None and ("@" not in email or " " in email):
        raise InvalidDataError(
            f"{email!r} is not an email address", "give an address such as dana@example.com"
        )


def _check_interview_times(start: datetime, end: datetime | None) -> None:
    check_aware(start, "interview start")
    check_aware(end, "interview end")
    if end is not None and end < start:
        raise InvalidDataError(
            f"the interview ends ({end.isoformat()}) before it starts ({start.isoformat()})",
            "give an end after the start, or no end",
        )


def _check_participants(person_ids: Sequence[int], notes: Mapping[int, str]) -> None:
    if len(set(person_ids)) != len(person_ids):
        raise InvalidDataError(
            "a person is named twice in the interview", "name each interviewer once"
        )
    strangers = sorted(set(notes) - set(person_ids))
    if strangers:
        raise InvalidDataError(
            f"a note is for person {strangers[0]}, who is not in the interview",
            f"add them to the interview too (--with {strangers[0]}) or drop the note",
        )


def _interview_time_values(start: datetime, end: datetime | None) -> dict[str, Any]:
    return {
        "starts_at": rows.to_utc(start),
        "tz": rows.zone_label(start),
        "ends_at": None if end is None else rows.to_utc(end),
    }


def _email(value: str | None) -> str | None:
    return value.strip().lower() if value else None


def _domain(value: str | None) -> str | None:
    return value.strip().lower().removeprefix("www.") if value else None


def _load_interviews(conn: Connection, rows_: Sequence[rows.Row]) -> list[Interview]:
    ids = [r["id"] for r in rows_]
    participants: dict[int, list[rows.Row]] = defaultdict(list)
    if ids:
        query = select(interview_people).where(interview_people.c.interview_id.in_(ids))
        for p in conn.execute(query).mappings():
            participants[p["interview_id"]].append(p)
    return [rows.interview_from_row(r, participants[r["id"]]) for r in rows_]


def _load_histories(conn: Connection, app_ids: list[int] | None) -> list[History]:
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
