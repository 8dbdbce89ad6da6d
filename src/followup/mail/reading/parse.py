"""Reading raw mail bytes into plain values, never raising.

Real mailboxes hold malformed MIME, lying charsets, missing headers and huge attachments.
`parse_message` returns whatever could be read plus a list of problems in plain words;
callers decide what to do with a half-read message. Pure: bytes in, values out.

Bounded work on hostile input (see `limits`): the message is cut to MAX_MESSAGE_BYTES, and to
a prefix before the stdlib MIME parser (whose cost grows with lines times nesting) when it
nests deeper than MAX_MIME_DEPTH, announces more than MAX_MIME_DELIMITERS parts or would cost
more than MAX_MIME_LINE_WORK; each header keeps MAX_HEADER_CHARS characters; at most
MAX_PARTS parts are read; addresses are single valid addr-specs, names one line. What was cut
is listed in `set_aside` (and in `problems`).

The reading is split by concern: `parse_bounds` (the raw bytes made safe for the stdlib
parser), `parse_headers` (addresses, Message-IDs, dates), `parse_body` (the MIME tree's
text, calendars and attached messages), `parse_reports` (delivery reports and receipts),
`parse_part` (one MIME part's values); their public names are importable from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.parser import BytesParser

from followup.mail.reading.htmlsummary import HtmlSummary, summarize_html
from followup.mail.reading.limits import MAX_HEADER_CHARS, MAX_PARTS
from followup.mail.reading.parse_body import Body, CalendarPart
from followup.mail.reading.parse_bounds import (
    CappedPolicy,
    bounded_mime,
    for_parser,
    without_attachment_bodies,
    without_returned_body,
)
from followup.mail.reading.parse_headers import (
    Address,
    address_fields,
    addresses,
    bare_message_id,
    first_value,
    header_date,
    message_id_in,
    message_ids,
    raw_headers,
)
from followup.mail.reading.parse_part import content_type
from followup.mail.reading.parse_reports import RecipientStatus
from followup.mail.reading.text import normalize_subject

__all__ = [
    "MAX_MESSAGE_BYTES",
    "MAX_PARTS",
    "MAX_TEXT_CHARS",
    "Address",
    "CalendarPart",
    "ParsedMessage",
    "RecipientStatus",
    "bare_message_id",
    "bounded_mime",
    "message_ids",
    "parse_message",
    "read_mime",
    "without_attachment_bodies",
    "without_returned_body",
]

# Past this size a message is cut before parsing: invitations, reports and replies are small,
# a 30 MB attachment is not worth reading to classify a message.
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
MAX_TEXT_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    headers: tuple[tuple[str, str], ...] = ()
    message_id: str | None = None
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    from_: Address | None = None
    reply_to: tuple[Address, ...] = ()
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    date: datetime | None = None
    subject: str = ""
    # the spaces that close the Subject as written, before a last word or none ("Low rates
    #           QXLTR" has ten): a mailing program pads its subjects to one width
    subject_padding: int = 0
    content_type: str = "text/plain"
    text: str = ""  # the readable body: text/plain, else text/html turned to text
    html: HtmlSummary | None = None  # links and images of the HTML parts, if any
    calendar_parts: tuple[CalendarPart, ...] = ()
    delivery_status: tuple[RecipientStatus, ...] = ()
    report_type: str | None = None  # multipart/report's report-type parameter
    # a message disposition notification's (Final-Recipient, Disposition), RFC 8098
    disposition: tuple[str, str] | None = None
    returned_headers: tuple[tuple[str, str], ...] = ()  # the bounced message's own headers
    # headers of messages attached outside a delivery report (forwards, odd bounces)
    attached_headers: tuple[tuple[tuple[str, str], ...], ...] = ()
    # each Outlook TNEF part's meeting item ("request", "response", "cancel"; "" for none read)
    tnef_meetings: tuple[str, ...] = ()
    # where in `text` the text of messages attached outside a report starts (-1: none); what
    # stands before it is the sender's own
    attached_text_at: int = -1
    truncated: bool = False
    problems: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()  # what a cap kept from being read (also in problems)
    _index: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def header(self, name: str) -> str | None:
        """The first value of a header (case-insensitive), or None."""
        values = self._index.get(name.lower())
        return values[0] if values else None

    def header_all(self, name: str) -> list[str]:
        return list(self._index.get(name.lower(), ()))

    @property
    def normalized_subject(self) -> str:
        return normalize_subject(self.subject)

    @property
    def returned_message_id(self) -> str | None:
        """The Message-ID of the message a bounce sent back, if it quoted its headers."""
        return message_id_in(self.returned_headers)

    @property
    def attached_message_ids(self) -> tuple[str, ...]:
        found = (message_id_in(headers) for headers in self.attached_headers)
        return tuple(i for i in found if i)


def parse_message(raw: bytes, *, max_bytes: int = MAX_MESSAGE_BYTES) -> ParsedMessage:
    """Parse raw RFC 5322 bytes; never raises, reports what it could not read."""
    problems: list[str] = []
    set_aside: list[str] = []
    truncated = len(raw) > max_bytes
    if truncated:
        raw = raw[:max_bytes]
        problems.append(f"message larger than {max_bytes} bytes: only the start was read")
    raw, cut = for_parser(raw)
    if cut is not None:
        set_aside.append(cut)
    capped = CappedPolicy.new()
    try:
        # compat32 parses several times faster than policy.default (no header objects);
        # headers are decoded here instead, where a bad encoded word can't raise
        msg = BytesParser(policy=capped).parsebytes(raw)
    except Exception as exc:  # the parser is lenient, but recursion or memory can still fail
        problems.extend(set_aside)
        return ParsedMessage(
            truncated=truncated,
            problems=(*problems, f"unreadable: {exc!r}"),
            set_aside=tuple(set_aside),
        )
    try:
        return _read(msg, problems, set_aside, truncated, capped)
    except Exception as exc:  # a defect nobody foresaw: keep the headers we have
        problems.append(f"unreadable part: {exc!r}")
        return ParsedMessage(
            headers=raw_headers(msg),
            truncated=truncated,
            problems=(*problems, *set_aside),
            set_aside=tuple(set_aside),
        )


def read_mime(raw: bytes) -> Message:
    """The stdlib Message of `raw` read as parse_message reads it (bounded prefix, capped
    headers), for a library that wants a Message (flufl.bounce); may raise as the parser may."""
    return BytesParser(policy=CappedPolicy.new()).parsebytes(for_parser(raw)[0])


# a run of spaces at the end of a header's value, bare or before one last short word
_END_PADDING = re.compile(r"\S( +)\Z")
_PADDED_WORD = re.compile(r"\S( +)\S{1,8}\Z")


def subject_padding(msg: Message) -> int:
    """The run of spaces that closes the first Subject as written, bare or before one short
    last word; 0 for none, or for a fold's indent ("...engineering\\n        role")."""
    for name, value in msg.raw_items():
        if name.lower() == "subject":
            text = str(value)[:400].replace("\r", "").rstrip("\n")
            if "\t" in text:
                return 0
            found = _END_PADDING.search(text) or _PADDED_WORD.search(text)
            return len(found.group(1)) if found is not None else 0
    return 0


