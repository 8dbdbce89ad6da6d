"""Private by default, and no secret in any output: the data home and the database files are
readable by their owner alone, and passwords in URLs, query strings and token commands never
reach stdout, stderr or the logs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def followup(
    home: Path, *args: str, env: dict[str, str] | None = None, umask: int = 0o022
) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a child process under `umask`, with a clean environment."""
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(SRC),
        "FOLLOWUP_HOME": str(home),
        "FOLLOWUP_USER_TZ": "Europe/Berlin",
        "HOME": str(home.parent),
    }
    environ |= env or {}
    return subprocess.run(
        [sys.executable, "-m", "followup", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.umask(umask),
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_home_is_private_under_a_permissive_umask(tmp_path: Path) -> None:
    home = tmp_path / "new-home"
    result = followup(home, "app", "add", "--company", "Acme", "--role", "Data Engineer")
    assert result.returncode == 0, result.stderr
    assert mode(home) == 0o700
    database = home / "followup.db"
    assert mode(database) == 0o600
    for side in ("-wal", "-shm", "-journal"):
        other = database.with_name(database.name + side)
        if other.exists():
            assert mode(other) == 0o600, side
    assert "warning" not in result.stderr.lower()  # nothing to tighten in a new home


def test_a_home_found_readable_by_others_is_tightened_with_a_warning(tmp_path: Path) -> None:
    home = tmp_path / "old-home"
    assert followup(home, "app", "add", "--company", "Acme", "--role", "SRE").returncode == 0
    home.chmod(0o755)
    (home / "followup.db").chmod(0o644)

    result = followup(home, "app", "list")

    assert result.returncode == 0, result.stderr
    assert mode(home) == 0o700
    assert mode(home / "followup.db") == 0o600
    assert "could be read by other users" in result.stderr
    assert "Acme" in result.stdout  # nothing lost on the way


SECRETS = ("s3cr3t-userinfo", "s3cr3t-query", "s3cr3t-token")


@pytest.mark.parametrize(
    "args",
    [
        ["config", "show"],
        ["config", "show", "--json"],
        ["today"],
        ["app", "list", "--json"],
    ],
    ids=" ".join,
)
def test_a_database_url_never_shows_its_secrets(tmp_path: Path, args: list[str]) -> None:
    """An unreachable PostgreSQL URL with a password in the user info and in the query
    string: the error, the DEBUG log and `config show` mask both."""
    url = (
        "postgresql+psycopg://sam:s3cr3t-userinfo@127.0.0.1:9/followup"
        "?connect_timeout=1&password=s3cr3t-query&sslmode=disable"
    )
    result = followup(
        tmp_path / "home",
        *args,
        env={"FOLLOWUP_DATABASE_URL": url, "FOLLOWUP_LOG_LEVEL": "DEBUG"},
    )
    output = result.stdout + result.stderr
    assert "127.0.0.1" in output or args[0] == "config"  # the URL was used, or shown
    for secret in SECRETS:
        assert secret not in output, f"{secret} printed by followup {' '.join(args)}"


def test_a_token_command_is_never_shown(tmp_path: Path) -> None:
    home = tmp_path / "home"
    command = "oauth-helper --client-secret s3cr3t-token --account sam"
    added = followup(
        home,
        "account",
        "add",
        "--address",
        "sam@example.org",
        "--imap-host",
        "imap.example.org",
        "--smtp-host",
        "smtp.example.org",
        "--token-command",
        command,
        "--no-test",
        env={"FOLLOWUP_LOG_LEVEL": "DEBUG"},
    )
    assert added.returncode == 0, added.stderr
    shown = [
        followup(home, "account", "show", *flag, env={"FOLLOWUP_LOG_LEVEL": "DEBUG"})
        for flag in ([], ["--json"])
    ]
    for result in [added, *shown]:
        assert result.returncode == 0, result.stderr
        assert "s3cr3t-token" not in result.stdout + result.stderr
    assert "sam@example.org" in shown[1].stdout
