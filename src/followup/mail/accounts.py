"""A mail account: where to read (IMAP) and send (SMTP) the user's mail, without its secret.

Accounts are stored as JSON in the store's settings (key `mail.account.NAME`);
the secret lives in the OS keyring or the environment (`followup.mail.secrets`).
`test_account` connects to both servers and says in plain words what is wrong.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    import ssl

    from followup.mail.secrets import Secret


class Security(StrEnum):
    SSL = "ssl"  # TLS from the first byte (IMAP 993, SMTP 465)
    STARTTLS = "starttls"  # plain connect, then STARTTLS (IMAP 143, SMTP 587)
    NONE = "none"  # no TLS at all: local test servers only


class AccountError(Exception):
    """An account setting is missing or wrong; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class ServerSettings:
    host: str
    port: int
    security: Security
    user: str

    @classmethod
    def from_dict(cls, data: dict[str, Any], what: str) -> ServerSettings:
        try:
            port = int(data["port"])
            security = Security(data["security"])
            return cls(str(data["host"]), port, security, str(data["user"]))
        except KeyError as exc:
            raise AccountError(
                f"the {what} settings lack {exc.args[0]!r}; re-run account add"
            ) from None
        except ValueError as exc:
            raise AccountError(
                f"the {what} settings are invalid ({exc}); re-run account add"
            ) from None


@dataclass(frozen=True, slots=True)
class Account:
    address: str
    imap: ServerSettings
    smtp: ServerSettings
    display_name: str = ""
    name: str = "default"
    auth: Literal["password", "xoauth2"] = "password"
    token_command: str | None = None  # prints an OAuth2 access token (XOAUTH2 accounts)
    # Gmail files SMTP submissions in Sent by itself: then followup must not APPEND a copy.
    server_files_sent: bool = False
    timeout: float = 30.0  # seconds per network operation
    ca_file: str | None = None  # extra CA certificates to trust (a self-hosted server)
    extra: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Account:
        data = json.loads(text)
        return cls(
            address=data["address"],
            imap=ServerSettings.from_dict(data["imap"], "IMAP"),
            smtp=ServerSettings.from_dict(data["smtp"], "SMTP"),
            display_name=data.get("display_name", ""),
            name=data.get("name", "default"),
            auth=data.get("auth", "password"),
            token_command=data.get("token_command"),
            server_files_sent=bool(data.get("server_files_sent", False)),
            timeout=float(data.get("timeout", 30.0)),
            ca_file=data.get("ca_file"),
            extra=dict(data.get("extra", {})),
        )

    def with_timeout(self, seconds: float) -> Account:
        return replace(self, timeout=seconds)

    def tls_context(self) -> ssl.SSLContext:
        """The system's trusted CAs, plus `ca_file` when given; hostnames are checked."""
        import ssl

        return ssl.create_default_context(cafile=self.ca_file)


def guess_server_files_sent(imap_host: str) -> bool:
    return imap_host.lower().endswith(("gmail.com", "googlemail.com"))


SETTING_PREFIX = "mail.account."


class SettingsStore(Protocol):
    """The part of `followup.store.Store` that keeps settings."""

    def get_setting(self, key: str) -> str | None: ...
    def set_setting(self, key: str, value: str) -> None: ...


def save_account(store: SettingsStore, account: Account) -> None:
    """Keep the account settings (never its secret) as a store setting."""
    store.set_setting(SETTING_PREFIX + account.name, account.to_json())


def load_account(store: SettingsStore, name: str = "default") -> Account:
    text = store.get_setting(SETTING_PREFIX + name)
    if text is None:
        raise AccountError(f"no mail account named {name!r}; add one with `followup account add`")
    try:
        return Account.from_json(text)
    except (ValueError, KeyError, TypeError) as exc:
        raise AccountError(
            f"the stored mail account {name!r} is unreadable ({exc}); run `followup account add`"
        ) from None


@dataclass(frozen=True, slots=True)
class Check:
    """One line of `followup account test`: what was tried, and whether it worked."""

    what: str
    ok: bool
    detail: str


def test_account(account: Account, secret: Secret | None = None) -> list[Check]:
    """Log in to the IMAP and SMTP servers; each failure is said in plain words."""
    from followup.mail.imap import MailboxError, open_mailbox
    from followup.mail.secrets import SecretError, get_secret
    from followup.mail.smtp import SmtpError, check_login

    if secret is None:
        try:
            secret = get_secret(account)
        except SecretError as exc:
            return [Check("secret", False, str(exc))]

    def imap_check() -> str:
        with open_mailbox(account, secret) as box:
            sent = box.special_folder("sent")
            return f"logged in as {account.imap.user}; sent folder: {sent or 'none found'}"

    def smtp_check() -> str:
        check_login(account, secret)
        return f"logged in as {account.smtp.user}"

    checks = []
    for what, run, errors in (
        (f"IMAP {account.imap.host}:{account.imap.port}", imap_check, MailboxError),
        (f"SMTP {account.smtp.host}:{account.smtp.port}", smtp_check, SmtpError),
    ):
        checks.append(_run_check(what, run, errors))
    return checks


def _run_check(what: str, run: Callable[[], str], errors: type[Exception]) -> Check:
    try:
        return Check(what, True, run())
    except errors as exc:
        return Check(what, False, str(exc))
