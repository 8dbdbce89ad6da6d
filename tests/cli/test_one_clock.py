"""One clock: every time typed without an offset is read in the user's zone, times are shown
on the user's clock with the recipient's beside them, and `--as-of T` shows the world as it
was at T. Through the CLI, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from cli_support import Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

JsonRun = Callable[..., Any]


@pytest.fixture(autouse=True)
def backend(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)


@pytest.fixture
def berlin_user_singapore_job(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user in Berlin; an interview in Singapore from 09:00 to 10:00 Berlin time
    (16:00-17:00 there) on Monday 16 November 2026."""
    monkeypatch.setenv("FOLLOWUP_USER_TZ", "Europe/Berlin")
    monkeypatch.setenv("FOLLOWUP_USER_COUNTRY", "DE")
    run("app", "add", "--company", "Lion Data", "--role", "Analyst", "--country", "SG")
    run("app", "set", "1", "--tz", "Asia/Singapore")
    run("person", "add", "--app", "1", "--name", "Tan Wei Ling", "--email", "wl@lion.example")
    run(
        "interview", "add", "--app", "1", "--at", "2026-11-16T09:00", "--end",
        "2026-11-16T10:00", "--kind", "video", "--with", "1",
    )  # fmt: skip


def test_a_time_typed_in_berlin_is_berlin_time_for_a_singapore_interview(
    run: Run, run_json: JsonRun, berlin_user_singapore_job: None
) -> None:
    interview = run_json("app", "show", "1")["interviews"][0]
    assert interview["start"] == "2026-11-16T16:00:00+08:00"  # kept where it takes place
    # 11:00 in Berlin is an hour after the interview ended: accepted (it used to be read as
    # 11:00 in Singapore, before the interview ended, and refused).
    done = run_json("done", "1-i1-thank-you-p1", "--at", "2026-11-16T11:00")
    assert done["already"] is False and done["touch_id"] == 1
    touch = run_json("touch", "list")[0]
    assert touch["at"] == "2026-11-16T11:00:00+01:00"
    # and the outcome and a contact, too, are on the user's clock
    run("touch", "add", "--app", "1", "--channel", "email", "--direction", "in",
        "--kind", "reply", "--at", "2026-11-17T08:30")  # fmt: skip
    assert run_json("touch", "list")[1]["at"] == "2026-11-17T08:30:00+01:00"
    outcome = run_json("outcome", "--app", "1", "offer", "--at", "2026-11-18T09:15")
    assert outcome["outcome_at"] == "2026-11-18T09:15:00+01:00"


def test_done_at_a_time_before_the_window_opened_names_when_it_opens(
    run: Run, run_json: JsonRun, berlin_user_singapore_job: None
) -> None:
    # 09:30 Berlin: the interview (09:00-10:00 Berlin) is still on, no thank-you yet.
    for command in ("done", "skip"):
        extra = ("--reason", "thanked her in person") if command == "skip" else ()
        refused = run(command, "1-i1-thank-you-p1", "--at", "2026-11-16T09:30", *extra, code=2)
        error = refused.stderr.strip()
        assert "could not be done at 2026-11-16 09:30 CET" in error, error
        assert "its window opens at 2026-11-16 10:00 CET" in error, error
        assert "fix: give --at 2026-11-16T10:00+01:00 or later" in error, error
        assert len(error.splitlines()) == 1
    assert run_json("touch", "list") == []
    assert run_json("done", "1-i1-thank-you-p1", "--at", "2026-11-16T10:05")["already"] is False


def test_as_of_is_read_on_the_users_clock(
    run: Run, run_json: JsonRun, berlin_user_singapore_job: None
) -> None:
    # 09:59 Berlin: the interview is still on; 10:01 Berlin: it is over, a thank-you waits.
    assert run_json("app", "show", "1", "--as-of", "2026-11-16T09:59")["stage"] == "scheduled"
    after = run_json("plan", "--as-of", "2026-11-16T10:01")
    assert [a["kind"] for a in after][:1] == ["thank-you"]


def test_due_times_on_the_users_clock_with_the_recipients_beside(
    run: Run, berlin_user_singapore_job: None
) -> None:
    output = " ".join(run("today", "--as-of", "2026-11-17T09:00").stdout.split())
    line = output[output.index("thank-you by email to Tan Wei Ling") :]
    line = line[: line.index("[1-i1-thank-you-p1]")]
    # the year is shown only for a date outside the current one
    assert "2026" not in line
    later = run("plan", "--as-of", "2026-12-20T09:00").stdout
    # seen from 2026, a due date of next year carries its year ("Mon 15 Feb 2027")
    assert re.search(r"due \w{3} \d{2} \w{3} 2027 ", later), later


def test_today_gives_one_line_per_action_and_the_rules_with_why(
    run: Run, berlin_user_singapore_job: None
) -> None:
    plain = run("today", "--as-of", "2026-11-17T09:00").stdout
    assert "Lion Data - Analyst" in plain
    assert "Thank Tan Wei Ling for the video interview" in " ".join(plain.split())  # the why
    assert "SEED-" not in plain  # no rule ids without --why
    assert all(len(line) <= 120 for line in plain.splitlines())
    explained = run("today", "--as-of", "2026-11-17T09:00", "--why").stdout
    assert "rules: SEED-" in explained


# ---- --as-of T shows the world as it was at T ----------------------------------------------

AS_OF = "2026-11-16T12:00"
LATER_DAYS = st.integers(min_value=1, max_value=10)
LATER_RECORD = st.one_of(
    st.tuples(st.just("touch-in"), st.sampled_from(["reply", "rejection", "offer"]), LATER_DAYS),
    st.tuples(st.just("touch-out"), st.sampled_from(["message", "status-check"]), LATER_DAYS),
    st.tuples(st.just("outcome"), st.sampled_from(["rejected", "offer", "withdrawn"]), LATER_DAYS),
    st.tuples(st.just("thanked"), st.just("thank-you"), LATER_DAYS),
)


def _add_later(run: Run, record: tuple[str, str, int]) -> None:
    what, kind, days = record
    at = f"2026-11-{16 + days:02d}T10:00"
    if what == "outcome":
        run("outcome", "--app", "1", kind, "--at", at)
    elif what == "thanked":
        run("touch", "add", "--app", "1", "--person", "1", "--channel", "email",
            "--direction", "out", "--kind", kind, "--at", at)  # fmt: skip
    else:
        direction = "in" if what == "touch-in" else "out"
        run("touch", "add", "--app", "1", "--channel", "email", "--direction", direction,
            "--kind", kind, "--at", at)  # fmt: skip


@settings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(LATER_RECORD, min_size=1, max_size=3))
def test_plan_as_of_t_ignores_records_dated_later_than_t(
    run: Run, run_json: JsonRun, berlin_user_singapore_job: None, records: list[Any]
) -> None:
    before = run_json("plan", "--as-of", AS_OF)
    shown = run_json("app", "show", "1", "--as-of", AS_OF)
    assert [a["kind"] for a in before][:1] == ["thank-you"]
    for record in records:
        _add_later(run, record)
    assert run_json("plan", "--as-of", AS_OF) == before
    again = run_json("app", "show", "1", "--as-of", AS_OF)
    assert (again["stage"], again["touches"], again["outcome"]) == (
        shown["stage"],
        shown["touches"],
        shown["outcome"],
    )