def _read(
    msg: Message,
    problems: list[str],
    set_aside: list[str],
    truncated: bool,
    capped: CappedPolicy,
) -> ParsedMessage:
    headers = raw_headers(msg)
    index: dict[str, list[str]] = {}
    for name, value in headers:
        index.setdefault(name.lower(), []).append(value)
    if not headers:
        problems.append("no headers found")
    for defect in msg.defects[:5]:
        problems.append(f"MIME defect: {type(defect).__name__}")
    body = Body(problems, set_aside)
    body.walk(msg)
    text = body.text()
    if capped.cut:
        names = ", ".join(dict.fromkeys(capped.cut))
        set_aside.append(f"header longer than {MAX_HEADER_CHARS} characters cut: {names[:200]}")
    given_id = first_value(index, "message-id")
    ids = message_ids(given_id)
    if given_id is not None and not ids:
        problems.append(f"Message-ID is not an id: {given_id[:80]!r}")
    raw = address_fields(msg)
    from_list = addresses(raw.get("from", []), set_aside)
    if not any(a.email for a in from_list):  # no From: the Sender is its author (old mail)
        from_list = addresses(raw.get("sender", []), set_aside) or from_list
    return ParsedMessage(
        headers=headers,
        message_id=ids[0] if ids else None,
        in_reply_to=message_ids(first_value(index, "in-reply-to")),
        references=tuple(i for v in index.get("references", []) for i in message_ids(v)),
        from_=from_list[0] if from_list else None,
        reply_to=addresses(raw.get("reply-to", []), set_aside),
        to=addresses(raw.get("to", []), set_aside),
        cc=addresses(raw.get("cc", []), set_aside),
        date=header_date(first_value(index, "date"), problems),
        subject=" ".join((first_value(index, "subject") or "").split()),
        subject_padding=subject_padding(msg),
        content_type=content_type(msg),
        text=text[:MAX_TEXT_CHARS],
        html=summarize_html(body.html[:10], alone=not body.plain),
        calendar_parts=tuple(body.calendars),
        delivery_status=tuple(body.statuses),
        report_type=body.report_type,
        disposition=body.disposition,
        returned_headers=tuple(body.returned),
        attached_headers=tuple(body.attached),
        tnef_meetings=tuple(body.tnef),
        attached_text_at=body.attached_text_at(text),
        truncated=truncated,
        problems=(*problems, *(r for r in set_aside if r not in problems)),
        set_aside=tuple(dict.fromkeys(set_aside)),
        _index=index,
    )
