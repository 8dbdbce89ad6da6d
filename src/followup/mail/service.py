"""The mail use cases behind the CLI: send a planned action's draft through the outbox,
run the outbox, sync the mailbox, settle the review queue. Each takes the store and `now`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.domain.model import Channel, Direction, TouchKind
from followup.mail.accounts import Account, load_account
from followup.mail.outbox import Outbox, OutboxRow, OutgoingMessage
from followup.mail.secrets import Secret, get_secret, install_log_filter

if TYPE_CHECKING:
    from followup.config import Settings
    from followup.drafts.model import Draft
    from followup.lint.engine import Finding
    from followup.mail.sync import Syncer
    from followup.store.store import Store


class SendRefused(Exception):
    """The draft can't be sent as it is; the message says what to change."""


@dataclass(frozen=True, slots=True)
class MailAccess:
    """An account with its secret, ready for the adapters."""

    account: Account
    secret: Secret


def mailbox_of(store: Store, name: str = "default") -> MailAccess:
    install_log_filter()
    account = load_account(store, name)
    return MailAccess(account, get_secret(account))


def touch_recorder(store: Store) -> Any:
    """Records a sent outbox row as the touch of its action (once: keyed by Message-ID)."""

    def record(row: OutboxRow) -> None:
        if row.app_id is None or store.touch_by_message_id(row.message_id) is not None:
            return
        kind = row.touch_kind if row.touch_kind in TouchKind._value2member_map_ else "message"
        store.add_touch(
            row.app_id,
            row.sent_at or row.send_after,
            Channel.EMAIL,
            Direction.OUT,
            kind=TouchKind(kind),
            person_id=row.person_id,
            action_id=row.action_id,
            message_id=row.message_id,
            summary=_subject_of(row.message),
        )

    return record


def _subject_of(message: bytes) -> str:
    from email.parser import BytesHeaderParser
    from email.policy import default

    return str(BytesHeaderParser(policy=default).parsebytes(message).get("Subject", ""))[:200]


def outbox_of(store: Store, box: MailAccess) -> Outbox:
    return Outbox(store.engine, box.account, lambda: box.secret, record=touch_recorder(store))


def _errors(findings: tuple[Finding, ...]) -> list[Finding]:
    from followup.lint.ruleset import Severity

    return [f for f in findings if f.severity is Severity.ERROR]


def _check_sendable(
    draft: Draft, findings: tuple[Finding, ...], action_id: str, force_reason: str | None
) -> None:
    """An e-mail, complete, with an address, and without lint errors unless forced."""
    if draft.channel is not Channel.EMAIL:
        raise SendRefused(
            f"{action_id} is a {draft.channel} action, not an email; "
            f"do it, then record it with `followup done {action_id}`"
        )
    if not draft.complete:
        raise SendRefused(f"{action_id} cannot be sent yet: add {'; '.join(draft.missing)}")
    if draft.to is None or not draft.to.address:
        raise SendRefused(
            f"{action_id} has no e-mail address to send to; add it with `followup person set`"
        )
    errors = _errors(findings)
    if errors and not force_reason:
        listed = "; ".join(f"{f.rule}: {f.message}" for f in errors)
        raise SendRefused(
            f"the draft has lint errors ({listed}); fix it with "
            f"`followup draft {action_id} --edit`, or send anyway with --force "
            "--reason WHY"
        )


def queue_action(
    store: Store,
    settings: Settings,
    box: MailAccess,
    action_id: str,
    now: datetime,
    *,
    text: str | None = None,
    drafts: bool = False,
    force_reason: str | None = None,
    send_now: bool = False,
) -> OutboxRow:
    """Put the draft of `action_id` (or the user's `text`) in the outbox, lint permitting.

    It is due at once in drafts mode or with `send_now`; otherwise when the action's window
    opens, inside the recipient's send hours."""
    from followup.drafts.checking import lint_draft
    from followup.drafts.service import prepare_draft
    from followup.drafts.workflow import edited_draft

    view = prepare_draft(store, settings, action_id, now, use_ai=False)
    draft, findings = view.draft, view.findings
    if text is not None:
        draft = edited_draft(draft, text)
        findings = lint_draft(draft, view.history, view.profile)
    _check_sendable(draft, findings, action_id, force_reason)
    assert draft.to is not None and draft.to.address
    from email.utils import formataddr

    kind = draft.kind.value if draft.kind.value in TouchKind._value2member_map_ else "message"
    message = OutgoingMessage(
        to=(formataddr((draft.to.name, draft.to.address)),),
        subject=draft.subject or "",
        body=draft.body,
        send_after=now if drafts or send_now else _send_after(view, settings, now),
        action_id=action_id,
        app_id=view.history.application.id,
        person_id=draft.to.person_id,
        in_reply_to=draft.in_reply_to,
        references=_thread(view.history, draft.in_reply_to),
        kind=kind,
    )
    return outbox_of(store, box).enqueue(message, now, drafts=drafts, force_reason=force_reason)


def _send_after(view: Any, settings: Settings, now: datetime) -> datetime:
    """Not before the action's window opens, and inside the recipient's send hours: a
    message queued early or at night waits in the outbox (send-later)."""
    if view.action is None:
        return now
    from followup.planner import send_time
    from followup.services.planning import active_playbook, plan_defaults

    return send_time(
        view.action, view.history, active_playbook(settings), now, plan_defaults(settings)
    )


def _thread(history: Any, in_reply_to: str | None) -> tuple[str, ...]:
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


def syncer_of(store: Store, box: MailAccess, aliases: tuple[str, ...] = ()) -> Syncer:
    from followup.mail.sync import Syncer
    from followup.mail.sync_apply import StoreHandler

    addresses = [box.account.address, *aliases, *box.account.extra.get("aliases", "").split()]
    handler = StoreHandler(store, store.engine, box.account.name, addresses)
    return Syncer(store.engine, box.account, box.secret, handler)


def outbox_record(row: OutboxRow) -> dict[str, object]:
    return {
        "id": row.id,
        "state": str(row.state),
        "mode": row.mode,
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


def resolve_review(
    store: Store, box: MailAccess, review_id: int, app_id: int, now: datetime
) -> Any:
    """Fetch the review item's message again and record it for `app_id`; returns the touch."""
    from followup.mail import sync_state
    from followup.mail.imap import open_mailbox
    from followup.mail.sync import Envelope

    item = next(
        (i for i in sync_state.reviews(store.engine, box.account.name) if i.id == review_id), None
    )
    if item is None:
        raise SendRefused(f"no open review item {review_id}; see `followup review`")
    store.application(app_id)  # an unknown application fails here, before any change
    with open_mailbox(box.account, box.secret) as mailbox:
        uids = mailbox.search_header(item.folder, "Message-ID", item.message_id)
        data = mailbox.client.fetch(uids[:1], ["BODY.PEEK[]"]) if uids else {}
    raw = next((d[b"BODY[]"] for d in data.values()), None)
    if raw is None:
        raise SendRefused(
            f"the message of review item {review_id} is no longer in "
            f"{item.folder}; dismiss it with `followup review resolve {review_id} --dismiss`"
        )
    envelope = Envelope(item.folder, "inbox", uids[0], b"", item.message_id, frozenset())
    handler = syncer_of(store, box).handler
    handler.apply_to(envelope, raw, app_id, now)  # type: ignore[attr-defined]
    sync_state.resolve_review(store.engine, review_id, f"app {app_id}", now)
    return store.touch_by_message_id(item.message_id)
