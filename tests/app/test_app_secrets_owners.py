"""Secrets are the owner's: two owners with an account of the same name never share a
password, neither through the keyring nor through the process's environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from followup.app.root import build_context
from followup.config import load_settings
from followup.mail.accounts.account import Account
from followup.mail.accounts.secrets import SecretError


def _account() -> Account:
    return Account.from_json(
        '{"name": "default", "address": "sam@example.org", '
        '"imap": {"host": "imap.example.org", "port": 993, "security": "ssl", '
        '"user": "sam@example.org"}, '
        '"smtp": {"host": "smtp.example.org", "port": 587, "security": "starttls", '
        '"user": "sam@example.org"}}'
    )


def test_owners_keep_their_own_passwords(
    tmp_path: Path, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD", "local-owners-password")
    settings = load_settings({"FOLLOWUP_HOME": str(tmp_path)})
    local = build_context(settings)
    other = build_context(settings, owner_id=2, local=False)
    account = _account()

    assert local.secrets.get(account).value == "local-owners-password"
    with pytest.raises(SecretError):  # the process's environment is not the other owner's
        other.secrets.get(account)

    other.secrets.put(account, "owner-two-password")
    assert other.secrets.get(account).value == "owner-two-password"
    monkeypatch.delenv("FOLLOWUP_MAIL_PASSWORD")
    with pytest.raises(SecretError):  # owner 2's keyring entry is not the local owner's
        local.secrets.get(account)
    assert len(memory_keyring.passwords) == 1
