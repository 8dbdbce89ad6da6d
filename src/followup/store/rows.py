"""Conversion between stored rows and domain values, shared by both readers.

No SQLAlchemy here: the fast SQLite reader (`fastread`) hands in `sqlite3.Row` objects with
datetimes as text, the SQLAlchemy store hands in row mappings with `datetime` objects; both
end up as the same domain values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from followup.domain import model


class Row(Protocol):
    """A row by column name: SQLAlchemy's RowMapping or sqlite3.Row."""

    def __getitem__(self, key: str, /) -> Any: ...


def zone_label(value: datetime) -> str:
    """The name of a datetime's zone, to store next to its UTC value."""
    zone = value.tzinfo
    if isinstance(zone, ZoneInfo):
        return zone.key
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("naive datetime: the store keeps timezone-aware datetimes only")
    if offset == timedelta(0):
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_from_label(label: str) -> tzinfo:
    if label == "UTC":
        return UTC
    if label[:1] in "+-":
        hours, minutes = label[1:].split(":")
        offset = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(-offset if label[0] == "-" else offset)
    return ZoneInfo(label)


def to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime: the store keeps timezone-aware datetimes only")
    return value.astimezone(UTC)


def read_datetime(value: datetime | str, label: str | None = None) -> datetime:
    """A stored UTC datetime, back in the zone it was given in (UTC if none was kept)."""
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    return parsed.astimezone(zone_from_label(label)) if label else parsed


def read_optional_datetime(value: datetime | str | None, label: str | None) -> datetime | None:
    return None if value is None else read_datetime(value, label)


def read_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _public_id(row: Row) -> str:
    """The row's public id (rows of tables without one have none)."""
    keys = row.keys() if hasattr(row, "keys") else ()
    return str(row["public_id"]) if "public_id" in keys else ""


def application_from_row(row: Row) -> model.Application:
    return model.Application(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        created_at=read_datetime(row["created_at"], row["created_tz"]),
        country=row["country"],
        tz=row["tz"],
        outcome=model.Outcome(row["outcome"]) if row["outcome"] else None,
        outcome_at=read_optional_datetime(row["outcome_at"], row["outcome_tz"]),
        competing_offer_by=read_date(row["competing_offer_by"]),
        company_domain=row["company_domain"],
        notes=row["notes"] or "",
        public_id=_public_id(row),
        **_pipeline_fields(row),
    )


def split_tags(text: str | None) -> tuple[str, ...]:
    return tuple(t for t in (text or "").split(",") if t)


def _pipeline_fields(row: Row) -> dict[str, Any]:
    """The columns of revision 0005: before the interview, and an offer's terms."""
    salary = None
    if any(row[k] is not None for k in ("salary_min", "salary_max", "salary_currency")):
        salary = model.SalaryRange(
            minimum=row["salary_min"],
            maximum=row["salary_max"],
            currency=row["salary_currency"],
            period=model.SalaryPeriod(row["salary_period"]) if row["salary_period"] else None,
        )
    offer = None
    offer_keys = ("offer_deadline", "offer_base", "offer_bonus", "offer_currency")
    if any(row[k] is not None for k in offer_keys) or row["offer_notes"]:
        offer = model.OfferTerms(
            deadline=read_date(row["offer_deadline"]),
            base=row["offer_base"],
            bonus=row["offer_bonus"],
            currency=row["offer_currency"],
            notes=row["offer_notes"] or "",
        )
    return {
        "saved": bool(row["saved"]),
        "outcome_reason": row["outcome_reason"],
        "applied_on": read_date(row["applied_on"]),
        "display_name": row["display_name"],
        "job_url": row["job_url"],
        "source": row["source"],
        "location": row["location"],
        "work_mode": model.WorkMode(row["work_mode"]) if row["work_mode"] else None,
        "salary": salary,
        "tags": split_tags(row["tags"]),
        "offer": offer,
    }


