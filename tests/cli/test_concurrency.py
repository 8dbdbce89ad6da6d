"""Several `followup` processes at once on one SQLite database: every write lands, the
database stays intact, and a new database is migrated once even when opened by many."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PROCESSES = 8


def start(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.Popen(
        [sys.executable, "-m", "followup", *args],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(processes: list[subprocess.Popen[str]]) -> list[str]:
    outputs = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
        outputs.append(stdout.strip())
    return outputs


def integrity(home: Path) -> str:
    with sqlite3.connect(home / "followup.db") as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def test_a_new_database_opened_by_many_processes_at_once(followup_home: Path) -> None:
    ids = finish(
        [
            start("app", "add", "--company", f"Company {n}", "--role", "Engineer")
            for n in range(PROCESSES)
        ]
    )
    assert sorted(map(int, ids)) == list(range(1, PROCESSES + 1))
    assert integrity(followup_home) == "ok"


def test_concurrent_touches_all_land(followup_home: Path) -> None:
    finish([start("app", "add", "--company", "Acme", "--role", "Engineer", "--tz", "UTC")])
    finish([start("person", "add", "--app", "1", "--name", "Dana Chen")])
    processes = [
        start(
            "touch",
            "add",
            "--app",
            "1",
            "--person",
            "1",
            "--channel",
            "email",
            "--direction",
            "in" if n % 2 else "out",
            "--at",
            f"2026-03-{n + 1:02d}T10:00",
            "--summary",
            f"touch {n}",
        )
        for n in range(PROCESSES * 2)
    ]
    touch_ids = finish(processes)
    assert sorted(map(int, touch_ids)) == list(range(1, PROCESSES * 2 + 1))
    assert integrity(followup_home) == "ok"
    with sqlite3.connect(followup_home / "followup.db") as connection:
        summaries = {r[0] for r in connection.execute("SELECT summary FROM touches")}
    assert summaries == {f"touch {n}" for n in range(PROCESSES * 2)}
