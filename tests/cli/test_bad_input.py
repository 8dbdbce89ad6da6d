"""Bad input: one line `error: ... (fix: ...)` on stderr, exit code 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import Run, database_rows, words

SETUP = [
    "app add --company Acme --role 'Data Engineer' --country US --tz America/New_York",
    "app add --company Globex --role SRE",
    "person add --app 1 --name 'Dana Chen' --email dana@acme.example",
    "person add --app 2 --name 'Kim Lee'",
    "interview add --app 1 --at 2026-03-03T10:00 --kind on-site --with 1",
]

# Each command line as typed at a shell (split by shlex), with a part of the one-line error.
BAD_INPUT = [
    # unknown ids
    ("person add --app 99 --name X", "no application with id 99"),
    ("interview add --app 1 --at 2026-03-03T10:00 --kind video --with 42", "no person with id 42"),
    (
        "interview add --app 1 --at 2026-03-03T10:00 --kind video --with 2",
        "belongs to application 2",
    ),
    (
        "touch add --app 7 --channel email --direction out --at 2026-03-04T09:00",
        "no application with id 7",
    ),
    ("app show 5", "no application with id 5"),
    ("done 1-i9-thank-you-p1", "no planned action"),
    ("done nonsense", "is not an action id"),
    ("skip 1-i1-thank-you-p1 --reason ' '", "the reason is empty"),
    ("outcome --app 3 rejected", "no application with id 3"),
    # times
    ("interview add --app 1 --at 2026-03-03T10:00 --end 2026-03-03T09:00 --kind video", "ends"),
    ("interview add --app 1 --at '03/03/2026 10:00' --kind video", "is not a date and time"),
    ("interview add --app 1 --at 2026-02-30T10:00 --kind video", "is not a valid date and time"),
    (
        "interview add --app 1 --at 2026-03-03T10:00 --kind video --decision-by 13.03.2026",
        "is not a valid date",
    ),
    ("plan --as-of tomorrow", "is not a date and time"),
    ("done 1-i1-thank-you-p1 --at 2099-01-01T10:00", "in the future"),
    # zones, countries, kinds
    ("app add --company X --role Y --tz Mars/Olympus", "unknown time zone"),
    ("app add --company X --role Y --country XX", "unknown country"),
    ("app add --company ' ' --role Y", "the company is empty"),
    ("person add --app 1 --name X --country Narnia", "unknown country"),
    ("person add --app 1 --name X --email not-an-address", "not an email address"),
    (
        "person add --app 1 --name X --email ivy@example.test,evil@example.test",
        "not an email address",
    ),
    ("person add --app 1 --name 'Ivy\nBcc: evil@example.test'", "line break"),
    (f"app add --company {'X' * 201} --role Y", "more than 200"),
    ("app add --company 'Acme\r\nInc' --role Y", "line break"),
    ("app set 1 --tz Europe/Atlantis", "unknown time zone"),
    ("interview add --app 1 --at 2026-03-03T10:00 --kind lunch", "'lunch' is not one of"),
    (
        "touch add --app 1 --channel pigeon --direction out --at 2026-03-04T09:00",
        "'pigeon' is not one of",
    ),
    (
        "touch add --app 1 --channel email --direction out --kind rejection --at 2026-03-04T09:00",
        "comes from the employer",
    ),
    (
        "interview add --app 1 --at 2026-03-03T10:00 --kind video --note '1 the streaming work'",
        "is not PERSON_ID=TEXT",
    ),
    (
        "interview add --app 1 --at 2026-03-03T10:00 --kind video --with 1 --note 2=x",
        "not in the interview",
    ),
    ("outcome --app 1 maybe", "'maybe' is not one of"),
    (
        "touch add --app 1 --channel email --direction in --kind thank-you --at 2026-03-04T09:00",
        "is something you send",
    ),
    ("interview set 99 --kind video", "no interview with id 99"),
    ("interview set 1", "nothing to change"),
    ("interview set 1 --end 2026-03-03T09:00", "ends"),
    ("interview set 1 --with 2", "belongs to application 2"),
    ("app add --role Y", "Missing option '--company'"),
    ("person add --app one --name X", "'one' is not a valid integer"),
    ("nosuchcommand", "No such command"),
    # absurd values: refused in one line, never an unexpected error
    (f"app show {2**63}", "is not in the range"),
    (f"outbox confirm {2**70} --sent", "is not in the range"),
    (f"done {2**64}-i1-thank-you-p1", "there is no application"),
    ("app add --company X --role Y --tz US", "unknown time zone 'US'"),
    (f"app add --company X --role Y --tz {'A' * 300}", "unknown time zone"),
    ("prefs set --tz Europe", "unknown time zone"),
    ("interview add --app 1 --at 0001-01-01T00:00 --kind phone", "out of range"),
    ("plan --as-of 9999-12-31T23:59", "out of range"),
    (
        "interview add --app 1 --at 2026-03-03T10:00 --kind phone --decision-by 9999-12-31",
        "out of range",
    ),
]


@pytest.mark.parametrize(("line", "message"), BAD_INPUT, ids=[line for line, _ in BAD_INPUT])
def test_bad_input_is_refused_in_one_line_and_writes_nothing(
    run: Run, followup_home: Path, line: str, message: str
) -> None:
    for command in SETUP:
        run(*words(command))
    before = database_rows(followup_home)
    result = run(*words(line), code=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "(fix: " in lines[0]
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert database_rows(followup_home) == before


def test_a_bad_setting_is_refused_before_anything_runs(
    run: Run, monkeypatch: pytest.MonkeyPatch, followup_home: Path
) -> None:
    monkeypatch.setenv("FOLLOWUP_USER_TZ", "Moon/Base")
    result = run("app", "add", "--company", "X", "--role", "Y", code=2)
    assert result.stderr.startswith("error: user_tz 'Moon/Base' (env FOLLOWUP_USER_TZ)")
    assert database_rows(followup_home) == {}


def test_a_playbook_file_with_a_typo_is_refused(run: Run, tmp_path: Path) -> None:
    book = tmp_path / "mine.yaml"
    from followup.playbook.loader import builtin_path

    text = builtin_path("seed").read_text(encoding="utf-8")
    book.write_text(text.replace("schema_version: 1", "schema_versoin: 1"), encoding="utf-8")
    result = run("playbook", "check", str(book), code=2)
    problems = result.stderr.strip().splitlines()
    assert problems and all(p.startswith("error: ") for p in problems)
    assert any("mine.yaml" in p for p in problems)
    result = run("playbook", "show", str(book), code=2)
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unexpected_error_is_one_line_and_exit_code_1(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import followup.app.applications as applications

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(applications, "add_application", broken)
    result = run("app", "add", "--company", "X", "--role", "Y", code=1)
    assert "unexpected RuntimeError: disk on fire" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_from_a_newer_followup_is_refused(run: Run, followup_home: Path) -> None:
    import sqlite3

    run("app", "add", "--company", "Acme", "--role", "SRE")
    with sqlite3.connect(followup_home / "followup.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = database_rows(followup_home)
    for args in (["today"], ["app", "add", "--company", "X", "--role", "Y"]):
        result = run(*args, code=2)
        assert result.stderr.startswith("error: the database schema is at revision 9999")
        assert "(fix: upgrade followup" in result.stderr
    assert database_rows(followup_home) == before


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("nosuchdriver://x", "cannot use the database URL nosuchdriver://x"),
        ("not a url", "cannot use the database URL"),
        (
            "postgresql+psycopg://sam:hunter2@127.0.0.1:1/followup",
            "cannot open the database postgresql+psycopg://sam:***@127.0.0.1:1/followup",
        ),
    ],
)
def test_an_unusable_database_url_is_one_line_without_the_password(
    run: Run, monkeypatch: pytest.MonkeyPatch, url: str, message: str
) -> None:
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", url)
    result = run("app", "list", code=2)
    assert result.stderr.startswith(f"error: {message}")
    assert "hunter2" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
