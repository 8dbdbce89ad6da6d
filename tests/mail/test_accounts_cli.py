"""The mail commands' refusals and the account's secret as a person sees them, without a
server: each problem in one line with the command or flag that fixes it (exit 2), the
account's own password variables, a token command never shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runs import run

SERVERS = [
    "--imap-host",
    "imap.example.org",
    "--smtp-host",
    "smtp.example.org",
    "--no-test",
]


@pytest.fixture(autouse=True)
def home(followup_home: Path) -> Path:
    followup_home.mkdir(mode=0o700, parents=True)
    return followup_home


def test_an_account_shows_where_its_secret_comes_from_never_the_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = "my-oauth-tool --client-secret s3cr3t-value"
    run("account", "add", "--account", "work", "--address", "sam@work.example", *SERVERS,
        "--token-command", token)  # fmt: skip
    shown = json.loads(run("account", "show", "--account", "work", "--json").output)
    assert (shown["name"], shown["auth"], shown["secret_from"]) == ("work", "xoauth2",
                                                                    "token command")  # fmt: skip
    assert "s3cr3t" not in json.dumps(shown) and shown["token_command"]
    assert "s3cr3t" not in run("account", "show", "--account", "work").output

    run("account", "add", "--address", "sam@home.example", *SERVERS, "--password-stdin",
        stdin="kept-in-the-keyring\n")  # fmt: skip
    assert "secret_from: OS keyring" in run("account", "show").output
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_DEFAULT", "from-the-environment")
    shown = run("account", "show").output
    assert "secret_from: FOLLOWUP_MAIL_PASSWORD_DEFAULT" in shown
    assert "from-the-environment" not in shown and "kept-in" not in shown


def test_a_missing_password_names_the_account_s_own_variables() -> None:
    run("account", "add", "--account", "side-job", "--address", "sam@side.example", *SERVERS)
    assert run("outbox", "list", "--account", "side-job", "--json").output.strip() == "[]"
    refused = run("outbox", "run", "--account", "side-job", code=2)
    assert "no password is stored for the mail account 'side-job'" in refused.stderr
    assert "FOLLOWUP_MAIL_PASSWORD_SIDE_JOB" in refused.stderr
    assert "FOLLOWUP_MAIL_PASSWORD_SIDE_JOB_FILE" in refused.stderr
    assert "followup account add --account side-job --password-stdin" in refused.stderr


def test_bad_account_input_is_refused_with_its_fix() -> None:
    named = run("account", "add", "--account", "two words", "--address", "a@b.example", *SERVERS,
                code=2)  # fmt: skip
    assert "'two words' can't name a mail account" in named.stderr and "--account" in named.stderr
    address = run("account", "add", "--address", "not-an-address", *SERVERS, code=2)
    assert "is not an e-mail address" in address.stderr and "--address" in address.stderr
    run("account", "add", "--account", "work-mail", "--address", "a@b.example", *SERVERS)
    clash = run("account", "add", "--account", "work_mail", "--address", "a@b.example", *SERVERS,
                code=2)  # fmt: skip
    assert "same variables" in clash.stderr
    missing = run("account", "show", "--account", "nope", code=2)
    assert missing.stderr == (
        "error: no mail account named 'nope' "
        "(fix: add one with `followup account add --account nope`)\n"
    )


def test_unknown_outbox_and_review_numbers_say_where_the_numbers_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run("account", "add", "--address", "sam@home.example", *SERVERS)
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD", "unused")
    for command in (["cancel", "99"], ["retry", "99"], ["confirm", "99", "--sent"]):
        refused = run("outbox", *command, code=2)
        assert refused.stderr == (
            "error: no outbox message 99 for the mail account 'default' "
            "(fix: see `followup outbox list --account default` for the ids)\n"
        ), command
    refused = run("review", "resolve", "7", "--dismiss", code=2)
    assert refused.stderr == (
        "error: no open review item 7 (fix: see `followup review` for the open ones)\n"
    )
    assert json.loads(run("review", "--json").output) == []
    assert json.loads(run("review", "quarantined", "--json").output) == []
