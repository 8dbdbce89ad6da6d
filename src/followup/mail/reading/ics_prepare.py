"""The linear pass before icalendar: caps, VTIMEZONE blocks out, events kept (see `ics`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from followup.mail.reading.ics_zones import ZoneDefinition, add_zone, component_line
from followup.mail.reading.limits import (
    MAX_CALENDAR_BYTES,
    MAX_CALENDAR_EVENTS,
    MAX_CALENDAR_LINES,
    MAX_EVENTS_READ,
    MAX_ZONE_OBSERVANCES,
    InputTooLarge,
)

_BEGIN_END = re.compile(rb"^(BEGIN|END):([A-Za-z-]+)\s*$", re.MULTILINE)
MAX_EVENT_LINES = 500  # content lines read of one event (and of the calendar outside events)
MAX_LINE_BYTES = 32 * 1024  # of one unfolded content line (a DESCRIPTION, an ATTENDEE)
MAX_READ_BYTES = 1024 * 1024  # of content lines handed to icalendar, all events together
_MAX_OTHER_COMPONENTS = 100  # VCALENDAR, VTODO, VALARM, ... outside events
_EVENT_LIKE = frozenset((b"VEVENT", b"VTODO", b"VJOURNAL", b"VFREEBUSY", b"VCALENDAR"))


@dataclass(slots=True)
class Prepared:
    data: bytes  # the calendar without VTIMEZONE blocks and without the events set aside
    zones: dict[str, ZoneDefinition] = field(default_factory=dict)
    set_aside: list[str] = field(default_factory=list)


def prepare_calendar(data: bytes) -> Prepared:
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
    """The state of `prepare_calendar`'s pass: where in the calendar the current line is."""

    def __init__(self) -> None:
        self.prepared = Prepared(b"")
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
        component = component_line(line)
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
            add_zone(self.prepared.zones, self.zone)  # unclosed: it ends where an event begins
            self.zone = None
            return True
        if component == (b"END", b"VTIMEZONE"):
            add_zone(self.prepared.zones, self.zone)
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

    def done(self) -> Prepared:
        if self.zone is not None:
            add_zone(self.prepared.zones, self.zone)
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


def read_calendars(data: bytes, problems: list[str]) -> list[Any]:
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
