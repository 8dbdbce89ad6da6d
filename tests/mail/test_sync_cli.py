"""`followup sync`, `sync --watch` (a real process stopped by SIGTERM) and `review`."""

from __future__ import annotations

import json
import signal
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from cli_runs import new_home, run, server_flags
from outbox_rounds import start_followup
from servers import Dovecot, MailUser, SmtpServer

pytestmark = pytest.mark.mail


@pytest.fixture
def home(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
) -> Path:
    home = new_home(tmp_path, monkeypatch)
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD", mail_user.password)
    run("account", "add", *server_flags(dovecot, smtp_server, mail_user), "--no-test")
    run("app", "add", "--company", "Acme", "--role", "Backend Engineer", "--domain", "acme.com")
    run("app", "add", "--company", "Acme", "--role", "Platform Engineer", "--domain", "acme.com")
    run("person", "add", "--app", "1", "--name", "Dana Reyes", "--email", "dana@acme.com")
    return home


def _mail(sender: str, subject: str, message_id: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: sam@example.test\r\nSubject: {subject}\r\n"
        f"Message-ID: {message_id}\r\n"
        f"Date: {format_datetime(datetime.now(UTC) + timedelta(minutes=1))}\r\n\r\n"
        "Thanks for your time, we will be in touch.\r\n"
    ).encode()


def test_sync_records_a_reply_and_review_settles_an_unsure_one(
    home: Path, dovecot: Dovecot, mail_user: MailUser
) -> None:
    dovecot.deliver(mail_user, _mail("Dana <dana@acme.com>", "Re: interview", "<r1@acme.com>"))
    dovecot.deliver(mail_user, _mail("Jo <jo@acme.com>", "Phone screen", "<r2@acme.com>"))
    report = json.loads(run("sync", "--json").output)
    assert report[0]["folder"] == "INBOX" and report[0]["new"] == 2
    shown = json.loads(run("app", "show", "1", "--json").output)
    assert [t["kind"] for t in shown["touches"]] == ["reply"]
    (item,) = json.loads(run("review", "--json").output)
    assert item["from"] == "jo@acme.com" and sorted(item["candidates"]) == [1, 2]
    run("review", "resolve", str(item["id"]), code=2)
    resolved = run("review", "resolve", str(item["id"]), "--app", "2")
    assert "application 2" in resolved.output
    assert json.loads(run("review", "--json").output) == []
    shown = json.loads(run("app", "show", "2", "--json").output)
    assert [(t["direction"], t["summary"]) for t in shown["touches"]] == [("in", "Phone screen")]
    again = json.loads(run("sync", "--json").output)
    assert [f["new"] for f in again] == [0, 0]


def _replies(app: int) -> bool:
    shown = json.loads(run("app", "show", str(app), "--json").output)
    return any(t["kind"] == "reply" for t in shown["touches"])


def test_watch_runs_until_sigterm(home: Path, dovecot: Dovecot, mail_user: MailUser) -> None:
    process = start_followup("sync", "--watch", "--json")
    try:
        assert process.stderr is not None
        assert "watching INBOX" in process.stderr.readline()
        dovecot.deliver(mail_user, _mail("Dana <dana@acme.com>", "Re: hi", "<w1@acme.com>"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _replies(1):
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "stopped" in err
    assert '"reply": 1' in out  # the watch recorded the new message and said so
    assert _replies(1)


def test_quarantined_items_are_listed_with_their_reason(home: Path) -> None:
    from followup.mail.sync import state as sync_state
    from followup.mail.sync.model import Envelope
    from followup.store import open_store

    assert json.loads(run("review", "quarantined", "--json").output) == []
    with open_store(f"sqlite:///{home / 'followup.db'}") as store:
        envelope = Envelope("INBOX", "inbox", 4, b"", "<bad@x>", frozenset())
        sync_state.quarantine(store, "default", envelope, "broken MIME", datetime.now(UTC))
    (item,) = json.loads(run("review", "quarantined", "--json").output)
    assert (item["message_id"], item["reason"], item["uid"]) == ("<bad@x>", "broken MIME", 4)
