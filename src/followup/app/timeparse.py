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


# Abbreviations people type for a zone, and the zone they most often mean. Some are names in
# the zone database too ("EST" is a fixed UTC-5 with no summer time), which is never what a
# person in New York means; all are refused with the suggestion.
ABBREVIATIONS = {
    "EST": "America/New_York", "EDT": "America/New_York", "ET": "America/New_York",
    "CST": "America/Chicago", "CDT": "America/Chicago", "CT": "America/Chicago",
    "MST": "America/Denver", "MDT": "America/Denver", "MT": "America/Denver",
    "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles",
    "AKST": "America/Anchorage", "HST": "Pacific/Honolulu", "BST": "Europe/London",
    "CET": "Europe/Berlin", "CEST": "Europe/Berlin", "MET": "Europe/Berlin",
    "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon", "EET": "Europe/Athens",
    "EEST": "Europe/Athens", "MSK": "Europe/Moscow", "IST": "Asia/Kolkata",
    "SGT": "Asia/Singapore", "HKT": "Asia/Hong_Kong", "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland", "BRT": "America/Sao_Paulo",
}  # fmt: skip


def zone(name: str, what: str = "time zone") -> ZoneInfo:
    """The IANA zone `name`; InputError for anything else (a region such as "US" is a
    directory of the zone database, not a zone; an abbreviation such as "EST" is refused
    with the zone it usually means)."""
    suggestion = ABBREVIATIONS.get(name.strip().upper()) or ABBREVIATIONS.get(
        name.strip().upper().replace("5EDT", "").replace("6CDT", "").replace("7MDT", "")
    )
    if suggestion is not None:
        raise InputError(
            f"{name} is not a time zone; did you mean {suggestion}?",
            code="zone.abbreviation",
            params={"what": what, "name": name, "zone": suggestion},
        )
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
    """`value` if it has an offset, else the same wall time in `zone_name`; a wall time that
    does not exist there (skipped at a DST change) or occurs twice is refused."""
    if value.tzinfo is not None:
        return value
    placed = value.replace(tzinfo=zone(zone_name))
    check_wall_time(placed, zone_name)
    return placed


def check_wall_time(placed: datetime, zone_name: str) -> None:
    """A naive time put in a zone: refused when the clocks skip it or show it twice."""
    from datetime import UTC

    first, second = placed.replace(fold=0), placed.replace(fold=1)
    offsets = (first.utcoffset(), second.utcoffset())
    if offsets[0] == offsets[1]:
        return
    wall = placed.replace(tzinfo=None).isoformat(timespec="minutes")
    round_trip = first.astimezone(UTC).astimezone(first.tzinfo).replace(tzinfo=None)
    if round_trip != placed.replace(tzinfo=None, fold=0):
        raise InputError(
            f"{wall} does not exist in {zone_name} (the clocks skip it at a DST change)",
            code="time.nonexistent",
            params={"time": wall, "zone": zone_name},
        )
    both = " or ".join(t.isoformat(timespec="minutes") for t in (first, second))
    raise InputError(
        f"{wall} happens twice in {zone_name} (the clocks go back at a DST change)",
        code="time.ambiguous",
        params={"time": wall, "zone": zone_name, "both": both},
    )
