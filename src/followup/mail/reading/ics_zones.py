"""VTIMEZONE blocks and TZIDs read into zones without expanding any rule (see `ics`)."""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.mail.reading.addresses import clean_name
from followup.mail.reading.limits import (
    MAX_ZONE_OBSERVANCES,
)

MAX_TZID_CHARS = 200


def component_line(line: bytes) -> tuple[bytes, bytes] | None:
    """(b"BEGIN" or b"END", component name upper-cased) of a BEGIN/END line, else None.

    Read as icalendar reads a content line: the name ends at ";" or ":", the value starts
    after the first ":" outside double quotes."""
    head = line[:6].upper()
    if head.startswith(b"BEGIN") and head[5:6] in (b":", b";"):
        kind = b"BEGIN"
    elif head.startswith(b"END") and head[3:4] in (b":", b";"):
        kind = b"END"
    else:
        return None
    index = len(kind)
    while True:  # find() only: linear in the line however many quotes it holds
        colon = line.find(b":", index)
        if colon < 0:
            return None
        quote = line.find(b'"', index, colon)
        if quote < 0:
            return kind, line[colon + 1 :].strip().upper()
        closing = line.find(b'"', quote + 1)
        if closing < 0:
            return None
        index = closing + 1


_MAX_ZONES = 50  # VTIMEZONE blocks read per calendar file
_OFFSET = re.compile(r"^([+-])(\d{2})(\d{2})(\d{2})?$")
_LOCAL_TIME = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?Z?$")
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


@dataclass(frozen=True, slots=True)
class _Observance:
    """One STANDARD or DAYLIGHT block: from `start` (local wall time) the offset is `to`.

    A yearly rule (BYMONTH with BYDAY or BYMONTHDAY) is followed by computing the onset of
    the one year asked about: nothing is ever expanded. Any other rule is not followed: the
    block counts from its first onset only."""

    start: datetime
    before: timedelta  # TZOFFSETFROM
    to: timedelta  # TZOFFSETTO
    name: str
    months: tuple[int, ...] = ()  # empty: not recurring
    weekday: tuple[int, int] | None = None  # (n-th, weekday); n 0 = any, -1 = last
    monthdays: tuple[int, ...] = ()
    interval: int = 1
    count: int | None = None
    until: datetime | None = None

    def onsets(self, year: int) -> Iterable[datetime]:
        """The onsets in `year` and the year before."""
        if not self.months:
            if self.start.year <= year:
                yield self.start
            return
        for y in (year - 1, year):
            steps, rest = divmod(y - self.start.year, self.interval)
            if steps < 0 or rest or (self.count is not None and steps >= self.count):
                continue
            for month in self.months:
                day = self._day(y, month)
                if day is None:
                    continue
                onset = self.start.replace(year=y, month=month, day=day)
                if onset >= self.start and (self.until is None or onset <= self.until):
                    yield onset

    def _day(self, year: int, month: int) -> int | None:
        first_weekday, days = _calendar.monthrange(year, month)
        if self.weekday is None:
            day = self.monthdays[0] if self.monthdays else self.start.day
            return day if 1 <= day <= days else None
        nth, weekday = self.weekday
        matching = [d for d in range(1, days + 1) if (first_weekday + d - 1) % 7 == weekday]
        if self.monthdays:
            matching = [d for d in matching if d in self.monthdays]
        if nth == 0:
            return matching[0] if matching else None
        index = nth - 1 if nth > 0 else nth
        return matching[index] if -len(matching) <= index < len(matching) else None


class _RuleZone(tzinfo):
    """A zone read from a VTIMEZONE's observances, in constant time per question."""

    def __init__(self, name: str, observances: tuple[_Observance, ...]) -> None:
        self.name = name
        self.observances = observances
        self.earliest = min(observances, key=lambda o: o.start)

    def _current(self, dt: datetime | None) -> _Observance | None:
        if dt is None:
            return None
        wall = dt.replace(tzinfo=None)
        best: tuple[datetime, _Observance] | None = None
        for observance in self.observances:
            for onset in observance.onsets(wall.year):
                if onset <= wall and (best is None or onset > best[0]):
                    best = (onset, observance)
        return best[1] if best else None

    def utcoffset(self, dt: datetime | None) -> timedelta:
        current = self._current(dt)
        return current.to if current is not None else self.earliest.before

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str:
        current = self._current(dt)
        return current.name if current is not None and current.name else self.name

    def __repr__(self) -> str:
        return f"<VTIMEZONE {self.name!r}>"


