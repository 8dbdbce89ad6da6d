"""`sync --watch`: IMAP IDLE wakes the sync when mail arrives; a stop request ends it."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from servers import Dovecot, MailUser

from followup.mail.accounts.account import Account
from followup.mail.accounts.secrets import Secret
from followup.mail.sync.model import Envelope
from followup.mail.sync.syncer import Syncer, SyncReport
from followup.mail.sync.watch import watch

pytestmark = pytest.mark.mail


class Seen:
    def __init__(self) -> None:
        self.ids: list[str] = []

    def wants_body(self, envelope: Envelope) -> bool:
        return False

    def handle(self, envelope: Envelope, raw: bytes | None, now: datetime) -> str:
        self.ids.append(envelope.message_id)
        return "seen"


def _wait(condition: Any, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_idle_wakes_the_sync_and_stop_ends_it(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    handler = Seen()
    reports: list[SyncReport] = []
    stop = threading.Event()
    syncer = Syncer(mail_store, account, secret, handler)
    thread = threading.Thread(
        target=watch, args=(syncer, lambda: datetime.now(UTC), stop, reports.append), daemon=True
    )
    thread.start()
    assert _wait(lambda: len(reports) >= 1)  # the first sync ran; now it waits in IDLE
    time.sleep(0.3)
    dovecot.deliver(
        mail_user,
        b"From: a@acme.example\r\nMessage-ID: <idle-1@acme.example>\r\n"
        b"Subject: hello\r\n\r\nhi\r\n",
    )
    assert _wait(lambda: handler.ids == ["<idle-1@acme.example>"])
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_idle_is_renewed(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    reports: list[SyncReport] = []
    stop = threading.Event()
    syncer = Syncer(mail_store, account, secret, Seen())
    thread = threading.Thread(
        target=watch,
        args=(syncer, lambda: datetime.now(UTC), stop, reports.append),
        kwargs={"renew": 0.5},
        daemon=True,
    )
    thread.start()
    assert _wait(lambda: len(reports) >= 3)  # each renewal ends one IDLE and syncs again
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert all(r.new == 0 for r in reports)


def test_mail_between_the_sync_and_the_idle_is_not_missed(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    from followup.mail.sync.watch import wait_for_mail

    syncer = Syncer(mail_store, account, secret, Seen())
    syncer.sync(datetime.now(UTC))
    dovecot.deliver(
        mail_user,
        b"From: a@acme.example\r\nMessage-ID: <gap-1@acme.example>\r\n"
        b"Subject: in the gap\r\n\r\nhi\r\n",
    )
    # Delivered before the IDLE began, so the server sends no EXISTS during it: without the
    # UIDNEXT check this would wait out the whole renewal time and answer False.
    assert wait_for_mail(syncer, threading.Event(), renew=3.0) is True
    syncer.sync(datetime.now(UTC))
    assert wait_for_mail(syncer, threading.Event(), renew=0.5) is False
