"""`followup account`, `send` and `outbox` in-process against the real servers: a planned
thank-you goes out once, lands in the recipient's mailbox and in Sent, and closes the action."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from email import message_from_bytes
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from servers import Dovecot, MailUser, SmtpServer

from followup.cli.main import cli

pytestmark = pytest.mark.mail

NY = ZoneInfo("America/New_York")


def run(*args: str, code: int = 0, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    assert result.exit_code == code, (args, result.exit_code, result.output, result.stderr)
    return result


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL", raising=False)
    monkeypatch.setenv("FOLLOWUP_USER_TZ", "America/New_York")
    monkeypatch.setenv("FOLLOWUP_USER_COUNTRY", "US")
    return home


def add_account(dovecot: Dovecot, smtp: SmtpServer, user: MailUser) -> Result:
    return run(
        "account",
        "add",
        "--address",
        user.address,
        "--display-name",
        "Sam Rivera",
        "--imap-host",
        "127.0.0.1",
        "--imap-port",
        str(dovecot.port),
        "--imap-security",
        "none",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(smtp.port),
        "--smtp-security",
        "none",
        "--user",
        user.name,
        "--password-stdin",
        stdin=user.password + "\n",
    )


@pytest.fixture
def job_search(home: Path, other_user: MailUser) -> str:
    """An on-site interview yesterday with Dana, whose address is `other_user`'s mailbox."""
    run(
        "profile",
        "set",
        "--name",
        "Sam Rivera",
        "--phone",
        "+1 555 0100",
        "--email",
        "sam.rivera@example.org",
        "--signoff",
        "Sincerely",
        "--qualifications",
        "six years of building data pipelines in Python and SQL",
    )
    run(
        "app",
        "add",
        "--company",
        "Acme",
        "--role",
        "Data Engineer",
        "--country",
        "US",
        "--tz",
        "America/New_York",
    )
    run("person", "add", "--app", "1", "--name", "Dana Chen", "--email", other_user.address)
    yesterday = (datetime.now(NY) - timedelta(days=1)).replace(hour=10, minute=0)
    run(
        "interview",
        "add",
        "--app",
        "1",
        "--at",
        yesterday.strftime("%Y-%m-%dT%H:%M"),
        "--kind",
        "on-site",
        "--with",
        "1",
        "--note",
        "1=the migration of their batch jobs to streaming",
    )
    plan = json.loads(run("plan", "--json").output)
    (thanks,) = [a for a in plan if a["kind"] == "thank-you"]
    return str(thanks["id"])


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
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
    other_user: MailUser,
    job_search: str,
    tmp_path: Path,
) -> None:
    add_account(dovecot, smtp_server, mail_user)
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "Subject: URGENT!!\n\nDear Dana,\n\nI really need this job, what is the "
        "salary?\n\nSincerely,\nSam Rivera\n"
    )
    refused = run("send", job_search, "--file", str(bad), code=2)
    assert "lint errors" in refused.stderr and "--force --reason" in refused.stderr
    run("send", job_search, "--file", str(bad), "--force", code=2)
    assert dovecot.messages(other_user) == []
    forced = json.loads(
        run(
            "send",
            job_search,
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
    job_search: str,
) -> None:
    add_account(dovecot, smtp_server, mail_user)
    drafted = json.loads(run("send", job_search, "--drafts", "--json").output)
    assert drafted["state"] == "drafted"
    assert len(dovecot.messages(mail_user, "Drafts")) == 1
    assert dovecot.messages(other_user) == [] and smtp_server.received == []
    run("send", job_search, code=2)  # the draft holds the action
    cancelled = json.loads(run("outbox", "cancel", str(drafted["id"]), "--json").output)
    assert cancelled["state"] == "cancelled"
    assert json.loads(run("send", job_search, "--now", "--json").output)["state"] == "sent"
    assert len(dovecot.messages(other_user)) == 1


def test_connection_dropped_after_the_server_kept_it(
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
    other_user: MailUser,
    job_search: str,
) -> None:
    add_account(dovecot, smtp_server, mail_user)
    smtp_server.faults.drop_after_store = True
    held = json.loads(run("send", job_search, "--now", "--json", code=1).output)
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
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
    other_user: MailUser,
    job_search: str,
) -> None:
    """Send-later: a follow-up queued before its window opens goes out no earlier."""
    add_account(dovecot, smtp_server, mail_user)
    run("done", job_search)  # the thank-you went out by hand just now
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
