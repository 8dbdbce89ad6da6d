"""Calendar invitations (iMIP, RFC 5546/6047) read into plain values, never raising.

ATS calendars are sloppy and messages arrive out of order, so every invite keeps its UID,
SEQUENCE and DTSTAMP (see `supersedes`), times are stored in UTC with the original TZID,
and a broken file yields problems instead of an exception. icalendar is imported lazily:
it is slow to import and only needed when a message carries a calendar.

Calendars come from strangers, so the work is bounded (see `limits`). A linear pass before
icalendar takes the VTIMEZONE blocks out (icalendar would expand their rules, forever for
FREQ=MINUTELY, and cache them process-wide by TZID) and reads them itself without expanding
anything; it keeps MAX_EVENTS_READ events and MAX_EVENT_LINES lines of each. Attendees are
single valid addresses (a comma list is refused), at most MAX_ATTENDEES per event; names are
one line. What was left out is listed in `set_aside`. A file past a hard cap (size, events,
lines) is refused as a whole: `parse_calendar` raises `InputTooLarge`, `read_calendar` says so
among its problems.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.mail.reading.addresses import clean_name, valid_address
from followup.mail.reading.limits import (
    MAX_ATTENDEES,
    MAX_CALENDAR_BYTES,
    MAX_CALENDAR_EVENTS,
    MAX_CALENDAR_LINES,
    MAX_EVENTS_READ,
    MAX_ZONE_OBSERVANCES,
    InputTooLarge,
)
from followup.mail.reading.parse import CalendarPart
from followup.mail.reading.text import html_to_text

RESOURCE_CUTYPES = frozenset({"ROOM", "RESOURCE"})
_URL = re.compile(r"https?://[^\s<>\"'\\]+")
_VIDEO_HOSTS = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:meet\.google\.com/|teams\.microsoft\.com/l/meetup-join/"
    r"|teams\.live\.com/meet/|zoom\.us/(?:j|my|w|s)/|zoom\.com/(?:j|my)/|webex\.com/"
    r"|whereby\.com/|meet\.jit\.si/|chime\.aws/|gotomeet\.me/|meet\.goto\.com/)",
    re.IGNORECASE,
)
# properties holding a meeting link, most specific first
_LINK_PROPERTIES = (
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
    "URL",
    "LOCATION",
    "DESCRIPTION",
    "X-ALT-DESC",
)
_BEGIN_END = re.compile(rb"^(BEGIN|END):([A-Za-z-]+)\s*$", re.MULTILINE)
MAX_EVENT_LINES = 500  # content lines read of one event (and of the calendar outside events)
MAX_LINE_BYTES = 32 * 1024  # of one unfolded content line (a DESCRIPTION, an ATTENDEE)
MAX_READ_BYTES = 1024 * 1024  # of content lines handed to icalendar, all events together
_MAX_TEXT_CHARS = 2_000  # of SUMMARY and LOCATION
_MAX_TZID_CHARS = 200
_MAX_OTHER_COMPONENTS = 100  # VCALENDAR, VTODO, VALARM, ... outside events
_EVENT_LIKE = frozenset((b"VEVENT", b"VTODO", b"VJOURNAL", b"VFREEBUSY", b"VCALENDAR"))


@dataclass(frozen=True, slots=True)
class Attendee:
    email: str
    name: str = ""
    role: str = ""  # CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT, NON-PARTICIPANT
    partstat: str = ""  # NEEDS-ACTION, ACCEPTED, DECLINED, TENTATIVE, ...
    cutype: str = "INDIVIDUAL"  # INDIVIDUAL, GROUP, ROOM, RESOURCE, UNKNOWN

    @property
    def is_resource(self) -> bool:
        return self.cutype in RESOURCE_CUTYPES or self.email.endswith(
            "@resource.calendar.google.com"
        )


@dataclass(frozen=True, slots=True)
class Organizer:
    email: str
    name: str = ""
    sent_by: str | None = None  # the address that sent on the organizer's behalf (an ATS robot)


@dataclass(frozen=True, slots=True)
class Invite:
    method: str  # REQUEST, CANCEL, REPLY, COUNTER, PUBLISH, ...
    uid: str
    sequence: int = 0
    dtstamp: datetime | None = None
    start: datetime | None = None  # aware, UTC
    end: datetime | None = None  # aware, UTC
    tz: str | None = None  # the TZID as written, e.g. "Pacific Standard Time"
    tz_iana: str | None = None  # the IANA zone it stands for, e.g. "America/Los_Angeles"
    all_day: bool = False
    floating: bool = False  # no zone given: read in the caller's floating zone
    organizer: Organizer | None = None
    attendees: tuple[Attendee, ...] = ()  # people only: rooms and resources are in `resources`
    resources: tuple[Attendee, ...] = ()
    location: str = ""
    video_link: str | None = None
    summary: str = ""
    status: str = ""  # CONFIRMED, TENTATIVE, CANCELLED
    recurrence_id: datetime | None = None  # the one occurrence this invite changes
    problems: tuple[str, ...] = ()

    @property
    def cancelled(self) -> bool:
        return self.method == "CANCEL" or self.status == "CANCELLED"

    @property
    def is_response(self) -> bool:
        """A REPLY ("Accepted: ...") or COUNTER: an answer to an invite, not an invite."""
        return self.method in ("REPLY", "COUNTER", "DECLINECOUNTER")

    @property
    def key(self) -> tuple[str, datetime | None]:
        """What an update refers to: the event, or one occurrence of it."""
        return (self.uid, self.recurrence_id)


def supersedes(new: Invite, old: Invite) -> bool:
    """True when `new` is a later version of the same event (RFC 5546: SEQUENCE, then DTSTAMP)."""
    if new.key != old.key:
        return False
    if new.sequence != old.sequence:
        return new.sequence > old.sequence
    if new.dtstamp is None or old.dtstamp is None:
        return False
    return new.dtstamp > old.dtstamp


def interviewers(invite: Invite, user_addresses: Iterable[str]) -> tuple[Attendee, ...]:
    """The people on the invite other than the user, without rooms and resources."""
    mine = {a.strip().lower() for a in user_addresses}
    return tuple(a for a in invite.attendees if a.email not in mine and not a.is_resource)


@dataclass(frozen=True, slots=True)
class CalendarRead:
    """What one iCalendar file holds: its events, what was wrong, what a cap left out."""

    invites: tuple[Invite, ...] = ()
    problems: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()  # events and attendees not read, with the reason


def parse_invite(ics_bytes: bytes, *, floating_tz: str = "UTC") -> Invite | None:
    """The main event of an iCalendar file, or None when no event could be read."""
    invites, _ = read_calendar(ics_bytes, floating_tz=floating_tz)
    return invites[0] if invites else None


def read_calendar(
    ics_bytes: bytes, *, method_hint: str | None = None, floating_tz: str = "UTC"
) -> tuple[tuple[Invite, ...], tuple[str, ...]]:
    """Every VEVENT of an iCalendar file (up to the caps), and problems; never raises.

    `method_hint` is the Content-Type's method= for files without a METHOD line.
    `floating_tz` is the zone for times written without one (and all-day dates).
    Set-aside reasons are among the problems; a file past a hard cap gives no invite and the
    problem "calendar set aside: ...".
    """
    try:
        read = parse_calendar(ics_bytes, method_hint=method_hint, floating_tz=floating_tz)
    except InputTooLarge as exc:
        return (), (f"calendar set aside: {exc.reason}",)
    problems = [*read.problems, *(r for r in read.set_aside if r not in read.problems)]
    return read.invites, tuple(problems)


def parse_calendar(
    ics_bytes: bytes, *, method_hint: str | None = None, floating_tz: str = "UTC"
) -> CalendarRead:
    """Every VEVENT of an iCalendar file up to the caps; raises InputTooLarge only when the
    file is past a hard cap (bytes, events or lines), never on broken content."""
    prepared = _prepare(ics_bytes)
    problems: list[str] = []
    set_aside = list(prepared.set_aside)
    try:
        calendars = _calendars(prepared.data, problems)
    except Exception as exc:  # icalendar raises many kinds of errors on bad input
        return CalendarRead((), (f"unreadable calendar: {_short(exc)}",), tuple(set_aside))
    invites: list[Invite] = []
    for calendar in calendars:
        method = str(calendar.get("METHOD") or method_hint or "PUBLISH").strip().upper()
        zones = _Zones(prepared.zones, calendar, floating_tz)
        for event in calendar.walk("VEVENT"):
            if len(invites) >= MAX_EVENTS_READ:  # nested events the first pass let through
                set_aside.append(f"events beyond the first {MAX_EVENTS_READ} set aside")
                break
            try:
                invites.append(_invite(event, method, zones, set_aside))
            except Exception as exc:  # one bad event must not hide the others
                problems.append(f"unreadable event: {_short(exc)}")
    if not invites and not problems:
        problems.append("the calendar holds no event")
    # the main event first: the master (no RECURRENCE-ID) before single occurrences
    invites.sort(key=lambda i: i.recurrence_id is not None)
    return CalendarRead(tuple(invites), tuple(problems), tuple(dict.fromkeys(set_aside)))


def invites_from_parts(
    parts: Iterable[CalendarPart], *, floating_tz: str = "UTC"
) -> tuple[tuple[Invite, ...], tuple[str, ...]]:
    """Invites of all calendar parts of one message, deduplicated; never raises.

    Google sends the same calendar inline and again as invite.ics: keep one of each version.
    At most MAX_EVENTS_READ invites per message; the rest is set aside (said in problems).
    """
    read = calendar_parts(parts, floating_tz=floating_tz)
    problems = [*read.problems, *(r for r in read.set_aside if r not in read.problems)]
    return read.invites, tuple(problems)


def calendar_parts(
    parts: Iterable[CalendarPart], *, floating_tz: str = "UTC", strict: bool = False
) -> CalendarRead:
    """`invites_from_parts` with set-aside reasons apart. With `strict`, a calendar part past
    a hard cap raises InputTooLarge; otherwise it is set aside with the reason."""
    seen: dict[tuple[Any, ...], Invite] = {}
    problems: list[str] = []
    set_aside: list[str] = []
    read: set[bytes] = set()
    for part in parts:
        same_text = part.data.replace(b"\r\n", b"\n").strip()
        if same_text in read:  # the identical calendar again: no need to parse it twice
            continue
        read.add(same_text)
        try:
            found = parse_calendar(part.data, method_hint=part.method, floating_tz=floating_tz)
        except InputTooLarge as exc:
            if strict:
                raise
            set_aside.append(f"calendar set aside: {exc.reason}")
            continue
        problems.extend(p for p in found.problems if p not in problems)
        set_aside.extend(r for r in found.set_aside if r not in set_aside)
        for invite in found.invites:
            version = (invite.key, invite.sequence, invite.dtstamp, invite.method)
            if version in seen:
                continue
            if len(seen) >= MAX_EVENTS_READ:
                set_aside.append(
                    f"events beyond the first {MAX_EVENTS_READ} of a message set aside"
                )
                break
            seen[version] = invite
    return CalendarRead(tuple(seen.values()), tuple(problems), tuple(dict.fromkeys(set_aside)))


@dataclass(slots=True)
class _Prepared:
    data: bytes  # the calendar without VTIMEZONE blocks and without the events set aside
    zones: dict[str, _ZoneDefinition] = field(default_factory=dict)
    set_aside: list[str] = field(default_factory=list)


def _prepare(data: bytes) -> _Prepared:
    """One linear pass over the unfolded lines: refuse absurd files (InputTooLarge), take the
    VTIMEZONE blocks out and read them, keep MAX_EVENTS_READ events of MAX_EVENT_LINES."""
    if len(data) > MAX_CALENDAR_BYTES:
        raise InputTooLarge(
            f"calendar of {len(data)} bytes (at most {MAX_CALENDAR_BYTES} are read)",
            limit="MAX_CALENDAR_BYTES",
        )
    text = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    lines = text.replace(b"\n ", b"").replace(b"\n\t", b"").split(b"\n")  # unfolded
    if len(lines) > MAX_CALENDAR_LINES:
        raise InputTooLarge(
            f"calendar of {len(lines)} lines (at most {MAX_CALENDAR_LINES} are read)",
            limit="MAX_CALENDAR_LINES",
        )
    splitter = _Splitter()
    for line in lines:
        splitter.line(line)
    return splitter.done()


class _Splitter:
    """The state of `_prepare`'s pass: where in the calendar the current line is."""

    def __init__(self) -> None:
        self.prepared = _Prepared(b"")
        self.kept: list[bytes] = []
        self.events = self.others = self.event_lines = self.outside_lines = 0
        self.read_bytes = 0
        self.outer: list[bytes] = []  # open components outside events (VCALENDAR, VTODO, ...)
        self.event: list[bytes] = []  # open components of the event being kept (VEVENT first)
        self.skip: list[bytes] = []  # open components of what is being left out
        self.owed: list[bytes] = []  # END lines owed when an event was cut short
        self.zone: list[bytes] | None = None  # the lines of the VTIMEZONE being read

    def line(self, line: bytes) -> None:
        if len(line) > MAX_LINE_BYTES:
            line = line[:MAX_LINE_BYTES]
            self.prepared.set_aside.append(f"content lines longer than {MAX_LINE_BYTES} bytes cut")
        component = _component_line(line)
        if self.zone is not None and not self._zone_line(line, component):
            return
        if (
            self.event
            and self.event_lines >= MAX_EVENT_LINES
            and component
            != (
                b"END",
                self.event[0],
            )
        ):
            self.prepared.set_aside.append(
                f"an event's lines beyond the first {MAX_EVENT_LINES} set aside"
            )
            self.skip, self.owed, self.event = list(self.event), list(self.event), []
        if self.skip:
            self._skip_line(component)
        elif component == (b"BEGIN", b"VTIMEZONE"):
            self.zone = []
        elif component == (b"END", b"VTIMEZONE"):
            pass  # a stray end: icalendar would refuse the whole file for it
        elif self.event:
            self._event_line(line, component)
        else:
            self._outside_line(line, component)

    def _zone_line(self, line: bytes, component: tuple[bytes, bytes] | None) -> bool:
        """Read a line of a VTIMEZONE; True when the line is not part of it after all."""
        assert self.zone is not None
        if component is not None and component[1] in _EVENT_LIKE:
            _add_zone(self.prepared, self.zone)  # unclosed: it ends where an event begins
            self.zone = None
            return True
        if component == (b"END", b"VTIMEZONE"):
            _add_zone(self.prepared, self.zone)
            self.zone = None
        elif len(self.zone) < 20 * MAX_ZONE_OBSERVANCES:
            self.zone.append(line)
        return False

    def _skip_line(self, component: tuple[bytes, bytes] | None) -> None:
        if component is not None:
            if component[0] == b"BEGIN":
                self.skip.append(component[1])
            else:
                self.skip.pop()
        if not self.skip:  # what was left out has ended
            self.kept.extend(b"END:" + name for name in reversed(self.owed))
            self.owed = []

    def _event_line(self, line: bytes, component: tuple[bytes, bytes] | None) -> None:
        self.event_lines += 1
        if component is not None:
            if component[0] == b"BEGIN":
                self.event.append(component[1])
            else:
                self.event.pop()
        self._keep(line, component)

    def _keep(self, line: bytes, component: tuple[bytes, bytes] | None) -> None:
        """Keep a line; past MAX_READ_BYTES only BEGIN/END lines (the structure) are kept."""
        if component is None and self.read_bytes + len(line) > MAX_READ_BYTES:
            self.prepared.set_aside.append(
                f"calendar content beyond the first {MAX_READ_BYTES} bytes set aside"
            )
            return
        self.read_bytes += len(line) + 2
        self.kept.append(line)

    def _outside_line(self, line: bytes, component: tuple[bytes, bytes] | None) -> None:
        if component is None:
            self.outside_lines += 1
            if self.outside_lines <= MAX_EVENT_LINES:
                self._keep(line, component)
            return
        if component[0] == b"END":
            if self.outer:  # else a stray end: icalendar would refuse the whole file for it
                self.outer.pop()
                self.kept.append(line)
            return
        if component[1] == b"VEVENT":
            self.events += 1
            if self.events > MAX_CALENDAR_EVENTS:
                raise InputTooLarge(
                    f"calendar of more than {MAX_CALENDAR_EVENTS} events",
                    limit="MAX_CALENDAR_EVENTS",
                )
            if self.events > MAX_EVENTS_READ:
                self.skip = [component[1]]
                return
            self.event, self.event_lines = [component[1]], 1
        else:
            self.others += 1
            if self.others > _MAX_OTHER_COMPONENTS:
                self.skip = [component[1]]
                return
            self.outer.append(component[1])
        self.kept.append(line)

    def done(self) -> _Prepared:
        if self.zone is not None:
            _add_zone(self.prepared, self.zone)
        set_aside = self.prepared.set_aside
        if self.events > MAX_EVENTS_READ:
            left = self.events - MAX_EVENTS_READ
            set_aside.append(f"{left} events beyond the first {MAX_EVENTS_READ} set aside")
        if self.others > _MAX_OTHER_COMPONENTS:
            set_aside.append(
                f"components beyond the first {_MAX_OTHER_COMPONENTS} (not events) set aside"
            )
        self.prepared.set_aside = list(dict.fromkeys(set_aside))
        self.prepared.data = b"\r\n".join(self.kept)
        return self.prepared


