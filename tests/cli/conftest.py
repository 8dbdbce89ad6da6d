"""Drive the CLI in-process (click's CliRunner) against the per-test data home."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from followup.cli.main import cli

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def user_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed user zone and country, so tests don't depend on the machine's."""
    monkeypatch.setenv("FOLLOWUP_USER_TZ", "America/New_York")
    monkeypatch.setenv("FOLLOWUP_USER_COUNTRY", "US")


@pytest.fixture
def run() -> Run:
    """run("app", "add", ...) -> Result; fails the test on an unexpected exit code."""

    def invoke(*args: str, code: int = 0) -> Result:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code == code, (args, result.exit_code, result.output, result.stderr)
        return result

    return invoke


@pytest.fixture
def run_json(run: Run) -> Callable[..., Any]:
    def invoke(*args: str) -> Any:
        return json.loads(run(*args, "--json").stdout)

    return invoke


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
