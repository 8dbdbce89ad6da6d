"""A mail account: where to read (IMAP) and send (SMTP) the user's mail, without its secret.

Accounts are stored as JSON in the owner's settings (key `mail.account.NAME`), read and
written through the settings of a unit of work (`uow.settings`); the secret lives in the OS
keyring or the environment (`followup.mail.accounts.secrets`).
`followup.mail.transport.check.test_account` connects to both servers and says in plain
words what is wrong.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, Protocol

from followup.errors import UserError

if TYPE_CHECKING:
    import ssl


class Security(StrEnum):
    SSL = "ssl"  # TLS from the first byte (IMAP 993, SMTP 465)
    STARTTLS = "starttls"  # plain connect, then STARTTLS (IMAP 143, SMTP 587)
    NONE = "none"  # no TLS at all: local test servers only


class AccountError(UserError):
    """An account setting is missing or wrong; nothing was changed."""

    default_code = "account.invalid"


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
        except (KeyError, ValueError) as exc:
            wrong = f"lack {exc.args[0]!r}" if isinstance(exc, KeyError) else f"are invalid ({exc})"
            raise AccountError(
                f"the {what} settings {wrong}", code="account.bad-settings", params={"what": what}
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
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")


class SettingsStore(Protocol):
    """The owner's settings as a unit of work has them (`uow.settings`)."""

    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str) -> None: ...
    def all(self) -> dict[str, str]: ...


def check_name(name: str) -> str:
    """An account's name: letters, digits, '.', '-' and '_', up to 40 (it names environment
    variables); a name ending in "file" would read like another account's password file."""
    if not _NAME.fullmatch(name) or re.search(r"[._-]file$", name, re.IGNORECASE):
        raise AccountError(
            f"{name!r} can't name a mail account",
            code="account.bad-name",
            params={"name": name},
        )
    return name


def check_address(address: str) -> str:
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        raise AccountError(
            f"{address!r} is not an e-mail address",
            code="account.bad-address",
            params={"address": address},
        )
    return address.strip()


def save_account(settings: SettingsStore, account: Account) -> None:
    """Keep the account settings (never its secret) as one of the owner's settings."""
    settings.set(SETTING_PREFIX + account.name, account.to_json())


def account_names(settings: SettingsStore) -> list[str]:
    return sorted(k[len(SETTING_PREFIX) :] for k in settings.all() if k.startswith(SETTING_PREFIX))


def load_account(settings: SettingsStore, name: str = "default") -> Account:
    text = settings.get(SETTING_PREFIX + name)
    if text is None:
        raise AccountError(
            f"no mail account named {name!r}", code="account.not-found", params={"name": name}
        )
    try:
        return Account.from_json(text)
    except (AccountError, ValueError, KeyError, TypeError) as exc:
        why = exc.problem if isinstance(exc, AccountError) else str(exc)
        raise AccountError(
            f"the stored mail account {name!r} is unreadable ({why})",
            code="account.unreadable",
            params={"name": name},
        ) from None
