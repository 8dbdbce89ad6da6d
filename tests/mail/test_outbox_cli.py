"""`followup account`, `send` and `outbox` in-process against the real servers: a planned
thank-you goes out once, lands in the recipient's mailbox and in Sent, and closes the action."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from email import message_from_bytes
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cli_runs import new_home, run, server_flags
from click.testing import Result
from outbox_rounds import add_interview_yesterday, save_profile
from servers import Dovecot, MailUser, SmtpServer

from followup.app.root import build_context
from followup.config import load_settings

pytestmark = pytest.mark.mail

NY = ZoneInfo("America/New_York")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return new_home(tmp_path, monkeypatch)


def add_account(dovecot: Dovecot, smtp: SmtpServer, user: MailUser) -> Result:
    flags = server_flags(dovecot, smtp, user)
    return run(
        "account",
        "add",
        *flags,
        "--display-name",
        "Sam Rivera",
        "--password-stdin",
        stdin=user.password + "\n",
    )


@pytest.fixture
def job_search(home: Path, other_user: MailUser) -> str:
    """An on-site interview yesterday with Dana, whose address is `other_user`'s mailbox: the
    planned thank-you's action id. Written by the use cases (the CLI tests cover the commands
    that write them)."""
    ctx = build_context(load_settings())
    try:
        save_profile(ctx)
        return add_interview_yesterday(ctx, other_user, "Acme")
    finally:
        ctx.close()


@pytest.fixture
def thank_you(
    dovecot: Dovecot, smtp_server: SmtpServer, mail_user: MailUser, job_search: str
) -> str:
    """The planned thank-you of `job_search`, once Sam's account is added."""
    add_account(dovecot, smtp_server, mail_user)
    return job_search


def test_send_a_thank_you_once(
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
    other_user: MailUser,
    job_search: str,
) -> None:
    added = add_account(dovecot, smtp_server, mail_user)
    assert "ok   IMAP" in added.output and "ok   SMTP" in added.output
    sent = json.loads(run("send", job_search, "--now", "--json").output)
    assert sent["state"] == "sent" and sent["recorded"] is True
    inbox = dovecot.messages(other_user)
    assert len(inbox) == 1
    message = message_from_bytes(inbox[0])
    assert message["Subject"] == "Thank you - Data Engineer interview"
    assert message["From"] == f"Sam Rivera <{mail_user.address}>"
    assert len(dovecot.messages(mail_user, "Sent")) == 1
    again = run("send", job_search, code=2)
    assert "it may be done" in again.stderr  # the touch closed the action
    assert len(dovecot.messages(other_user)) == 1
    plan = json.loads(run("plan", "--json").output)
    assert job_search not in [a["id"] for a in plan]
    (row,) = json.loads(run("outbox", "list", "--json").output)
    assert row["state"] == "sent" and row["copy_in_sent"] == "done"


def test_lint_errors_block_unless_forced_with_a_reason(
    dovecot: Dovecot, other_user: MailUser, thank_you: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "Subject: URGENT!!\n\nDear Dana,\n\nI really need this job, what is the "
        "salary?\n\nSincerely,\nSam Rivera\n"
    )
    refused = run("send", thank_you, "--file", str(bad), code=2)
    assert "lint errors" in refused.stderr and "--force --reason" in refused.stderr
    run("send", thank_you, "--file", str(bad), "--force", code=2)
    assert dovecot.messages(other_user) == []
    forced = json.loads(
        run(
            "send",
            thank_you,
            "--file",
            str(bad),
            "--force",
            "--reason",
            "the recruiter asked for it",
            "--now",
            "--json",
        ).output
    )
    assert forced["state"] == "sent" and forced["forced"] == "the recruiter asked for it"
    assert len(dovecot.messages(other_user)) == 1


def test_drafts_mode_and_an_unsure_send_waiting_for_the_user(
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
    other_user: MailUser,
    thank_you: str,
) -> None:
    drafted = json.loads(run("send", thank_you, "--drafts", "--json").output)
    assert drafted["state"] == "drafted"
    assert len(dovecot.messages(mail_user, "Drafts")) == 1
    assert dovecot.messages(other_user) == [] and smtp_server.received == []
    run("send", thank_you, code=2)  # the draft holds the action
    cancelled = json.loads(run("outbox", "cancel", str(drafted["id"]), "--json").output)
    assert cancelled["state"] == "cancelled"
    assert json.loads(run("send", thank_you, "--now", "--json").output)["state"] == "sent"
    assert len(dovecot.messages(other_user)) == 1