def _component_line(line: bytes) -> tuple[bytes, bytes] | None:
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


def _calendars(data: bytes, problems: list[str]) -> list[Any]:
    from icalendar import Calendar

    first_error: Exception | None = None
    try:
        calendars = list(Calendar.from_ical(data, multiple=True))
    except Exception as exc:
        first_error, calendars = exc, []
    if calendars and any(c.walk("VEVENT") for c in calendars):
        return calendars
    repaired = _close_components(data)
    if repaired == data:
        if first_error is not None:
            raise first_error
        return calendars
    calendars = list(Calendar.from_ical(repaired, multiple=True))
    problems.append("calendar was cut off (missing END lines): read what was there")
    return calendars


def _close_components(data: bytes) -> bytes:
    """Add the END lines a truncated calendar is missing."""
    stack: list[bytes] = []
    for kind, name in _BEGIN_END.findall(data):
        if kind == b"BEGIN":
            stack.append(name.upper())
        elif stack and stack[-1] == name.upper():
            stack.pop()
    if not stack:
        return data
    tail = b"".join(b"END:" + name + b"\r\n" for name in reversed(stack))
    return data.rstrip(b"\r\n") + b"\r\n" + tail


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
class _ZoneDefinition:
    tzid: str
    location: str | None  # X-LIC-LOCATION, when it names an IANA zone
    observances: tuple[_Observance, ...]
    problems: tuple[str, ...]


