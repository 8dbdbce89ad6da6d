"""`followup inspect FILE --json` on hostile messages: a child process with 300 MB of address
space finishes in time and prints what a person would see (the CLI end of
test_hostile_reading.py)."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

HOSTILE = Path(__file__).parent.parent / "fixtures" / "hostile"
SRC = Path(__file__).resolve().parents[2] / "src"
MEMORY_LIMIT = 300 * 1024 * 1024
START_UP = 15.0  # seconds for the interpreter and the CLI's imports on a busy machine


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def inspect_json(path: Path, tmp_path: Path) -> dict[str, Any]:
    allowed = max(2.0, 2.0 * path.stat().st_size / (1024 * 1024)) + START_UP
    began = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "followup", "inspect", str(path), "--json"],
        capture_output=True,
        timeout=allowed + 30,
        preexec_fn=_limit_memory,
        env={
            "PYTHONPATH": str(SRC),
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
        },
        check=False,
    )
    elapsed = time.monotonic() - began
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")[-3000:]
    assert elapsed <= allowed, f"{elapsed:.1f} s"
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def test_cli_reads_a_vtimezone_with_a_minutely_rule(tmp_path: Path) -> None:
    result = inspect_json(HOSTILE / "vtimezone_minutely.eml", tmp_path)
    assert result["class"] == "invitation"
    assert result["invite"]["start"] == "2026-03-12T12:00:00Z"


@pytest.mark.parametrize("name", ["hidden_display_none.eml", "unclosed_script.eml"])
def test_cli_classifies_by_visible_text(name: str, tmp_path: Path) -> None:
    result = inspect_json(HOSTILE / name, tmp_path)
    assert result["class"] == "reply"


def test_cli_shows_no_injected_attendee(tmp_path: Path) -> None:
    result = inspect_json(HOSTILE / "attendee_injection.eml", tmp_path)
    attendees = result["invite"]["attendees"]
    assert all("," not in a["email"] and "\n" not in a["name"] for a in attendees)
    assert result["from"] == "rita@hostile.example.test"


def test_cli_on_a_huge_generated_message(tmp_path: Path) -> None:
    path = tmp_path / "script.eml"
    body = "<p>We'd like to invite you to the final round.</p>" + "<script " * (156 * 1024 // 8)
    path.write_bytes(
        b"From: Rita <rita@hostile.example.test>\r\nSubject: Re: Final round\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n" + body.encode()
    )
    assert inspect_json(path, tmp_path)["class"] == "reply"
