"""Checks of single values the store will not keep if wrong (the store must always be
readable back into domain values). Pure: no SQLAlchemy."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.domain.model import PersonRole
from followup.store.errors import InvalidDataError, not_found

_COUNTRY = re.compile(r"^[A-Z]{2}$")
# C0 and C1 controls, DEL, and the Unicode line and paragraph separators: none belongs in a
# one-line field (a name with a newline would print fake header lines, or break a To:).
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

# One-line fields and their column sizes (followup.store.tables).
ONE_LINE_LIMITS: dict[str, int] = {
    "company": 200,
    "role": 200,
    "name": 200,
    "title": 200,
    "phone": 50,
    "linkedin": 300,
    "company_domain": 253,
    "action id": 200,
    "call_me": 100,
    "display_name": 200,
    "job_url": 2048,
    "source": 100,
    "location": 200,
    "tag": 50,
}
_CURRENCY = re.compile(r"^[A-Z]{3}$")
WORK_MODES = ("on-site", "hybrid", "remote")
SALARY_PERIODS = ("hour", "day", "month", "year")
AMOUNT_LIMIT = 10**12  # no pay is a trillion; a bigger number is a typo


def check_zone(name: str | None, what: str = "time zone") -> None:
    if name is None:
        return
    try:
        if len(name) > 64:
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        raise InvalidDataError(
            f"unknown {what} {name!r}", code="zone.unknown", params={"what": what, "name": name}
        ) from None


def check_country(code: str | None) -> None:
    if code is not None and not _COUNTRY.match(code):
        raise InvalidDataError(
            f"country {code!r} is not a two-letter code",
            code="country.format",
            params={"code": code},
        )


def check_text(value: str, what: str) -> None:
    if not value.strip():
        raise InvalidDataError(f"the {what} is empty", code="value.empty", params={"what": what})
    check_line(value, what)


def check_line(value: str | None, what: str) -> None:
    """A one-line field: no control characters or line breaks, within its column's size."""
    if value is None:
        return
    if _NOT_ONE_LINE.search(value):
        raise InvalidDataError(
            f"the {what} contains a line break or a control character",
            code="text.not-one-line",
            params={"what": what},
        )
    limit = ONE_LINE_LIMITS.get(what)
    if limit is not None and len(value) > limit:
        raise InvalidDataError(
            f"the {what} is {len(value)} characters long, more than {limit}",
            code="text.too-long",
            params={"what": what, "limit": limit},
        )


# What a stored date may be: a job search happens between these years; a date near year 1 or
# 9999 (a typo, or a hostile message) can't be planned around.
FIRST_YEAR, LAST_YEAR = 1970, 2100


def check_aware(value: datetime | None, what: str) -> None:
    if value is not None and value.tzinfo is None:
        raise InvalidDataError(
            f"the {what} has no time zone", code="time.naive", params={"what": what}
        )
    check_year(value, what)


def check_year(value: date | None, what: str) -> None:
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidDataError(
            f"the {what} ({value.isoformat()}) is out of range",
            code="date.out-of-range",
            params={"what": what, "first": FIRST_YEAR, "last": LAST_YEAR},
        )