def _add_zone(prepared: _Prepared, lines: list[bytes]) -> None:
    """Read one VTIMEZONE's lines (BEGIN/END taken off) without icalendar."""
    if len(prepared.zones) >= _MAX_ZONES:
        return
    tzid, location = "", None
    blocks: list[dict[str, str]] = []
    problems: list[str] = []
    current: dict[str, str] | None = None
    for raw in lines:
        line = raw.decode("utf-8", "replace")
        component = _component_line(raw)
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
        elif name == "TZID":
            tzid = _clean_tzid(value)[:_MAX_TZID_CHARS]
        elif name == "X-LIC-LOCATION" and _is_iana(_clean_tzid(value)):
            location = _clean_tzid(value)
    if not tzid or tzid in prepared.zones:
        return
    observances = []
    for block in blocks:
        observance = _observance(block, problems)
        if observance is not None:
            observances.append(observance)
    prepared.zones[tzid] = _ZoneDefinition(tzid, location, tuple(observances), tuple(problems))


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


class _Zones:
    """The zones one calendar's times are read in, never expanding a VTIMEZONE's rules.

    A TZID is read as: the IANA zone it names; the IANA zone of a Windows name (icalendar's
    table); its own VTIMEZONE: the IANA zone of X-LIC-LOCATION, else its STANDARD/DAYLIGHT
    offsets (yearly rules computed for the one year asked, see `_Observance`); the calendar's
    X-WR-TIMEZONE; else the floating zone, with a problem. Outlook names many zones
    "Customized Time Zone": each calendar's own definition is used, never a cache by TZID.
    """

    def __init__(self, definitions: dict[str, _ZoneDefinition], calendar: Any, floating: str):
        self.floating = floating
        self._definitions = definitions
        self._built: dict[str, tzinfo | None] = {}
        default = _clean_tzid(str(calendar.get("X-WR-TIMEZONE") or ""))[:_MAX_TZID_CHARS]
        self._default = _iana(default) if default else None

    def for_tzid(self, tzid: str, problems: list[str]) -> tzinfo:
        clean = _clean_tzid(tzid)[:_MAX_TZID_CHARS]
        iana = _iana(clean)
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
        return _zone(self.floating, problems)

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


