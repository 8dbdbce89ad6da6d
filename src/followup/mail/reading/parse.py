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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.parser import BytesParser, HeaderParser
from email.policy import Compat32
from email.utils import getaddresses, parsedate_to_datetime

from followup.mail.reading.addresses import clean_name, valid_address
from followup.mail.reading.htmlsummary import HtmlSummary, summarize_html
from followup.mail.reading.limits import (
    MAX_ADDRESS_FIELD_CHARS,
    MAX_ADDRESSES,
    MAX_HEADER_CHARS,
    MAX_MIME_DELIMITERS,
    MAX_MIME_DEPTH,
    MAX_MIME_LINE_WORK,
)
from followup.mail.reading.text import (
    decode_bytes,
    header_text,
    normalize_subject,
)
from followup.mail.reading.tnef import is_tnef, tnef_meeting
from followup.mail.reading.visible import read_html

# Past this size a message is cut before parsing: invitations, reports and replies are small,
# a 30 MB attachment is not worth reading to classify a message.
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
MAX_PARTS = 200

_MSGID = re.compile(r"<[^<>\s]+>")
_SPACE_OR_BRACKET = re.compile(r"[\s<>]")
# the lookbehind starts a match only at the start of a run: linear on "aaaa...a"
_EMAIL = re.compile(r"(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_LONE_CR = re.compile(rb"\r(?!\n)")
_DOTS = re.compile(r"\.{2,}")
_ADDRESS_FIELDS = frozenset(("from", "sender", "to", "cc", "reply-to"))
_LISTED_ANGLE_ADDRESS = re.compile(r"<[^<>]*[,;][^<>]*>")
# a Content-Type header (value unfolded by the capture) or a line that may be a boundary
_MIME_MARK = re.compile(
    rb"(?im)^(?:content-type[ \t]*:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)|--([^\r\n]*))"
)
_BOUNDARY = re.compile(rb'(?i)\bboundary\*?[ \t]*=[ \t]*(?:"([^"\r\n]*)"|([^\s;"]+))')
_REPORT_TYPE = re.compile(
    rb"(?im)^content-type[ \t]*:[ \t]*multipart/report[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*"
)
_RETURNED_PART = re.compile(
    rb"(?im)^content-type[ \t]*:[ \t]*(?:message/(?:rfc822|global)|text/rfc822-headers)\b(?!-)"
)
# RFC 3464 reports and their RFC 6533 form for internationalised addresses
_STATUS_TYPES = frozenset(("message/delivery-status", "message/global-delivery-status"))
_STATUS_REPORTS = frozenset(("delivery-status", "global-delivery-status"))
_RETURNED_TYPES = frozenset(
    ("message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers")
)
_DSN_FIELD = re.compile(r"(?im)^(?:final|original)-recipient[ \t]*:")
_CALENDAR_TYPES = frozenset(("text/calendar", "application/ics", "text/x-vcalendar"))
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_RETURNED_BODY_KEPT = 4096  # bytes of a returned message's body below which it is left alone
_BINARY_TYPE = re.compile(
    rb"(?im)^content-type[ \t]*:[ \t]*(?:application|image|audio|video|font|model)/([\w.+-]+)"
)
_ATTACHMENTS_WORTH_CUTTING = 256 * 1024  # smaller messages parse fast enough as they are


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
    set_aside: list[str] = []
    truncated = len(raw) > max_bytes
    if truncated:
        raw = raw[:max_bytes]
        problems.append(f"message larger than {max_bytes} bytes: only the start was read")
    raw, cut = bounded_mime(without_attachment_bodies(without_returned_body(raw)))
    if cut is not None:
        set_aside.append(cut)
    capped = _CappedPolicy.new()
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
            headers=_raw_headers(msg),
            truncated=truncated,
            problems=(*problems, *set_aside),
            set_aside=tuple(set_aside),
        )


def read_mime(raw: bytes) -> Message:
    """The stdlib Message of `raw` read as parse_message reads it (bounded prefix, capped
    headers), for a library that wants a Message (flufl.bounce); may raise as the parser may."""
    return BytesParser(policy=_CappedPolicy.new()).parsebytes(
        bounded_mime(without_attachment_bodies(without_returned_body(raw)))[0]
    )


