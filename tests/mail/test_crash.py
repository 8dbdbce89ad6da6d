"""Crash tests: a real sender subprocess is killed with SIGKILL at a random point of sending.

After each kill the outbox recovers in this process and the test checks the promise of
mail.md: zero duplicates in the recipient's mailbox or in Sent, and no message lost without a
needs-confirmation flag. Then the user's answer is played back and the message must end up
delivered exactly once.

Run as a script (`python test_crash.py DB ACCOUNT_JSON PASSWORD POINT SEED`) this file is the
sender subprocess itself: it installs the crash point and runs the outbox.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path
from typing import Any

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
SRC = Path(__file__).resolve().parents[2] / "src"
POINTS = ("before-data", "during-data", "after-accept", "server-drop", "random-time")
RUNS_PER_POINT = 20  # 5 points x 20 = 100 randomized runs


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _install_crash_point(point: str, rng: random.Random) -> None:
    """Patch the sender so that it kills itself at `point` (the production code stays as is)."""
    import smtplib

    from followup.mail.outbox import send as outbox_send
    from followup.mail.transport.smtp import SendOutcome

    if point == "before-data":
        real_putcmd = smtplib.SMTP.putcmd

        def putcmd(self: smtplib.SMTP, cmd: str, args: str = "") -> None:
            if cmd.lower() == "data":
                _die()
            real_putcmd(self, cmd, args)

        smtplib.SMTP.putcmd = putcmd  # type: ignore[method-assign]
    elif point == "during-data":
        real_send = smtplib.SMTP.send

        def send(self: smtplib.SMTP, s: Any) -> None:
            if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
                real_send(self, s[: rng.randrange(0, len(s) - 3)])
                _die()
            real_send(self, s)

        smtplib.SMTP.send = send  # type: ignore[method-assign]
    elif point == "after-accept":
        real_send_message = outbox_send.send_message  # type: ignore[attr-defined]

        def send_message(*args: Any, **kwargs: Any) -> Any:
            result = real_send_message(*args, **kwargs)
            if result.outcome is SendOutcome.SENT:
                _die()  # the server has it; the outbox row still says "sending"
            return result

        outbox_send.send_message = send_message  # type: ignore[attr-defined]


def _child(db: str, account_json: str, password: str, point: str, seed: int) -> None:
    from followup.mail.accounts.account import Account
    from followup.mail.accounts.secrets import Secret
    from followup.mail.outbox import Outbox
    from followup.store import open_store

    _install_crash_point(point, random.Random(seed))
    store = open_store(f"sqlite:///{db}")  # the same owner as the test's store
    outbox = Outbox(store, Account.from_json(account_json), lambda: Secret("password", password))
    outbox.run(NOW)


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    sys.exit(0)


# ------------------------------------------------------------------------------ the tests

import pytest  # noqa: E402 - the child above must not pay for importing pytest
from outbox_rounds import numbered_message  # noqa: E402
from servers import Dovecot, MailUser, SmtpServer  # noqa: E402

from followup.mail.accounts.account import Account  # noqa: E402
from followup.mail.accounts.secrets import Secret  # noqa: E402
from followup.mail.outbox import (  # noqa: E402
    KEY_HEADER,
    LEASE,
    Outbox,
    OutboxState,
)

pytestmark = pytest.mark.mail


class Counter:
    """Counts the messages carrying an outbox key, over one open IMAP connection per user."""

    def __init__(self, dovecot: Dovecot) -> None:
        self.dovecot = dovecot
        self.clients: dict[str, Any] = {}

    def __call__(self, user: MailUser, folder: str, key: str) -> int:
        if user.name not in self.clients:
            self.clients[user.name] = self.dovecot.client(user)
        client = self.clients[user.name]
        client.select_folder(folder, readonly=True)  # a fresh SELECT sees new arrivals
        uids = client.search(["HEADER", KEY_HEADER, key])
        fetched = client.fetch(uids, [f"BODY.PEEK[HEADER.FIELDS ({KEY_HEADER})]"]) if uids else {}
        # HEADER search matches substrings: keep exact matches only.
        return sum(
            1
            for data in fetched.values()
            if message_from_bytes(
                next(iter(v for k, v in data.items() if k.startswith(b"BODY")))
            ).get(KEY_HEADER)
            == key
        )

    def close(self) -> None:
        for client in self.clients.values():
            client.logout()


def _run_child(db: Path, account: Account, secret: Secret, point: str, seed: int) -> int:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen(
        [sys.executable, __file__, str(db), account.to_json(), secret.value, point, str(seed)],
        env=env,
        stderr=subprocess.PIPE,
    )
    if point == "random-time":
        time.sleep(random.Random(seed).uniform(0.1, 0.45))
        child.send_signal(signal.SIGKILL)
    _, err = child.communicate(timeout=60)
    if child.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(f"the sender failed by itself: {err.decode()}")
    return child.returncode


@pytest.mark.parametrize("point", POINTS)
def test_killed_sender_never_duplicates_and_never_loses_silently(
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_store: Any,
    account: Account,
    secret: Secret,
    mail_user: MailUser,
    other_user: MailUser,
    point: str,
) -> None:
    db = Path(mail_store.engine.url.database)
    outbox = Outbox(mail_store, account, lambda: secret)
    kills = 0
    count = Counter(dovecot)
    for seed in range(RUNS_PER_POINT):
        rng = random.Random(f"{point}-{seed}")
        to_self = rng.random() < 0.5  # then a delivered message is also findable in INBOX
        recipient = mail_user if to_self else other_user
        smtp_server.faults.drop_after_store = point == "server-drop"
        row = outbox.enqueue(numbered_message(recipient, point, seed, NOW), NOW)
        kills += _run_child(db, account, secret, point, seed) == -signal.SIGKILL
        smtp_server.wait_idle()
        smtp_server.faults.drop_after_store = False
        later = NOW + LEASE + timedelta(seconds=1)
        outbox.run(later)  # recovery, then anything still safely pending goes out
        row = outbox.get(row.id)
        delivered = count(recipient, "INBOX", row.key)
        in_sent = count(mail_user, "Sent", row.key)
        assert delivered <= 1 and in_sent <= 1, f"duplicate in run {seed}"
        assert row.state in (OutboxState.SENT, OutboxState.NEEDS_CONFIRMATION), row
        if row.state is OutboxState.SENT:
            assert (delivered, in_sent) == (1, 1), f"run {seed}: sent but not delivered"
        # The user answers; the message must then be there exactly once.
        if row.state is OutboxState.NEEDS_CONFIRMATION:
            outbox.confirm(row.id, later, was_sent=delivered == 1)
            outbox.run(later)
        assert outbox.get(row.id).state is OutboxState.SENT
        assert count(recipient, "INBOX", row.key) == 1
        assert count(mail_user, "Sent", row.key) == 1
    count.close()
    # A kill at a random time sometimes comes after the sender finished: that's fine, as
    # long as most runs of a fixed crash point really crashed.
    wanted = {"server-drop": 0, "random-time": RUNS_PER_POINT // 5}.get(point, RUNS_PER_POINT)
    assert kills >= wanted, f"the crash point {point} was reached {kills} times"
