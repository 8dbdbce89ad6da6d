"""Drive the CLI in-process (click's CliRunner) against the per-test data home."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from cli_support import Run
from click.testing import CliRunner, Result

from followup.cli.main import cli


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


@pytest.fixture
def each_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI on the test's database: SQLite, and PostgreSQL (marked `postgres`)."""
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
