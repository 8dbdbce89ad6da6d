"""A headless machine (no OS keyring): commands that only read local data never ask for a
password, `account add` says where a password can go instead, and an account whose test
fails is not saved unless --no-test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runs import run

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mail"
UNREACHABLE = [
    "--imap-host", "127.0.0.1", "--imap-port", "1", "--imap-security", "none",
    "--smtp-host", "127.0.0.1", "--smtp-port", "1", "--smtp-security", "none",
]  # fmt: skip


@pytest.fixture(autouse=True)
def headless(followup_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No keyring backend, and any password prompt or secret lookup fails the test."""
    import click
    import keyring
    from keyring.backends import fail

    followup_home.mkdir(mode=0o700, parents=True)
    keyring.set_keyring(fail.Keyring())  # the mail conftest restores the previous one

    def no_prompt(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"asked for input: {args}")

    monkeypatch.setattr(click, "prompt", no_prompt)
    return followup_home


def _never_ask_for_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.mail.accounts.secrets import SecretStore

    def no_secret(self: object, account: object) -> None:
        raise AssertionError("a read-only command looked for a password")

    monkeypatch.setattr(SecretStore, "get", no_secret)


def test_keyring_is_reported_missing() -> None:
    from followup.app.mail.accounts import keyring_usable

    assert keyring_usable() is False


def test_account_add_without_a_keyring_names_the_variables_and_the_file() -> None:
    added = run("account", "add", "--account", "work", "--address", "sam@work.example",
                *UNREACHABLE, "--no-test")  # fmt: skip
    assert "no OS keyring" in added.stderr
    assert "FOLLOWUP_MAIL_PASSWORD_WORK=" in added.stderr
    assert "FOLLOWUP_MAIL_PASSWORD_WORK_FILE=" in added.stderr
    assert "followup account test --account work" in added.stderr
    assert "saved mail account 'work'" in added.output


def test_a_password_given_without_a_keyring_is_refused_with_the_alternatives() -> None:
    refused = run("account", "add", "--address", "sam@home.example", *UNREACHABLE, "--no-test",
                  "--password-stdin", stdin="secret-pass\n", code=2)  # fmt: skip
    assert "FOLLOWUP_MAIL_PASSWORD_DEFAULT" in refused.stderr
    assert "secret-pass" not in refused.stderr + refused.output
    run("account", "show", code=2)  # nothing was saved


def test_an_account_whose_test_fails_is_not_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_WORK", "from-the-environment")
    failed = run("account", "add", "--account", "work", "--address", "sam@work.example",
                 *UNREACHABLE, "--json", code=1)  # fmt: skip
    record = json.loads(failed.output)
    assert record["saved"] is False
    assert record["checks"] and not all(c["ok"] for c in record["checks"])
    run("account", "show", "--account", "work", code=2)
    human = run("account", "add", "--account", "work", "--address", "sam@work.example",
                *UNREACHABLE, code=1)  # fmt: skip
    assert "not saved" in human.output and "--no-test" in human.output
    assert "saved mail account" not in human.output
    run("account", "add", "--account", "work", "--address", "sam@work.example", *UNREACHABLE,
        "--no-test")  # fmt: skip
    assert "sam@work.example" in run("account", "show", "--account", "work").output


def test_read_only_commands_never_ask_for_a_password(monkeypatch: pytest.MonkeyPatch) -> None:
    run("account", "add", "--address", "sam@home.example", *UNREACHABLE, "--no-test")
    _never_ask_for_a_secret(monkeypatch)
    assert json.loads(run("outbox", "list", "--json").output) == []
    assert json.loads(run("review", "--json").output) == []
    assert json.loads(run("review", "quarantined", "--json").output) == []
    inspected = json.loads(run("inspect", str(FIXTURES / "google_invite.eml"), "--json").output)
    assert inspected["class"] == "invitation"
    assert "alice.candidate@gmail.com" not in inspected["invite"]["interviewers"]
