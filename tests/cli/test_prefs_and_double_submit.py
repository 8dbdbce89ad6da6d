"""`followup prefs` parses and prints; `done` and `skip` submitted twice say so (the logic
is tested in tests/app/test_app_usecases_core.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from cli_support import Run, interviewed_at_acme, words

JsonRun = Callable[..., Any]


def test_prefs_show_before_anything_is_set(run: Run, run_json: JsonRun) -> None:
    shown = run_json("prefs", "show")
    assert shown == {
        "user_tz": "America/New_York",
        "user_country": "US",
        "playbook": "seed",
        "playbook_overrides": {},
        "sources": {
            "user_tz": "env FOLLOWUP_USER_TZ",
            "user_country": "env FOLLOWUP_USER_COUNTRY",
            "playbook": "default",
            "playbook_overrides": "default",
        },
    }
    assert "user_tz = America/New_York  [env FOLLOWUP_USER_TZ]" in run("prefs", "show").stdout


def test_prefs_set_parses_the_overrides(run: Run, run_json: JsonRun) -> None:
    output = run(
        *words("prefs set --tz Europe/Berlin --country de --override timing.weekly_cap_days=5")
    )
    assert output.exit_code == 0
    assert output.stdout.startswith("Preferences saved.\n")
    assert "user_tz = Europe/Berlin  [yours]" in output.stdout
    shown = run_json("prefs", "show")
    assert (shown["user_tz"], shown["user_country"]) == ("Europe/Berlin", "DE")
    assert shown["sources"]["user_tz"] == "owner"
    assert shown["playbook_overrides"] == {"timing.weekly_cap_days": 5}
    removed = run_json("prefs", "set", "--override", "timing.weekly_cap_days=")
    assert removed["playbook_overrides"] == {}


def test_prefs_override_values_are_json_or_text(run: Run) -> None:
    from followup.cli.prefs_cmd import parse_overrides

    assert parse_overrides(("a.b=5", "a.c=true", "a.d=two words", 'a.e="x"', "a.f=")) == {
        "a.b": 5,
        "a.c": True,
        "a.d": "two words",
        "a.e": "x",
        "a.f": None,
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--override", "novalue"], "is not KEY=VALUE"),
        (["--tz", "Mars/Olympus"], "unknown time zone 'Mars/Olympus' (fix: use an IANA zone"),
        (["--country", "XX"], "unknown country 'XX' (fix: use an ISO 3166-1"),
        ([], "nothing to set (fix: give at least one of --tz"),
        (["--override", "timing.weekly_cap_dayz=5"], "weekly_cap_dayz"),
    ],
)
def test_bad_prefs_are_one_line(run: Run, args: list[str], message: str) -> None:
    result = run("prefs", "set", *args, code=2)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.fixture
def interviewed(run: Run) -> str:
    interviewed_at_acme(run)
    return "1-i1-thank-you-p1"


def test_done_twice_says_it_was_recorded(run: Run, run_json: JsonRun, interviewed: str) -> None:
    first = run("done", interviewed, "--at", "2026-03-03T15:00").stdout
    assert first == "recorded: thank-you by email (touch 1)\n"
    assert run("done", interviewed).stdout == "already recorded (touch 1)\n"
    again = run_json("done", interviewed)
    assert again == {"action_id": interviewed, "touch_id": 1, "already": True}
    assert len(run_json("touch", "list")) == 1


def test_skip_twice_says_skipped(run: Run, run_json: JsonRun, interviewed: str) -> None:
    assert run("skip", interviewed, "--reason", "in person").stdout == f"skipped {interviewed}\n"
    shown = run_json("skip", interviewed, "--reason", "again")
    assert (shown["action_id"], shown["reason"]) == (interviewed, "in person")
    assert run("done", interviewed).stdout == "already closed (in person)\n"
