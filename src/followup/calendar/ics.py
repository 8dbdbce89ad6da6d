"""The calendar feed as iCalendar: one VEVENT per planned action (its window) and per
interview, with stable UIDs, the zones they are in (VTIMEZONE) and a SEQUENCE the caller
bumps when an event changes. Pure: the entries and the stamp come in, bytes go out."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event

PRODID = "-//followup//calendar feed//EN"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    uid: str  # stable across re-plans: the action's or the interview's id and the owner
    summary: str
    start: datetime  # timezone-aware
    end: datetime
    description: str = ""
    location: str = ""
    sequence: int = 0

    def digest(self) -> str:
        """What a calendar shows of it: a change here is a new SEQUENCE."""
        shown = "\x1f".join(
            (
                self.summary,
                self.start.isoformat(),
                self.end.isoformat(),
                self.description,
                self.location,
            )
        )
        return hashlib.sha256(shown.encode()).hexdigest()[:16]


def feed_ics(entries: Sequence[FeedEntry], stamp: datetime, name: str = "followup") -> bytes:
    """The feed of `entries` (DTSTAMP `stamp`, timezone-aware)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end if entry.end > entry.start else entry.start)
        event.add("summary", entry.summary)
        event.add("sequence", entry.sequence)
        if entry.description:
            event.add("description", entry.description)
        if entry.location:
            event.add("location", entry.location)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data
