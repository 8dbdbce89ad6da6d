"""Outlook's rich-text container (application/ms-tnef, winmail.dat) and the meeting it carries.

Exchange and Outlook send a meeting request, an answer to one or a cancellation to another
server as a TNEF attachment instead of a calendar part when the sender's settings keep rich
text. The item's kind is its MAPI message class, stored as plain text inside the container:
"IPM.Microsoft Schedule.MtgReq" (the TNEF attribute) or "IPM.Schedule.Meeting.Request" (the
MAPI property, also in UTF-16). When the container cannot be read (cut or damaged), the
message's own shape says it: an answer's subject starts "Accepted:", "Declined:",
"Tentative:" (the rules' calendar words, in many languages) over an empty body; a
request's text starts with Outlook's "When:" and "Where:" lines. Pure: bytes and text in,
a kind out.
"""

from __future__ import annotations

import re
from typing import Literal

TnefMeeting = Literal["request", "response", "cancel"]

# the TNEF signature, first four bytes of the container (0x223E9F78, little-endian)
_SIGNATURE = b"\x78\x9f\x3e\x22"
_MAX_SCAN = 256 * 1024  # the class is stored near the start; the rest is attachments

_CLASSES: tuple[tuple[str, TnefMeeting], ...] = (
    ("IPM.Microsoft Schedule.MtgReq", "request"),
    ("IPM.Microsoft Schedule.MtgResp", "response"),  # ...P, ...N, ...A
    ("IPM.Microsoft Schedule.MtgCncl", "cancel"),
    ("IPM.Schedule.Meeting.Request", "request"),
    ("IPM.Schedule.Meeting.Resp.", "response"),  # .Pos, .Neg, .Tent
    ("IPM.Schedule.Meeting.Canceled", "cancel"),
)
_PATTERNS = tuple(
    (re.compile(re.escape(name.encode(codec)), re.IGNORECASE), kind)
    for name, kind in _CLASSES
    for codec in ("ascii", "utf-16-le")
)

# the first lines of Outlook's text for a meeting request
_WHEN = re.compile(
    r"^\s*(?:when|wann|quand|cuándo|quando|wanneer|när|hvornår|når)\s*:\s*\S", re.IGNORECASE
)
_WHERE = re.compile(
    r"^\s*(?:where|wo|où|dónde|dove|onde|waar|var|hvor)\s*:", re.IGNORECASE | re.MULTILINE
)


def is_tnef(content_type: str, filename: str | None) -> bool:
    """An Outlook TNEF part, by its type or its customary name."""
    if content_type in ("application/ms-tnef", "application/vnd.ms-tnef"):
        return True
    return filename is not None and filename.strip().lower() == "winmail.dat"


def tnef_meeting(data: bytes) -> TnefMeeting | None:
    """The kind of meeting item a TNEF container holds, from its message class, or None."""
    head = data[:_MAX_SCAN]
    if not head.startswith(_SIGNATURE):
        return None
    for pattern, kind in _PATTERNS:
        if pattern.search(head):
            return kind
    return None


def meeting_by_shape(
    subject: str, text: str, answers: frozenset[str], cancels: frozenset[str]
) -> TnefMeeting | None:
    """The meeting item a message with an unreadable TNEF part is, by Outlook's shape.
    `answers` and `cancels`: the words before the colon of an answer's or a cancellation's
    subject, lower-cased ("accepted", "abgesagt": the rules' calendar words)."""
    body = text.strip()
    head, colon, _ = subject.partition(":")
    head = " ".join(head.split()).lower() if colon else ""
    if head in cancels:
        return "cancel"
    if head in answers and len(body) < 400:
        return "response"
    first = body.splitlines()[:3]
    if first and _WHEN.match(first[0]) and _WHERE.search("\n".join(first[1:])):
        return "request"
    return None
