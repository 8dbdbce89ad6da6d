"""Raw message bytes made safe for the stdlib MIME parser: cut to what it reads in bounded
time, and parsed with a policy that caps each header.

The parser's cost grows with lines times nesting, and it reads a body inside a multipart a
line at a time: before it runs, the bodies nothing reads (a returned message's, a binary
attachment's) are dropped and a message too deep or too long for its nesting is cut to a
prefix (`limits`: MAX_MIME_DEPTH, MAX_MIME_DELIMITERS, MAX_MIME_LINE_WORK). Pure.
"""

from __future__ import annotations

import re
from email.policy import Compat32

from followup.mail.reading.limits import (
    MAX_HEADER_CHARS,
    MAX_MIME_DELIMITERS,
    MAX_MIME_DEPTH,
    MAX_MIME_LINE_WORK,
)

_LONE_CR = re.compile(rb"\r(?!\n)")
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
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_RETURNED_BODY_KEPT = 4096  # bytes of a returned message's body below which it is left alone
_BINARY_TYPE = re.compile(
    rb"(?im)^content-type[ \t]*:[ \t]*(?:application|image|audio|video|font|model)/([\w.+-]+)"
)
_ATTACHMENTS_WORTH_CUTTING = 256 * 1024  # smaller messages parse fast enough as they are
# a multipart's boundary parameter that lost its folding whitespace: "boundary=..." at the
# start of the line after "Content-Type: multipart/...;", which the parser would take for
# the first line of the part's body (some gateways' notices, some mailers' replies)
_UNFOLDED_BOUNDARY = re.compile(
    rb"(?im)^(content-type[ \t]*:[ \t]*multipart/[^\r\n]{0,200};[ \t]*\r?\n)(?=boundary[ \t]*=)"
)


def for_parser(raw: bytes) -> tuple[bytes, str | None]:
    """`raw` as the stdlib parser is given it (without the bodies nothing reads, cut to a
    bounded prefix), and why it was cut short (None: it was not)."""
    return bounded_mime(without_attachment_bodies(without_returned_body(refolded(raw))))


def refolded(raw: bytes) -> bytes:
    """`raw` with a multipart's boundary parameter folded back under its Content-Type when
    its line lost the leading whitespace (a delimiter the parser could not find otherwise)."""
    if b"oundary" not in raw and b"OUNDARY" not in raw:
        return raw
    return _UNFOLDED_BOUNDARY.sub(rb"\1\t", raw, count=MAX_MIME_DELIMITERS)


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


class CappedPolicy(Compat32):
    """compat32, keeping at most MAX_HEADER_CHARS of each header's value as it is parsed
    (before any decoding or parameter parsing, which are slow on giant values)."""

    cut: list[str]

    @classmethod
    def new(cls) -> CappedPolicy:
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
