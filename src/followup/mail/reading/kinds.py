"""The classes an incoming message can be read as (shown and stored: extend, never rename)."""

from __future__ import annotations

from enum import StrEnum


class MessageClass(StrEnum):
    """Extend, never rename: the values are shown and stored."""

    BOUNCE = "bounce"
    AUTO_REPLY = "auto-reply"
    INVITATION = "invitation"  # a calendar REQUEST (new or updated) or PUBLISH
    CANCELLATION = "cancellation"  # a calendar CANCEL
    CALENDAR_RESPONSE = "calendar-response"  # a REPLY ("Accepted: ...") or COUNTER
    REJECTION = "rejection"
    OFFER = "offer"
    ATS = "ats"  # an applicant-tracking-system notification with nothing more specific
    REPLY = "reply"  # a message written by a person
    OTHER = "other"  # newsletters, the user's own mail, delay warnings, robots
