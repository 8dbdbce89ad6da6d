"""Use cases of mail accounts: add one (its secret goes to `ctx.secrets`, never the store),
test its logins, show it (never its secret: a token command is masked too).

An account is tested before it is saved: one whose logins fail is not saved (unless the
caller asked for no test). A machine without an OS keyring (a server, a container) keeps
the password in FOLLOWUP_MAIL_PASSWORD_<NAME> or a file named by ..._FILE instead."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.app.mail.access import DEFAULT_ACCOUNT, account_of
from followup.mail.accounts.account import (
    Account,
    AccountError,
    Security,
    ServerSettings,
    account_names,
    check_address,
    check_name,
    guess_server_files_sent,
    load_account,
    save_account,
)

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.mail.transport.check import Check

MASKED = "(set; not shown)"


@dataclass(frozen=True, slots=True)
class NewAccount:
    """What `account add` and the web form ask for."""

    address: str
    imap_host: str
    smtp_host: str
    name: str = DEFAULT_ACCOUNT
    display_name: str = ""
    imap_port: int = 993
    imap_security: str = "ssl"
    smtp_port: int = 587
    smtp_security: str = "starttls"
    user: str | None = None  # login of both servers (default: the address)
    token_command: str | None = None  # XOAUTH2: prints an access token
    ca_file: str | None = None
    password: str | None = None  # kept by `ctx.secrets` (the OS keyring), never the store
    test: bool = True  # log in to both servers once saved


@dataclass(frozen=True, slots=True)
class AddedAccount:
    account: dict[str, Any]  # as `show_account` shows it
    checks: list[Check] | None  # None: not tested
    saved: bool = True  # False: a login failed, nothing was saved


def keyring_usable() -> bool:
    """Whether an OS keyring backend is there to keep a password (a headless machine, a
    container or CI often has none)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration is no keyring
        return False
    if isinstance(backend, fail.Keyring):
        return False
    chained = getattr(backend, "backends", None)
    return chained is None or bool(chained)


def account_from(data: NewAccount) -> Account:
    """The account `data` describes, checked (AccountError with a code if not valid)."""
    name = check_name(data.name)
    address = check_address(data.address)
    user = data.user or address
    try:
        imap_security, smtp_security = Security(data.imap_security), Security(data.smtp_security)
    except ValueError as exc:
        raise AccountError(
            f"unknown security {exc}", code="account.bad-security", params={"name": name}
        ) from None
    return Account(
        address=address,
        display_name=data.display_name,
        name=name,
        imap=ServerSettings(data.imap_host, data.imap_port, imap_security, user),
        smtp=ServerSettings(data.smtp_host, data.smtp_port, smtp_security, user),
        auth="xoauth2" if data.token_command else "password",
        token_command=data.token_command,
        server_files_sent=guess_server_files_sent(data.imap_host),
        ca_file=str(Path(data.ca_file).resolve()) if data.ca_file else None,
    )


def wants_password(ctx: Context, data: NewAccount) -> bool:
    """Whether a password should be asked for: a password account whose secret would come
    from the OS keyring (no variable of the environment holds one)."""
    from followup.mail.accounts.secrets import KEYRING

    account = account_from(data)
    return (
        account.auth == "password" and ctx.secrets.source(account) == KEYRING and keyring_usable()
    )


def needs_password_place(ctx: Context, data: NewAccount) -> bool:
    """Whether the account's password has nowhere to be kept here: a password account, no
    variable of the environment holding one, and no OS keyring (a headless machine)."""
    from followup.mail.accounts.secrets import KEYRING

    account = account_from(data)
    return (
        account.auth == "password"
        and ctx.secrets.source(account) == KEYRING
        and not keyring_usable()
    )


def password_places(name: str) -> tuple[str, str]:
    """The variable holding the account's password, and the one naming a file holding it."""
    from followup.mail.accounts.secrets import password_variables

    return password_variables(check_name(name))[0]


def add_account(ctx: Context, data: NewAccount) -> AddedAccount:
    """Test both logins (when asked), then save the account (replacing one of that name)
    and keep its password in `ctx.secrets` when one is given; an account whose test fails
    is not saved (`saved` False, the failed checks say why)."""
    from followup.mail.accounts.secrets import env_name

    account = account_from(data)
    # the logins are tried before the write transaction: no lock is held over the network
    checks = _checks_before_saving(ctx, account, data.password) if data.test else None
    with ctx.uow() as uow:
        clash = [
            other
            for other in account_names(uow.settings)
            if other != account.name and env_name(other) == env_name(account.name)
        ]
        if clash:
            raise AccountError(
                f"the mail account {clash[0]!r} already reads its password from the same "
                f"variables as {account.name!r} would",
                code="account.name-clash",
                params={"name": account.name, "other": clash[0]},
            )
        if checks is not None and not all(c.ok for c in checks):
            return AddedAccount(account_view(ctx, account), checks, saved=False)
        if data.password is not None:
            ctx.secrets.put(account, data.password)  # refused: nothing is saved
        save_account(uow.settings, account)
    return AddedAccount(account_view(ctx, account), checks)


def _checks_before_saving(ctx: Context, account: Account, password: str | None) -> list[Check]:
    """Both logins, with the password given (not stored yet) or the one the account's
    variables, file, keyring or token command hold."""
    if password is None:
        return run_checks(ctx, account)
    from followup.mail.accounts.secrets import RedactSecrets, Secret, install_log_filter
    from followup.mail.transport.check import test_account as check_logins

    install_log_filter()
    RedactSecrets.register(password)
    return check_logins(account, Secret("password", password))


def test_account(ctx: Context, name: str = DEFAULT_ACCOUNT) -> list[Check]:
    """Log in to both servers of the account; each failure said in plain words."""
    return run_checks(ctx, account_of(ctx, name))


def run_checks(ctx: Context, account: Account) -> list[Check]:
    from followup.mail.accounts.secrets import SecretError, install_log_filter
    from followup.mail.transport.check import Check
    from followup.mail.transport.check import test_account as check_logins

    install_log_filter()
    try:
        secret = ctx.secrets.get(account)
    except SecretError as exc:
        return [Check.failed("secret", exc)]
    return check_logins(account, secret)


def show_account(ctx: Context, name: str = DEFAULT_ACCOUNT) -> dict[str, Any]:
    """The account's settings and where its secret comes from (never the secret)."""
    with ctx.uow(write=False) as uow:
        account = load_account(uow.settings, name)
    return account_view(ctx, account)


def account_view(ctx: Context, account: Account) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(account.to_json())
    if data.get("token_command"):
        data["token_command"] = MASKED  # a command line may carry a client secret
    return data | {"secret_from": ctx.secrets.source(account)}