def _clean_tzid(tzid: str) -> str:
    return tzid.strip().strip("/").strip('"')


def _is_iana(name: str) -> bool:
    if not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _invite(event: Any, method: str, zones: _Zones, set_aside: list[str]) -> Invite:
    problems = [_error_text(e) for e in getattr(event, "errors", [])][:5]
    uid = _text(event.get("UID"))[:1_000]
    if not uid:
        problems.append("event has no UID: updates to it cannot be matched")
    if event.get("DTSTART") is None:
        problems.append("event has no DTSTART: no interview time")
    start, tz, all_day, floating = _moment(event, "DTSTART", zones, problems)
    end, _, _, _ = _moment(event, "DTEND", zones, problems)
    if end is None and start is not None:
        end = _end_from_duration(event, start, all_day, problems)
    attendees = tuple(_attendees(event, problems, set_aside))
    return Invite(
        method=method,
        uid=uid,
        sequence=_sequence(event, problems),
        dtstamp=_moment(event, "DTSTAMP", zones, problems)[0],
        start=start,
        end=end,
        tz=tz,
        tz_iana=_iana(tz),
        all_day=all_day,
        floating=floating,
        organizer=_organizer(event, problems),
        attendees=tuple(a for a in attendees if not a.is_resource),
        resources=tuple(a for a in attendees if a.is_resource),
        location=_text(event.get("LOCATION"))[:_MAX_TEXT_CHARS],
        video_link=_video_link(event),
        summary=_text(event.get("SUMMARY"))[:_MAX_TEXT_CHARS],
        status=_text(event.get("STATUS")).upper(),
        recurrence_id=_moment(event, "RECURRENCE-ID", zones, problems)[0],
        problems=tuple(problems),
    )


