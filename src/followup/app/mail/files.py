"""Use cases of the files a user hands in: one raw message inspected (what followup reads in
it) or filed as the sync files the mail in INBOX (`file_message`), and an invitation file
(.ics, or an .eml carrying one) applied to the store.

An update (higher SEQUENCE) moves the recorded interview, a cancellation cancels it, an
older or repeated invitation changes nothing: applying the same file twice (a double
submit, two processes at once) adds one interview and one set of people. Everything the
file changes is one transaction, and the applications it touched are planned again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.mail.sync.apply import StoreHandler
    from followup.mail.sync.invite_import import ImportResult
    from followup.mail.sync.model import Envelope

# The folder of the review items handed in as files (their message is kept with them).
HANDED_IN = "an uploaded file"


@dataclass(frozen=True, slots=True)
class MessageFile:
    raw: bytes  # the bytes of an .eml file
    user_addresses: tuple[str, ...] = ()  # the user's own: never an interviewer


def inspect_file(data: MessageFile) -> dict[str, Any]:
    """How followup classifies the message and what invitation it carries (JSON-ready)."""
    from followup.mail.reading.inspect import inspect_message

    return inspect_message(data.raw, user_addresses=data.user_addresses)


@dataclass(frozen=True, slots=True)
class FiledMessage:
    """What filing a message did: `outcome` as the sync says it (its class when recorded,
    "review", "already-recorded"), the application it was recorded for or the review item
    that asks the user which one."""

    outcome: str
    app_id: int | None = None
    review_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "app_id": self.app_id, "review_id": self.review_id}


def handed_in_envelope(raw: bytes) -> Envelope:
    """Where a handed-in message is said to be: its Message-ID, or one made of its bytes
    (the same file handed in twice is the same message)."""
    import hashlib
    from email.parser import BytesHeaderParser
    from email.policy import default

    from followup.mail.sync.model import Envelope

    found = str(BytesHeaderParser(policy=default).parsebytes(raw).get("Message-ID", "")).strip()
    message_id = found[:300] or f"<{hashlib.sha256(raw).hexdigest()[:40]}@handed-in.followup>"
    return Envelope(HANDED_IN, "inbox", 0, b"", message_id, frozenset())


def my_addresses(ctx: Context) -> tuple[str, ...]:
    """The profile's address: the user, never one of the people at the company."""
    from followup.app.profile import show_profile

    profile = show_profile(ctx).profile
    return (profile.email,) if profile is not None and profile.email else ()


def handed_in_handler(ctx: Context, account: str, addresses: tuple[str, ...]) -> StoreHandler:
    from followup.mail.sync.apply import StoreHandler

    return StoreHandler(ctx.store(), account, list(addresses), drafts=None, handed_in=True)


def file_message(ctx: Context, data: MessageFile, app_id: int | None = None) -> FiledMessage:
    """Record the message as the sync records one in INBOX (a reply, a rejection... for
    its application; for `app_id` when the user chose one); one that matches no
    application, or more than one, waits on the review list with its bytes."""
    from followup.app.mail.access import DEFAULT_ACCOUNT, replan_changed
    from followup.app.schedule import replan

    envelope = handed_in_envelope(data.raw)
    handler = handed_in_handler(ctx, DEFAULT_ACCOUNT, data.user_addresses)
    now = ctx.now()
    if app_id is not None:
        with ctx.uow() as uow:
            uow.applications.get(app_id)  # an unknown application: refused first
            outcome = handler.apply_to(uow, envelope, data.raw, app_id, now)
            replan(ctx, uow, app_id)
        return FiledMessage(outcome, app_id)
    outcome = handler.handle(envelope, data.raw, now)
    if outcome == "review":
        with ctx.uow(write=False) as uow:
            items = uow.sync_state.reviews(DEFAULT_ACCOUNT, open_only=False)
        found = next(i.id for i in items if i.message_id == envelope.message_id)
        return FiledMessage(outcome, review_id=found)
    changed = sorted(handler.changed_apps)
    replan_changed(ctx, handler)
    return FiledMessage(outcome, changed[0] if changed else None)


@dataclass(frozen=True, slots=True)
class InvitationFile:
    raw: bytes  # the bytes of the .ics or .eml file
    app_id: int | None = None  # None: found from the invitation's people and domains
    user_addresses: tuple[str, ...] = ()  # the user's own: never an interviewer


def import_invitation(ctx: Context, data: InvitationFile) -> list[ImportResult]:
    """Apply every invite of the file, oldest version first."""
    from followup.app.schedule import replan
    from followup.mail.reading.invite_changes import ChangeKind
    from followup.mail.sync.invite_import import apply_invite, read_invites

    mine = tuple(a.strip().lower() for a in data.user_addresses)
    invites = sorted(read_invites(data.raw, ctx.prefs.user_tz), key=lambda i: i.sequence)
    with ctx.uow() as uow:
        if data.app_id is not None:
            uow.applications.get(data.app_id)  # an unknown application: refused first
        results = [apply_invite(uow, invite, data.app_id, mine) for invite in invites]
        changed = {r.app_id for r in results if r.change is not ChangeKind.IGNORE}
        for app_id in sorted(a for a in changed if a is not None):
            replan(ctx, uow, app_id)
    return results


@dataclass(frozen=True, slots=True)
class HandedFile:
    raw: bytes  # the bytes of the file the user handed in
    message: bool  # an .eml (else an .ics)
    app_id: int | None = None  # the application the user chose (None: found)


@dataclass(frozen=True, slots=True)
class HandedIn:
    """What a handed-in file did: an .eml is read (`reading`); one without an invitation
    is filed as the sync files mail (`filed`); an invitation is applied (`results`)."""

    reading: dict[str, Any] | None
    filed: FiledMessage | None
    results: list[ImportResult]


def hand_in(ctx: Context, data: HandedFile) -> HandedIn:
    """A file uploaded by the user: the web form's and the API's one way to take it."""
    reading = inspect_file(MessageFile(data.raw)) if data.message else None
    mine = (*my_addresses(ctx), *(reading["user_addresses"] if reading else ()))
    if reading is not None and not reading["invite"]:
        return HandedIn(reading, file_message(ctx, MessageFile(data.raw, mine), data.app_id), [])
    invitation = InvitationFile(data.raw, app_id=data.app_id, user_addresses=mine)
    return HandedIn(reading, None, import_invitation(ctx, invitation))
