"""Use cases of sending: a planned action's e-mail queued through the outbox (the lint gate,
the send-later window, drafts mode, forcing with a reason), and the outbox itself: list,
run, and the user's decisions on one message (confirm, retry, cancel).

Queueing is idempotent: the same request again (a double submit, a second process) finds
the row queued first, so one action is sent at most once; a request that finds its message
being sent by another process at that moment waits (briefly) for that outcome and answers
with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.app.mail.access import DEFAULT_ACCOUNT, MailAccess, access_of, outbox_of
from followup.domain.model import Channel, TouchKind
from followup.errors import UserError
from followup.mail.outbox.compose import OutgoingMessage
from followup.mail.outbox.states import DUE_STATES, OutboxState

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.drafts.model import Draft
    from followup.drafts.service import DraftView
    from followup.lint import Finding
    from followup.mail.outbox.machine import Outbox
    from followup.mail.outbox.row import OutboxRow

# How long `send` waits for the outcome of its message when another process is sending it
# (an SMTP exchange takes seconds; a sender that died holds the row for the outbox's lease,
# and then the answer is that it is still being sent).
IN_FLIGHT_WAIT = 30.0
IN_FLIGHT_POLL = 0.1
# States in which a row held by a process is on its way to an outcome.
_UNDER_WAY = (OutboxState.SENDING, OutboxState.UNKNOWN, *DUE_STATES)


class SendRefused(UserError):
    """The draft can't be sent as it is; nothing was queued."""

    default_code = "send.refused"


@dataclass(frozen=True, slots=True)
class SendRequest:
    """What `send ACTION_ID` asks for."""

    action_id: str
    account: str = DEFAULT_ACCOUNT
    text: str | None = None  # the user's words instead of the draft (Subject line, body)
    drafts: bool = False  # put it in the Drafts folder instead of sending
    force: bool = False  # send despite lint errors...
    reason: str | None = None  # ...for this reason (kept with the message)
    at_once: bool = False  # not waiting for the action's window or the send hours
    send_at: datetime | None = None  # send later, at this time (naive: the user's clock)


@dataclass(frozen=True, slots=True)
class Sent:
    """The outbox row of a send request after the outbox ran, as of `at`."""

    row: OutboxRow
    at: datetime

    @property
    def waiting(self) -> bool:
        """Queued for later (its window or the recipient's send hours), not a problem."""
        return (
            self.row.state is OutboxState.PENDING
            and self.row.send_after > self.at
            and not self.row.last_error
        )

    @property
    def delivered(self) -> bool:
        return self.row.state in (OutboxState.SENT, OutboxState.DRAFTED)


def send_action(ctx: Context, data: SendRequest) -> Sent:
    """Queue the action's e-mail (once), then run the outbox: due now, it goes out."""
    access = access_of(ctx, data.account)
    access.secret()  # a missing secret is refused before anything is queued
    row = queue_action(ctx, access, data)
    outbox = outbox_of(ctx, access)
    outbox.run(ctx.now())
    return Sent(_outcome(ctx, outbox, row.id), ctx.now())


def _outcome(ctx: Context, outbox: Outbox, row_id: int) -> OutboxRow:
    """The row once no process is sending it: another `send` of the same action at the same
    moment may hold it (its run claimed it first); its outcome is this request's too."""
    import time

    deadline = time.monotonic() + IN_FLIGHT_WAIT
    row = outbox.get(row_id)
    while (
        row.state in _UNDER_WAY and row.held_by_someone(ctx.now()) and time.monotonic() < deadline
    ):
        time.sleep(IN_FLIGHT_POLL)
        row = outbox.get(row_id)
    return row


