"""Accounts, secrets and the account check, against the real servers."""

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

from followup.mail import accounts
from followup.mail.accounts import Account, AccountError, Security, ServerSettings
from followup.mail.secrets import (
    RedactSecrets,
    Secret,
    SecretError,
    get_secret,
    install_log_filter,
    store_password,
)

pytestmark = pytest.mark.mail


def _with_password(monkeypatch: pytest.MonkeyPatch, password: str) -> None:
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD", password)


def test_a_good_account_passes_both_checks(
    account: Account, mail_user: MailUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_password(account, mail_user.password)
    checks = accounts.test_account(account)
    assert [c.ok for c in checks] == [True, True], checks
    assert "sent folder: Sent" in checks[0].detail


def test_wrong_password_is_named_for_both_servers(
    account: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_password(monkeypatch, "wrong")
    checks = accounts.test_account(account)
    assert [c.ok for c in checks] == [False, False]
    assert all("wrong user name or password" in c.detail for c in checks)


def test_unreachable_port(account: Account, secret: Secret) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    broken = replace(account, imap=replace(account.imap, port=closed_port))
    imap, smtp = accounts.test_account(broken, secret)
    assert not imap.ok and "nothing answers" in imap.detail
    assert smtp.ok


def test_tls_mismatch_and_missing_starttls(account: Account, secret: Secret) -> None:
    ssl_on_plain = replace(
        account,
        imap=replace(account.imap, security=Security.SSL),
        smtp=replace(account.smtp, security=Security.STARTTLS),
    )
    imap, smtp = accounts.test_account(ssl_on_plain, secret)
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
    _, smtp = accounts.test_account(slow, secret)
    assert not smtp.ok and "did not answer in time" in smtp.detail


def test_secret_sources_in_order(
    account: Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SecretError, match="no password is stored"):
        get_secret(account)
    store_password(account, "from-keyring")
    assert get_secret(account).value == "from-keyring"
    secret_file = tmp_path / "pw"
    secret_file.write_text("from-file\n")
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_FILE", str(secret_file))
    assert get_secret(account).value == "from-file"
    _with_password(monkeypatch, "from-env")
    assert get_secret(account).value == "from-env"
    monkeypatch.delenv("FOLLOWUP_MAIL_PASSWORD")
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_FILE", str(tmp_path / "missing"))
    with pytest.raises(SecretError, match="cannot be read"):
        get_secret(account)


def test_xoauth2_token_command(account: Account) -> None:
    oauth = replace(
        account, auth="xoauth2", token_command=f"{sys.executable} -c \"print('ya29.token')\""
    )
    secret = get_secret(oauth)
    assert secret == Secret("xoauth2", "ya29.token")
    assert secret.xoauth2_string("sam@gmail.com") == (
        "user=sam@gmail.com\x01auth=Bearer ya29.token\x01\x01"
    )
    failing = replace(oauth, token_command=f'{sys.executable} -c "raise SystemExit(3)"')
    with pytest.raises(SecretError, match="exited with 3"):
        get_secret(failing)


def test_secrets_never_reach_the_log(account: Account, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_password(monkeypatch, "hunter2-very-secret")
    secret = get_secret(account)
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
    tmp_path: Path, account: Account, mail_user: MailUser
) -> None:
    from followup.store import open_store

    store_password(account, mail_user.password)
    with open_store(f"sqlite:///{tmp_path / 'followup.db'}") as store:
        accounts.save_account(store, account)
        assert accounts.load_account(store) == account
        with pytest.raises(AccountError, match="no mail account named 'work'"):
            accounts.load_account(store, "work")
    assert mail_user.password.encode() not in (tmp_path / "followup.db").read_bytes()


def test_bad_stored_settings_are_explained() -> None:
    with pytest.raises(AccountError, match="lack 'port'"):
        ServerSettings.from_dict({"host": "h", "security": "ssl", "user": "u"}, "IMAP")
    with pytest.raises(AccountError, match="invalid"):
        ServerSettings.from_dict({"host": "h", "port": 1, "security": "tls", "user": "u"}, "SMTP")


def test_smtp_login_with_xoauth2(account: Account, smtp_server: Any, mail_user: MailUser) -> None:
    from followup.mail.smtp import SmtpError, check_login

    smtp_server.handler.tokens[mail_user.name] = "ya29.good-token"
    command = f"{sys.executable} -c \"print('ya29.good-token')\""
    oauth = replace(account, auth="xoauth2", token_command=command)
    check_login(oauth, get_secret(oauth))  # no exception: the server took the token
    stale = replace(oauth, token_command=f"{sys.executable} -c \"print('ya29.expired')\"")
    with pytest.raises(SmtpError, match="refused the login"):
        check_login(stale, get_secret(stale))