def without_attachment_bodies(raw: bytes) -> bytes:
    """`raw` without the bodies of the binary parts of its multiparts (a CV's PDF, a logo):
    nothing reads them, and the stdlib parser reads a part inside a multipart a line at a
    time. Each part keeps its headers and its place; a calendar (application/ics, a .ics
    file name) and a short body stay whole. Only substring searches run over the whole
    message; the regexes read the short header blocks after each delimiter."""
    if len(raw) < _ATTACHMENTS_WORTH_CUTTING:
        return raw
    starts = sorted(_delimiter_lines(raw))
    kept, position = [], 0
    for index, start in enumerate(starts):
        if start < position:
            continue
        span = _binary_body(raw, start, starts[index + 1 :])
        if span is not None:
            kept.append(raw[position : span[0]])
            position = span[1]
    return b"".join([*kept, raw[position:]]) if kept else raw


def _delimiter_lines(raw: bytes) -> set[int]:
    """Offsets of the line breaks that start a delimiter line of a declared boundary."""
    found: set[int] = set()
    for spelling in (b"oundary", b"OUNDARY"):
        at = raw.find(spelling)
        while at >= 0 and len(found) < MAX_MIME_DELIMITERS:
            declared = _BOUNDARY.match(raw, at - 1, at + 200)
            if declared is not None:
                delimiter = b"\n--" + (declared.group(1) or declared.group(2))
                line = raw.find(delimiter)
                while line >= 0 and len(found) < MAX_MIME_DELIMITERS:
                    found.add(line)
                    line = raw.find(delimiter, line + 1)
            at = raw.find(spelling, at + 1)
    return found


def _binary_body(raw: bytes, start: int, later: list[int]) -> tuple[int, int] | None:
    """The body of the part after the delimiter line at `start`, when its headers name a
    binary type (no calendar) and it is long: (first byte, the next delimiter)."""
    line_end = raw.find(b"\n", start + 1)
    blank = _BLANK_LINE.search(raw, line_end, line_end + 8192) if line_end >= 0 else None
    if blank is None:
        return None
    headers = raw[line_end : blank.start()]
    found = _BINARY_TYPE.search(headers)
    lowered = headers.lower()
    if (
        found is None
        or found.group(1).lower() == b"ics"
        or b".ics" in lowered
        or b".vcs" in lowered
    ):
        return None
    end = next((at for at in later if at >= blank.end()), len(raw))
    return (blank.end(), end) if end - blank.end() >= _RETURNED_BODY_KEPT else None


def without_returned_body(raw: bytes) -> bytes:
    """`raw` without the body of the message copy a delivery report returns.

    Only that copy's headers are read (`returned_headers`), and the stdlib parser reads a
    body inside a multipart a line at a time: a bounce returning a long message would cost
    as much as parsing it. The part's headers, the copy's headers and the report's next
    boundary stay; a short body stays too."""
    if not any(spelling in raw for spelling in (b"/report", b"/REPORT", b"/Report")):
        return raw  # a plain substring test first: the regex below scans every line
    report = _REPORT_TYPE.search(raw)
    found = _BOUNDARY.search(report.group(0)) if report else None
    if report is None or found is None:
        return raw
    part = _RETURNED_PART.search(raw, report.end())
    part_headers = _BLANK_LINE.search(raw, part.end()) if part else None
    copy_headers = _BLANK_LINE.search(raw, part_headers.end()) if part_headers else None
    if copy_headers is None:
        return raw
    body = copy_headers.end()
    end = raw.find(b"\n--" + (found.group(1) or found.group(2)), body)
    end = len(raw) if end < 0 else end
    return raw if end - body < _RETURNED_BODY_KEPT else raw[:body] + raw[end:]


class _CappedPolicy(Compat32):
    """compat32, keeping at most MAX_HEADER_CHARS of each header's value as it is parsed
    (before any decoding or parameter parsing, which are slow on giant values)."""

    cut: list[str]

    @classmethod
    def new(cls) -> _CappedPolicy:
        made = cls()
        object.__setattr__(made, "cut", [])  # policies are read-only; this one records
        return made

    def header_source_parse(self, sourcelines: list[str]) -> tuple[str, str]:
        name, value = super().header_source_parse(sourcelines)
        if len(value) > MAX_HEADER_CHARS:
            value = value[:MAX_HEADER_CHARS]
            if len(self.cut) < 20:
                self.cut.append(name)
        return name, value


