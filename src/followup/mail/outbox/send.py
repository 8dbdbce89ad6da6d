"""The outbox's steps that talk to the servers: send one row, draft one row, verify one row,
copy one row to Sent. The outbox claims the row before a step (a lease, `machine.Outbox`);
each step commits its state change before the next risky step, each a compare-and-set on the
state the step started from (`StepOutbox.change`), in a transaction of its own: none is open
while a server is being talked to."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from followup.mail.outbox.compose import KEY_HEADER
from followup.mail.outbox.states import DUE_STATES, OutboxState
from followup.mail.transport.imap import Mailbox, MailboxError, open_mailbox
from followup.mail.transport.smtp import SendOutcome, SendResult, send_message

if TYPE_CHECKING:
    from followup.mail.accounts.account import Account
    from followup.mail.accounts.secrets import Secret
    from followup.mail.outbox.row import OutboxRow

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)


class StepOutbox(Protocol):
    """What a step needs of the outbox (`machine.Outbox`, which calls the steps)."""

    @property
    def account(self) -> Account: ...

    def secret(self) -> Secret: ...

    def get(self, row_id: int) -> OutboxRow: ...

    def change(
        self,
        row_id: int,
        now: datetime,
        *,
        expect: Sequence[str],
        where: Mapping[str, Any] | None = None,
        lease_free: bool = False,
        **values: Any,
    ) -> bool: ...


def backoff(attempts: int) -> timedelta:
    """How long a row waits before its next attempt: doubling, from 1 minute to 1 hour."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


class _ClaimLost(Exception):
    """Another process changed the row while this one held it: leave it to them."""


def send_row(outbox: StepOutbox, row: OutboxRow, now: datetime) -> None:
    """SMTP-send a claimed row; `sending` is committed right before DATA."""

    def before_data() -> None:
        if not outbox.change(
            row.id,
            now,
            expect=[row.state],
            state=OutboxState.SENDING,
            attempts=row.attempts + 1,
        ):
            raise _ClaimLost(row.id)

    try:
        result = send_message(
            outbox.account,
            outbox.secret(),
            row.mail_from,
            row.rcpt_tos,
            row.message,
            before_data=before_data,
        )
    except _ClaimLost:
        log.warning("outbox %s: changed by another process before DATA; not sent here", row.id)
        return
    log.info("outbox %s: %s (%s)", row.id, result.outcome, result.detail)
    _record_result(outbox, row, result, now)


# The server's 250 settles a row whatever was concluded meanwhile by a process that took its
# sender for dead (a slow server): a verifier's needs-confirmation, or the user's resend
# queued on that word (the row is due again: sent now, it is not sent a second time).
_SENT_FROM = (
    OutboxState.SENDING,
    OutboxState.UNKNOWN,
    OutboxState.NEEDS_CONFIRMATION,
    *DUE_STATES,
)
# A refusal or a failure comes before DATA (the row is still in its claimed state) or after.
_ATTEMPTED_FROM = (OutboxState.SENDING,)
# Verification settles rows whose fate is unknown.
_VERIFIED_FROM = (OutboxState.SENDING, OutboxState.UNKNOWN)


def _record_result(outbox: StepOutbox, row: OutboxRow, result: SendResult, now: datetime) -> None:
    attempted = [row.state, *_ATTEMPTED_FROM]
    if result.outcome is SendOutcome.SENT:
        copy_state = "none" if outbox.account.server_files_sent else "pending"
        _release(outbox, row, now, _SENT_FROM, OutboxState.SENT, copy_state=copy_state, sent_at=now)
    elif result.outcome is SendOutcome.FAILED:
        _release(outbox, row, now, attempted, OutboxState.FAILED, error=result.detail)
    elif result.outcome is SendOutcome.RETRY:
        _retry_later(outbox, row, now, result.detail)
    elif outbox.change(
        row.id,
        now,
        expect=_ATTEMPTED_FROM,
        state=OutboxState.UNKNOWN,
        last_error=result.detail,
    ):
        # Still under this sender's lease: it checks the mailbox itself, nobody else does.
        verify(outbox, outbox.get(row.id), now)


