"""The mail tests' way of running the CLI in-process, and of pointing it at their servers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from servers import Dovecot, MailUser, SmtpServer

from followup.cli.main import cli


def run(*args: str, code: int = 0, stdin: str | None = None) -> Result:
    """`followup ARGS`, which must exit with `code`."""
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    assert result.exit_code == code, (args, result.exit_code, result.output, result.stderr)
    return result


def new_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new data home on the default database, for a user in New York."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL", raising=False)
    monkeypatch.setenv("FOLLOWUP_USER_TZ", "America/New_York")
    monkeypatch.setenv("FOLLOWUP_USER_COUNTRY", "US")
    return home


def server_flags(dovecot: Dovecot, smtp: SmtpServer, user: MailUser) -> list[str]:
    """The `account add` flags of `user`'s account on the test's Dovecot and aiosmtpd."""
    return [
        "--address",
        user.address,
        "--imap-host",
        "127.0.0.1",
        "--imap-port",
        str(dovecot.port),
        "--imap-security",
        "none",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(smtp.port),
        "--smtp-security",
        "none",
        "--user",
        user.name,
    ]
