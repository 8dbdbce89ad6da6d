"""The rows the everyday writes add, as checked column values, built once for both units of
work: the store's (followup.store.repositories, SQLAlchemy) and the one on the standard
sqlite3 module (followup.store.fastwrite). No SQLAlchemy here.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, TypedDict

from followup.domain import model
from followup.store import checks, rows
from followup.store.checks import check_aware, check_text
from followup.store.errors import InvalidDataError

if TYPE_CHECKING:
    from typing_extensions import Unpack

# Revision 0005's columns: what a search tracks before the interview, and an offer's terms.
APPLICATION_DETAILS = frozenset(
    {
        "saved",
        "tags",
        "display_name",
        "applied_on",
        "job_url",
        "source",
        "location",
        "work_mode",
        "salary_min",
        "salary_max",
        "salary_currency",
        "salary_period",
        "offer_deadline",
        "offer_base",
        "offer_bonus",
        "offer_currency",
        "offer_notes",
    }
)


class ApplicationFields(TypedDict, total=False):
    """What a new application may carry besides its company, role and creation time."""

    country: str | None
    tz: str | None
    competing_offer_by: date | None
    company_domain: str | None
    notes: str
    details: Mapping[str, Any] | None  # revision 0005's columns (APPLICATION_DETAILS)


class TouchFields(TypedDict, total=False):
    """What a new contact may carry besides its application, time, channel and direction."""

    kind: model.TouchKind
    person_id: int | None
    decision_by: date | None
    return_date: date | None
    action_id: str | None
    message_id: str | None
    summary: str


def new_public_id() -> str:
    """A random, URL-safe id (96 bits): what a web address shows instead of a row id."""
    return secrets.token_urlsafe(12)


def owned(owner_id: int, columns: Collection[str], values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` of a new row of this owner, in a table of these `columns` (a public id
    where the table has one)."""
    row = dict(values) | {"owner_id": owner_id}
    if "public_id" in columns and "public_id" not in row:
        row["public_id"] = new_public_id()
    return row


def application_values(
    company: str, role: str, *, created_at: datetime, **fields: Unpack[ApplicationFields]
) -> dict[str, Any]:
    details = fields.get("details") or {}
    checks.check_fields(details, APPLICATION_DETAILS, "application")
    values = {
        "company": company.strip(),
        "role": role.strip(),
        "country": fields.get("country"),
        "tz": fields.get("tz"),
        "competing_offer_by": fields.get("competing_offer_by"),
        "notes": fields.get("notes", ""),
        "company_domain": checks.domain(fields.get("company_domain")),
        "saved": False,
        "tags": "",
        **checks.application_details(details),
    }
    checks.check_application(values)
    check_aware(created_at, "creation time")
    return values | {
        "created_at": rows.to_utc(created_at),
        "created_tz": rows.zone_label(created_at),
    }


def touch_values(
    app_id: int,
    at: datetime,
    channel: model.Channel,
    direction: model.Direction,
    **fields: Unpack[TouchFields],
) -> dict[str, Any]:
    check_aware(at, "time of the contact")
    checks.check_year(fields.get("decision_by"), "decision date")
    checks.check_year(fields.get("return_date"), "return date")
    return {
        "app_id": app_id,
        "at": rows.to_utc(at),
        "at_tz": rows.zone_label(at),
        "channel": model.Channel(channel).value,
        "direction": model.Direction(direction).value,
        "kind": model.TouchKind(fields.get("kind", model.TouchKind.MESSAGE)).value,
        "person_id": fields.get("person_id"),
        "decision_by": fields.get("decision_by"),
        "return_date": fields.get("return_date"),
        "action_id": fields.get("action_id"),
        "message_id": fields.get("message_id"),
        "summary": fields.get("summary", ""),
    }


def skip_values(app_id: int, action_id: str, at: datetime, reason: str) -> dict[str, Any]:
    check_aware(at, "time of the skip")
    check_text(reason, "reason")
    check_text(action_id, "action id")
    return {
        "app_id": app_id,
        "action_id": action_id,
        "at": rows.to_utc(at),
        "at_tz": rows.zone_label(at),
        "reason": reason.strip(),
    }


def already_skipped(app_id: int, action_id: str) -> InvalidDataError:
    return InvalidDataError(
        f"action {action_id} is already skipped",
        code="skip.already",
        params={"action_id": action_id, "app_id": app_id},
    )


def as_utc(value: datetime | None) -> datetime | None:
    """A stored timestamp in UTC (a naive one is taken as UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def schedule_values(
    app_id: int, next_due_at: datetime | None, next_action_id: str | None, planned_at: datetime
) -> dict[str, Any]:
    """The `app_schedule` row of an application planned at `planned_at`."""
    return {
        "app_id": app_id,
        "next_due_at": as_utc(next_due_at),
        "next_action_id": next_action_id,
        "planned_at": as_utc(planned_at),
        # new at every plan: a reader that kept plans re-plans the applications whose stamp
        # changed since it looked (the web app's plan cache)
        "stamp": secrets.randbits(62),
    }


class AddsTouches:
    """The `add` of both touch repositories: one signature, one way to build the row; each
    repository writes it (`_add`)."""

    def add(
        self,
        app_id: int,
        at: datetime,
        channel: model.Channel,
        direction: model.Direction,
        **fields: Unpack[TouchFields],
    ) -> model.Touch:
        """Record a contact. A touch of a planned action is recorded once: a second record of
        the same action (a double submit, a retry) returns the first."""
        return self._add(touch_values(app_id, at, channel, direction, **fields))

    def _add(self, values: dict[str, Any]) -> model.Touch:
        raise NotImplementedError


class SetsSchedule:
    """The `set` of both schedule repositories; each writes the row (`_set`)."""

    def set(
        self,
        app_id: int,
        next_due_at: datetime | None,
        next_action_id: str | None,
        planned_at: datetime,
    ) -> None:
        """Store when the application next needs the user (None: nothing planned)."""
        self._set(app_id, schedule_values(app_id, next_due_at, next_action_id, planned_at))

    def _set(self, app_id: int, values: dict[str, Any]) -> None:
        raise NotImplementedError
