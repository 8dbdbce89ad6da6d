"""A reminder run killed with SIGKILL at a random moment, then started again, never sends a
second copy: not to the notification service (at most once: a send that may have happened
is reported, not repeated) and not by mail (the outbox checks the mailbox before sending
again). Each run is a real process, forked from a forkserver with followup imported."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import signal
import time
from datetime import datetime, timedelta
from email import message_from_bytes
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hooks import Hook
from reminder_runs import PRELOAD, run_once
from servers import Dovecot, MailUser, SmtpServer
from test_outbox_cli import add_account, home  # noqa: F401  (home: a fixture)
from test_reminders import acme_with_dana, hook, run  # noqa: F401  (hook: a fixture)

from followup.store import open_store

pytestmark = pytest.mark.mail

NY = ZoneInfo("America/New_York")
RUNS = int(os.environ.get("FOLLOWUP_CRASH_RUNS", "50"))
FIRST_DAY = datetime(2026, 3, 5, 9, 0, tzinfo=NY)


def _process(environ: dict[str, str], at: datetime) -> multiprocessing.process.BaseProcess:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    process = context.Process(target=run_once, args=(environ, at.isoformat()))
    process.start()
    return process


def _finish(environ: dict[str, str], at: datetime) -> float:
    started = time.monotonic()
    process = _process(environ, at)
    process.join(60)
    assert process.exitcode == 0
    return time.monotonic() - started


def test_a_run_killed_at_any_moment_never_sends_a_second_copy(
    home: Path,  # noqa: F811
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
    hook: Hook,  # noqa: F811
) -> None:
    add_account(dovecot, smtp_server, mail_user)
    acme_with_dana("2026-03-03T10:00", hook.url(), "--email")
    environ = {
        "FOLLOWUP_HOME": str(home),
        "FOLLOWUP_USER_TZ": "America/New_York",
        "FOLLOWUP_USER_COUNTRY": "US",
        "FOLLOWUP_MAIL_PASSWORD": mail_user.password,
        "FOLLOWUP_NOTIFY_URL_PHONE": hook.url(),
    }
    hook.delay = 0.02  # a notification takes a moment: kills land during it too
    _finish(environ, FIRST_DAY - timedelta(days=2))  # starts the forkserver
    span = _finish(environ, FIRST_DAY - timedelta(days=1))  # one whole run, for the timing
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    store = open_store(f"sqlite:///{home / 'followup.db'}")
    try:
        for n, at in enumerate(_weekdays(FIRST_DAY, RUNS)):
            _interview_the_day_before(at)  # a thank-you is due that day, whatever was missed
            process = _process(environ, at)
            time.sleep(rng.uniform(0, span))
            with contextlib.suppress(ProcessLookupError):  # it may have finished already
                os.kill(process.pid, signal.SIGKILL)
            process.join()
            _finish(environ, at + timedelta(minutes=6))  # the leases have run out
            _check_day(store, dovecot, mail_user, hook, at, f"seed {seed}, run {n}")
    finally:
        store.close()


def _weekdays(first: datetime, count: int) -> list[datetime]:
    days = (first + timedelta(days=n) for n in range(count * 2))
    return [d for d in days if d.weekday() < 5][:count]


def _interview_the_day_before(at: datetime) -> None:
    """An interview on the working day before `at`, 13:00: its thank-you is due at `at`."""
    before = at - timedelta(days=3 if at.weekday() == 0 else 1)
    start = before.replace(hour=13)
    times = [
        "--at",
        f"{start:%Y-%m-%dT%H:%M}",
        "--end",
        f"{start + timedelta(hours=1):%Y-%m-%dT%H:%M}",
    ]
    run("interview", "add", "--app", "1", *times, "--kind", "video", "--with", "1")


def _check_day(
    store: object, dovecot: Dovecot, user: MailUser, notified: Hook, at: datetime, where: str
) -> None:
    day = f"{at:%A %d %B}"
    by_phone = [t for t in notified.titles() if t.endswith(day)]
    subjects = [str(message_from_bytes(m)["Subject"]) for m in dovecot.messages(user)]
    by_mail = [s for s in subjects if s.endswith(day)]
    assert len(by_phone) <= 1 and len(by_mail) <= 1, where
    with store.uow(write=False) as uow:  # type: ignore[attr-defined]
        states = {
            r.key.target: r.state for r in uow.reminders.rows(at.date()) if r.key.day == at.date()
        }
        held = [
            r
            for r in uow.outbox.rows("default", None)
            if r["action_id"].endswith(at.date().isoformat() + ".")
        ]
    assert set(states) == {"email", "phone"}, (where, states)  # a reminder was due that day
    if not by_phone:  # never lost silently: the run reports it as unsure
        assert states["phone"] == "unknown", (where, states)
    if not by_mail:  # the outbox holds it for the user to confirm
        assert [r["state"] for r in held] == ["needs-confirmation"], (where, held)
