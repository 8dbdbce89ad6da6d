"""Checks of single values the store will not keep if wrong (the store must always be
readable back into domain values). Pure: no SQLAlchemy."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.domain.model import PersonRole
from followup.store.errors import InvalidDataError

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def check_zone(name: str | None, what: str = "time zone") -> None:
    if name is None:
        return
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InvalidDataError(
            f"unknown {what} {name!r}",
            "use an IANA zone name such as America/New_York or Europe/Berlin",
        ) from None


def check_country(code: str | None) -> None:
    if code is not None and not _COUNTRY.match(code):
        raise InvalidDataError(
            f"country {code!r} is not a two-letter code",
            "use an ISO 3166-1 alpha-2 code in capitals, such as US, GB or DE",
        )


def check_text(value: str, what: str) -> None:
    if not value.strip():
        raise InvalidDataError(f"the {what} is empty", f"give a {what}")


def check_aware(value: datetime | None, what: str) -> None:
    if value is not None and value.tzinfo is None:
        raise InvalidDataError(f"the {what} has no time zone", "give a timezone-aware datetime")


def check_fields(changes: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise InvalidDataError(
            f"cannot change {', '.join(unknown)} of an {what}",
            f"change only {', '.join(sorted(allowed))}",
        )


def check_application(values: Mapping[str, Any]) -> None:
    check_text(values["company"], "company")
    check_text(values["role"], "role")
    check_country(values.get("country"))
    check_zone(values.get("tz"))


def check_person(values: Mapping[str, Any]) -> None:
    check_text(values["name"], "name")
    check_country(values.get("country"))
    check_zone(values.get("tz"))
    PersonRole(values["role"])
    email = values.get("email")
    if email is not None and ("@" not in email or " " in email):
        raise InvalidDataError(
            f"{email!r} is not an email address", "give an address such as dana@example.com"
        )


def check_interview_times(start: datetime, end: datetime | None) -> None:
    check_aware(start, "interview start")
    check_aware(end, "interview end")
    if end is not None and end < start:
        raise InvalidDataError(
            f"the interview ends ({end.isoformat()}) before it starts ({start.isoformat()})",
            "give an end after the start, or no end",
        )


def check_participants(person_ids: Sequence[int], notes: Mapping[int, str]) -> None:
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


def email(value: str | None) -> str | None:
    return value.strip().lower() if value else None


def domain(value: str | None) -> str | None:
    return value.strip().lower().removeprefix("www.") if value else None
