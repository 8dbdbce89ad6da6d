"""Accounts, secrets (`SecretStore`: per-account sources) and the account check, against the
real servers."""

from __future__ import annotations

import io
import logging
import socket
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from servers import MailUser

from followup.mail.accounts import account as accounts
from followup.mail.accounts.account import Account, AccountError, Security, ServerSettings
from followup.mail.accounts.secrets import (
    RedactSecrets,
    Secret,
    SecretError,
    SecretStore,
    install_log_filter,
    password_variables,
)
from followup.mail.transport import check

pytestmark = pytest.mark.mail


def _with_password(monkeypatch: pytest.MonkeyPatch, password: str) -> None:
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD", password)


def test_a_good_account_passes_both_checks(
    account: Account, mail_user: MailUser, secrets: SecretStore
) -> None:
    secrets.put(account, mail_user.password)
    checks = check.test_account(account, secrets.get(account))
    assert [c.ok for c in checks] == [True, True], checks
    assert "sent folder: Sent" in checks[0].detail


def test_wrong_password_is_named_for_both_servers(
    account: Account, secrets: SecretStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_password(monkeypatch, "wrong")
    checks = check.test_account(account, secrets.get(account))
    assert [c.ok for c in checks] == [False, False]
    assert all("wrong user name or password" in c.detail for c in checks)
    assert {c.code for c in checks} == {"mail.login-refused"}


def test_unreachable_port(account: Account, secret: Secret) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    broken = replace(account, imap=replace(account.imap, port=closed_port))
    imap, smtp = check.test_account(broken, secret)
    assert not imap.ok and "nothing answers" in imap.detail
    assert smtp.ok


def test_tls_mismatch_and_missing_starttls(account: Account, secret: Secret) -> None:
    ssl_on_plain = replace(
        account,
        imap=replace(account.imap, security=Security.SSL),
        smtp=replace(account.smtp, security=Security.STARTTLS),
    )
    imap, smtp = check.test_account(ssl_on_plain, secret)
    assert not imap.ok and ("TLS" in imap.detail or "security" in imap.detail), imap.detail
    assert not smtp.ok and "offers no STARTTLS" in smtp.detail


@pytest.fixture
def silent_server() -> Iterator[int]:
    """Accepts connections and never says a word."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(5)
        yield s.getsockname()[1]


def test_timeout(account: Account, secret: Secret, silent_server: int) -> None:
    slow = replace(account, timeout=0.5, smtp=replace(account.smtp, port=silent_server))
    _, smtp = check.test_account(slow, secret)
    assert not smtp.ok and "did not answer in time" in smtp.detail


def test_secret_sources_in_order(
    account: Account, secrets: SecretStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert account.name == "default"
    with pytest.raises(SecretError, match="no password is stored") as refused:
        secrets.get(account)
    assert refused.value.code == "secret.none-stored"
    assert refused.value.params["variable"] == "FOLLOWUP_MAIL_PASSWORD_DEFAULT"
    secrets.put(account, "from-keyring")
    assert (secrets.get(account).value, secrets.source(account)) == ("from-keyring", "OS keyring")
    secret_file = tmp_path / "pw"
    secret_file.write_text("from-file\n")
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_FILE", str(secret_file))
    assert secrets.get(account).value == "from-file"
    _with_password(monkeypatch, "from-env")
    assert secrets.get(account).value == "from-env"
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_DEFAULT_FILE", str(secret_file))
    assert secrets.get(account).value == "from-file"  # the account's own variables first
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_DEFAULT", "own-env")
    assert (secrets.get(account).value, secrets.source(account)) == (
        "own-env",
        "FOLLOWUP_MAIL_PASSWORD_DEFAULT",
    )
    monkeypatch.delenv("FOLLOWUP_MAIL_PASSWORD_DEFAULT")
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_DEFAULT_FILE", str(tmp_path / "missing"))
    with pytest.raises(SecretError, match="cannot be read") as unreadable:
        secrets.get(account)
    assert unreadable.value.code == "secret.file-unreadable"
    secrets.delete(account)
    monkeypatch.delenv("FOLLOWUP_MAIL_PASSWORD_DEFAULT_FILE")
    monkeypatch.delenv("FOLLOWUP_MAIL_PASSWORD_FILE")
    monkeypatch.delenv("FOLLOWUP_MAIL_PASSWORD")
    with pytest.raises(SecretError, match="no password is stored"):
        secrets.get(account)


def test_each_account_has_its_own_variables(
    account: Account, secrets: SecretStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FOLLOWUP_MAIL_PASSWORD is the "default" account's only: never one for every account."""
    work = replace(account, name="work-mail.2")
    assert password_variables("work-mail.2") == (
        ("FOLLOWUP_MAIL_PASSWORD_WORK_MAIL_2", "FOLLOWUP_MAIL_PASSWORD_WORK_MAIL_2_FILE"),
    )
    _with_password(monkeypatch, "the-default-one")
    assert secrets.get(account).value == "the-default-one"
    with pytest.raises(SecretError) as refused:
        secrets.get(work)
    assert refused.value.params["variable"] == "FOLLOWUP_MAIL_PASSWORD_WORK_MAIL_2"
    assert secrets.source(work) == "OS keyring"
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_WORK_MAIL_2", "the-work-one")
    assert secrets.get(work).value == "the-work-one"
    assert secrets.source(work) == "FOLLOWUP_MAIL_PASSWORD_WORK_MAIL_2"
    assert secrets.get(account).value == "the-default-one"
    secrets.put(work, "kept")  # the keyring is per account too
    monkeypatch.delenv("FOLLOWUP_MAIL_PASSWORD_WORK_MAIL_2")
    monkeypatch.delenv("FOLLOWUP_MAIL_PASSWORD")
    assert secrets.get(work).value == "kept"
    with pytest.raises(SecretError):
        secrets.get(account)


def test_xoauth2_token_command(account: Account, secrets: SecretStore) -> None:
    oauth = replace(
        account, auth="xoauth2", token_command=f"{sys.executable} -c \"print('ya29.token')\""
    )
    secret = secrets.get(oauth)
    assert secret == Secret("xoauth2", "ya29.token")
    assert secrets.source(oauth) == "token command"
    assert secret.xoauth2_string("sam@gmail.com") == (
        "user=sam@gmail.com\x01auth=Bearer ya29.token\x01\x01"
    )
    failing = replace(oauth, token_command=f'{sys.executable} -c "raise SystemExit(3)"')
    with pytest.raises(SecretError, match="exited with 3"):
        secrets.get(failing)


def test_a_token_command_runs_only_where_commands_are_allowed(
    account: Account, tmp_path: Path
) -> None:
    """Server mode: an account's program never runs on the server."""
    marker = tmp_path / "ran"
    command = f"{sys.executable} -c \"open({str(marker)!r}, 'w'); print('ya29.token')\""
    oauth = replace(account, auth="xoauth2", token_command=command)
    with pytest.raises(SecretError) as refused:
        SecretStore(allow_commands=False).get(oauth)
    assert refused.value.code == "secret.commands-not-allowed"
    assert not marker.exists()
    assert SecretStore(allow_commands=True).get(oauth).value == "ya29.token"
    assert marker.exists()


def test_secrets_never_reach_the_log(
    account: Account, secrets: SecretStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_password(monkeypatch, "hunter2-very-secret")
    secret = secrets.get(account)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger().addHandler(handler)
    try:
        install_log_filter()
        logging.getLogger("followup.test").warning("login with %s failed", secret.value)
        logging.getLogger("imapclient").warning("> LOGIN user hunter2-very-secret")
    finally:
        logging.getLogger().removeHandler(handler)
    text = stream.getvalue()
    assert "hunter2" not in text
    assert text.count("[secret]") == 2
    assert "hunter2" not in repr(secret)
    assert RedactSecrets.redact("x hunter2-very-secret y") == "x [secret] y"


def test_account_settings_are_stored_without_the_secret(
    tmp_path: Path, account: Account, mail_user: MailUser, secrets: SecretStore
) -> None:
    from followup.store import open_store

    secrets.put(account, mail_user.password)
    with open_store(f"sqlite:///{tmp_path / 'followup.db'}") as store:
        with store.uow() as uow:
            accounts.save_account(uow.settings, account)
        with store.uow(write=False) as uow:
            assert accounts.load_account(uow.settings) == account
            with pytest.raises(AccountError, match="no mail account named 'work'") as missing:
                accounts.load_account(uow.settings, "work")
    assert (missing.value.code, missing.value.params) == ("account.not-found", {"name": "work"})
    assert mail_user.password.encode() not in (tmp_path / "followup.db").read_bytes()


def test_bad_stored_settings_are_explained() -> None:
    with pytest.raises(AccountError, match="lack 'port'"):
        ServerSettings.from_dict({"host": "h", "security": "ssl", "user": "u"}, "IMAP")
    with pytest.raises(AccountError, match="invalid"):
        ServerSettings.from_dict({"host": "h", "port": 1, "security": "tls", "user": "u"}, "SMTP")


def test_smtp_login_with_xoauth2(
    account: Account, smtp_server: Any, mail_user: MailUser, secrets: SecretStore
) -> None:
    from followup.mail.transport.smtp import SmtpError, check_login

    smtp_server.handler.tokens[mail_user.name] = "ya29.good-token"
    command = f"{sys.executable} -c \"print('ya29.good-token')\""
    oauth = replace(account, auth="xoauth2", token_command=command)
    check_login(oauth, secrets.get(oauth))  # no exception: the server took the token
    stale = replace(oauth, token_command=f"{sys.executable} -c \"print('ya29.expired')\"")
    with pytest.raises(SmtpError, match="refused the login"):
        check_login(stale, secrets.get(stale))