def test_connection_dropped_after_the_server_kept_it(
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
    other_user: MailUser,
    thank_you: str,
) -> None:
    smtp_server.faults.drop_after_store = True
    held = json.loads(run("send", thank_you, "--now", "--json", code=1).output)
    assert held["state"] == "needs-confirmation"
    smtp_server.reset()
    run("outbox", "run")
    assert len(dovecot.messages(other_user)) == 1  # not sent again by itself
    run("outbox", "confirm", str(held["id"]), code=2)
    confirmed = json.loads(run("outbox", "confirm", str(held["id"]), "--sent", "--json").output)
    assert confirmed["state"] == "sent" and confirmed["recorded"] is True
    assert len(dovecot.messages(other_user)) == 1
    assert len(dovecot.messages(mail_user, "Sent")) == 1


def test_account_show_and_test_never_print_the_secret(
    dovecot: Dovecot, smtp_server: SmtpServer, mail_user: MailUser, home: Path
) -> None:
    add_account(dovecot, smtp_server, mail_user)
    shown = run("account", "show").output
    assert "secret_from: OS keyring" in shown and mail_user.password not in shown
    assert mail_user.password.encode() not in (home / "followup.db").read_bytes()
    checks = json.loads(run("account", "test", "--json").output)
    assert [c["ok"] for c in checks] == [True, True]


def test_mail_commands_without_an_account_say_what_to_do(home: Path) -> None:
    result = run("sync", code=2)
    assert "no mail account named 'default'" in result.stderr
    assert "followup account add" in result.stderr


def test_a_message_not_due_yet_waits_in_the_outbox(
    dovecot: Dovecot, smtp_server: SmtpServer, other_user: MailUser, thank_you: str
) -> None:
    """Send-later: a follow-up queued before its window opens goes out no earlier."""
    run("done", thank_you)  # the thank-you went out by hand just now
    plan = json.loads(run("plan", "--json").output)
    (nudge,) = [a for a in plan if a["kind"] in ("estimate-request", "status-check")]
    opens = datetime.fromisoformat(nudge["earliest"])
    assert opens > datetime.now(NY) + timedelta(days=5)
    queued = run("send", nudge["id"])
    assert "waits in the outbox" in queued.output
    (row,) = json.loads(run("outbox", "list", "--json").output)
    assert row["state"] == "pending"
    assert datetime.fromisoformat(row["send_after"]) == opens
    run("outbox", "run")
    assert dovecot.messages(other_user) == [] and smtp_server.received == []
    assert json.loads(run("outbox", "list", "--json").output)[0]["state"] == "pending"


def test_send_later_at_a_chosen_time(
    dovecot: Dovecot, smtp_server: SmtpServer, other_user: MailUser, thank_you: str
) -> None:
    """--at: the message waits in the outbox until the time the user chose (their clock)."""
    passed = run("send", thank_you, "--at", "2020-01-06 09:00", code=2)
    assert "has passed" in passed.stderr and "--at" in passed.stderr
    run("send", thank_you, "--at", "2020-01-06 09:00", "--now", code=2)
    far = run("send", thank_you, "--at", "2099-12-31 23:00", code=2)
    assert "more than five years" in far.stderr and "Traceback" not in far.output
    later = (datetime.now(NY) + timedelta(days=2)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    queued = json.loads(
        run("send", thank_you, "--at", later.strftime("%Y-%m-%d %H:%M"), "--json").output
    )
    assert queued["state"] == "pending"
    assert datetime.fromisoformat(queued["send_after"]) == later
    again = run("send", thank_you, "--at", later.strftime("%Y-%m-%d %H:%M"))  # queued once
    assert f"outbox {queued['id']}: pending" in again.output and "(--at)" in again.output
    run("outbox", "run")
    assert dovecot.messages(other_user) == [] and smtp_server.received == []
