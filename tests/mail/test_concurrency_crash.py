"""A `followup outbox run` process killed with SIGKILL after the SMTP DATA (the server has the
message, the runner never learns it), on SQLite and PostgreSQL with the CLI's own engine:

- a second runner at once leaves the dead runner's row alone (its lease still runs) and
  sends the rest;
- a runner after the lease has run out checks the mailbox and never sends it again: the row
  ends sent (found in INBOX: a message to oneself) or needs-confirmation, saying why;
- once the user confirms, there is one copy in Sent, and the server had the message once.

tests/mail/test_crash.py kills a sender at every point of the exchange, in-process runner
after; this one kills the real CLI, with other runners around.
"""

from __future__ import annotations

import os
import random
import signal
import threading

import pytest
from outbox_rounds import Home, assert_quiet, later, message_id_of, sink_counts
from servers import MailUser, SmtpServer

from followup.app.clock import FixedClock
from followup.app.mail.sending import run_outbox
from followup.mail.outbox import LEASE, OutboxState

pytestmark = pytest.mark.mail

ROUNDS = 6  # per database; every other round the killed message was to the user's own address
MESSAGES = 3


class Killer:
    """Kills the runner `pid` once the SMTP server has stored the message `message_id`,
    before it answers: the runner dies waiting for the reply to its DATA."""

    def __init__(self, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pid: int | None = None
        self.message_id = ""
        self.ready = threading.Event()
        handler = smtp.handler
        store = handler._store

        def store_then_kill(mail_from: str, rcpt_tos: list[str], data: bytes) -> None:
            store(mail_from, rcpt_tos, data)
            if message_id_of(data) == self.message_id:
                self.ready.wait(10)
                assert self.pid is not None
                os.kill(self.pid, signal.SIGKILL)

        monkeypatch.setattr(handler, "_store", store_then_kill)

    def aim(self, message_id: str) -> None:
        self.pid, self.message_id = None, message_id
        self.ready.clear()

    def runner(self, pid: int) -> None:
        self.pid = pid
        self.ready.set()


def test_a_runner_killed_after_data_is_neither_resent_nor_hidden(
    rounds_home: Home,
    smtp_server: SmtpServer,
    mail_user: MailUser,
    other_user: MailUser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD", mail_user.password)  # the runner in here
    killer = Killer(smtp_server, monkeypatch)
    outbox = rounds_home.outbox()
    rng = random.Random(f"kill-after-data-{rounds_home.url.split(':')[0]}")
    for round_ in range(ROUNDS):
        recipients = [rng.choice([mail_user, other_user]) for _ in range(MESSAGES)]
        victim = rng.randrange(MESSAGES)
        recipients[victim] = mail_user if round_ % 2 else other_user
        rows = rounds_home.queue(outbox, recipients, f"k-{round_}")
        target = rows[victim]
        what = f"round {round_}, message {victim}"

        killer.aim(target.message_id)
        process = rounds_home.start("outbox", "run", "--json")
        killer.runner(process.pid)
        killed = rounds_home.finish(process)
        assert killed.code == -signal.SIGKILL, killed.describe()
        smtp_server.wait_idle()

        # At once: the dead runner's lease still runs. Its row is left alone, the rest go.
        assert_quiet([rounds_home.run("outbox", "run", "--json")])
        assert outbox.get(target.id).state is OutboxState.SENDING, what
        others = [(r, u) for r, u in zip(rows, recipients, strict=True) if r is not target]
        rounds_home.assert_each_once([r for r, _ in others], [u for _, u in others], what=what)

        # After the lease: checked in the mailbox, never sent again.
        after = rounds_home.context(FixedClock(later(LEASE.total_seconds() / 60 + 1)))
        run_outbox(after)
        row = outbox.get(target.id)
        assert sink_counts(smtp_server)[target.message_id] == 1, what
        if recipients[victim] is mail_user:
            assert row.state is OutboxState.SENT, (what, row)
            assert "found in INBOX" in row.last_error
        else:
            assert row.state is OutboxState.NEEDS_CONFIRMATION, (what, row)
            assert "may have been sent" in row.last_error
            confirmed = rounds_home.run("outbox", "confirm", str(row.id), "--sent", "--json")
            assert_quiet([confirmed])
        rounds_home.assert_each_once(rows, recipients, what=what)
