"""Fixtures for the mail tests: one private Dovecot per test session (per xdist worker), a
fresh mailbox user per test, a real aiosmtpd server per test, an in-memory keyring."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import Dovecot, MailUser, SmtpServer

from followup.mail.accounts.account import Account, Security, ServerSettings
from followup.mail.accounts.secrets import Secret

# aiosmtpd logs each connection: expected here.
logging.getLogger("mail.log").setLevel(logging.ERROR)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """A private Dovecot; if it can't start the tests fail with the reason (never skip)."""
    # Not under pytest's tmp dir: that is mode 0700 and Dovecot runs as `nobody`.
    directory = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
    directory.chmod(0o755)
    server = Dovecot(directory)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def mail_user(dovecot: Dovecot) -> MailUser:
    """A fresh user with an empty mailbox (INBOX, Sent, Drafts), for this test alone."""
    return dovecot.add_user()


@pytest.fixture
def other_user(dovecot: Dovecot) -> MailUser:
    """A second mailbox, e.g. the recipient of what `mail_user` sends."""
    return dovecot.add_user()


@pytest.fixture
def smtp_server(dovecot: Dovecot) -> Iterator[SmtpServer]:
    """aiosmtpd delivering into Dovecot; logins are the Dovecot users' own."""
    server = SmtpServer(dovecot)
    server.start()
    yield server
    server.stop()


def make_account(dovecot: Dovecot, smtp: SmtpServer, user: MailUser, **extra: Any) -> Account:
    return Account(
        address=user.address,
        display_name="Sam Seeker",
        imap=ServerSettings("127.0.0.1", dovecot.port, Security.NONE, user.name),
        smtp=ServerSettings("127.0.0.1", smtp.port, Security.NONE, user.name),
        timeout=5.0,
        **extra,
    )


@pytest.fixture
def account(dovecot: Dovecot, smtp_server: SmtpServer, mail_user: MailUser) -> Account:
    return make_account(dovecot, smtp_server, mail_user)


@pytest.fixture
def secret(mail_user: MailUser) -> Secret:
    return Secret("password", mail_user.password)


@pytest.fixture
def mail_store(tmp_path: Path) -> Iterator[Any]:
    """A real store on SQLite, migrated (mail tables included) by its own migrations."""
    from followup.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'followup.db'}")
    yield store
    store.close()


@pytest.fixture
def rounds_home(
    tmp_path: Path,
    database_url: str,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: MailUser,
) -> Iterator[Any]:
    """A data home over the test's database (SQLite, PostgreSQL) with the account of
    `mail_user` on the test's servers, for real `followup` processes (outbox_rounds.Home)."""
    from outbox_rounds import Home

    made = Home.make(tmp_path / "home", database_url, dovecot, smtp_server, mail_user)
    yield made
    made.close()


@pytest.fixture
def secrets() -> Any:
    """The secret store of the local embedded mode (a token command may run)."""
    from followup.mail.accounts.secrets import SecretStore

    return SecretStore(allow_commands=True)


@pytest.fixture(autouse=True)
def mail_keyring(memory_keyring: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Every mail test gets the in-memory keyring, and no password from the environment."""
    import os

    for name in list(os.environ):
        if name.startswith("FOLLOWUP_MAIL_PASSWORD"):
            monkeypatch.delenv(name, raising=False)
    return memory_keyring
