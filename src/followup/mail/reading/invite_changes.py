"""What an invitation does to the recorded interviews: add, update, cancel or nothing.

Invitations arrive out of order and more than once, so the decision compares the invite's
SEQUENCE with the stored one (RFC 5546) and never lets an older version overwrite a newer
one. Pure: the caller reads the stored interview and applies the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from followup.domain.model import Interview, InterviewKind
from followup.mail.reading.ics import Invite

PANEL_SIZE = 3  # more interviewers than this (besides the candidate) make a panel


class ChangeKind(StrEnum):
    ADD = "add"
    UPDATE = "update"
    CANCEL = "cancel"
    IGNORE = "ignore"


@dataclass(frozen=True, slots=True)
class InterviewChange:
    kind: ChangeKind
    reason: str
    changes: dict[str, Any] = field(default_factory=dict)  # the stored fields to set (UPDATE)


def interview_change(invite: Invite, existing: Interview | None) -> InterviewChange:
    """The change `invite` makes to `existing` (the interview with its UID, if any)."""
    if invite.is_response:
        return InterviewChange(ChangeKind.IGNORE, "an answer to an invitation, not an invitation")
    if existing is None:
        if invite.cancelled:
            return InterviewChange(
                ChangeKind.IGNORE, "cancels an interview that was never recorded"
            )
        if invite.start is None:
            return InterviewChange(ChangeKind.IGNORE, "the invitation has no readable start time")
        return InterviewChange(ChangeKind.ADD, f"a new interview ({invite.method})")
    if invite.sequence < existing.ical_sequence:
        return InterviewChange(
            ChangeKind.IGNORE,
            f"an older version (SEQUENCE {invite.sequence} < {existing.ical_sequence})",
        )
    if invite.cancelled:
        if existing.cancelled:
            return InterviewChange(ChangeKind.IGNORE, "already cancelled")
        changes = {"cancelled": True, "ical_sequence": invite.sequence}
        return InterviewChange(ChangeKind.CANCEL, "the organizer cancelled it", changes)
    changes = _changed_fields(invite, existing)
    if not changes:
        return InterviewChange(ChangeKind.IGNORE, "already up to date")
    return InterviewChange(ChangeKind.UPDATE, f"updated: {', '.join(sorted(changes))}", changes)


def interview_kind(invite: Invite, interviewer_count: int) -> InterviewKind:
    """A best guess from the invite: a video link, a panel, a place, else a phone call."""
    if interviewer_count > PANEL_SIZE:
        return InterviewKind.PANEL
    if invite.video_link:
        return InterviewKind.VIDEO
    location = invite.location.strip().lower()
    if location and "phone" not in location and "call" not in location:
        return InterviewKind.ON_SITE
    return InterviewKind.PHONE


def _changed_fields(invite: Invite, existing: Interview) -> dict[str, Any]:
    wanted: dict[str, Any] = {
        "ical_sequence": invite.sequence,
        "cancelled": False,
    }
    if invite.start is not None:
        wanted["start"] = invite.start
        wanted["end"] = invite.end
    if invite.location:
        wanted["location"] = invite.location
    if invite.video_link:
        wanted["video_link"] = invite.video_link
    return {k: v for k, v in wanted.items() if getattr(existing, k) != v}
