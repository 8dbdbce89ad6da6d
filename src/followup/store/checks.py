"""Checks of single values the store will not keep if wrong (the store must always be
readable back into domain values). Pure: no SQLAlchemy."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