@dataclass(frozen=True, slots=True)
class ZoneDefinition:
    tzid: str
    location: str | None  # X-LIC-LOCATION, when it names an IANA zone
    observances: tuple[_Observance, ...]
    problems: tuple[str, ...]


def add_zone(zones: dict[str, ZoneDefinition], lines: list[bytes]) -> None:
    """Read one VTIMEZONE's lines (BEGIN/END taken off) without icalendar."""
    if len(zones) >= _MAX_ZONES:
        return
    tzid, location = "", None
    blocks: list[dict[str, str]] = []
    problems: list[str] = []
    current: dict[str, str] | None = None
    for raw in lines:
        line = raw.decode("utf-8", "replace")
        component = component_line(raw)
        if component is not None:
            if component[0] == b"BEGIN" and component[1] in (b"STANDARD", b"DAYLIGHT"):
                current = {"KIND": component[1].decode()}
            elif component[0] == b"END" and current is not None:
                if len(blocks) < MAX_ZONE_OBSERVANCES:
                    blocks.append(current)
                current = None
            continue
        name, value = _property(line)
        if current is not None:
            current.setdefault(name, value)
        elif name == "TZID":  # a TEXT value: Exchange escapes the commas of its zone names
            tzid = clean_tzid(_unescape_text(value))[:MAX_TZID_CHARS]
        elif name == "X-LIC-LOCATION" and _is_iana(clean_tzid(value)):
            location = clean_tzid(value)
    if not tzid or tzid in zones:
        return
    observances = []
    for block in blocks:
        observance = _observance(block, problems)
        if observance is not None:
            observances.append(observance)
    zones[tzid] = ZoneDefinition(tzid, location, tuple(observances), tuple(problems))


def _unescape_text(value: str) -> str:
    """A TEXT value's escapes undone ("\\," "\\;" "\\\\"), as the TZID parameter that names
    the zone carries it unescaped ("(UTC+01:00) Amsterdam\\, Berlin" is the zone of
    TZID="(UTC+01:00) Amsterdam, Berlin")."""
    return re.sub(r"\\([,;\\])", r"\1", value)


def _property(line: str) -> tuple[str, str]:
    """(NAME upper-cased, value) of a content line; parameters are not needed here."""
    head, _, value = line.partition(":")
    return head.partition(";")[0].strip().upper(), value.strip()


def _observance(block: dict[str, str], problems: list[str]) -> _Observance | None:
    start = _local_time(block.get("DTSTART", ""))
    before, to = _offset(block.get("TZOFFSETFROM", "")), _offset(block.get("TZOFFSETTO", ""))
    if to is None:
        problems.append(f"a VTIMEZONE {block['KIND']} block without a readable TZOFFSETTO")
        return None
    observance = _Observance(
        start=start or datetime(1601, 1, 1),
        before=before if before is not None else to,
        to=to,
        name=clean_name(block.get("TZNAME", ""))[:40],
    )
    rule = block.get("RRULE")
    if not rule:
        return observance
    parts = dict(p.partition("=")[::2] for p in rule[:500].upper().split(";"))
    months = tuple(int(m) for m in parts.get("BYMONTH", "").split(",") if m.isdigit())
    months = tuple(m for m in months if 1 <= m <= 12)[:12]
    if parts.get("FREQ") != "YEARLY":
        problems.append(
            f"VTIMEZONE rule {rule[:60]!r} not followed (only yearly rules are): "
            "read as its first onset"
        )
        return observance
    weekday = None
    found = _BYDAY.match(parts.get("BYDAY", "").split(",")[0])
    if found:
        weekday = (int(found.group(1) or 0), _WEEKDAYS[found.group(2)])
    monthdays = tuple(int(d) for d in parts.get("BYMONTHDAY", "").split(",")[:31] if d.isdigit())
    interval = int(parts["INTERVAL"]) if parts.get("INTERVAL", "").isdigit() else 1
    count = int(parts["COUNT"]) if parts.get("COUNT", "").isdigit() else None
    return _Observance(
        start=observance.start,
        before=observance.before,
        to=observance.to,
        name=observance.name,
        months=months or (observance.start.month,),
        weekday=weekday,
        monthdays=monthdays,
        interval=max(1, min(interval, 100)),
        count=count,
        until=_local_time(parts.get("UNTIL", "")),
    )


