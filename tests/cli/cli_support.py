"""Helpers the CLI tests import by name (a unique module name, unlike conftest)."""

from __future__ import annotations

import shlex
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from click.testing import Result

Run = Callable[..., Result]

# The stage of each application of the demo search (`followup demo`), whatever the day.
DEMO_STAGES = {
    "Acme": "waiting",
    "Globex": "waiting",
    "Initech": "waiting",
    "Umbrella": "rejected",
    "Stark Industries": "offer",
    "Hooli": "scheduled",
    "Wayne Enterprises": "no-response",
}


def database_rows(home: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the home's SQLite database (empty if there is none)."""
    path = home / "followup.db"
    if not path.exists():
        return {}
    with sqlite3.connect(path) as connection:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {t: connection.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}


def weekday_ago(days: int) -> date:
    """The weekday `days` ago, or the last one before it."""
    day = date.today() - timedelta(days=days)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def business_days_ahead(count: int) -> date:
    """The `count`-th weekday after today."""
    day = date.today()
    while count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def words(line: str) -> list[str]:
    """A command line as typed at a shell, split into its arguments as the shell would."""
    return shlex.split(line)


def interviewed_at_acme(
    run: Run,
    interview: str = "--kind video --with 1",
    person: str = "--name 'Ana Ruiz' --email ana@acme.example",
) -> None:
    """Acme (SRE, New York) with one person (Ana Ruiz), interviewed on Tuesday 3 March 2026
    from 10:00 to 11:00; `interview` and `person` end the `interview add` and `person add`
    command lines."""
    run(*words("app add --company Acme --role SRE --tz America/New_York"))
    run(*words(f"person add --app 1 {person}"))
    run(*words(f"interview add --app 1 --at 2026-03-03T10:00 --end 2026-03-03T11:00 {interview}"))
