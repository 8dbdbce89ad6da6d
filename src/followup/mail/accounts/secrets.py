"""Where a mail account's secret comes from, and how it is kept out of logs.

One interface, `SecretStore(allow_commands)`: `get(account)`, `put(account, password)`,
`delete(account)` and `source(account)` (where the secret would come from, never the secret).

Sources, per account, first one that has it:

- XOAUTH2 accounts (Gmail, Outlook): their token command, which prints a fresh access
  token. It runs a program of the user's, so only where `allow_commands` is true (the local
  embedded mode); elsewhere it is refused with the code "secret.commands-not-allowed".
- `FOLLOWUP_MAIL_PASSWORD_<NAME>`, then the file named by `FOLLOWUP_MAIL_PASSWORD_<NAME>_FILE`
  (servers and containers), NAME being the account's name in upper case with every character
  other than a letter or digit as `_` (account "work-mail": `FOLLOWUP_MAIL_PASSWORD_WORK_MAIL`).
- For the account named "default" only: `FOLLOWUP_MAIL_PASSWORD`, then
  `FOLLOWUP_MAIL_PASSWORD_FILE` (the common one-account case; never one password for all).
- The OS keyring, per account (the only place followup writes a secret to).

The account settings themselves never hold a secret. Every secret handed out is registered
with `RedactSecrets`, a logging filter installed on the root logger, so it can't reach a log
line by accident.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shlex
import subprocess
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from followup.errors import UserError

if TYPE_CHECKING:
    from followup.mail.accounts.account import Account

KEYRING_SERVICE = "followup-mail"
PASSWORD_ENV = "FOLLOWUP_MAIL_PASSWORD"  # the account named "default" only
PASSWORD_FILE_ENV = "FOLLOWUP_MAIL_PASSWORD_FILE"  # the account named "default" only
DEFAULT_ACCOUNT = "default"
KEYRING = "OS keyring"
TOKEN_COMMAND = "token command"
REDACTED = "[secret]"


class SecretError(UserError):
    """No usable secret: the problem says why; the code and params say where one can go."""

    default_code = "secret.missing"


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


def env_name(account_name: str) -> str:
    """The account's part of its variables' names: "work-mail" -> "WORK_MAIL"."""
    return re.sub(r"[^A-Za-z0-9]", "_", account_name).upper()


def password_variables(account_name: str) -> tuple[tuple[str, str], ...]:
    """The (password, password file) variables that can hold this account's password, in
    the order they are read."""
    own = f"{PASSWORD_ENV}_{env_name(account_name)}"
    pairs = [(own, f"{own}_FILE")]
    if account_name == DEFAULT_ACCOUNT:
        pairs.append((PASSWORD_ENV, PASSWORD_FILE_ENV))
    return tuple(pairs)


class SecretStore:
    """The secrets of mail accounts: the environment, the OS keyring and token commands.

    `allow_commands`: a token command may run (the local embedded mode); in server mode an
    account's program must never run on the server. `environ` defaults to the process's
    environment, read at each call.

    Secrets are the owner's: `owner` (empty for the embedded mode's one owner) names their
    keyring entries apart from every other owner's, and the environment, which belongs to
    whoever runs the process, is read only with `use_environment` (the local owner's)."""

    def __init__(
        self,
        allow_commands: bool,
        environ: Mapping[str, str] | None = None,
        *,
        owner: str = "",
        use_environment: bool = True,
    ) -> None:
        self.allow_commands = allow_commands
        self._environ = environ
        self.owner = owner
        self.use_environment = use_environment

    @property
    def environ(self) -> Mapping[str, str]:
        if not self.use_environment:
            return {}
        return os.environ if self._environ is None else self._environ

    # ---- reading ------------------------------------------------------------------------

    def get(self, account: Account) -> Secret:
        """The secret for `account`, from the first source that has one."""
        secret = self._lookup(account)
        RedactSecrets.register(secret.value)
        if secret.kind == "xoauth2":
            RedactSecrets.register(secret.xoauth2_string(account.imap.user))
        return secret

    def source(self, account: Account) -> str:
        """Where `get` would take the secret from: a variable's name, "token command" or
        "OS keyring" (for display; never the secret itself)."""
        if account.auth == "xoauth2":
            return TOKEN_COMMAND
        for variable, file_variable in password_variables(account.name):
            if self.environ.get(variable):
                return variable
            if self.environ.get(file_variable):
                return file_variable
        return KEYRING

    def _keyring_user(self, account: Account) -> str:
        """The keyring entry of the account: the owner's own (no other owner's name)."""
        entry = _keyring_user(account)
        return f"{self.owner}/{entry}" if self.owner else entry

    def _lookup(self, account: Account) -> Secret:
        if account.auth == "xoauth2":
            return Secret("xoauth2", self._token(account))
        for variable, file_variable in password_variables(account.name):
            value = self.environ.get(variable)
            if value:
                return Secret("password", value)
            file_name = self.environ.get(file_variable)
            if file_name:
                return Secret("password", _read_file(file_variable, file_name))
        return Secret("password", self._keyring_password(account))

    def _token(self, account: Account) -> str:
        params = {"account": account.name}
        if not account.token_command:
            raise SecretError(
                f"the mail account {account.name!r} uses XOAUTH2 but has no token command",
                code="secret.no-token-command",
                params=params,
            )
        if not self.allow_commands:
            raise SecretError(
                f"the mail account {account.name!r} gets its token from a command, and "
                "commands don't run here",
                code="secret.commands-not-allowed",
                params=params,
            )
        return _run_token_command(account.name, account.token_command)

    def _keyring_password(self, account: Account) -> str:
        import keyring
        from keyring.errors import KeyringError

        try:
            value = keyring.get_password(KEYRING_SERVICE, self._keyring_user(account))
        except KeyringError as exc:
            value = None
            problem = f"the OS keyring is not usable here ({exc})"
            code = "secret.keyring-unusable"
        else:
            problem = f"no password is stored for the mail account {account.name!r}"
            code = "secret.none-stored"
        if not value:
            raise SecretError(problem, code=code, params=_where_params(account))
        return str(value)

    # ---- writing ------------------------------------------------------------------------

    def put(self, account: Account, password: str) -> None:
        """Keep a password in the OS keyring (the only place followup writes secrets to)."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(KEYRING_SERVICE, self._keyring_user(account), password)
        except KeyringError as exc:
            raise SecretError(
                f"the OS keyring refused the password ({exc})",
                code="secret.keyring-refused",
                params=_where_params(account),
            ) from None

    def delete(self, account: Account) -> None:
        """Forget the account's password in the OS keyring (nothing stored: nothing to do)."""
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError, KeyringError):
            keyring.delete_password(KEYRING_SERVICE, self._keyring_user(account))


def _keyring_user(account: Account) -> str:
    return f"{account.name}:{account.imap.user}"


def _where_params(account: Account) -> dict[str, str]:
    """Where a password for `account` can be put: its own variables."""
    variable, file_variable = password_variables(account.name)[0]
    return {"account": account.name, "variable": variable, "file_variable": file_variable}


def _read_file(variable: str, file_name: str) -> str:
    try:
        return Path(file_name).read_text().rstrip("\r\n")
    except OSError as exc:
        raise SecretError(
            f"{variable} names {file_name!r}, which cannot be read ({exc.strerror})",
            code="secret.file-unreadable",
            params={"variable": variable, "path": file_name},
        ) from None


def _run_token_command(account_name: str, command: str) -> str:
    params: dict[str, object] = {"account": account_name}
    try:
        done = subprocess.run(
            shlex.split(command), capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
        raise SecretError(
            f"the token command of the mail account {account_name!r} could not run ({exc})",
            code="secret.token-command-failed",
            params=params,
        ) from None
    token = done.stdout.strip()
    if done.returncode != 0 or not token:
        raise SecretError(
            f"the token command exited with {done.returncode} and printed no token",
            code="secret.token-command-exited",
            params=params | {"status": done.returncode},
        )
    return token
