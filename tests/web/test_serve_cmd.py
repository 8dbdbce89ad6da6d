"""`followup serve`: loopback only, prints its URL, serves, stops cleanly on SIGTERM and
Ctrl-C (SIGINT); `followup demo` ends with the command that opens it in the browser."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from webtools import free_port

from followup.cli.main import cli


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "example.org", "::"])
def test_serve_refuses_other_addresses(host: str) -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", host])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: followup serve binds to this machine only")
    assert "fix: leave out --host" in result.stderr


def start(home: Path, port: int, *extra: str, **env_extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "FOLLOWUP_HOME": str(home), **env_extra}
    return subprocess.Popen(
        [sys.executable, "-m", "followup", "serve", "--port", str(port), "--json", *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_served(url: str, process: subprocess.Popen[str]) -> bytes:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body: bytes = response.read()
                return body
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise
            time.sleep(0.1)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_serve_prints_its_url_serves_and_stops_cleanly(
    followup_home: Path, stop: signal.Signals
) -> None:
    port = free_port()
    process = start(followup_home, port)
    try:
        body = wait_until_served(f"http://127.0.0.1:{port}/board", process)
        assert b"<h1>Board</h1>" in body
        process.send_signal(stop)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert json.loads(out) == {
        "url": f"http://127.0.0.1:{port}/",
        "reminders": True,
        "watch": False,  # no mailbox set up
    }
    assert "Traceback" not in err
    secret = (followup_home / "web-secret").read_text().strip()
    assert secret not in out and secret not in err


def test_demo_ends_with_the_command_that_opens_it(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", "--home", str(home)])
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1].strip()
    assert last == f"FOLLOWUP_HOME={home} followup serve --open"


BROWSER = """import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=10) as response:
    status = response.status
open(sys.argv[2], "w").write(f"{sys.argv[1]} {status}")
"""


def test_serve_open_opens_the_browser_once_it_listens(followup_home: Path, tmp_path: Path) -> None:
    """The "browser" (a script named by $BROWSER) fetches the URL it is given: it is called
    only once the server answers."""
    script, seen = tmp_path / "browser.py", tmp_path / "seen.txt"
    script.write_text(BROWSER)
    port = free_port()
    process = start(followup_home, port, "--open", BROWSER=f"{sys.executable} {script} %s {seen}")
    try:
        deadline = time.monotonic() + 30
        while not seen.exists() or not seen.read_text():
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert seen.read_text() == f"http://127.0.0.1:{port}/ 200"
