"""`followup remind`: the day's follow-ups and each interview's preparation arrive once, in
the user's own mailbox through the real SMTP server and at a notification service served by
the test (apprise's json:// schema), at the user's hour; a failing target is retried and
does not stop the others; the apprise URL's secret stays out of the database and logs."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes
from pathlib import Path

import pytest
from click.testing import Result
from hooks import Hook
from outbox_rounds import CLI_TIMEOUT
from servers import Dovecot, MailUser, SmtpServer
from test_outbox_cli import add_account, home, run  # noqa: F401  (home: a fixture)

from followup.app.clock import FixedClock
from followup.app.interviews import NewInterview, add_interview
from followup.app.root import build_context
from followup.config import load_settings
from followup.domain.model import InterviewKind

pytestmark = pytest.mark.mail

BOOKED = datetime(2026, 2, 20, 14, 0, tzinfo=UTC)  # a week and a half before
TOKEN = "tk-7Qx9s3cr3tZ"  # the secret part of the apprise URL


@pytest.fixture
def hook() -> Iterator[Hook]:
    server = Hook().start()
    yield server
    server.stop()


@pytest.fixture
def search(
    home: Path,  # noqa: F811
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
    hook: Hook,
) -> Path:
    """Dana interviews Sam at Acme on Tuesday 3 March 2026, 10:00 New York; reminders at 8
    to Sam's own mailbox and to the `phone` target."""
    add_account(dovecot, smtp_server, mail_user)
    acme_with_dana("2026-03-03T10:00", hook.url(auth=TOKEN), "--email", booked=BOOKED)
    run("app", "set", "1", "--notes", "posting: https://jobs.acme.example/4411")
    run("remind", "question", "1", "How do you measure the pipeline's freshness?")
    return home


def acme_with_dana(
    interview_at: str, hook_url: str, *setup: str, booked: datetime | None = None
) -> None:
    """A video interview with Dana at Acme; reminders at 8 to the `phone` target (and
    whatever `setup` adds: --email). `booked`: when Sam recorded the interview (the CLI
    records it at the wall clock, and `--as-of` leaves out what was recorded after it)."""
    run("app", "add", "--company", "Acme", "--role", "Data Engineer", "--tz", "America/New_York")
    run("person", "add", "--app", "1", "--name", "Dana Chen", "--email", "dana@acme.example")
    note = "moving their nightly batch jobs to streaming"
    if booked is None:
        interview = ["--at", interview_at, "--kind", "video", "--with", "1", "--note", f"1={note}"]
        run("interview", "add", "--app", "1", *interview)
    else:
        ctx = build_context(load_settings()).with_clock(FixedClock(booked))
        start = datetime.fromisoformat(interview_at)
        add_interview(ctx, NewInterview(1, start, InterviewKind.VIDEO, None, [1], {1: note}))
        ctx.close()
    run("remind", "setup", "--hour", "8", *setup)
    run("remind", "target", "add", "phone", "--url-stdin", stdin=hook_url + "\n")


def a_reminder_due_now(hook: Hook) -> None:
    """Yesterday's interview with Dana: the thank-you is due, and the day's reminder with
    it (the hour is midnight), to the hook as the `phone` target."""
    yesterday = time.strftime("%Y-%m-%dT10:00", time.localtime(time.time() - 86400))
    acme_with_dana(yesterday, hook.url())
    run("remind", "setup", "--hour", "0")


def remind(*args: str, code: int = 0) -> Result:
    return run("remind", *args, code=code)


def reminders_in(dovecot: Dovecot, user: MailUser) -> list[str]:
    return [
        str(message_from_bytes(m)["Subject"])
        for m in dovecot.messages(user)
        if "followup" in str(message_from_bytes(m)["Subject"])
    ]


