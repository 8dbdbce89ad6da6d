"""The outbox's claims, step by step, where two processes meet (SQLite and PostgreSQL, the
production engine; real Dovecot and aiosmtpd): each race of tests/mail/test_concurrency_*.py
played in a fixed order, so a regression shows up on every run, not one in thirty.

- A runner that listed a row as `sending` just before its sender finished must not take the
  sent row for an abandoned one (its lease NULL because it is done, not expired), check the
  mailbox, and say needs-confirmation: a sent row never goes back.
- The copy to Sent is claimed: while one process copies, another APPENDs nothing; a copier
  that died is followed, after its lease, by one that finds its copy (or makes the one
  missing).
- The server's late 250 settles a row that a checker, taking its sender for dead, moved on.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from outbox_rounds import folder_counts, numbered_message, sink_counts
from servers import Dovecot, MailUser, SmtpServer

from followup.mail.accounts.account import Account
from followup.mail.accounts.secrets import Secret
from followup.mail.outbox import LEASE, Outbox, OutboxRow, OutboxState
from followup.mail.outbox import send as outbox_send
from followup.mail.transport.smtp import SendResult
from followup.store import open_store

pytestmark = pytest.mark.mail

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@pytest.fixture
def store(database_url: str) -> Iterator[Any]:
    opened = open_store(database_url)
    yield opened
    opened.close()


@pytest.fixture
def outboxes(store: Any, account: Account, secret: Secret) -> Iterator[tuple[Outbox, Outbox]]:
    """Two runners over one database (as two processes: each with its own engine)."""
    second = open_store(store.url)
    yield Outbox(store, account, lambda: secret), Outbox(second, account, lambda: secret)
    second.close()


def _queue(outbox: Outbox, to: MailUser, n: int = 1) -> OutboxRow:
    return outbox.enqueue(numbered_message(to, "claims", n, NOW), NOW)


def test_a_row_sent_while_listed_as_sending_is_not_checked_again(
    outboxes: tuple[Outbox, Outbox], other_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender, recoverer = outboxes
    row = _queue(sender, other_user)
    listed_as_sending: list[OutboxRow] = []
    real_rows = recoverer.rows

    def stale_rows(states: Any = None) -> list[OutboxRow]:
        """The recoverer lists the row while it is `sending`; then its sender finishes."""
        found = real_rows(states)
        if listed_as_sending:
            return listed_as_sending
        return found

    sender.send_due(NOW)  # sent: claimed_until NULL because it is done, not expired
    sent = sender.get(row.id)
    assert sent.state is OutboxState.SENT and _lease(sender, row.id) is None
    listed_as_sending.append(_as(sent, state=OutboxState.SENDING))
    monkeypatch.setattr(recoverer, "rows", stale_rows)
    checked: list[int] = []
    monkeypatch.setattr(outbox_send, "verify", lambda o, r, n: checked.append(r.id))

    assert recoverer.recover(NOW + timedelta(seconds=1)) == []
    assert checked == []  # never looked for in the mailbox, never moved
    assert sender.get(row.id).state is OutboxState.SENT


def test_a_check_never_moves_a_sent_row_back(
    outboxes: tuple[Outbox, Outbox], other_user: MailUser
) -> None:
    sender, recoverer = outboxes
    row = _queue(sender, other_user)
    sender.send_due(NOW)
    # A checker that took the row for abandoned before it was sent concludes only now:
    # the message is in neither Sent (not copied yet) nor INBOX (it went to someone else).
    outbox_send.verify(recoverer, _as(sender.get(row.id), state=OutboxState.SENDING), NOW)
    assert sender.get(row.id).state is OutboxState.SENT
    assert sender.get(row.id).last_error == ""


def test_a_sending_row_is_checked_once_its_lease_has_run_out(
    outboxes: tuple[Outbox, Outbox], other_user: MailUser
) -> None:
    first, second = outboxes
    row = _queue(first, other_user)
    assert first.change(
        row.id, NOW, expect=[OutboxState.PENDING], state=OutboxState.SENDING,
        claimed_until=NOW + LEASE,
    )  # fmt: skip
    assert second.recover(NOW + LEASE - timedelta(seconds=1)) == []  # its sender holds it
    (checked,) = second.recover(NOW + LEASE + timedelta(seconds=1))
    assert checked.state is OutboxState.NEEDS_CONFIRMATION and _lease(first, row.id) is None
    assert first.recover(NOW + 2 * LEASE) == []  # settled: nobody checks it again


def test_the_copy_to_sent_is_made_by_one_runner(
    dovecot: Dovecot, outboxes: tuple[Outbox, Outbox], mail_user: MailUser, other_user: MailUser
) -> None:
    first, second = outboxes
    row = _queue(first, other_user)
    first.send_due(NOW)
    assert first.get(row.id).copy_state == "pending"
    assert first._claim_copy(row.id, NOW)  # the first runner is copying...
    assert not second._claim_copy(row.id, NOW)
    second.finish(NOW + timedelta(seconds=1))  # ...so the second one leaves it be
    assert folder_counts(dovecot, mail_user, "Sent")[row.message_id] == 0
    outbox_send.copy_to_sent(first, first.get(row.id), NOW)
    assert first.get(row.id).copy_state == "done"
    second.finish(NOW + 2 * LEASE)
    assert folder_counts(dovecot, mail_user, "Sent")[row.message_id] == 1


@pytest.mark.parametrize("appended", [True, False], ids=["after-append", "before-append"])
def test_a_copier_that_died_is_followed_by_one_that_searches_first(
    dovecot: Dovecot,
    outboxes: tuple[Outbox, Outbox],
    mail_user: MailUser,
    other_user: MailUser,
    appended: bool,
) -> None:
    first, second = outboxes
    row = _queue(first, other_user)
    first.send_due(NOW)
    assert first._claim_copy(row.id, NOW)
    if appended:  # it died after its APPEND, before it could say so
        dovecot.deliver(mail_user, row.message, folder="Sent")
    second.finish(NOW + LEASE - timedelta(seconds=1))  # its lease still runs
    assert second.get(row.id).copy_state == "copying"
    second.finish(NOW + LEASE + timedelta(seconds=1))
    assert second.get(row.id).copy_state == "done"
    assert folder_counts(dovecot, mail_user, "Sent")[row.message_id] == 1


def test_a_late_250_settles_a_row_its_checker_gave_up_on(
    smtp_server: SmtpServer,
    outboxes: tuple[Outbox, Outbox],
    other_user: MailUser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sender slower than its lease: a checker says needs-confirmation and the user asks
    for a resend; then the server's 250 arrives. Sent, and not sent a second time."""
    sender, other = outboxes
    row = _queue(sender, other_user)
    real_send = outbox_send.send_message

    def slow_send(*args: Any, before_data: Any, **kwargs: Any) -> SendResult:
        def then_overtaken() -> None:
            before_data()
            (held,) = other.recover(NOW + LEASE + timedelta(seconds=1))
            assert held.state is OutboxState.NEEDS_CONFIRMATION
            other.confirm(row.id, NOW + LEASE + timedelta(seconds=2), was_sent=False)

        return real_send(*args, before_data=then_overtaken, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(outbox_send, "send_message", slow_send)
    sender.send_due(NOW)
    monkeypatch.setattr(outbox_send, "send_message", real_send)
    assert sender.get(row.id).state is OutboxState.SENT
    other.run(NOW + 2 * LEASE)
    smtp_server.wait_idle()
    assert sink_counts(smtp_server) == {row.message_id: 1}


def _lease(outbox: Outbox, row_id: int) -> datetime | None:
    with outbox.db.uow(write=False) as uow:
        return uow.outbox.claimed_until(row_id)


def _as(row: OutboxRow, **changes: Any) -> OutboxRow:
    from dataclasses import replace

    return replace(row, **changes)
