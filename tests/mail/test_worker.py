"""`followup worker` and `followup serve` send the due reminder on their own (APScheduler
in the process) and stop cleanly on SIGTERM; `serve --no-reminders` leaves it to a worker."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from hooks import Hook
from outbox_rounds import start_followup
from test_outbox_cli import home, run  # noqa: F401  (home: a fixture)
from test_reminders import a_reminder_due_now, hook  # noqa: F401  (hook: a fixture)


def test_the_worker_sends_the_due_reminder_and_stops_on_sigterm(
    home: Path,  # noqa: F811
    hook: Hook,  # noqa: F811
) -> None:
    a_reminder_due_now(hook)
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    return out, err


def test_serve_sends_the_due_reminder_with_links_to_its_own_drafts(
    home: Path,  # noqa: F811
    hook: Hook,  # noqa: F811
) -> None:
    a_reminder_due_now(hook)
    port = _free_port()
    env = {"FOLLOWUP_NOTIFY_URL_PHONE": hook.url()}
    server = start_followup("serve", "--port", str(port), "--json", env=env)
    try:
        deadline = time.monotonic() + 60
        while not hook.received and time.monotonic() < deadline:
            assert server.poll() is None
            time.sleep(0.1)
    finally:
        out, _ = _stop(server)
    assert json.loads(out) == {
        "url": f"http://127.0.0.1:{port}/",
        "reminders": True,
        "watch": False,  # no mailbox set up
    }
    assert len(hook.received) == 1
    assert f"http://127.0.0.1:{port}/actions/" in hook.received[0]["message"]
    assert "followup draft" not in hook.received[0]["message"]


def test_serve_with_reminders_off_leaves_them_to_a_worker(
    home: Path,  # noqa: F811
    hook: Hook,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a_reminder_due_now(hook)
    env = {"FOLLOWUP_NOTIFY_URL_PHONE": hook.url(), "FOLLOWUP_SERVE_REMINDERS": "0"}
    port = _free_port()
    server = start_followup("serve", "--port", str(port), env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # serving: the board answers
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/board", timeout=2):
                    break
            except OSError:
                assert server.poll() is None
                time.sleep(0.1)
        time.sleep(2)  # a scheduler would have sent by now: its first round is at start
    finally:
        out, _ = _stop(server)
    assert "reminders are sent from here" not in out
    assert hook.received == []
    monkeypatch.setenv("FOLLOWUP_NOTIFY_URL_PHONE", hook.url())
    run("remind", "--send")
    assert len(hook.received) == 1  # it was due all along