def test_the_days_follow_ups_arrive_once_by_mail_and_notification(
    search: Path, dovecot: Dovecot, mail_user: MailUser, hook: Hook
) -> None:
    early = json.loads(remind("--send", "--as-of", "2026-03-05T07:30", "--json").output)
    assert early["reminders"] == [] and early["waiting_for_hour"] is True
    sent = json.loads(remind("--send", "--as-of", "2026-03-05T09:00", "--json").output)
    (daily,) = sent["reminders"]
    assert daily["kind"] == "daily" and daily["day"] == "2026-03-05"
    (item,) = daily["items"]
    assert item["to"] == "Dana Chen" and item["what"] == "thank-you by email"
    assert f"open the draft: followup draft {item['action_id']}" in daily["body"]
    assert {(d["target"], d["outcome"]) for d in sent["deliveries"]} == {
        ("email", "sent"),
        ("phone", "sent"),
    }
    assert reminders_in(dovecot, mail_user) == [daily["title"]]
    assert hook.titles() == [daily["title"]]
    assert "followup draft" in hook.received[0]["message"]
    again = json.loads(remind("--send", "--as-of", "2026-03-05T15:00", "--json").output)
    assert {d["outcome"] for d in again["deliveries"]} == {"already"}
    assert len(reminders_in(dovecot, mail_user)) == 1 and len(hook.received) == 1


def test_nothing_is_sent_when_nothing_is_due(
    search: Path, dovecot: Dovecot, mail_user: MailUser, hook: Hook
) -> None:
    result = remind("--send", "--as-of", "2026-03-01T12:00")
    assert result.output.startswith("Nothing to remind you of now")
    assert reminders_in(dovecot, mail_user) == [] and hook.received == []


def test_interview_preparation_the_day_before_and_an_hour_before(
    search: Path, dovecot: Dovecot, mail_user: MailUser, hook: Hook
) -> None:
    eve = json.loads(remind("--send", "--as-of", "2026-03-02T08:05", "--json").output)
    (prep,) = eve["reminders"]
    assert prep["kind"] == "interview-eve" and prep["interview_id"] == 1
    for expected in (
        "Dana Chen (interviewer)",
        "noted: moving their nightly batch jobs to streaming",
        "Job: https://jobs.acme.example/4411",
        "1. How do you measure the pipeline's freshness?",
        "When: Tuesday 03 March 2026 10:00 EST",
    ):
        assert expected in prep["body"], expected
    hour = json.loads(remind("--send", "--as-of", "2026-03-03T09:10", "--json").output)
    assert [r["kind"] for r in hour["reminders"]] == ["interview-hour"]
    remind("--send", "--as-of", "2026-03-03T09:40")  # the same hour again: nothing new
    assert len(hook.received) == 2
    assert reminders_in(dovecot, mail_user) == [prep["title"], hour["reminders"][0]["title"]]


def test_a_failing_target_is_retried_and_does_not_stop_the_others(
    search: Path, dovecot: Dovecot, mail_user: MailUser, hook: Hook
) -> None:
    hook.refuse = 1
    first = json.loads(remind("--send", "--as-of", "2026-03-05T09:00", "--json").output)
    outcomes = {d["target"]: d["outcome"] for d in first["deliveries"]}
    assert outcomes == {"email": "sent", "phone": "retry"}
    assert len(reminders_in(dovecot, mail_user)) == 1 and hook.received == []
    second = json.loads(remind("--send", "--as-of", "2026-03-05T09:10", "--json").output)
    outcomes = {d["target"]: d["outcome"] for d in second["deliveries"]}
    assert outcomes == {"email": "already", "phone": "sent"}
    assert len(hook.received) == 1 and len(reminders_in(dovecot, mail_user)) == 1


