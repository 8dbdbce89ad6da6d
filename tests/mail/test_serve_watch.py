"""`followup serve` watches the mailbox where one is set up, as `followup sync --watch` does:
a rejection delivered to the real Dovecot shows on Today while the app runs, and SIGTERM
stops the server and its watch cleanly. `--no-watch` (or FOLLOWUP_SERVE_WATCH=0) leaves
the mailbox alone."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from cli_runs import run
from outbox_rounds import start_followup
from servers import Dovecot, MailUser, free_port
from test_sync_cli import _mail, home  # noqa: F401 (home: the account and the Acme search)
from test_worker import _stop

pytestmark = pytest.mark.mail

THANK_YOU = "thank you"  # what Today says the day after an interview
REJECTION = "rejection reply"  # and after a rejection: a gracious answer to send


def _interview_yesterday() -> None:
    """Dana interviewed the user yesterday: her thank-you is on Today."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    yesterday = datetime.now(ZoneInfo("America/New_York")) - timedelta(days=1)
    at = yesterday.strftime("%Y-%m-%dT10:00")
    run("interview", "add", "--app", "1", "--at", at, "--kind", "video", "--with", "1")


def _rejection(message_id: str) -> bytes:
    head, _, _ = _mail("Dana <dana@acme.com>", "Your application", message_id).partition(
        b"\r\n\r\n"
    )
    body = b"Thank you for your time. We have decided to move forward with other candidates.\r\n"
    return head + b"\r\n\r\n" + body


def _today(port: int, server: subprocess.Popen[str]) -> str:
    """The Today page, in lower case."""
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                return str(response.read().decode()).lower()  # "Thank you", "thank you"
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.1)


def _serve(*flags: str, env: dict[str, str] | None = None) -> tuple[int, subprocess.Popen[str]]:
    port = free_port()
    return port, start_followup(
        "serve", "--port", str(port), "--no-reminders", "--json", *flags, env=env
    )


def test_serve_watches_the_mailbox_and_today_shows_the_reply(
    home: Path,  # noqa: F811
    dovecot: Dovecot,
    mail_user: MailUser,
) -> None:
    _interview_yesterday()
    port, server = _serve()
    try:
        before = _today(port, server)
        assert THANK_YOU in before and REJECTION not in before
        time.sleep(0.5)  # the watch's first sync is over: now it waits in IMAP IDLE
        dovecot.deliver(mail_user, _rejection("<no-1@acme.com>"))
        began = time.monotonic()
        while REJECTION not in _today(port, server):
            assert time.monotonic() - began < 20, "the reply never reached Today"
            time.sleep(0.2)
        assert THANK_YOU not in _today(port, server)  # no thank-you after a rejection
    finally:
        out, err = _stop(server)
    shown = json.loads(out)
    assert shown["watch"] is True and shown["url"] == f"http://127.0.0.1:{port}/"
    assert err == ""  # no log line: the watch stopped as asked
    recorded = json.loads(run("app", "show", "1", "--json").output)
    assert [t["kind"] for t in recorded["touches"]] == ["rejection"]


@pytest.mark.parametrize("off", [("--no-watch",), ()], ids=["flag", "environment"])
def test_serve_with_the_watch_off_leaves_the_mailbox_alone(
    home: Path,  # noqa: F811
    dovecot: Dovecot,
    mail_user: MailUser,
    off: tuple[str, ...],
) -> None:
    dovecot.deliver(mail_user, _rejection("<no-2@acme.com>"))
    port, server = _serve(*off, env={"FOLLOWUP_SERVE_WATCH": "0"} if not off else None)
    try:
        assert REJECTION not in _today(port, server)
        time.sleep(2)  # a watch syncs at once when it starts
        assert REJECTION not in _today(port, server)
    finally:
        out, _ = _stop(server)
    assert json.loads(out)["watch"] is False
    run("sync")  # the mail was there all along
    shown = json.loads(run("app", "show", "1", "--json").output)
    assert [t["kind"] for t in shown["touches"]] == ["rejection"]