def person_from_row(row: Row) -> model.Person:
    return model.Person(
        id=row["id"],
        app_id=row["app_id"],
        name=row["name"],
        email=row["email"],
        phone=row["phone"],
        role=model.PersonRole(row["role"]),
        connection=bool(row["connection"]),
        tz=row["tz"],
        country=row["country"],
        title=row["title"],
        linkedin=row["linkedin"],
        email_bounced=bool(row["email_bounced"]),
        call_me=row["call_me"],
        public_id=_public_id(row),
    )


def interview_from_row(row: Row, participants: Iterable[Row]) -> model.Interview:
    """`participants` are the interview_people rows of this interview, in any order."""
    ordered = sorted(participants, key=lambda p: p["position"])
    return model.Interview(
        id=row["id"],
        app_id=row["app_id"],
        start=read_datetime(row["starts_at"], row["tz"]),
        end=read_optional_datetime(row["ends_at"], row["tz"]),
        kind=model.InterviewKind(row["kind"]),
        person_ids=tuple(p["person_id"] for p in ordered),
        notes={p["person_id"]: p["note"] for p in ordered if p["note"]},
        decision_by=read_date(row["decision_by"]),
        no_follow_up=bool(row["no_follow_up"]),
        location=row["location"],
        video_link=row["video_link"],
        ical_uid=row["ical_uid"],
        ical_sequence=row["ical_sequence"] or 0,
        cancelled=bool(row["cancelled"]),
        public_id=_public_id(row),
        booked_at=read_optional_datetime(row["booked_at"], None),
    )


def touch_from_row(row: Row) -> model.Touch:
    return model.Touch(
        id=row["id"],
        app_id=row["app_id"],
        at=read_datetime(row["at"], row["at_tz"]),
        channel=model.Channel(row["channel"]),
        direction=model.Direction(row["direction"]),
        kind=model.TouchKind(row["kind"]),
        person_id=row["person_id"],
        decision_by=read_date(row["decision_by"]),
        return_date=read_date(row["return_date"]),
        action_id=row["action_id"],
        message_id=row["message_id"],
        summary=row["summary"] or "",
    )


def skip_from_row(row: Row) -> model.Skip:
    return model.Skip(
        action_id=row["action_id"],
        app_id=row["app_id"],
        at=read_datetime(row["at"], row["at_tz"]),
        reason=row["reason"],
    )


def assemble_histories(
    *,
    application_rows: Iterable[Row],
    people_rows: Iterable[Row],
    interview_rows: Iterable[Row],
    participant_rows: Iterable[Row],
    touch_rows: Iterable[Row],
    skip_rows: Iterable[Row],
) -> list[model.History]:
    """Histories from the rows of each table (applications in the order given)."""
    participants: dict[int, list[Row]] = defaultdict(list)
    for p in participant_rows:
        participants[p["interview_id"]].append(p)
    by_app: dict[str, dict[int, list[Any]]] = {
        "people": defaultdict(list),
        "interviews": defaultdict(list),
        "touches": defaultdict(list),
        "skips": defaultdict(list),
    }
    for r in people_rows:
        by_app["people"][r["app_id"]].append(person_from_row(r))
    for r in interview_rows:
        by_app["interviews"][r["app_id"]].append(interview_from_row(r, participants[r["id"]]))
    for r in touch_rows:
        by_app["touches"][r["app_id"]].append(touch_from_row(r))
    for r in skip_rows:
        by_app["skips"][r["app_id"]].append(skip_from_row(r))
    histories = []
    for r in application_rows:
        app = application_from_row(r)
        histories.append(
            model.History(
                application=app,
                people=tuple(by_app["people"][app.id]),
                interviews=tuple(by_app["interviews"][app.id]),
                touches=tuple(by_app["touches"][app.id]),
                skips=tuple(by_app["skips"][app.id]),
            )
        )
    return histories
