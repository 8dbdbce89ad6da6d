"""Dates and times as users type them: ISO 8601, with or without an offset.

A time without an offset is read in the user's own zone (one clock for every command: "10:00"
means 10:00 on the user's watch, wherever the interview took place). Pure: no clock.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.app.errors import InputError

# The years a job search can name: outside them a typed date is a typo (and dates near year
# 1 or 9999 can't be planned around: the calendar would step past the end of time).
FIRST_YEAR, LAST_YEAR = 1970, 2100


def _check_year(value: date, what: str, text: str) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InputError(
            f"{what} {text!r} is out of range",
            code="date.out-of-range",
            params={"what": what, "text": text, "first": FIRST_YEAR, "last": LAST_YEAR},
        )


def parse_datetime(text: str, what: str = "time") -> datetime:
    """A datetime, naive when the text has no offset (see `in_zone`)."""
    value = text.strip()
    params = {"what": what, "text": text}
    if len(value) < 16 or value[4:5] != "-" or value[10:11] not in ("T", "t", " "):
        raise InputError(
            f"{what} {text!r} is not a date and time", code="datetime.invalid", params=params
        )
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InputError(
            f"{what} {text!r} is not a valid date and time",
            code="datetime.invalid",
            params=params,
        ) from None
    _check_year(parsed, what, text)
    return parsed


def parse_date(text: str, what: str = "date") -> date:
    value = text.strip()
    params = {"what": what, "text": text}
    if len(value) != 10:
        raise InputError(f"{what} {text!r} is not a date", code="date.invalid", params=params)
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{what} {text!r} is not a valid date", code="date.invalid", params=params
        ) from None
    _check_year(parsed, what, text)
    return parsed


MAX_ZONE_NAME = 64  # the longest IANA name is 32 characters; the column holds 64


def zone(name: str, what: str = "time zone") -> ZoneInfo:
    """The IANA zone `name`; InputError for anything else (a region such as "US" is a
    directory of the zone database, not a zone)."""
    shown = name if len(name) <= MAX_ZONE_NAME else name[:MAX_ZONE_NAME] + "..."
    try:
        if len(name) > MAX_ZONE_NAME:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        raise InputError(
            f"unknown {what} {shown!r}", code="zone.unknown", params={"what": what, "name": shown}
        ) from None


def in_zone(value: datetime, zone_name: str) -> datetime:
    """`value` if it has an offset, else the same wall time in `zone_name`."""
    if value.tzinfo is not None:
        return value
    return value.replace(tzinfo=zone(zone_name))