def _moment(
    event: Any, name: str, zones: _Zones, problems: list[str]
) -> tuple[datetime | None, str | None, bool, bool]:
    """(UTC time, TZID as written, all-day, floating) of a date-time property."""
    prop = event.get(name)
    if prop is None:
        return None, None, False, False
    tzid = _tzid(prop)
    if isinstance(prop, list):  # some writers repeat a property
        prop = prop[0] if prop else None
        tzid = _tzid(prop)
    if prop is None or type(prop).__name__ == "vBroken":  # icalendar listed it in errors
        return None, tzid, False, False
    # the value as icalendar read it, without asking icalendar for any time zone (`decoded`
    # would: a zone icalendar built from some VTIMEZONE may expand its rules forever)
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        if tzid is not None:  # the wall time as written, in the zone this calendar means
            local = value.replace(tzinfo=None).replace(tzinfo=zones.for_tzid(tzid, problems))
            return local.astimezone(UTC), tzid, False, False
        if value.tzinfo is None:
            local = value.replace(tzinfo=_zone(zones.floating, problems))
            return local.astimezone(UTC), None, False, True
        if not isinstance(value.tzinfo, ZoneInfo) and value.tzinfo is not UTC:
            problems.append(f"{name} in a zone not understood: read as UTC")
            return value.replace(tzinfo=UTC), None, False, False
        return value.astimezone(UTC), _zone_name(value.tzinfo), False, False
    if isinstance(value, date):
        zone = _zone(zones.floating, problems)
        midnight = datetime(value.year, value.month, value.day, tzinfo=zone)
        return midnight.astimezone(UTC), tzid, True, True
    problems.append(f"{name} is not a date or time")
    return None, tzid, False, False


