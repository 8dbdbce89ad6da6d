"""Reading raw mail bytes into plain values, never raising.

Real mailboxes hold malformed MIME, lying charsets, missing headers and huge attachments.
`parse_message` returns whatever could be read plus a list of problems in plain words;
callers decide what to do with a half-read message. Pure: bytes in, values out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import Message
from email.parser import BytesParser, HeaderParser
from email.utils import getaddresses, parsedate_to_datetime

from followup.mail.text import (
    decode_bytes,
    header_text,
    html_to_text,
    normalize_subject,
)

# Past this size a message is cut before parsing: invitations, reports and replies are small,
# a 30 MB attachment is not worth reading to classify a message.
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
MAX_PARTS = 200

_MSGID = re.compile(r"<[^<>\s]+>")
_SPACE_OR_BRACKET = re.compile(r"[\s<>]")
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    email: str  # lower-cased; may be "" when the header named no address

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2] if "@" in self.email else ""

    @property
    def local_part(self) -> str:
        return self.email.rpartition("@")[0]


@dataclass(frozen=True, slots=True)
class CalendarPart:
    data: bytes
    content_type: str
    method: str | None  # the Content-Type's method= parameter, upper-cased
    filename: str | None


@dataclass(frozen=True, slots=True)
class RecipientStatus:
    """One per-recipient block of a message/delivery-status report (RFC 3464)."""

    recipient: str
    action: str  # failed, delayed, delivered, relayed, expanded (lower-cased)
    status: str = ""  # e.g. 5.1.1
    diagnostic: str = ""


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
    content_type: str = "text/plain"
    text: str = ""  # the readable body: text/plain, else text/html turned to text
    calendar_parts: tuple[CalendarPart, ...] = ()
    delivery_status: tuple[RecipientStatus, ...] = ()
    report_type: str | None = None  # multipart/report's report-type parameter
    returned_headers: tuple[tuple[str, str], ...] = ()  # the bounced message's own headers
    # headers of messages attached outside a delivery report (forwards, odd bounces)
    attached_headers: tuple[tuple[tuple[str, str], ...], ...] = ()
    truncated: bool = False
    problems: tuple[str, ...] = ()
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
        return _message_id_in(self.returned_headers)

    @property
    def attached_message_ids(self) -> tuple[str, ...]:
        found = (_message_id_in(headers) for headers in self.attached_headers)
        return tuple(i for i in found if i)


def _message_id_in(headers: tuple[tuple[str, str], ...]) -> str | None:
    for name, value in headers:
        if name.lower() == "message-id":
            ids = message_ids(value)
            return ids[0] if ids else None
    return None


def message_ids(value: str | None) -> tuple[str, ...]:
    """Message-IDs in a header value, each as "<id>"; a bare id without brackets is kept too."""
    if not value:
        return ()
    found = tuple(_MSGID.findall(value))
    if found:
        return found
    bare = value.strip().strip("<>").strip()
    return (f"<{bare}>",) if bare and not _SPACE_OR_BRACKET.search(bare) and "@" in bare else ()


def bare_message_id(value: str) -> str:
    """The comparable form of a Message-ID: no brackets, no surrounding space."""
    return value.strip().strip("<>").strip()


def parse_message(raw: bytes, *, max_bytes: int = MAX_MESSAGE_BYTES) -> ParsedMessage:
    """Parse raw RFC 5322 bytes; never raises, reports what it could not read."""
    problems: list[str] = []
    truncated = len(raw) > max_bytes
    if truncated:
        raw = raw[:max_bytes]
        problems.append(f"message larger than {max_bytes} bytes: only the start was read")
    try:
        # compat32 parses several times faster than policy.default (no header objects);
        # headers are decoded here instead, where a bad encoded word can't raise
        msg = BytesParser(policy=policy.compat32).parsebytes(raw)
    except Exception as exc:  # the parser is lenient, but recursion or memory can still fail
        return ParsedMessage(truncated=truncated, problems=(*problems, f"unreadable: {exc!r}"))
    try:
        return _read(msg, problems, truncated)
    except Exception as exc:  # a defect nobody foresaw: keep the headers we have
        problems.append(f"unreadable part: {exc!r}")
        return ParsedMessage(
            headers=_raw_headers(msg), truncated=truncated, problems=tuple(problems)
        )


def _read(msg: Message, problems: list[str], truncated: bool) -> ParsedMessage:
    headers = _raw_headers(msg)
    index: dict[str, list[str]] = {}
    for name, value in headers:
        index.setdefault(name.lower(), []).append(value)
    if not headers:
        problems.append("no headers found")
    for defect in msg.defects[:5]:
        problems.append(f"MIME defect: {type(defect).__name__}")
    body = _Body(problems)
    body.walk(msg)
    first = _first(index, "message-id")
    ids = message_ids(first)
    if first is not None and not ids:
        problems.append(f"Message-ID is not an id: {first[:80]!r}")
    from_list = _addresses(index.get("from", []))
    return ParsedMessage(
        headers=headers,
        message_id=ids[0] if ids else None,
        in_reply_to=message_ids(_first(index, "in-reply-to")),
        references=tuple(i for v in index.get("references", []) for i in message_ids(v)),
        from_=from_list[0] if from_list else None,
        reply_to=_addresses(index.get("reply-to", [])),
        to=_addresses(index.get("to", [])),
        cc=_addresses(index.get("cc", [])),
        date=_date(_first(index, "date"), problems),
        subject=" ".join((_first(index, "subject") or "").split()),
        content_type=_content_type(msg),
        text=body.text()[:MAX_TEXT_CHARS],
        calendar_parts=tuple(body.calendars),
        delivery_status=tuple(body.statuses),
        report_type=body.report_type,
        returned_headers=tuple(body.returned),
        attached_headers=tuple(body.attached),
        truncated=truncated,
        problems=tuple(problems),
        _index=index,
    )


def _raw_headers(msg: Message) -> tuple[tuple[str, str], ...]:
    """Header values unfolded and decoded (RFC 2047 words, raw 8-bit text), never raising."""
    return tuple((str(name), header_text(value)) for name, value in msg.raw_items())


def _first(index: dict[str, list[str]], name: str) -> str | None:
    values = index.get(name)
    return values[0] if values else None


def _addresses(values: list[str]) -> tuple[Address, ...]:
    try:
        pairs = getaddresses(values)
    except Exception:  # getaddresses is strict in newer Pythons and can still trip
        pairs = []
    out = []
    for name, raw_email in pairs:
        email = raw_email.strip().strip("<>").lower()
        if email and _SPACE_OR_BRACKET.search(email):  # a broken quote swallowed the name
            found = _EMAIL.search(email)
            email = found.group(0) if found else ""
        if email or name:
            out.append(Address(name=name.strip(), email=email))
    return tuple(out)


def _date(value: str | None, problems: list[str]) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        problems.append(f"unreadable Date: {value[:60]!r}")
        return None
    if parsed.tzinfo is None:  # RFC 5322 "-0000": the zone is unknown, UTC is the best guess
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return "application/octet-stream"


def _param(part: Message, name: str) -> str | None:
    try:
        value = part.get_param(name)
    except Exception:
        return None
    if isinstance(value, tuple):  # RFC 2231 (charset, language, value)
        value = value[2]
    return str(value) if value is not None else None


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        return None
    return str(name) if name else None


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        return b""
    return data if isinstance(data, bytes) else b""


class _Body:
    """Collects the readable text, calendar parts and delivery reports of one message."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.plain: list[str] = []
        self.html: list[str] = []
        self.calendars: list[CalendarPart] = []
        self.statuses: list[RecipientStatus] = []
        self.returned: list[tuple[str, str]] = []
        self.attached: list[tuple[tuple[str, str], ...]] = []
        self.report_type: str | None = None
        self.parts_seen = 0

    def text(self) -> str:
        if self.plain:
            return "\n\n".join(self.plain).strip()
        return "\n\n".join(html_to_text(h) for h in self.html).strip()

    def walk(self, part: Message, depth: int = 0) -> None:
        self.parts_seen += 1
        if self.parts_seen > MAX_PARTS or depth > 30:
            if self.parts_seen == MAX_PARTS + 1:
                self.problems.append(f"more than {MAX_PARTS} MIME parts: the rest was skipped")
            return
        ctype = _content_type(part)
        if ctype == "multipart/report":
            self.report_type = (_param(part, "report-type") or "").lower() or None
        if ctype == "message/delivery-status":
            self._delivery_status(part)
        elif ctype in ("message/rfc822", "text/rfc822-headers") and self.report_type:
            self.returned.extend(self._headers_of(part, ctype))
        elif ctype in ("message/rfc822", "text/rfc822-headers"):
            headers = self._headers_of(part, ctype)
            if headers:
                self.attached.append(headers)
            for child in self._children(part):  # a forwarded message's text still counts
                self.walk(child, depth + 1)
        elif part.is_multipart():
            for child in self._children(part):
                self.walk(child, depth + 1)
        else:
            self._leaf(part, ctype)

    def _children(self, part: Message) -> Iterator[Message]:
        try:
            payload = part.get_payload()
        except Exception:
            return
        if isinstance(payload, list):
            yield from (p for p in payload if isinstance(p, Message))

    def _leaf(self, part: Message, ctype: str) -> None:
        filename = _filename(part)
        is_ics = filename is not None and filename.lower().endswith(".ics")
        if ctype in ("text/calendar", "application/ics") or is_ics:
            method = _param(part, "method")
            self.calendars.append(
                CalendarPart(
                    data=_payload_bytes(part),
                    content_type=ctype,
                    method=method.upper() if method else None,
                    filename=filename,
                )
            )
            return
        if ctype not in ("text/plain", "text/html") or _is_attachment(part):
            return
        text, problem = decode_bytes(_payload_bytes(part), _param(part, "charset"))
        if problem:
            self.problems.append(problem)
        (self.plain if ctype == "text/plain" else self.html).append(text)

    def _delivery_status(self, part: Message) -> None:
        blocks = list(self._children(part))
        if not blocks:  # some servers send it unparsed: read the text as header blocks
            text, _ = decode_bytes(_payload_bytes(part), "utf-8")
            blocks = [HeaderParser().parsestr(b.strip() + "\n") for b in text.split("\n\n")]
        for block in blocks[1:] if len(blocks) > 1 else blocks:
            recipient = _dsn_field(block, "Final-Recipient") or _dsn_field(
                block, "Original-Recipient"
            )
            action = (_dsn_field(block, "Action") or "").lower()
            if not recipient and not action:
                continue
            self.statuses.append(
                RecipientStatus(
                    recipient=_strip_address_type(recipient or ""),
                    action=action,
                    status=_dsn_field(block, "Status") or "",
                    diagnostic=_dsn_field(block, "Diagnostic-Code") or "",
                )
            )

    def _headers_of(self, part: Message, ctype: str) -> tuple[tuple[str, str], ...]:
        """The headers of an attached message (message/rfc822) or a text/rfc822-headers part."""
        if ctype == "message/rfc822":
            children = list(self._children(part))
            return _raw_headers(children[0]) if children else ()
        text, _ = decode_bytes(_payload_bytes(part), _param(part, "charset"))
        try:
            headers = HeaderParser(policy=policy.compat32).parsestr(text)
        except Exception:
            self.problems.append("unreadable returned headers")
            return ()
        return _raw_headers(headers)


def _is_attachment(part: Message) -> bool:
    try:
        return (part.get_content_disposition() or "") == "attachment"
    except Exception:
        return False


def _dsn_field(block: Message, name: str) -> str | None:
    try:
        value = block.get(name)
    except Exception:
        return None
    return " ".join(str(value).split()) if value is not None else None


def _strip_address_type(value: str) -> str:
    """ "rfc822; bob@example.com" -> "bob@example.com"."""
    _, sep, address = value.partition(";")
    return (address if sep else value).strip().strip("<>").lower()
