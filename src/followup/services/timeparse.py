"""Dates and times as users type them: ISO 8601, with or without an offset.

A time without an offset is read in the application's zone (else the user's): "10:00" means
10:00 where the interview took place. Pure: no clock.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.services.errors import InputError

DATETIME_FIX = "use ISO 8601 such as 2026-03-03T10:00 or 2026-03-03T10:00-05:00"
DATE_FIX = "use YYYY-MM-DD such as 2026-03-13"


def parse_datetime(text: str, what: str = "time") -> datetime:
    """A datetime, naive when the text has no offset (see `in_zone`)."""
    value = text.strip()
    if len(value) < 16 or value[4:5] != "-" or value[10:11] not in ("T", "t", " "):
        raise InputError(f"{what} {text!r} is not a date and time", DATETIME_FIX)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InputError(f"{what} {text!r} is not a valid date and time", DATETIME_FIX) from None
    return parsed


def parse_date(text: str, what: str = "date") -> date:
    value = text.strip()
    if len(value) != 10:
        raise InputError(f"{what} {text!r} is not a date", DATE_FIX)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{what} {text!r} is not a valid date", DATE_FIX) from None


def zone(name: str, what: str = "time zone") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InputError(
            f"unknown {what} {name!r}",
            "use an IANA zone name such as America/New_York or Europe/Berlin",
        ) from None


def in_zone(value: datetime, zone_name: str) -> datetime:
    """`value` if it has an offset, else the same wall time in `zone_name`."""
    if value.tzinfo is not None:
        return value
    return value.replace(tzinfo=zone(zone_name))
