"""Calendar invitations (iMIP, RFC 5546/6047) read into plain values, never raising.

ATS calendars are sloppy and messages arrive out of order, so every invite keeps its UID,
SEQUENCE and DTSTAMP (see `supersedes`), times are stored in UTC with the original TZID,
and a broken file yields problems instead of an exception. icalendar is imported lazily:
it is slow to import and only needed when a message carries a calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.mail.parse import CalendarPart
from followup.mail.text import html_to_text

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


def parse_invite(ics_bytes: bytes, *, floating_tz: str = "UTC") -> Invite | None:
    """The main event of an iCalendar file, or None when no event could be read."""
    invites, _ = read_calendar(ics_bytes, floating_tz=floating_tz)
    return invites[0] if invites else None


def read_calendar(
    ics_bytes: bytes, *, method_hint: str | None = None, floating_tz: str = "UTC"
) -> tuple[tuple[Invite, ...], tuple[str, ...]]:
    """Every VEVENT of an iCalendar file, and problems; never raises.

    `method_hint` is the Content-Type's method= for files without a METHOD line.
    `floating_tz` is the zone for times written without one (and all-day dates).
    """
    problems: list[str] = []
    try:
        calendars = _calendars(ics_bytes, problems)
    except Exception as exc:  # icalendar raises many kinds of errors on bad input
        return (), (f"unreadable calendar: {_short(exc)}",)
    invites: list[Invite] = []
    for calendar in calendars:
        method = str(calendar.get("METHOD") or method_hint or "PUBLISH").strip().upper()
        zones = _Zones(calendar, floating_tz)
        for event in calendar.walk("VEVENT"):
            try:
                invites.append(_invite(event, method, zones))
            except Exception as exc:  # one bad event must not hide the others
                problems.append(f"unreadable event: {_short(exc)}")
    if not invites and not problems:
        problems.append("the calendar holds no event")
    # the main event first: the master (no RECURRENCE-ID) before single occurrences
    invites.sort(key=lambda i: i.recurrence_id is not None)
    return tuple(invites), tuple(problems)


def invites_from_parts(
    parts: Iterable[CalendarPart], *, floating_tz: str = "UTC"
) -> tuple[tuple[Invite, ...], tuple[str, ...]]:
    """Invites of all calendar parts of one message, deduplicated.

    Google sends the same calendar inline and again as invite.ics: keep one of each version.
    """
    seen: dict[tuple[Any, ...], Invite] = {}
    problems: list[str] = []
    read: set[bytes] = set()
    for part in parts:
        same_text = part.data.replace(b"\r\n", b"\n").strip()
        if same_text in read:  # the identical calendar again: no need to parse it twice
            continue
        read.add(same_text)
        found, part_problems = read_calendar(
            part.data, method_hint=part.method, floating_tz=floating_tz
        )
        problems.extend(p for p in part_problems if p not in problems)
        for invite in found:
            version = (invite.key, invite.sequence, invite.dtstamp, invite.method)
            seen.setdefault(version, invite)
    return tuple(seen.values()), tuple(problems)


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


class _Zones:
    """The zones one calendar's times are read in.

    An IANA TZID is read as that zone; any other TZID by the calendar's own VTIMEZONE
    (Outlook's "Customized Time Zone" differs from sender to sender, so icalendar's
    process-wide cache by TZID must not be trusted), else by the Windows-name table.
    """

    def __init__(self, calendar: Any, floating_tz: str) -> None:
        self.floating = floating_tz
        self._components = {
            _clean_tzid(str(c.get("TZID", ""))): c for c in calendar.walk("VTIMEZONE")
        }
        self._built: dict[str, tzinfo] = {}

    def for_tzid(self, tzid: str, problems: list[str]) -> tzinfo:
        clean = _clean_tzid(tzid)
        if _is_iana(clean):
            return ZoneInfo(clean)
        if clean not in self._built and clean in self._components:
            try:
                self._built[clean] = self._components[clean].to_tz(lookup_tzid=False)
            except Exception as exc:
                problems.append(f"unreadable VTIMEZONE {tzid!r}: {_short(exc)}")
        if clean in self._built:
            return self._built[clean]
        iana = _iana(clean)
        if iana is not None:
            return ZoneInfo(iana)
        problems.append(f"unknown time zone {tzid!r}: read in {self.floating}")
        return _zone(self.floating, problems)


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


def _invite(event: Any, method: str, zones: _Zones) -> Invite:
    problems = [_error_text(e) for e in getattr(event, "errors", [])][:5]
    uid = _text(event.get("UID"))
    if not uid:
        problems.append("event has no UID: updates to it cannot be matched")
    if event.get("DTSTART") is None:
        problems.append("event has no DTSTART: no interview time")
    start, tz, all_day, floating = _moment(event, "DTSTART", zones, problems)
    end, _, _, _ = _moment(event, "DTEND", zones, problems)
    if end is None and start is not None:
        end = _end_from_duration(event, start, all_day, problems)
    attendees = tuple(_attendees(event, problems))
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
        organizer=_organizer(event),
        attendees=tuple(a for a in attendees if not a.is_resource),
        resources=tuple(a for a in attendees if a.is_resource),
        location=_text(event.get("LOCATION")),
        video_link=_video_link(event),
        summary=_text(event.get("SUMMARY")),
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
    if type(prop).__name__ == "vBroken":  # icalendar already listed it in event.errors
        return None, tzid, False, False
    try:
        value = event.decoded(name)
    except Exception as exc:
        problems.append(f"unreadable {name}: {_short(exc)}")
        return None, tzid, False, False
    if isinstance(value, list):  # some writers repeat a property
        value = value[0] if value else None
    if isinstance(value, datetime):
        if tzid is not None:  # the wall time as written, in the zone this calendar means
            local = value.replace(tzinfo=None).replace(tzinfo=zones.for_tzid(tzid, problems))
            return local.astimezone(UTC), tzid, False, False
        if value.tzinfo is None or value.utcoffset() is None:
            local = value.replace(tzinfo=_zone(zones.floating, problems))
            return local.astimezone(UTC), None, False, True
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


def _sequence(event: Any, problems: list[str]) -> int:
    raw = event.get("SEQUENCE")
    if raw is None or type(raw).__name__ == "vBroken":
        return 0
    try:
        return int(str(raw).strip())
    except ValueError:
        problems.append(f"SEQUENCE {str(raw)[:20]!r} is not a number: read as 0")
        return 0


def _address(value: Any) -> str:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower()


def _param(prop: Any, name: str) -> str:
    params = getattr(prop, "params", None) or {}
    value = params.get(name)
    return str(value).strip() if value is not None else ""


def _attendees(event: Any, problems: list[str]) -> Iterable[Attendee]:
    raw = event.get("ATTENDEE")
    if raw is None:
        return
    for prop in raw if isinstance(raw, list) else [raw]:
        email = _address(prop)
        if not email or "@" not in email:
            problems.append(f"attendee without an email address: {str(prop)[:60]!r}")
            continue
        yield Attendee(
            email=email,
            name=_param(prop, "CN"),
            role=_param(prop, "ROLE").upper() or "REQ-PARTICIPANT",
            partstat=_param(prop, "PARTSTAT").upper() or "NEEDS-ACTION",
            cutype=_param(prop, "CUTYPE").upper() or "INDIVIDUAL",
        )


def _organizer(event: Any) -> Organizer | None:
    prop = event.get("ORGANIZER")
    if isinstance(prop, list):
        prop = prop[0] if prop else None
    if prop is None:
        return None
    email = _address(prop)
    sent_by = _address(_param(prop, "SENT-BY")) or None
    if not email and not sent_by:
        return None
    return Organizer(email=email, name=_param(prop, "CN"), sent_by=sent_by)


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
