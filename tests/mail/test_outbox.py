"""The outbox against real servers: exactly once in the mailbox, never resent blindly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from typing import Any

import pytest
from servers import Dovecot, MailUser, SmtpServer

from followup.mail.accounts.account import Account
from followup.mail.accounts.secrets import Secret
from followup.mail.outbox import (
    KEY_HEADER,
    LEASE,
    Outbox,
    OutboxError,
    OutboxRow,
    OutboxState,
    OutgoingMessage,
    held_messages,
)

pytestmark = pytest.mark.mail

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@pytest.fixture
def recorded() -> list[OutboxRow]:
    """The rows the outbox recorded as sent, in order."""
    return []


@pytest.fixture
def outbox(mail_store: Any, account: Account, secret: Secret, recorded: list[OutboxRow]) -> Outbox:
    def record(uow: Any, row: OutboxRow) -> None:
        recorded.append(row)

    return Outbox(mail_store, account, lambda: secret, record=record)


def _message(to: MailUser, action: str = "1-i1-thank-you-p1", **extra: Any) -> OutgoingMessage:
    return OutgoingMessage(
        to=(f"Dana Chen <{to.address}>",),
        subject="Thank you - Data Engineer interview",
        body="Dear Dana,\n\nThank you for your time yesterday.\n\nBest regards,\nSam",
        send_after=NOW,
        action_id=action,
        app_id=1,
        person_id=1,
        **extra,
    )


def _send_with_fault(
    outbox: Outbox, smtp_server: SmtpServer, to: MailUser, **faults: Any
) -> OutboxRow:
    """Queue the message to `to` and run the outbox once while the SMTP server misbehaves."""
    for name, value in faults.items():
        setattr(smtp_server.faults, name, value)
    row = outbox.enqueue(_message(to), NOW)
    outbox.run(NOW)
    return row


def _keys(messages: list[bytes]) -> list[str]:
    return [str(message_from_bytes(m).get(KEY_HEADER)) for m in messages]


def test_sent_message_arrives_once_and_is_kept_in_sent_once(
    outbox: Outbox,
    recorded: list[OutboxRow],
    dovecot: Dovecot,
    mail_user: MailUser,
    other_user: MailUser,
) -> None:
    row = outbox.enqueue(_message(other_user), NOW)
    assert row.state is OutboxState.PENDING
    outbox.run(NOW)
    outbox.run(NOW + timedelta(minutes=10))  # a second run sends nothing more
    row = outbox.get(row.id)
    assert row.state is OutboxState.SENT
    assert row.copy_state == "done"
    assert _keys(dovecot.messages(other_user)) == [row.key]
    assert _keys(dovecot.messages(mail_user, "Sent")) == [row.key]
    assert [r.id for r in recorded] == [row.id]
    arrived = message_from_bytes(dovecot.messages(other_user)[0])
    assert arrived["Message-ID"] == row.message_id
    assert arrived["From"] == f"Sam Seeker <{mail_user.address}>"


def test_queueing_the_same_request_twice_gives_one_row(
    outbox: Outbox, other_user: MailUser
) -> None:
    first = outbox.enqueue(_message(other_user), NOW)
    second = outbox.enqueue(_message(other_user), NOW + timedelta(seconds=5))
    assert first.id == second.id
    assert first.message_id == second.message_id
    with pytest.raises(OutboxError, match="already has outbox message"):
        outbox.enqueue(_edited(other_user), NOW)


def _edited(to: MailUser) -> OutgoingMessage:
    base = _message(to)
    return OutgoingMessage(
        to=base.to,
        subject=base.subject,
        body=base.body + "\nP.S.",
        send_after=NOW,
        action_id=base.action_id,
    )


def test_threading_headers_and_send_after(
    outbox: Outbox, dovecot: Dovecot, other_user: MailUser
) -> None:
    later = OutgoingMessage(
        to=(other_user.address,),
        subject="Re: Next steps",
        body="Thanks!\n\nBest regards,\nSam",
        send_after=NOW + timedelta(hours=2),
        action_id="1-status-check",
        in_reply_to="<abc@acme.example>",
        references=("<root@acme.example>",),
    )
    row = outbox.enqueue(later, NOW)
    outbox.run(NOW + timedelta(hours=1))
    assert outbox.get(row.id).state is OutboxState.PENDING
    assert dovecot.messages(other_user) == []
    outbox.run(NOW + timedelta(hours=2))
    arrived = message_from_bytes(dovecot.messages(other_user)[0])
    assert arrived["In-Reply-To"] == "<abc@acme.example>"
    assert arrived["References"] == "<root@acme.example> <abc@acme.example>"


def test_dropped_after_store_to_someone_else_needs_confirmation_and_is_not_resent(
    outbox: Outbox,
    recorded: list[OutboxRow],
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_store: Any,
    mail_user: MailUser,
    other_user: MailUser,
) -> None:
    row = _send_with_fault(outbox, smtp_server, other_user, drop_after_store=True)
    smtp_server.reset()
    outbox.run(NOW + timedelta(hours=1))
    row = outbox.get(row.id)
    assert row.state is OutboxState.NEEDS_CONFIRMATION
    assert "confirm" in row.last_error
    assert len(dovecot.messages(other_user)) == 1  # delivered once, never again
    assert recorded == []
    assert [r.id for r in held_messages(mail_store)] == [row.id]
    row = outbox.confirm(row.id, NOW + timedelta(hours=2), was_sent=True)
    outbox.run(NOW + timedelta(hours=2))
    assert outbox.get(row.id).state is OutboxState.SENT
    assert _keys(dovecot.messages(mail_user, "Sent")) == [row.key]
    assert len(dovecot.messages(other_user)) == 1
    assert [r.id for r in recorded] == [row.id]


def test_dropped_after_store_found_in_inbox_is_sent(
    outbox: Outbox, dovecot: Dovecot, smtp_server: SmtpServer, mail_user: MailUser
) -> None:
    # To oneself: it lands in INBOX.
    row = _send_with_fault(outbox, smtp_server, mail_user, drop_after_store=True)
    row = outbox.get(row.id)
    assert row.state is OutboxState.SENT
    assert len(dovecot.messages(mail_user)) == 1
    assert _keys(dovecot.messages(mail_user, "Sent")) == [row.key]


def test_temporary_refusal_is_retried_after_a_backoff(
    outbox: Outbox, dovecot: Dovecot, smtp_server: SmtpServer, other_user: MailUser
) -> None:
    row = _send_with_fault(outbox, smtp_server, other_user, data_reply="451 4.3.0 try again later")
    row = outbox.get(row.id)
    assert row.state is OutboxState.RETRY
    assert row.send_after > NOW
    smtp_server.reset()
    outbox.run(NOW + timedelta(seconds=10))
    assert outbox.get(row.id).state is OutboxState.RETRY
    outbox.run(row.send_after)
    assert outbox.get(row.id).state is OutboxState.SENT
    assert len(dovecot.messages(other_user)) == 1


def test_permanent_refusal_fails_until_the_user_retries(
    outbox: Outbox, dovecot: Dovecot, smtp_server: SmtpServer, other_user: MailUser
) -> None:
    row = _send_with_fault(outbox, smtp_server, other_user, rcpt_reply="550 5.1.1 no such user")
    assert outbox.get(row.id).state is OutboxState.FAILED
    assert "550" in outbox.get(row.id).last_error
    smtp_server.reset()
    outbox.run(NOW + timedelta(days=1))
    assert dovecot.messages(other_user) == []
    outbox.retry(row.id, NOW + timedelta(days=1))
    outbox.run(NOW + timedelta(days=1))
    assert outbox.get(row.id).state is OutboxState.SENT


def test_sending_left_by_a_dead_sender_is_verified_not_resent(
    outbox: Outbox, dovecot: Dovecot, other_user: MailUser
) -> None:
    row = outbox.enqueue(_message(other_user), NOW)
    assert outbox.change(
        row.id,
        NOW,
        expect=[OutboxState.PENDING],
        state=OutboxState.SENDING,
        claimed_until=NOW + LEASE,
    )
    outbox.run(NOW + timedelta(minutes=1))  # the lease still runs: hands off
    assert outbox.get(row.id).state is OutboxState.SENDING
    outbox.run(NOW + LEASE + timedelta(seconds=1))
    assert outbox.get(row.id).state is OutboxState.NEEDS_CONFIRMATION
    assert dovecot.messages(other_user) == []
    outbox.confirm(row.id, NOW + timedelta(hours=1), was_sent=False)
    outbox.run(NOW + timedelta(hours=1))
    assert outbox.get(row.id).state is OutboxState.SENT
    assert len(dovecot.messages(other_user)) == 1


def test_drafts_mode_appends_one_draft(
    outbox: Outbox,
    recorded: list[OutboxRow],
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
    other_user: MailUser,
) -> None:
    row = outbox.enqueue(_message(other_user), NOW, drafts=True)
    # As if a crash came after the APPEND but before the row was updated:
    dovecot.deliver(mail_user, row.message, folder="Drafts")
    outbox.run(NOW)
    outbox.run(NOW + timedelta(minutes=1))
    assert outbox.get(row.id).state is OutboxState.DRAFTED
    assert _keys(dovecot.messages(mail_user, "Drafts")) == [row.key]
    assert smtp_server.received == []
    assert recorded == []


def test_draft_has_the_draft_flag(
    outbox: Outbox, dovecot: Dovecot, mail_user: MailUser, other_user: MailUser
) -> None:
    outbox.enqueue(_message(other_user), NOW, drafts=True)
    outbox.run(NOW)
    flags = dovecot.flags(mail_user, "Drafts")
    assert [{b"\\Draft", b"\\Seen"} <= f for f in flags] == [True]


def test_a_cancelled_draft_lets_the_action_be_sent(
    outbox: Outbox, dovecot: Dovecot, other_user: MailUser
) -> None:
    draft = outbox.enqueue(_message(other_user), NOW, drafts=True)
    outbox.run(NOW)
    with pytest.raises(OutboxError, match="already has outbox message"):
        outbox.enqueue(_edited(other_user), NOW)
    assert outbox.cancel(draft.id, NOW).state is OutboxState.CANCELLED
    sent = outbox.enqueue(_edited(other_user), NOW)
    outbox.run(NOW)
    assert outbox.get(sent.id).state is OutboxState.SENT
    assert len(dovecot.messages(other_user)) == 1
    with pytest.raises(OutboxError, match="can't be cancelled"):
        outbox.cancel(sent.id, NOW)