def bounded_mime(raw: bytes) -> tuple[bytes, str | None]:
    """`raw`, or the prefix of it the stdlib MIME parser reads in bounded time, and why.

    One linear pass over Content-Type headers and boundary lines tracks the nesting the
    parser will see (multiparts by their boundary, attached messages until their part ends);
    the parser's cost is its lines times that depth, and a header line costs it as much as
    _HEADER_LINE_COST body lines. A prefix of a message is still a message: the parts cut
    off are missing, nothing else changes.
    """
    if b"\r" in raw and _LONE_CR.search(raw):
        raw = _LONE_CR.sub(b"\n", raw)  # the parser splits lines at a lone CR too
    stack: list[bytes | None] = []  # a multipart's boundary, or None for an attached message
    budget = _Budget(raw)
    delimiters = 0
    for match in _MIME_MARK.finditer(raw):
        start = match.start()
        cut = budget.spend(start, len(stack))
        if cut is not None:
            return raw[:cut], _too_complex()
        if match.group(1) is not None:
            kind = match.group(1).lstrip(b' \t\r\n"').lower()
            if kind.startswith(b"multipart/"):
                found = _BOUNDARY.search(match.group(1))
                # no boundary we can read: count the level, and let no line close it
                stack.append((found.group(1) or found.group(2) or b"\n") if found else b"\n")
            elif kind.startswith(b"message/"):
                stack.append(None)
            else:
                continue
            if len(stack) > MAX_MIME_DEPTH:
                return raw[:start], f"MIME parts nested deeper than {MAX_MIME_DEPTH}: " + (
                    "the rest was not read"
                )
            continue
        rest = match.group(2).rstrip(b" \t\r")
        closing = rest.endswith(b"--") and rest[:-2] in stack
        if not closing and rest not in stack:
            continue
        delimiters += 1
        if delimiters > MAX_MIME_DELIMITERS:
            return raw[:start], f"more than {MAX_MIME_DELIMITERS} MIME parts: the rest was not read"
        boundary = rest[:-2] if closing else rest
        while stack and stack[-1] != boundary:  # the parts inside this one end here
            stack.pop()
        if closing and stack:
            stack.pop()
    cut = budget.spend(len(raw), len(stack))
    return (raw[:cut], _too_complex()) if cut is not None else (raw, None)


_HEADER_LINE_COST = 30  # the stdlib parser spends on one header line what 30 body lines cost
_HEADERISH = re.compile(rb"(?m)^[!-9;-~]+:")