def _release(
    outbox: StepOutbox,
    row: OutboxRow,
    now: datetime,
    expect: Sequence[str],
    state: OutboxState,
    *,
    error: str = "",
    **values: Any,
) -> bool:
    """Move a held row from one of the `expect`ed states to `state` with `values`, leaving it
    with `error` (none by default), and end the lease: the next step is someone else's."""
    return outbox.change(
        row.id, now, expect=expect, state=state, claimed_until=None, last_error=error, **values
    )


def _retry_later(outbox: StepOutbox, row: OutboxRow, now: datetime, error: str) -> None:
    """A passing failure: try again after a back-off that grows with each attempt."""
    attempts = row.attempts + 1
    later = {"attempts": attempts, "send_after": now + backoff(attempts)}
    expect = [row.state, *_ATTEMPTED_FROM]
    _release(outbox, row, now, expect, OutboxState.RETRY, error=error, **later)


def _search_folders(box: Mailbox) -> list[str | None]:
    # INBOX too: a message to oneself (or a server that delivers locally) lands there.
    return [box.special_folder("sent"), "INBOX"]


def _find(box: Mailbox, folders: list[str | None], row: OutboxRow) -> str | None:
    found = box.contains(folders, KEY_HEADER, row.key)
    return found or box.contains(folders, "Message-ID", row.message_id)


def verify(outbox: StepOutbox, row: OutboxRow, now: datetime) -> None:
    """Was a message whose fate is unknown delivered? Look, never resend. The caller holds
    the row (its lease); the outcome is kept only if the row is still unsure (a late 250
    of its sender settles it first), and releases it."""
    try:
        with open_mailbox(outbox.account, outbox.secret()) as box:
            sent_folder = box.special_folder("sent")
            found = _find(box, _search_folders(box), row)
    except MailboxError as exc:
        error = f"could not check the mailbox yet: {exc}"
        _release(outbox, row, now, _VERIFIED_FROM, OutboxState.UNKNOWN, error=error)
        return
    if found is None:
        error = (
            "the message may have been sent but is not in Sent or INBOX: ask the recipient, "
            "then confirm whether it arrived"
        )
        _release(outbox, row, now, _VERIFIED_FROM, OutboxState.NEEDS_CONFIRMATION, error=error)
        return
    copy_state = "done" if found == sent_folder or outbox.account.server_files_sent else "pending"
    error = f"found in {found} after an interruption"
    values = {"copy_state": copy_state, "sent_at": now}
    _release(outbox, row, now, _VERIFIED_FROM, OutboxState.SENT, error=error, **values)


_COPYING = {"copy_state": "copying"}


def copy_to_sent(outbox: StepOutbox, row: OutboxRow, now: datetime) -> None:
    """APPEND the sent message to the \\Sent folder unless a copy is there already. The
    caller claimed the copy ("copying", with a lease): no other process APPENDs it; a
    copier that died is followed by one that searches Sent first."""
    done: dict[str, Any] = {"copy_state": "done", "claimed_until": None}
    try:
        with open_mailbox(outbox.account, outbox.secret()) as box:
            sent = box.special_folder("sent")
            if sent is None:
                done = {
                    "copy_state": "none",
                    "claimed_until": None,
                    "last_error": "no Sent folder: no copy kept",
                }
            elif _find(box, [sent], row) is None:
                box.append(sent, row.message, flags=[b"\\Seen"])
    except MailboxError as exc:
        log.warning("outbox %s: copy to Sent postponed: %s", row.id, exc)
        done = {"copy_state": "pending", "claimed_until": None}  # the next run tries again
    outbox.change(row.id, now, expect=[OutboxState.SENT], where=_COPYING, **done)


def save_draft(outbox: StepOutbox, row: OutboxRow, now: datetime) -> None:
    """APPEND a claimed row to Drafts with \\Draft, searching Drafts first."""
    try:
        with open_mailbox(outbox.account, outbox.secret()) as box:
            drafts = box.special_folder("drafts") or "Drafts"
            box.ensure_folder(drafts)
            if _find(box, [drafts], row) is None:
                box.append(drafts, row.message, flags=[b"\\Draft", b"\\Seen"])
    except MailboxError as exc:
        _retry_later(outbox, row, now, str(exc))
        return
    _release(outbox, row, now, [row.state], OutboxState.DRAFTED, sent_at=now)
