"""An invitation applied to the store: by the sync (an iMIP message) and by the import of an
invitation file (followup.app.mail.invites).

The decisions are pure (`invite_changes`, `match`); `apply_invite` reads the stored
interview and people through the unit of work it is given and writes the change there, so
it is part of its caller's transaction. Applying one invitation twice (a double submit, two
syncs at once) changes the store once: the look-up by iCalendar UID and the writes run under
the owner's "invitations" lock. It imports no database library itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup.domain.model import Interview, PersonRole
from followup.errors import UserError
from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message
from followup.mail.reading.ics import Invite, interviewers
from followup.mail.reading.invite_changes import ChangeKind, interview_change, interview_kind

if TYPE_CHECKING:
    from followup.store.uow import UnitOfWork


class InviteImportError(UserError):
    """The file holds no usable invitation, or its application is unclear."""

    default_code = "invite.unusable"


@dataclass(frozen=True, slots=True)
class ImportResult:
    change: ChangeKind
    reason: str
    uid: str
    app_id: int | None = None
    interview_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "change": str(self.change),
            "reason": self.reason,
            "uid": self.uid,
            "app_id": self.app_id,
            "interview_id": self.interview_id,
        }


def read_invites(raw: bytes, floating_tz: str) -> tuple[Invite, ...]:
    """The invites of an .ics file or of a message carrying one; raises InviteImportError."""
    from followup.mail.reading.ics import parse_calendar
    from followup.mail.reading.limits import InputTooLarge

    try:
        if raw.lstrip().upper().startswith(b"BEGIN:VCALENDAR"):
            read = parse_calendar(raw, floating_tz=floating_tz)
            invites, problems = read.invites, read.problems
        else:
            info = classify_message(raw, floating_tz=floating_tz, strict=True)
            invites, problems = info.invites, info.problems
    except InputTooLarge as exc:
        raise InviteImportError(
            f"the calendar is too large to read: {exc.reason}",
            code="invite.too-large",
            params={"reason": exc.reason, "limit": exc.limit},
        ) from None
    if not invites:
        why = problems[0] if problems else "no calendar in the file"
        raise InviteImportError(
            f"no invitation found: {why}", code="invite.none-found", params={"why": why}
        )
    return invites


def apply_invite(
    uow: UnitOfWork, invite: Invite, app_id: int | None, mine: tuple[str, ...]
) -> ImportResult:
    """Add, move or cancel the interview `invite` stands for, as `interview_change` decides
    (an older version never overwrites a newer one). `mine` are the user's addresses, in
    lower case; without `app_id` the application is found from the invite's people."""
    uow.sync_state.lock("invitations")  # one invitation of this owner applied at a time
    existing = uow.interviews.by_ical_uid(invite.uid) if invite.uid else None
    decision = interview_change(invite, existing)
    if decision.kind is ChangeKind.IGNORE:
        found = existing.id if existing else None
        app = existing.app_id if existing else app_id
        return ImportResult(decision.kind, decision.reason, invite.uid, app, found)
    if existing is not None:
        uow.interviews.update(existing.id, decision.changes)
        return ImportResult(
            decision.kind, decision.reason, invite.uid, existing.app_id, existing.id
        )
    target = app_id if app_id is not None else _application_of(uow, invite, mine)
    added = _add(uow, invite, target, mine)
    return ImportResult(decision.kind, decision.reason, invite.uid, target, added.id)


def _add(uow: UnitOfWork, invite: Invite, app_id: int, mine: tuple[str, ...]) -> Interview:
    assert invite.start is not None  # interview_change only adds invites with a start
    people = interviewers(invite, mine)
    person_ids = [_person_for(uow, app_id, a.email, a.name) for a in people]
    return uow.interviews.add(
        app_id,
        invite.start,
        interview_kind(invite, len(people)),
        end=invite.end,
        person_ids=list(dict.fromkeys(person_ids)),
        location=invite.location or None,
        video_link=invite.video_link,
        ical_uid=invite.uid or None,
        ical_sequence=invite.sequence,
    )


def _person_for(uow: UnitOfWork, app_id: int, email: str, name: str) -> int:
    for person in uow.people.by_email(email):
        if person.app_id == app_id:
            return person.id
    display = name if name and "@" not in name else email.partition("@")[0]
    return uow.people.add(app_id, display, email=email, role=PersonRole.INTERVIEWER).id


def _application_of(uow: UnitOfWork, invite: Invite, mine: tuple[str, ...]) -> int:
    from followup.mail.reading.match import candidates_from_histories, match_message
    from followup.mail.reading.parse import Address

    organizer = invite.organizer
    sender = Address(organizer.name, organizer.email) if organizer is not None else None
    info = MessageInfo(
        kind=MessageClass.INVITATION,
        from_=sender,
        subject=invite.summary,
        normalized_subject=invite.summary.casefold(),
        invites=(invite,),
    )
    histories = uow.histories.many()
    match = match_message(info, candidates_from_histories(histories), user_addresses=mine)
    if match.app_id is None or match.needs_review:
        why = match.reason or "no known person or company domain on the invitation"
        raise InviteImportError(
            f"cannot tell which application this invitation belongs to: {why}",
            code="invite.unclear-application",
            params={"why": why},
        )
    return match.app_id