def check_fields(changes: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise InvalidDataError(
            f"cannot change {', '.join(unknown)} of an {what}",
            code="fields.unknown",
            params={"fields": unknown, "what": what, "allowed": ", ".join(sorted(allowed))},
        )


def check_application(values: Mapping[str, Any]) -> None:
    check_text(values["company"], "company")
    check_text(values["role"], "role")
    check_line(values.get("company_domain"), "company_domain")
    check_country(values.get("country"))
    check_zone(values.get("tz"))
    check_salary(values)


def tags(value: str | Sequence[str] | None) -> str:
    """Tags as stored: lower case, unique, sorted, joined by commas ("" for none)."""
    items = value.split(",") if isinstance(value, str) else list(value or ())
    cleaned = sorted({t.strip().lower() for t in items if t.strip()})
    for tag in cleaned:
        check_line(tag, "tag")
    return ",".join(cleaned)


def _choice(value: Any, allowed: tuple[str, ...], what: str) -> None:
    if value is not None and value not in allowed:
        raise InvalidDataError(
            f"{what} {value!r} is not one of {', '.join(allowed)}",
            code="choice.unknown",
            params={"what": what, "value": value, "allowed": ", ".join(allowed)},
        )


def _amount(value: Any, what: str) -> None:
    if value is not None and not (isinstance(value, int) and 0 <= value < AMOUNT_LIMIT):
        raise InvalidDataError(
            f"the {what} {value!r} is not a whole amount between 0 and {AMOUNT_LIMIT}",
            code="amount.invalid",
            params={"what": what, "value": value},
        )


def currency(value: str | None) -> str | None:
    """An ISO 4217 code in capitals (None for none)."""
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if not _CURRENCY.match(code):
        raise InvalidDataError(
            f"currency {value!r} is not a three-letter code",
            code="currency.format",
            params={"code": value},
        )
    if code not in _known_currencies():
        raise InvalidDataError(
            f"{code} is not an ISO 4217 currency",
            code="currency.unknown",
            params={"code": code},
        )
    return code


@functools.cache
def _known_currencies() -> frozenset[str]:
    """ISO 4217 codes, current and former, from the CLDR data babel ships."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def application_details(values: Mapping[str, Any]) -> dict[str, Any]:
    """Revision 0005's columns, normalised and checked (only the keys given)."""
    out = dict(values)
    if "tags" in out:
        out["tags"] = tags(out["tags"])
    for key in ("salary_currency", "offer_currency"):
        if key in out:
            out[key] = currency(out[key])
    for key in ("display_name", "job_url", "source", "location"):
        if key in out:
            out[key] = out[key].strip() or None if isinstance(out[key], str) else out[key]
            check_line(out[key], key)
    _choice(out.get("work_mode"), WORK_MODES, "work mode")
    _choice(out.get("salary_period"), SALARY_PERIODS, "salary period")
    for key in ("salary_min", "salary_max", "offer_base", "offer_bonus"):
        _amount(out.get(key), key.replace("_", " "))
    check_year(out.get("applied_on"), "date applied")
    check_year(out.get("offer_deadline"), "offer deadline")
    return out


def check_salary(values: Mapping[str, Any]) -> None:
    low, high = values.get("salary_min"), values.get("salary_max")
    if low is not None and high is not None and low > high:
        raise InvalidDataError(
            f"the salary range {low}-{high} ends below its start",
            code="salary.range",
            params={"min": low, "max": high},
        )


def check_person(values: Mapping[str, Any]) -> None:
    check_text(values["name"], "name")
    check_line(values.get("call_me"), "call_me")
    for field in ("title", "phone", "linkedin"):
        check_line(values.get(field), field)
    check_country(values.get("country"))
    check_zone(values.get("tz"))
    PersonRole(values["role"])


def check_interview_times(start: datetime, end: datetime | None) -> None:
    check_aware(start, "interview start")
    check_aware(end, "interview end")
    if end is not None and end < start:
        raise InvalidDataError(
            f"the interview ends ({end.isoformat()}) before it starts ({start.isoformat()})",
            code="interview.ends-before-start",
            params={"start": start.isoformat(), "end": end.isoformat()},
        )


def check_participants(person_ids: Sequence[int], notes: Mapping[int, str]) -> None:
    if len(set(person_ids)) != len(person_ids):
        raise InvalidDataError(
            "a person is named twice in the interview", code="interview.person-twice"
        )
    strangers = sorted(set(notes) - set(person_ids))
    if strangers:
        raise InvalidDataError(
            f"a note is for person {strangers[0]}, who is not in the interview",
            code="interview.note-stranger",
            params={"person_id": strangers[0]},
        )


def email(value: str | None) -> str | None:
    """One valid address (an addr-spec: no display name, no list), normalised to lower case;
    None for none. Every path that stores an address comes through here."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    from email_validator import EmailNotValidError, validate_email

    try:
        # test_environment: no DNS look-up, and the reserved `.test` domain is accepted.
        checked = validate_email(text, check_deliverability=False, test_environment=True)
    except EmailNotValidError as exc:
        raise InvalidDataError(
            f"{text!r} is not an email address ({str(exc).rstrip('.')})",
            code="email.invalid",
            params={"email": text},
        ) from None
    return checked.normalized.lower()


def domain(value: str | None) -> str | None:
    return value.strip().lower().removeprefix("www.") if value else None


def check_people_found(app_id: int, wanted: set[int], found: Mapping[int, int]) -> None:
    """Each wanted person is one of the application's: `found` maps the ids that exist to
    their application."""
    for person_id in sorted(wanted):
        if person_id not in found:
            raise not_found("people", person_id, app_id=app_id)
        if found[person_id] != app_id:
            raise InvalidDataError(
                f"person {person_id} belongs to application {found[person_id]}, not {app_id}",
                code="person.other-application",
                params={"person_id": person_id, "app_id": app_id, "of": found[person_id]},
            )