def queue_action(ctx: Context, access: MailAccess, data: SendRequest) -> OutboxRow:
    """Put the draft of the action (or the user's text) in the outbox, lint permitting.

    It is due at once in drafts mode or when asked; otherwise when the action's window
    opens, inside the recipient's send hours."""
    from email.utils import formataddr

    from followup.app.drafts import DraftRequest, draft_of
    from followup.drafts.checking import lint_draft
    from followup.drafts.workflow import edited_draft

    reason = (data.reason or "").strip() or None
    if data.force and reason is None:
        raise SendRefused(
            "sending despite lint errors needs a reason",
            code="send.force-needs-reason",
            params={"action_id": data.action_id},
        )
    now = ctx.now()
    view = draft_of(ctx, DraftRequest(data.action_id, use_ai=False))
    draft, findings = view.draft, view.findings
    if data.text is not None:
        draft = edited_draft(draft, data.text)
        findings = lint_draft(draft, view.history, view.profile)
    _check_sendable(draft, findings, data.action_id, reason if data.force else None)
    assert draft.to is not None and draft.to.address
    kind = draft.kind.value if draft.kind.value in TouchKind._value2member_map_ else "message"
    message = OutgoingMessage(
        to=(formataddr((draft.to.name, draft.to.address)),),
        subject=draft.subject or "",
        body=draft.body,
        send_after=_chosen_time(ctx, data, view, now),
        action_id=data.action_id,
        app_id=view.history.application.id,
        person_id=draft.to.person_id,
        in_reply_to=draft.in_reply_to,
        references=thread_of(view.history, draft.in_reply_to),
        kind=kind,
    )
    return outbox_of(ctx, access).enqueue(
        message, now, drafts=data.drafts, force_reason=reason if data.force else None
    )


def _errors(findings: tuple[Finding, ...]) -> list[Finding]:
    from followup.lint.ruleset import Severity

    return [f for f in findings if f.severity is Severity.ERROR]


def _check_sendable(
    draft: Draft, findings: tuple[Finding, ...], action_id: str, force_reason: str | None
) -> None:
    """An e-mail, complete, with an address, and without lint errors unless forced."""
    params: dict[str, Any] = {"action_id": action_id}
    if draft.channel is not Channel.EMAIL:
        raise SendRefused(
            f"{action_id} is a {draft.channel} action, not an e-mail",
            code="send.not-email",
            params=params | {"channel": str(draft.channel)},
        )
    if not draft.complete:
        missing = "; ".join(draft.missing)
        raise SendRefused(
            f"{action_id} cannot be sent yet: it lacks {missing}",
            code="send.incomplete",
            params=params | {"missing": missing},
        )
    if draft.to is None or not draft.to.address:
        raise SendRefused(
            f"{action_id} has no e-mail address to send to",
            code="send.no-address",
            params=params | {"person_id": draft.to.person_id if draft.to else None},
        )
    errors = _errors(findings)
    if errors and not force_reason:
        listed = "; ".join(f"{f.rule}: {f.message}" for f in errors)
        raise SendRefused(
            f"the draft has lint errors ({listed})",
            code="send.lint-errors",
            params=params | {"errors": [f.rule for f in errors]},
        )


def _chosen_time(ctx: Context, data: SendRequest, view: DraftView, now: datetime) -> datetime:
    """When the message may go: now (drafts mode, or asked), at the time the user chose
    (later than now), else by the action's window and the recipient's send hours."""
    if data.drafts or data.at_once:
        return now
    if data.send_at is None:
        return _send_after(ctx, view, now)
    from followup.app.applications import typed_time
    from followup.app.input_checks import check_near

    chosen = typed_time(ctx, data.send_at)
    if chosen <= now:
        raise SendRefused(
            "the time to send it later has passed",
            code="send.time-passed",
            params={"action_id": data.action_id, "what": "send_at"},
        )
    check_near(chosen, now, "time to send it later")  # a mistyped year, not a real plan
    return chosen


def _send_after(ctx: Context, view: DraftView, now: datetime) -> datetime:
    """Not before the action's window opens, and inside the recipient's send hours: a
    message queued early or at night waits in the outbox (send-later)."""
    if view.action is None:
        return now
    from followup.app.schedule import plan_defaults
    from followup.planner import send_time

    return send_time(view.action, view.history, ctx.playbook, now, plan_defaults(ctx))