def _local_time(value: str) -> datetime | None:
    found = _LOCAL_TIME.match(value.strip())
    if found is None:
        return None
    year, month, day, hour, minute, second = (int(g or 0) for g in found.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _offset(value: str) -> timedelta | None:
    found = _OFFSET.match(value.strip())
    if found is None:
        return None
    sign, hours, minutes, seconds = found.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
    if delta >= timedelta(hours=24):
        return None
    return -delta if sign == "-" else delta


class Zones:
    """The zones one calendar's times are read in, never expanding a VTIMEZONE's rules.

    A TZID is read as: the IANA zone it names; the IANA zone of a Windows name (icalendar's
    table); its own VTIMEZONE: the IANA zone of X-LIC-LOCATION, else its STANDARD/DAYLIGHT
    offsets (yearly rules computed for the one year asked, see `_Observance`); the calendar's
    X-WR-TIMEZONE; else the floating zone, with a problem. Outlook names many zones
    "Customized Time Zone": each calendar's own definition is used, never a cache by TZID.
    """

    def __init__(self, definitions: dict[str, ZoneDefinition], calendar: Any, floating: str):
        self.floating = floating
        self._definitions = definitions
        self._built: dict[str, tzinfo | None] = {}
        default = clean_tzid(str(calendar.get("X-WR-TIMEZONE") or ""))[:MAX_TZID_CHARS]
        self._default = iana_name(default) if default else None

    def for_tzid(self, tzid: str, problems: list[str]) -> tzinfo:
        clean = clean_tzid(tzid)[:MAX_TZID_CHARS]
        iana = iana_name(clean)
        if iana is not None:
            return ZoneInfo(iana)
        if clean not in self._built:
            self._built[clean] = self._own(clean, problems)
        built = self._built[clean]
        if built is not None:
            return built
        if self._default is not None:
            problems.append(f"unknown time zone {tzid!r}: read in the calendar's {self._default}")
            return ZoneInfo(self._default)
        problems.append(f"unknown time zone {tzid!r}: read in {self.floating}")
        return zone_or_utc(self.floating, problems)

    def _own(self, tzid: str, problems: list[str]) -> tzinfo | None:
        definition = self._definitions.get(tzid)
        if definition is None:
            return None
        problems.extend(p for p in definition.problems if p not in problems)
        if definition.location is not None:
            return ZoneInfo(definition.location)
        if not definition.observances:
            problems.append(f"unreadable VTIMEZONE {tzid!r}: no offsets")
            return None
        return _RuleZone(tzid, definition.observances)


def clean_tzid(tzid: str) -> str:
    return tzid.strip().strip("/").strip('"')


def _is_iana(name: str) -> bool:
    if not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def iana_name(tzid: str | None) -> str | None:
    """The IANA zone for a TZID: itself, or the zone a Windows name stands for."""
    if not tzid:
        return None
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    clean = clean_tzid(tzid)
    if clean in WINDOWS_TO_OLSON:
        return str(WINDOWS_TO_OLSON[clean])
    return clean if _is_iana(clean) else None


def zone_or_utc(name: str, problems: list[str]) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"unknown time zone {name!r}: read as UTC")
        return UTC


def zone_key(zone: tzinfo | None) -> str | None:
    key = getattr(zone, "key", None) or getattr(zone, "zone", None)
    return str(key) if key else None