def _end_from_duration(
    event: Any, start: datetime, all_day: bool, problems: list[str]
) -> datetime | None:
    if event.get("DURATION") is not None:
        try:
            duration = event.decoded("DURATION")
        except Exception as exc:
            problems.append(f"unreadable DURATION: {_short(exc)}")
            return None
        if isinstance(duration, timedelta):
            return start + duration
    return start + timedelta(days=1) if all_day else None


def _tzid(prop: Any) -> str | None:
    params = getattr(prop, "params", None)
    if not params:
        return None
    value = params.get("TZID")
    return str(value).strip() if value else None


def _iana(tzid: str | None) -> str | None:
    """The IANA zone for a TZID: itself, or the zone a Windows name stands for."""
    if not tzid:
        return None
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    clean = _clean_tzid(tzid)
    if clean in WINDOWS_TO_OLSON:
        return str(WINDOWS_TO_OLSON[clean])
    return clean if _is_iana(clean) else None


def _zone(name: str, problems: list[str]) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"unknown time zone {name!r}: read as UTC")
        return UTC


def _zone_name(zone: tzinfo | None) -> str | None:
    key = getattr(zone, "key", None) or getattr(zone, "zone", None)
    return str(key) if key else None


_MAX_SEQUENCE_DIGITS = 30  # beyond any real SEQUENCE; keeps int() cheap on hostile input


