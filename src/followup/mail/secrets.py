"""Where a mail account's secret comes from, and how it is kept out of logs.

Lookup order: `FOLLOWUP_MAIL_PASSWORD`, then the file named by `FOLLOWUP_MAIL_PASSWORD_FILE`
(servers and containers), then a token command for XOAUTH2 accounts (Gmail, Outlook: the
command prints a fresh access token), then the OS keyring. The account settings themselves
never hold a secret. Every secret handed out is registered with `RedactSecrets`, a logging
filter installed on the root logger, so it can't reach a log line by accident.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shlex
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from followup.mail.accounts import Account

KEYRING_SERVICE = "followup-mail"
PASSWORD_ENV = "FOLLOWUP_MAIL_PASSWORD"
PASSWORD_FILE_ENV = "FOLLOWUP_MAIL_PASSWORD_FILE"
REDACTED = "[secret]"


class SecretError(Exception):
    """No usable secret: the message says where one can be put."""


@dataclass(frozen=True, slots=True)
class Secret:
    """A password, or an OAuth2 access token for XOAUTH2. Never printed."""

    kind: Literal["password", "xoauth2"]
    value: str = ""

    def __repr__(self) -> str:
        return f"Secret(kind={self.kind!r}, value={REDACTED!r})"

    __str__ = __repr__

    def xoauth2_string(self, user: str) -> str:
        """The SASL XOAUTH2 initial response (RFC 7628 style, as Google/Microsoft use it)."""
        return f"user={user}\x01auth=Bearer {self.value}\x01\x01"


class RedactSecrets(logging.Filter):
    """Replaces every known secret (and its XOAUTH2 forms) in log records."""

    _lock = threading.Lock()
    _known: set[str] = set()  # noqa: RUF012 - shared on purpose: one registry per process

    @classmethod
    def register(cls, value: str) -> None:
        if len(value) >= 4:
            with cls._lock:
                cls._known.add(value)

    @classmethod
    def redact(cls, text: str) -> str:
        for value in sorted(cls._known, key=len, reverse=True):
            text = text.replace(value, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._known:
            return True
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_filter = RedactSecrets()


def install_log_filter() -> None:
    """Put the redacting filter on the root logger's handlers and the mail loggers."""
    root = logging.getLogger()
    for handler in root.handlers:
        if _filter not in handler.filters:
            handler.addFilter(_filter)
    for name in ("", "followup", "imapclient", "imapclient.imaplib"):
        logger = logging.getLogger(name)
        if _filter not in logger.filters:
            logger.addFilter(_filter)


def _keyring_user(account: Account) -> str:
    return f"{account.name}:{account.imap.user}"


def store_password(account: Account, password: str) -> None:
    """Save a password in the OS keyring (the only place followup writes secrets to)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_user(account), password)
    except KeyringError as exc:
        raise SecretError(
            f"the OS keyring refused the password ({exc}); set {PASSWORD_ENV} or "
            f"{PASSWORD_FILE_ENV} instead"
        ) from None


def delete_password(account: Account) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(KEYRING_SERVICE, _keyring_user(account))


def _run_token_command(command: str) -> str:
    try:
        done = subprocess.run(
            shlex.split(command), capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SecretError(
            f"the token command could not run ({exc}); check --token-command"
        ) from None
    token = done.stdout.strip()
    if done.returncode != 0 or not token:
        raise SecretError(
            f"the token command exited with {done.returncode} and printed no token; "
            "run it by hand to see why, or refresh its login"
        )
    return token


def secret_source(account: Account) -> str:
    """Where `get_secret` would look first for this account (for display, never the value)."""
    if account.auth == "xoauth2":
        return "token command"
    for name in (PASSWORD_ENV, PASSWORD_FILE_ENV):
        if os.environ.get(name):
            return name
    return "OS keyring"


def get_secret(account: Account) -> Secret:
    """The secret for `account`, from the first source that has one."""
    secret = _lookup(account)
    RedactSecrets.register(secret.value)
    if secret.kind == "xoauth2":
        RedactSecrets.register(secret.xoauth2_string(account.imap.user))
    return secret


def _lookup(account: Account) -> Secret:
    if account.auth == "xoauth2":
        if not account.token_command:
            raise SecretError(
                "this account uses XOAUTH2 but has no token command; "
                "add one with `followup account add --token-command CMD`"
            )
        return Secret("xoauth2", _run_token_command(account.token_command))
    env_value = os.environ.get(PASSWORD_ENV)
    if env_value:
        return Secret("password", env_value)
    file_name = os.environ.get(PASSWORD_FILE_ENV)
    if file_name:
        try:
            value = Path(file_name).read_text().rstrip("\r\n")
        except OSError as exc:
            raise SecretError(
                f"{PASSWORD_FILE_ENV} names {file_name!r}, which cannot be read "
                f"({exc.strerror}); fix the path or its permissions"
            ) from None
        return Secret("password", value)
    return Secret("password", _keyring_password(account))


def _keyring_password(account: Account) -> str:
    import keyring
    from keyring.errors import KeyringError

    try:
        value = keyring.get_password(KEYRING_SERVICE, _keyring_user(account))
    except KeyringError as exc:
        value = None
        reason = f"the OS keyring is not usable here ({exc})"
    else:
        reason = "no password is stored for this account"
    if not value:
        raise SecretError(
            f"{reason}; run `followup account add` again to store it, or set {PASSWORD_ENV} "
            f"or {PASSWORD_FILE_ENV}"
        )
    return str(value)
