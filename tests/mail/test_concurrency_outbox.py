"""Never twice under concurrency: real `followup` processes over one database (SQLite and
PostgreSQL, opened as the CLI opens them) and the real servers (aiosmtpd delivering into
Dovecot), repeated round after round:

- two and four `followup outbox run` at once over the same due messages;
- `followup send ACTION --now` of one action from four processes at once;
- `followup sync --watch` (which runs the outbox after each pass) beside `outbox run`.

After each round every message was accepted once by the SMTP server (counted by
Message-ID), delivered once, copied to Sent once, and its row says sent: none is left
needs-confirmation, and no process showed "database is locked" or a traceback.

FOLLOWUP_CONCURRENCY_ROUNDS and FOLLOWUP_CONCURRENCY_MESSAGES make the rounds longer (e.g.
30 messages, 100 rounds) when hunting a race by hand.
"""

from __future__ import annotations

import json
import os

import pytest
from outbox_rounds import Home, add_interview_yesterday, assert_quiet, save_profile
from servers import MailUser

from followup.mail.outbox import OutboxState

pytestmark = pytest.mark.mail

ROUNDS = int(os.environ.get("FOLLOWUP_CONCURRENCY_ROUNDS", "20"))
MESSAGES = int(os.environ.get("FOLLOWUP_CONCURRENCY_MESSAGES", "4"))


def _recipients(me: MailUser, other: MailUser, count: int) -> list[MailUser]:
    """Every other message to the user's own address: it lands in INBOX too, where a
    recovering runner would find it, and it wakes `sync --watch`."""
    return [me if n % 2 else other for n in range(count)]


@pytest.mark.parametrize("runners", [2, 4])
def test_concurrent_outbox_runs_send_each_message_once(
    rounds_home: Home, mail_user: MailUser, other_user: MailUser, runners: int
) -> None:
    outbox = rounds_home.outbox()
    recipients = _recipients(mail_user, other_user, MESSAGES)
    for round_ in range(ROUNDS):
        rows = rounds_home.queue(outbox, recipients, f"r{runners}-{round_}")
        results = rounds_home.run_together(*[("outbox", "run", "--json")] * runners)
        assert_quiet(results)
        rounds_home.assert_each_once(rows, recipients, what=f"round {round_}")


def test_one_action_sent_from_four_processes_goes_out_once(
    rounds_home: Home, mail_user: MailUser, other_user: MailUser
) -> None:
    ctx = rounds_home.context()
    save_profile(ctx)
    outbox = rounds_home.outbox(ctx)
    for round_ in range(ROUNDS):
        action_id = add_interview_yesterday(ctx, other_user, f"Acme {round_}")
        results = rounds_home.run_together(*[("send", action_id, "--now", "--json")] * 4)
        # Each process either sent it, found it sent, or was told the action is done.
        assert_quiet(results, codes=(0, 2))
        answered = [json.loads(r.out) for r in results if r.code == 0]
        refused = [r.err for r in results if r.code == 2]
        assert answered, [r.describe() for r in results]
        assert all(a["state"] == "sent" for a in answered), answered
        assert all("it may be done" in e for e in refused), refused
        (row,) = [r for r in outbox.rows() if r.action_id == action_id]
        assert row.state is OutboxState.SENT and row.recorded, row
        rounds_home.assert_each_once([row], [other_user], what=f"round {round_}")
        with ctx.uow(write=False) as uow:
            touch = uow.touches.by_message_id(row.message_id)
        assert touch is not None and touch.action_id == action_id


def test_sync_watch_beside_outbox_run_sends_each_message_once(
    rounds_home: Home, mail_user: MailUser, other_user: MailUser
) -> None:
    outbox = rounds_home.outbox()
    recipients = _recipients(mail_user, other_user, MESSAGES)
    for round_ in range(ROUNDS):
        rows = rounds_home.queue(outbox, recipients, f"w-{round_}")
        watch = rounds_home.start("sync", "--watch", "--json")
        try:
            assert watch.stderr is not None
            assert "watching INBOX" in watch.stderr.readline()
            (ran,) = rounds_home.run_together(("outbox", "run", "--json"))
            rounds_home.wait_settled(outbox, [r.id for r in rows])  # the watch may still be copying
        finally:
            stopped = rounds_home.stop(watch, ("sync", "--watch"))
        assert_quiet([ran, stopped])
        assert "stopped" in stopped.err
        rounds_home.assert_each_once(rows, recipients, what=f"round {round_}")