def thread_of(history: Any, in_reply_to: str | None) -> tuple[str, ...]:
    """References for a reply: the e-mails of the application exchanged with the same
    person up to the message answered, oldest first (RFC 5322 3.6.4)."""
    if not in_reply_to:
        return ()
    touches = sorted((t for t in history.touches if t.message_id), key=lambda t: t.at)
    answered = next((t for t in touches if t.message_id == in_reply_to), None)
    if answered is None:
        return ()
    return tuple(
        str(t.message_id)
        for t in touches
        if t.person_id == answered.person_id and t.at <= answered.at
    )


# ---- the outbox -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One of the account's outbox messages, by its number."""

    outbox_id: int
    account: str = DEFAULT_ACCOUNT


@dataclass(frozen=True, slots=True)
class Confirmation:
    """The user's answer about a needs-confirmation message."""

    outbox_id: int
    was_sent: bool  # it arrived (mark it sent), or it did not (send it again)
    account: str = DEFAULT_ACCOUNT


def list_outbox(ctx: Context, account: str = DEFAULT_ACCOUNT) -> list[OutboxRow]:
    """Every outbox message of the account, oldest first (needs no secret)."""
    return outbox_of(ctx, access_of(ctx, account)).rows()


def message_of_action(
    ctx: Context, action_id: str, account: str = DEFAULT_ACCOUNT
) -> OutboxRow | None:
    """The action's message in the outbox unless withdrawn (None without the account): a
    front end shows it instead of queueing the action again (a double submit, a reload)."""
    from followup.app.mail.access import has_account

    if not has_account(ctx, account):
        return None
    rows = list_outbox(ctx, account)
    return next(
        (r for r in rows if r.action_id == action_id and r.state is not OutboxState.CANCELLED),
        None,
    )


def run_outbox(ctx: Context, account: str = DEFAULT_ACCOUNT) -> list[OutboxRow]:
    """Check unsure messages, send what is due, keep copies in Sent; every row after."""
    access = access_of(ctx, account)
    access.secret()
    return outbox_of(ctx, access).run(ctx.now())


def confirm_message(ctx: Context, data: Confirmation) -> OutboxRow:
    """Settle a needs-confirmation message, then run the outbox (a resend goes out)."""
    access = access_of(ctx, data.account)
    access.secret()  # refused before the decision is kept, not after
    outbox = outbox_of(ctx, access)
    row = outbox.confirm(data.outbox_id, ctx.now(), was_sent=data.was_sent)
    outbox.run(ctx.now())
    return outbox.get(row.id)


def retry_message(ctx: Context, data: OutboxMessage) -> OutboxRow:
    """Queue a failed message again, due now, and run the outbox."""
    access = access_of(ctx, data.account)
    access.secret()
    outbox = outbox_of(ctx, access)
    row = outbox.retry(data.outbox_id, ctx.now())
    outbox.run(ctx.now())
    return outbox.get(row.id)


def cancel_message(ctx: Context, data: OutboxMessage) -> OutboxRow:
    """Withdraw a message that has not gone out (or a draft): the action may be sent anew."""
    return outbox_of(ctx, access_of(ctx, data.account)).cancel(data.outbox_id, ctx.now())


def outbox_record(row: OutboxRow) -> dict[str, object]:
    """An outbox row as JSON-ready data (the contract of `outbox ... --json`)."""
    return {
        "id": row.id,
        "state": str(row.state),
        "mode": row.mode,
        "account": row.account,
        "action_id": row.action_id,
        "app_id": row.app_id,
        "to": list(row.rcpt_tos),
        "message_id": row.message_id,
        "send_after": row.send_after.isoformat(),
        "attempts": row.attempts,
        "sent_at": row.sent_at.isoformat() if row.sent_at else None,
        "copy_in_sent": row.copy_state,
        "recorded": row.recorded,
        "forced": row.force_reason,
        "problem": row.last_error,
    }