class _Budget:
    """MAX_MIME_LINE_WORK spent segment by segment (the text between two MIME marks)."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.work = 0
        self.position = 0

    def spend(self, end: int, depth: int) -> int | None:
        """Account for raw[position:end] at `depth`; the offset to cut at when over budget."""
        start, self.position = self.position, end
        lines = self.raw.count(b"\n", start, end)
        if not lines:
            return None
        headers = len(_HEADERISH.findall(self.raw, start, end)) if lines > 100 else lines
        cost = lines * (1 + depth) + headers * _HEADER_LINE_COST
        if self.work + cost <= MAX_MIME_LINE_WORK:
            self.work += cost
            return None
        room = lines * (MAX_MIME_LINE_WORK - self.work) // cost
        return _after_lines(self.raw, start, end, room)


def _too_complex() -> str:
    return "message with too many lines for its MIME nesting: the rest was not read"


def _after_lines(raw: bytes, start: int, end: int, lines: int) -> int:
    """The offset just after the `lines`-th line break from `start` (binary search)."""
    if lines <= 0:
        return start
    low, high = start, end
    while low < high:
        middle = (low + high) // 2
        if raw.count(b"\n", start, middle + 1) >= lines:
            high = middle
        else:
            low = middle + 1
    return min(low + 1, end)


def _read(
    msg: Message,
    problems: list[str],
    set_aside: list[str],
    truncated: bool,
    capped: _CappedPolicy,
) -> ParsedMessage:
    headers = _raw_headers(msg)
    index: dict[str, list[str]] = {}
    for name, value in headers:
        index.setdefault(name.lower(), []).append(value)
    if not headers:
        problems.append("no headers found")
    for defect in msg.defects[:5]:
        problems.append(f"MIME defect: {type(defect).__name__}")
    body = _Body(problems, set_aside)
    body.walk(msg)
    text = body.text()
    if capped.cut:
        names = ", ".join(dict.fromkeys(capped.cut))
        set_aside.append(f"header longer than {MAX_HEADER_CHARS} characters cut: {names[:200]}")
    first = _first(index, "message-id")
    ids = message_ids(first)
    if first is not None and not ids:
        problems.append(f"Message-ID is not an id: {first[:80]!r}")
    # addresses are parsed from the raw values and names decoded after: a decoded encoded
    # word must not add an address ("=?utf-8?q?Ann=0D=0ABcc=3A_evil=40x=2Eexample?=")
    raw: dict[str, list[str]] = {}
    for name, value in msg.raw_items():
        if name.lower() in _ADDRESS_FIELDS:
            raw.setdefault(name.lower(), []).append(str(value))
    from_list = _addresses(raw.get("from", []), set_aside)
    if not any(a.email for a in from_list):  # no From: the Sender is its author (old mail)
        from_list = _addresses(raw.get("sender", []), set_aside) or from_list
    return ParsedMessage(
        headers=headers,
        message_id=ids[0] if ids else None,
        in_reply_to=message_ids(_first(index, "in-reply-to")),
        references=tuple(i for v in index.get("references", []) for i in message_ids(v)),
        from_=from_list[0] if from_list else None,
        reply_to=_addresses(raw.get("reply-to", []), set_aside),
        to=_addresses(raw.get("to", []), set_aside),
        cc=_addresses(raw.get("cc", []), set_aside),
        date=_date(_first(index, "date"), problems),
        subject=" ".join((_first(index, "subject") or "").split()),
        content_type=_content_type(msg),
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


def _raw_headers(msg: Message) -> tuple[tuple[str, str], ...]:
    """Header values unfolded and decoded (RFC 2047 words, raw 8-bit text), never raising."""
    return tuple((str(name), header_text(value)) for name, value in msg.raw_items())


def _first(index: dict[str, list[str]], name: str) -> str | None:
    values = index.get(name)
    return values[0] if values else None


def _addresses(values: list[str], set_aside: list[str] | None = None) -> tuple[Address, ...]:
    """Name and address pairs of raw address fields: each address one valid addr-spec (else
    ""), each name decoded and one line; at most MAX_ADDRESSES of them from the first
    MAX_ADDRESS_FIELD_CHARS characters. An angle address holding a list ("<a@x,b@y>") is
    no address at all, not two."""
    text = " ".join(", ".join(values).split())
    if "<" in text:
        text = _LISTED_ANGLE_ADDRESS.sub("<>", text)
    if len(text) > MAX_ADDRESS_FIELD_CHARS:
        text = text[:MAX_ADDRESS_FIELD_CHARS].rpartition(",")[0]
        if set_aside is not None:
            set_aside.append(f"address field longer than {MAX_ADDRESS_FIELD_CHARS} characters cut")
    try:
        pairs = getaddresses([text]) if text else []
    except Exception:  # getaddresses is strict in newer Pythons and can still trip
        pairs = []
    out: list[Address] = []
    for name, raw_email in pairs:
        if len(out) >= MAX_ADDRESSES:
            if set_aside is not None:
                set_aside.append(
                    f"more than {MAX_ADDRESSES} addresses in one field: the rest set aside"
                )
            break
        email = header_text(raw_email).strip().strip("<>")  # raw 8-bit bytes as text
        if email and _SPACE_OR_BRACKET.search(email):  # a broken quote swallowed the name
            found = _EMAIL.search(email)
            email = found.group(0) if found else ""
        address = valid_address(email) or _obsolete_local_part(email)
        clean = clean_name(header_text(name) if name else "")
        if address or clean:
            out.append(Address(name=clean, email=address))
    return tuple(out)


def _obsolete_local_part(email: str) -> str:
    """An address whose local part has dots in a row or at an end ("d..steffes@x.example",
    RFC 5322's obsolete form, common in old corporate mail), lower-cased; else ""."""
    if "." not in email.partition("@")[0]:
        return ""
    local, _, domain = email.partition("@")
    tidy = _DOTS.sub(".", local).strip(".")
    if not tidy or valid_address(f"{tidy}@{domain}") is None:
        return ""
    return email.lower()


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
        ctype = _content_type(part)
        if ctype == "multipart/report":
            self.report_type = (_param(part, "report-type") or "").lower() or None
        if ctype in _STATUS_TYPES:
            self._delivery_status(part)
        elif ctype == "message/disposition-notification":
            self._disposition(part)
        elif ctype in _RETURNED_TYPES and self.report_type:
            self.returned.extend(self._headers_of(part, ctype))
        elif ctype in _RETURNED_TYPES:
            headers = self._headers_of(part, ctype)
            if headers:
                self.attached.append(headers)
            self.attached_depth += 1
            for child in self._children(part):  # a forwarded message's text still counts
                self.walk(child, depth + 1)
            self.attached_depth -= 1
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
        # .vcs and text/x-vcalendar: vCalendar 1.0, still written by old Outlook and Notes
        is_ics = filename is not None and filename.lower().endswith((".ics", ".vcs"))
        if ctype in _CALENDAR_TYPES or is_ics:
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
        if is_tnef(ctype, filename):
            self.tnef.append(tnef_meeting(_payload_bytes(part)) or "")
            return
        if ctype == "text/plain" and _is_attachment(part) and not self.statuses:
            # an old gateway's report attached as a text file ("details.txt")
            text, _ = decode_bytes(_payload_bytes(part)[:20_000], _param(part, "charset"))
            if _DSN_FIELD.search(text):
                self._status_blocks(self._text_blocks(text))
            return
        if ctype not in ("text/plain", "text/html") or _is_attachment(part):
            return
        text, problem = decode_bytes(_payload_bytes(part), _param(part, "charset"))
        if problem:
            self.problems.append(problem)
        if self.report_type in _STATUS_REPORTS and _DSN_FIELD.search(text[:20_000]):
            # an old gateway's delivery-status part labelled text/plain: read its fields too
            self._status_blocks(self._text_blocks(text))
        if ctype == "text/plain" and self.attached_depth and self.first_attached_plain is None:
            self.first_attached_plain = len(self.plain)
        (self.plain if ctype == "text/plain" else self.html).append(text)

    def _delivery_status(self, part: Message) -> None:
        blocks = list(self._children(part))
        # its bytes read as UTF-8: the str payload turns raw UTF-8 ("josé@x") into U+FFFD
        data = blocks[0].get_payload(decode=True) if len(blocks) == 1 else None
        rest = decode_bytes(data, "utf-8")[0] if isinstance(data, bytes) else None
        if rest is not None and rest.strip():
            # message/global-delivery-status is parsed as one message: the per-message block
            # its headers, the per-recipient blocks its body
            blocks.extend(self._text_blocks(rest))
        if not blocks:  # some servers send it unparsed: read the text as header blocks
            text, _ = decode_bytes(_payload_bytes(part), "utf-8")
            blocks = self._text_blocks(text)
        self._status_blocks(blocks)

    def _disposition(self, part: Message) -> None:
        """An MDN's fields: read as one header block (the stdlib parses the part as a message
        whose headers they are, or leaves it as text)."""
        blocks = list(self._children(part))
        if not blocks:
            text, _ = decode_bytes(_payload_bytes(part), "utf-8")
            blocks = self._text_blocks(text)
        if blocks and self.disposition is None:
            recipient = _dsn_field(blocks[0], "Final-Recipient") or ""
            disposition = (_dsn_field(blocks[0], "Disposition") or "").lower()
            self.disposition = (_strip_address_type(recipient), disposition)

    @staticmethod
    def _text_blocks(text: str) -> list[Message]:
        text = text.replace("\r\n", "\n")
        return [
            HeaderParser(policy=_CappedPolicy.new()).parsestr(b.strip() + "\n")
            for b in text.split("\n\n", MAX_PARTS)[:MAX_PARTS]
        ]

    def _status_blocks(self, blocks: list[Message]) -> None:
        for block in blocks[1:MAX_PARTS] if len(blocks) > 1 else blocks:
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
            headers = HeaderParser(policy=_CappedPolicy.new()).parsestr(text)
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
    # the raw value: raw UTF-8 in a global report ("Final-Recipient: utf-8; josé@x") is
    # read as text, where the parsed one would be replacement characters
    lowered = name.lower()
    try:
        value = next((v for k, v in block.raw_items() if k.lower() == lowered), None)
    except Exception:
        return None
    return header_text(value) if value is not None else None


def _strip_address_type(value: str) -> str:
    """ "rfc822; bob@example.com" -> "bob@example.com"; "" when that is no single address."""
    _, sep, address = value.partition(";")
    return valid_address((address if sep else value).strip().strip("<>")) or ""
