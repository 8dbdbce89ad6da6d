"""Use cases of the files a user hands in: one raw message inspected (what followup reads in
it), and an invitation file (.ics, or an .eml carrying one) applied to the store.

An update (higher SEQUENCE) moves the recorded interview, a cancellation cancels it, an
older or repeated invitation changes nothing: applying the same file twice (a double
submit, two processes at once) adds one interview and one set of people. Everything the
file changes is one transaction, and the applications it touched are planned again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.mail.sync.invite_import import ImportResult


@dataclass(frozen=True, slots=True)
class MessageFile:
    raw: bytes  # the bytes of an .eml file
    user_addresses: tuple[str, ...] = ()  # the user's own: never an interviewer


def inspect_file(data: MessageFile) -> dict[str, Any]:
    """How followup classifies the message and what invitation it carries (JSON-ready)."""
    from followup.mail.reading.inspect import inspect_message

    return inspect_message(data.raw, user_addresses=data.user_addresses)


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
