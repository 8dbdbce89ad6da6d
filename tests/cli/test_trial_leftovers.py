"""What the user trial found after the first round, through the CLI on SQLite and PostgreSQL:
an interview booked after T is not part of `--as-of T`, a thank-you left open when the next
round ends is missed (not dropped without a word), and every time shown says whose clock it
is on (the reasons name the recipient's zone; the listings are on the user's clock)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from cli_support import Run, weekday_ago

JsonRun = Callable[..., Any]

pytestmark = pytest.mark.usefixtures("each_database")


@pytest.fixture
def berlin_user_singapore_job(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user in Berlin; a video interview in Singapore, 16:00-17:00 there (09:00-10:00 in
    Berlin) on Monday 16 November 2026."""
    monkeypatch.setenv("FOLLOWUP_USER_TZ", "Europe/Berlin")
    monkeypatch.setenv("FOLLOWUP_USER_COUNTRY", "DE")
    run("app", "add", "--company", "Merlion Labs", "--role", "Analyst", "--country", "SG",
        "--tz", "Asia/Singapore")  # fmt: skip
    run("person", "add", "--app", "1", "--name", "Lim Mei", "--email", "mei@merlion.example")
    run("interview", "add", "--app", "1", "--at", "2026-11-16T09:00", "--end",
        "2026-11-16T10:00", "--kind", "video", "--with", "1")  # fmt: skip


def test_an_interview_booked_after_t_is_not_part_of_as_of_t(run: Run, run_json: JsonRun) -> None:
    run("app", "add", "--company", "Fjord Tech", "--role", "Engineer", "--country", "US")
    run("person", "add", "--app", "1", "--name", "Ola Berg", "--email", "ola@fjord.example")
    ahead = (date.today() + timedelta(days=6)).isoformat()
    before = (date.today() - timedelta(days=2)).isoformat()
    run("interview", "add", "--app", "1", "--at", f"{ahead}T10:00", "--kind", "video")
    assert run_json("app", "show", "1")["stage"] == "scheduled"
    then = run_json("app", "show", "1", "--as-of", f"{before}T12:00")
    assert then["interviews"] == [] and then["stage"] == "applied"
    # one that had taken place by T stays, though it was typed in after T
    past = weekday_ago(5).isoformat()
    run("interview", "add", "--app", "1", "--at", f"{past}T10:00", "--end", f"{past}T11:00",
        "--kind", "phone", "--with", "1")  # fmt: skip
    then = run_json("app", "show", "1", "--as-of", f"{before}T12:00")
    assert [i["start"][:10] for i in then["interviews"]] == [past]
    assert then["stage"] != "scheduled"  # no next round known then


def test_a_thank_you_left_open_when_the_next_round_ends_is_missed(
    run: Run, run_json: JsonRun
) -> None:
    run("app", "add", "--company", "Fjord Tech", "--role", "Engineer", "--country", "US",
        "--tz", "America/New_York")  # fmt: skip
    run("person", "add", "--app", "1", "--name", "Ola Berg", "--email", "ola@fjord.example")
    first, second = weekday_ago(3).isoformat(), weekday_ago(1).isoformat()
    for day, kind in ((first, "phone"), (second, "on-site")):
        run("interview", "add", "--app", "1", "--at", f"{day}T10:00", "--end", f"{day}T11:00",
            "--kind", kind, "--with", "1")  # fmt: skip
    view = run_json("today")
    (missed,) = view["missed"]
    assert missed["id"] == "1-i1-thank-you-p1" and missed["status"] == "missed"
    ids = [a["id"] for g in view["applications"] for a in g["actions"]]
    assert "1-i1-thank-you-p1" not in ids and "1-i2-thank-you-p1" in ids
    human = run("today").stdout
    assert "Missed (1):" in human and "thank them in your next message" in human
    run("done", "1-i1-thank-you-p1")  # sent after all: not missed any more
    assert run_json("today")["missed"] == []


def test_a_reason_names_the_zone_of_the_time_it_gives(
    run: Run, berlin_user_singapore_job: None
) -> None:
    text = " ".join(run("today", "--as-of", "2026-11-17T09:00").stdout.split())
    assert re.search(r"send by \w{3} \d+ \w{3} \d\d:\d\d \+08\.", text), text


def test_listings_show_times_on_the_users_clock(
    run: Run, berlin_user_singapore_job: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # a table row on one line
    listed = " ".join(run("interview", "list").stdout.split())
    assert "Mon 16 Nov 09:00 CET" in listed and "16:00 +08" in listed, listed
    run("touch", "add", "--app", "1", "--channel", "email", "--direction", "in",
        "--kind", "reply", "--at", "2026-11-17T08:30")  # fmt: skip
    touches = " ".join(run("touch", "list").stdout.split())
    assert "Tue 17 Nov 08:30 CET" in touches, touches
    apps = " ".join(run("app", "list").stdout.split())
    assert re.search(r"due \w{3} \d\d \w{3}( \d{4})? \d\d:\d\d CET", apps), apps
