"""`followup worker` sends the due reminder on its own (APScheduler in the process) and
stops cleanly on SIGTERM."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from hooks import Hook
from outbox_rounds import start_followup
from test_outbox_cli import home, run  # noqa: F401  (home: a fixture)
from test_reminders import acme_with_dana, hook  # noqa: F401  (hook: a fixture)


def test_the_worker_sends_the_due_reminder_and_stops_on_sigterm(
    home: Path,  # noqa: F811
    hook: Hook,  # noqa: F811
) -> None:
    yesterday = time.strftime("%Y-%m-%dT10:00", time.localtime(time.time() - 86400))
    acme_with_dana(yesterday, hook.url())
    run("remind", "setup", "--hour", "0")
    worker = start_followup("worker", "--every", "1", env={"FOLLOWUP_NOTIFY_URL_PHONE": hook.url()})
    try:
        deadline = time.monotonic() + 60
        while not hook.received and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(2.5)  # two more rounds: nothing new to send
    finally:
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=30)
    assert worker.returncode == 0, err
    assert out.splitlines() == ["worker: every 1 s", "worker: stopped"]
    assert len(hook.received) == 1 and hook.received[0]["title"].startswith("followup: 1 follow-up")