def _sequence(event: Any, problems: list[str]) -> int:
    """SEQUENCE exactly as written: a number past the 32-bit range icalendar accepts (which
    it hands back as vBroken) is still that number, so an update is never taken for 0."""
    raw = event.get("SEQUENCE")
    if raw is None:
        return 0
    try:
        text = str(raw).strip()  # a vBroken is the text as written
    except Exception:
        text = ""
    if len(text.lstrip("+-")) > _MAX_SEQUENCE_DIGITS:
        problems.append(f"SEQUENCE {text[:20]!r}... is too long to be a number: read as 0")
        return 0
    try:
        return int(text)  # any size within the cap, exactly
    except ValueError:
        problems.append(f"SEQUENCE {text[:20]!r} is not a number: read as 0")
        return 0


def _address(value: Any) -> str:
    """One valid addr-spec from a CAL-ADDRESS ("mailto:a@b.example"), else ""."""
    return valid_address(str(value)[:1_000]) or ""


def _param(prop: Any, name: str) -> str:
    params = getattr(prop, "params", None) or {}
    value = params.get(name)
    if isinstance(value, list):  # a parameter given several values
        value = value[0] if value else None
    return str(value).strip()[:1_000] if value is not None else ""


def _attendees(event: Any, problems: list[str], set_aside: list[str]) -> Iterable[Attendee]:
    raw = event.get("ATTENDEE")
    if raw is None:
        return
    read = 0
    props = raw if isinstance(raw, list) else [raw]
    for index, prop in enumerate(props):
        if read >= MAX_ATTENDEES:
            reason = f"{len(props) - index} attendees beyond the first {MAX_ATTENDEES} set aside"
            problems.append(reason)
            set_aside.append(reason)
            return
        email = _address(prop)
        if not email:
            written = " ".join(str(prop)[:60].split())
            if "@" in written:  # an address, but not exactly one valid one: refused
                reason = f"attendee refused, not one valid address: {written!r}"
                set_aside.append(reason)
            else:
                reason = f"attendee without an email address: {written!r}"
            problems.append(reason)
            continue
        read += 1
        yield Attendee(
            email=email,
            name=clean_name(_param(prop, "CN"), rfc6868=True),
            role=_param(prop, "ROLE").upper() or "REQ-PARTICIPANT",
            partstat=_param(prop, "PARTSTAT").upper() or "NEEDS-ACTION",
            cutype=_param(prop, "CUTYPE").upper() or "INDIVIDUAL",
        )


def _organizer(event: Any, problems: list[str]) -> Organizer | None:
    prop = event.get("ORGANIZER")
    if isinstance(prop, list):
        prop = prop[0] if prop else None
    if prop is None:
        return None
    email = _address(prop)
    if not email and "@" in str(prop)[:1_000]:
        problems.append(f"organizer refused, not one valid address: {str(prop)[:60]!r}")
    sent_by = _address(_param(prop, "SENT-BY")) or None
    if not email and not sent_by:
        return None
    name = clean_name(_param(prop, "CN"), rfc6868=True)
    return Organizer(email=email, name=name, sent_by=sent_by)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def _video_link(event: Any) -> str | None:
    for name in _LINK_PROPERTIES:
        value = event.get(name)
        if value is None:
            continue
        text = _text(value)
        if name == "X-ALT-DESC":
            text = text + " " + " ".join(re.findall(r'href="([^"]+)"', text)) + html_to_text(text)
        for found in _URL.findall(text):
            url = str(found).rstrip(".,;)>]")
            if _VIDEO_HOSTS.match(url):
                return url
    return None


def _error_text(error: object) -> str:
    """icalendar's (property, message) error pairs as one sentence."""
    if isinstance(error, tuple) and len(error) == 2:
        name, message = error
        return f"{name or 'content line'}: {' '.join(str(message).split())}"[:160]
    return " ".join(str(error).split())[:160]


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]
