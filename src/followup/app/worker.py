"""Work that runs on its own: the jobs, and the in-process scheduler that runs them.

A job is a plain function of (settings, owner id) named in `JOBS`, so the scheduler here
(APScheduler, in `followup worker` and `followup serve`) and a task queue in server mode
hand the same jobs the same way: `tick` asks a `Dispatch` to run each job for each owner;
in-process dispatch calls the job, a queue's would enqueue (job name, owner id). Each job
opens its own context and is safe to run twice at once (reminders claim their rows).
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from followup.app.context import LOCAL_OWNER_ID
from followup.app.reminder_compose import Opener

if TYPE_CHECKING:
    from followup.config import Settings

log = logging.getLogger(__name__)


class Dispatch(Protocol):
    def __call__(self, job: str, owner_id: int) -> None: ...


def reminders_job(settings: Settings, owner_id: int, opener: Opener, *, local: bool) -> None:
    from followup.app.reminders import RemindRun, run_reminders
    from followup.app.root import build_context

    ctx = build_context(settings, owner_id=owner_id, local=local)
    try:
        report = run_reminders(ctx, RemindRun(send=True), opener)
        for d in report.deliveries:
            if d.outcome not in ("sent", "already"):
                log.warning("reminder %s of %s to %s: %s", d.reminder, d.day, d.target, d.outcome)
    finally:
        ctx.close()


JOBS = ("reminders",)


def owners_of(settings: Settings, *, local: bool) -> list[int]:
    if local:
        return [LOCAL_OWNER_ID]
    from followup.store import open_store
    from followup.store.owners import owner_ids

    store = open_store(settings.database_url)
    try:
        return owner_ids(store.engine)
    finally:
        store.close()


def in_process(settings: Settings, opener: Opener, *, local: bool) -> Dispatch:
    def dispatch(job: str, owner_id: int) -> None:
        if job == "reminders":
            reminders_job(settings, owner_id, opener, local=local)

    return dispatch


def tick(settings: Settings, dispatch: Dispatch, *, local: bool) -> None:
    """One round: every job for every owner; one owner's failure doesn't stop the others."""
    for owner_id in owners_of(settings, local=local):
        for job in JOBS:
            try:
                dispatch(job, owner_id)
            except Exception as exc:
                log.error("job %s for owner %s failed: %s", job, owner_id, exc)


class Scheduler:
    """The in-process scheduler: `tick` now and every `every`, on a background thread.
    `followup worker` runs one until a signal; `followup serve` runs one for the web
    app's lifespan. Stopping lets a running tick finish (a reminder being sent is marked)."""

    def __init__(
        self, settings: Settings, dispatch: Dispatch, every: timedelta, *, local: bool = True
    ) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler

        self._scheduler = BackgroundScheduler(timezone="UTC")
        self._job = {
            "args": (settings, dispatch),
            "kwargs": {"local": local},
            "seconds": every.total_seconds(),
        }

    def start(self) -> None:
        """The first round now (not when the scheduler was made: a late first round would
        count as missed), then every `every`."""
        self._scheduler.add_job(
            tick,
            "interval",
            **self._job,
            id="tick",
            max_instances=1,
            coalesce=True,
            next_run_time=_now(),
        )
        self._scheduler.start()

    def stop(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)


class MailWatch:
    """The mailbox watch of `followup sync --watch` on a thread of its own, with a context
    of its own (its SQLite connections stay on that thread): for `followup serve`, so a
    reply changes Today while the app runs. Stopping ends the IMAP IDLE within a second or
    lets a sync under way finish; a watch that cannot go on (no secret, a refused login)
    says why in one log line and ends, and the app serves on."""

    def __init__(self, settings: Settings, account: str, *, local: bool = True) -> None:
        self._settings = settings
        self._account = account
        self._local = local
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="followup-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from followup.app.mail.syncing import SyncRequest, watch_mail
        from followup.app.root import build_context
        from followup.errors import UserError

        ctx = build_context(self._settings, owner_id=LOCAL_OWNER_ID, local=self._local)
        try:
            watch_mail(ctx, SyncRequest(self._account), self._stop)
        except UserError as exc:
            log.error("mailbox watch of %s stopped: %s", self._account, exc.problem)
        except Exception as exc:  # one line, without the text (it may quote the server)
            log.error("mailbox watch of %s failed: %s", self._account, type(exc).__name__)
        finally:
            ctx.close()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


class Together:
    """Several pieces of background work started and stopped as one (started in order,
    stopped in reverse)."""

    def __init__(self, *parts: Scheduler | MailWatch) -> None:
        self.parts = parts

    def start(self) -> None:
        for part in self.parts:
            part.start()

    def stop(self) -> None:
        for part in reversed(self.parts):
            part.stop()


def run_worker(
    settings: Settings,
    dispatch: Dispatch,
    every: timedelta,
    *,
    local: bool = True,
    started: Callable[[], None] | None = None,
) -> None:
    """Run `tick` now and every `every` until SIGTERM or SIGINT; a running tick finishes
    first, then the scheduler stops."""
    stop = threading.Event()
    scheduler = Scheduler(settings, dispatch, every, local=local)

    def on_signal(signum: int, _frame: object) -> None:
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    scheduler.start()
    if started is not None:
        started()
    try:
        stop.wait()
    finally:
        scheduler.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)


def _now() -> object:
    from datetime import UTC, datetime

    return datetime.now(UTC)
