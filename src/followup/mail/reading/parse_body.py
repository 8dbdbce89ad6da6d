"""The MIME tree of a parsed message walked into what is read of it: its readable text,
calendar parts, Outlook TNEF meetings, delivery reports and the headers of attached or
returned messages, at most MAX_PARTS parts MAX_MIME_DEPTH deep. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message

from followup.mail.reading.limits import MAX_CALENDAR_BYTES, MAX_MIME_DEPTH, MAX_PARTS
from followup.mail.reading.parse_headers import attached_headers
from followup.mail.reading.parse_part import (
    children,
    content_type,
    filename,
    is_attachment,
    param,
    payload_bytes,
)
from followup.mail.reading.parse_reports import (
    STATUS_REPORTS,
    STATUS_TYPES,
    RecipientStatus,
    delivery_statuses,
    disposition,
    names_recipients,
    text_statuses,
)
from followup.mail.reading.text import decode_bytes
from followup.mail.reading.tnef import is_tnef, tnef_meeting
from followup.mail.reading.visible import read_html

_RETURNED_TYPES = frozenset(
    ("message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers")
)
_CALENDAR_TYPES = frozenset(("text/calendar", "application/ics", "text/x-vcalendar"))


@dataclass(frozen=True, slots=True)
class CalendarPart:
    data: bytes
    content_type: str
    method: str | None  # the Content-Type's method= parameter, upper-cased
    filename: str | None


class Body:
    """Collects the readable text, calendar parts and delivery reports of one message."""

    def __init__(self, problems: list[str], set_aside: list[str]) -> None:
        self.problems = problems
        self.set_aside = set_aside
        self.plain: list[str] = []
        self.html: list[str] = []
        self.calendars: list[CalendarPart] = []
        self.statuses: list[RecipientStatus] = []
        self.returned: list[tuple[str, str]] = []
        self.attached: list[tuple[tuple[str, str], ...]] = []
        self.tnef: list[str] = []
        self.attached_depth = 0  # inside a message attached outside a report
        self.first_attached_plain: int | None = None  # index in `plain` of its first text
        self.report_type: str | None = None
        self.disposition: tuple[str, str] | None = None
        self.parts_seen = 0

    def text(self) -> str:
        if self.plain:
            return "\n\n".join(self.plain).strip()
        texts = []
        for markup in self.html[:10]:
            read = read_html(markup)
            texts.append(read.text)
            self.set_aside.extend(n for n in read.notes if n not in self.set_aside)
        return "\n\n".join(texts).strip()

    def attached_text_at(self, text: str) -> int:
        """Where the first attached message's plain text starts in `text` (-1: none)."""
        first = self.first_attached_plain
        if first is None or not self.plain or first == 0:
            return -1 if first is None else 0
        own = "\n\n".join(self.plain[:first]).strip()
        return len(own) if text.startswith(own) else -1

    def walk(self, part: Message, depth: int = 0) -> None:
        self.parts_seen += 1
        if self.parts_seen > MAX_PARTS or depth > MAX_MIME_DEPTH:
            if self.parts_seen == MAX_PARTS + 1:
                self.set_aside.append(f"more than {MAX_PARTS} MIME parts: the rest was skipped")
            elif depth > MAX_MIME_DEPTH and self.parts_seen <= MAX_PARTS:
                note = f"MIME parts nested deeper than {MAX_MIME_DEPTH}: the rest was not read"
                if note not in self.set_aside:
                    self.set_aside.append(note)
            return
        ctype = content_type(part)
        if ctype == "multipart/report":
            self.report_type = (param(part, "report-type") or "").lower() or None
        if ctype in STATUS_TYPES:
            self.statuses.extend(delivery_statuses(part))
        elif ctype == "message/disposition-notification":
            found = disposition(part)
            if found is not None and self.disposition is None:
                self.disposition = found
        elif ctype in _RETURNED_TYPES and self.report_type:
            self.returned.extend(attached_headers(part, ctype, self.problems))
        elif ctype in _RETURNED_TYPES:
            headers = attached_headers(part, ctype, self.problems)
            if headers:
                self.attached.append(headers)
            self.attached_depth += 1
            for child in children(part):  # a forwarded message's text still counts
                self.walk(child, depth + 1)
            self.attached_depth -= 1
        elif part.is_multipart():
            for child in children(part):
                self.walk(child, depth + 1)
        elif ctype.startswith("multipart/"):
            # parts that could not be told apart (no boundary, or one the body never uses,
            # as a relay that rewrote the header left it): the text is read whole, delimiter
            # lines and all, rather than lost
            self._leaf(part, "text/plain")
        else:
            self._leaf(part, ctype)

    def _leaf(self, part: Message, ctype: str) -> None:
        name = filename(part)
        in_headers = _calendar_in_headers(part)
        if in_headers is not None:  # its lines fell where the part's headers go
            method = param(part, "method")
            self.calendars.append(
                CalendarPart(in_headers, ctype, method.upper() if method else None, name)
            )
            return
        # .vcs and text/x-vcalendar: vCalendar 1.0, still written by old Outlook and Notes
        is_ics = name is not None and name.lower().endswith((".ics", ".vcs"))
        if ctype in _CALENDAR_TYPES or is_ics:
            method = param(part, "method")
            self.calendars.append(
                CalendarPart(
                    data=payload_bytes(part),
                    content_type=ctype,
                    method=method.upper() if method else None,
                    filename=name,
                )
            )
            return
        if is_tnef(ctype, name):
            self.tnef.append(tnef_meeting(payload_bytes(part)) or "")
            return
        if ctype == "text/plain" and is_attachment(part) and not self.statuses:
            # an old gateway's report attached as a text file ("details.txt")
            text, _ = decode_bytes(payload_bytes(part)[:20_000], param(part, "charset"))
            if names_recipients(text):
                self.statuses.extend(text_statuses(text))
            return
        if ctype not in ("text/plain", "text/html") or is_attachment(part):
            return
        data = payload_bytes(part)
        if ctype == "text/plain" and not self.attached_depth and _is_calendar_text(data):
            # a calendar sent as plain text (a gateway that lost its type, or a part whose
            # lines fell where its headers go): the calendar, not prose
            self.calendars.append(CalendarPart(data, ctype, None, name))
            return
        text, problem = decode_bytes(data, param(part, "charset"))
        if problem:
            self.problems.append(problem)
        if self.report_type in STATUS_REPORTS and names_recipients(text[:20_000]):
            # an old gateway's delivery-status part labelled text/plain: read its fields too
            self.statuses.extend(text_statuses(text))
        if ctype == "text/plain" and self.attached_depth and self.first_attached_plain is None:
            self.first_attached_plain = len(self.plain)
        (self.plain if ctype == "text/plain" else self.html).append(text)


def _is_calendar_text(data: bytes) -> bool:
    """Text that is an iCalendar object from its first line: BEGIN:VCALENDAR, then its
    END:VCALENDAR further down (a person's prose quoting one starts with words)."""
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    if not head.startswith(b"BEGIN:VCALENDAR"):
        return False
    return b"END:VCALENDAR" in data[:MAX_CALENDAR_BYTES].upper()


def _calendar_in_headers(part: Message) -> bytes | None:
    """A part whose header block opens with a calendar's own lines (a writer that put the
    calendar before the part's headers): the calendar rebuilt from those lines and the
    body, up to its END:VCALENDAR. None for any other part."""
    items = part.raw_items()
    first = next(iter(items), None)
    if first is None or first[0].strip().upper() != "BEGIN":
        return None
    if str(first[1]).strip().upper() != "VCALENDAR":
        return None
    head = "\r\n".join(f"{name}:{value}" for name, value in part.raw_items())
    data = head.encode("utf-8", "surrogateescape") + b"\r\n" + payload_bytes(part)
    end = data[:MAX_CALENDAR_BYTES].upper().rfind(b"END:VCALENDAR")
    return data[: end + len(b"END:VCALENDAR")] + b"\r\n" if end >= 0 else None