def test_the_urls_secret_stays_out_of_the_database_and_the_logs(
    search: Path, hook: Hook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_LOG_LEVEL", "DEBUG")
    hook.refuse = 1
    result = remind("--send", "--as-of", "2026-03-05T09:00")
    shown = remind("show", "--json").output
    assert json.loads(shown)["targets"] == [
        {"name": "phone", "service": "json", "url_from": "OS keyring"}
    ]
    assert TOKEN not in result.output + result.stderr + shown
    for path in search.iterdir():
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_a_url_that_is_not_an_apprise_url_is_refused_and_nothing_kept(search: Path) -> None:
    result = run("remind", "target", "add", "pager", "--url-stdin", stdin="pager:/x\n", code=2)
    assert result.stderr.count("\n") == 1
    assert "is not an apprise URL (fix: give an apprise URL" in result.stderr
    assert [t["name"] for t in json.loads(remind("show", "--json").output)["targets"]] == ["phone"]


def test_cron_and_systemd_lines() -> None:
    cron = remind("--print-cron").output
    assert cron.splitlines()[1].startswith("*/10 * * * * ") and "remind --send" in cron
    unit = remind("--print-systemd").output
    assert "OnCalendar=*:0/10" in unit and "ExecStart=" in unit


def test_the_schedules_carry_the_home_and_send_errors_somewhere(
    home: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL_FILE", str(home / "db url"))
    (home / "db url").write_text(f"sqlite:///{home / 'followup.db'}\n")
    cron = remind("--print-cron").output.splitlines()[-1]
    resolved = str(home.resolve())
    assert f"FOLLOWUP_HOME={resolved} " in cron or f"FOLLOWUP_HOME='{resolved}' " in cron
    assert "FOLLOWUP_DATABASE_URL_FILE='" in cron and "/dev/null 2>&1" not in cron
    assert cron.endswith(f"remind --send >/dev/null 2>>{home.resolve() / 'remind.log'}")
    unit = remind("--print-systemd").output
    assert f'Environment="FOLLOWUP_HOME={resolved}"' in unit
    assert f'Environment="FOLLOWUP_DATABASE_URL_FILE={home / "db url"}"' in unit
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL_FILE")
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", "postgresql+psycopg://sam:hunter2@db/followup")
    refused = remind("--print-cron", code=2)
    assert "hunter2" not in refused.output + refused.stderr
    assert "FOLLOWUP_DATABASE_URL_FILE" in refused.stderr and refused.stderr.count("\n") == 1


def test_the_printed_crontab_line_sends_the_reminder_when_cron_runs_it(
    home: Path,  # noqa: F811
    hook: Hook,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The line runs as cron runs it: /bin/sh, an almost empty environment, no keyring; the
    target's URL comes from its file (passed on: a path is no secret)."""
    a_reminder_due_now(hook)
    secret = tmp_path / "phone url"
    secret.write_text(hook.url() + "\n")
    monkeypatch.setenv("FOLLOWUP_NOTIFY_URL_PHONE_FILE", str(secret))
    line = remind("--print-cron").output.splitlines()[-1]
    schedule, command = line.split()[:5], line.split(maxsplit=5)[5]
    assert schedule == ["*/10", "*", "*", "*", "*"]
    cron_env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SHELL": "/bin/sh"}
    for _ in range(2):  # the second run finds the day's reminder sent
        done = subprocess.run(
            ["/bin/sh", "-c", command], env=cron_env, timeout=CLI_TIMEOUT, check=False
        )
        assert done.returncode == 0, (home / "remind.log").read_text()
    assert len(hook.received) == 1 and hook.received[0]["title"].startswith("followup: 1 follow-up")
    assert hook.url() not in line


def test_the_printed_systemd_units_pass_systemd_analyze(
    home: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    text = remind("--print-systemd").output
    units = {}
    for part in text.split("# ~/.config/systemd/user/")[1:]:
        name, _, body = part.partition("\n")
        units[name] = tmp_path / name
        units[name].write_text(body.split("\n# then:")[0])
    assert sorted(units) == ["followup-remind.service", "followup-remind.timer"]
    assert "systemctl --user enable --now followup-remind.timer" in text
    checked = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *map(str, units.values())],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    service = units["followup-remind.service"].read_text()
    assert f'Environment="FOLLOWUP_HOME={home.resolve()}"' in service


def test_remind_show_says_where_reminders_go_and_how_to_add_a_place(
    home: Path,  # noqa: F811
    hook: Hook,
) -> None:
    home.chmod(0o700)
    first = remind("show").stdout.splitlines()
    assert first[0] == "reminders at 08:00 your time, to nowhere yet"
    assert "`followup remind target add NAME`" in first[1]
    run("remind", "target", "add", "phone", "--url-stdin", stdin=hook.url() + "\n")
    assert remind("show").stdout.splitlines()[0] == "reminders at 08:00 your time, to phone"


def test_without_a_terminal_the_url_is_asked_of_the_environment(home: Path) -> None:  # noqa: F811
    home.chmod(0o700)
    result = run("remind", "target", "add", "phone", code=2)
    assert result.stderr == (
        "error: no terminal to ask for the apprise URL of phone (fix: pipe it in with "
        "--url-stdin, or set FOLLOWUP_NOTIFY_URL_PHONE)\n"
    )
    assert json.loads(remind("show", "--json").output)["targets"] == []


def test_reminders_to_the_mailbox_need_a_mail_account(home: Path) -> None:  # noqa: F811
    home.chmod(0o700)
    result = run("remind", "setup", "--email", code=2)
    assert result.stderr.startswith("error: no mail account named 'default'")
    assert "followup account add" in result.stderr and result.stderr.count("\n") == 1
    assert json.loads(remind("show", "--json").output)["email"] is False
