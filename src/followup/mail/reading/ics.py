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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.mail.reading.ics_people import (
    Attendee,
    Organizer,
    read_attendees,
    read_organizer,
)
from followup.mail.reading.ics_prepare import prepare_calendar, read_calendars
from followup.mail.reading.ics_zones import Zones, iana_name, zone_key, zone_or_utc
from followup.mail.reading.limits import (
    MAX_EVENTS_READ,
    InputTooLarge,
)
from followup.mail.reading.parse import CalendarPart
from followup.mail.reading.text import html_to_text

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


_MAX_TEXT_CHARS = 2_000  # of SUMMARY and LOCATION


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
    prepared = prepare_calendar(ics_bytes)
    problems: list[str] = []
    set_aside = list(prepared.set_aside)
    try:
        calendars = read_calendars(prepared.data, problems)
    except Exception as exc:  # icalendar raises many kinds of errors on bad input
        return CalendarRead((), (f"unreadable calendar: {short_error(exc)}",), tuple(set_aside))
    invites: list[Invite] = []
    for calendar in calendars:
        method = str(calendar.get("METHOD") or method_hint or "PUBLISH").strip().upper()
        zones = Zones(prepared.zones, calendar, floating_tz)
        for event in calendar.walk("VEVENT"):
            if len(invites) >= MAX_EVENTS_READ:  # nested events the first pass let through
                set_aside.append(f"events beyond the first {MAX_EVENTS_READ} set aside")
                break
            try:
                invites.append(_invite(event, method, zones, set_aside))
            except Exception as exc:  # one bad event must not hide the others
                problems.append(f"unreadable event: {short_error(exc)}")
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


def _invite(event: Any, method: str, zones: Zones, set_aside: list[str]) -> Invite:
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
    attendees = tuple(read_attendees(event, problems, set_aside))
    return Invite(
        method=method,
        uid=uid,
        sequence=_sequence(event, problems),
        dtstamp=_moment(event, "DTSTAMP", zones, problems)[0],
        start=start,
        end=end,
        tz=tz,
        tz_iana=iana_name(tz),
        all_day=all_day,
        floating=floating,
        organizer=read_organizer(event, problems),
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
    event: Any, name: str, zones: Zones, problems: list[str]
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
            local = value.replace(tzinfo=zone_or_utc(zones.floating, problems))
            return local.astimezone(UTC), None, False, True
        if not isinstance(value.tzinfo, ZoneInfo) and value.tzinfo is not UTC:
            problems.append(f"{name} in a zone not understood: read as UTC")
            return value.replace(tzinfo=UTC), None, False, False
        return value.astimezone(UTC), zone_key(value.tzinfo), False, False
    if isinstance(value, date):
        zone = zone_or_utc(zones.floating, problems)
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
            problems.append(f"unreadable DURATION: {short_error(exc)}")
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


def short_error(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]
