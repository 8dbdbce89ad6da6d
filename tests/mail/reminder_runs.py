"""A reminder run in a process of its own (forked from a forkserver that has followup
imported, so a run starts in milliseconds), for the tests that kill it with SIGKILL."""

from __future__ import annotations

import os
from datetime import datetime


def run_once(environ: dict[str, str], as_of: str) -> None:
    """`followup remind --send` as of `as_of` (ISO, with its offset), in this process."""
    os.environ.update(environ)
    from followup.app.clock import FixedClock
    from followup.app.reminders import RemindRun, run_reminders
    from followup.app.root import build_context
    from followup.config import load_settings

    ctx = build_context(load_settings(), clock=FixedClock(datetime.fromisoformat(as_of)))
    try:
        run_reminders(ctx, RemindRun(send=True), lambda action_id: f"followup draft {action_id}")
    finally:
        ctx.close()


def _warm() -> None:
    """apprise finds its services on first use (a second or so): once, in the forkserver."""
    import apprise

    apprise.Apprise().add("json://127.0.0.1:9/warm")


_warm()

PRELOAD = [
    "reminder_runs",
    "followup.app.reminders",
    "followup.app.planning",
    "followup.app.schedule",
    "followup.app.mail.sending",
    "followup.calendar.holiday_table",
    "followup.mail.outbox.machine",
    "followup.mail.outbox.send",
    "followup.mail.outbox.held",
    "followup.mail.transport.smtp",
    "followup.mail.transport.imap",
    "followup.notify.targets",
    "followup.notify.secrets",
    "followup.store.store",
    "followup.store.fastread",
    "followup.store.schema",
    "followup.store.mail_repos",
    "followup.store.reminder_repos",
    "followup.planner",
    "imapclient",
    "sqlalchemy.dialects.sqlite",
    "sqlite3",
    "zipp",
]
