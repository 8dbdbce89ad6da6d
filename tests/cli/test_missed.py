"""A plan that never piles up, through the CLI on SQLite and PostgreSQL: an action overdue
for more than `pipeline.missed_after_business_days` is missed, the sequence moves on as if it
was skipped, and `today` shows it once under "Missed" with one line of advice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from cli_support import Run, weekday_ago

JsonRun = Callable[..., Any]


pytestmark = pytest.mark.usefixtures("each_database")


def interviewed(run: Run, days_ago: int, company: str = "Acme") -> None:
    app_id = run("app", "add", "--company", company, "--role", "Data Engineer", "--country",
                 "US", "--tz", "America/New_York").stdout.strip()  # fmt: skip
    email = f"ana@{company.lower()}.example"
    person = run("person", "add", "--app", app_id, "--name", "Ana Ruiz", "--email", email,
                 "--role", "hiring-manager").stdout.strip()  # fmt: skip
    day = weekday_ago(days_ago).isoformat()
    run("interview", "add", "--app", app_id, "--at", f"{day}T10:00", "--end", f"{day}T11:00",
        "--kind", "on-site", "--with", person)  # fmt: skip


def test_a_forgotten_thank_you_is_missed_once_and_nothing_stacks(
    run: Run, run_json: JsonRun
) -> None:
    interviewed(run, 12)
    view = run_json("today")
    (missed,) = view["missed"]
    assert missed["kind"] == "thank-you" and missed["status"] == "missed"
    assert "next message" in missed["advice"]
    kinds = [a["kind"] for g in view["applications"] for a in g["actions"]]
    assert "thank-you" not in kinds  # not stacked on top of what comes next
    plan = run_json("plan")
    assert [a["kind"] for a in plan] == ["estimate-request"]
    human = run("today").stdout
    assert human.count("Missed (1):") == 1 and "thank them in your next message" in human
    assert human.count(missed["id"]) == 1
    # done after all: it was not missed
    run("done", missed["id"])
    assert run_json("today")["missed"] == []


def test_weeks_of_silence_never_pile_up(run: Run, run_json: JsonRun) -> None:
    interviewed(run, 40)
    plan = run_json("plan")
    overdue = [a for a in plan if a["status"] == "overdue"]
    assert len(overdue) <= 1
    for action in overdue:
        assert datetime.fromisoformat(action["latest"]).date() >= weekday_ago(9)
    view = run_json("today")
    assert len(view["missed"]) <= 1  # the newest only, and only while it is recent
    shown = [a["kind"] for g in view["applications"] for a in g["actions"]]
    assert not {"thank-you", "estimate-request"} <= set(shown)


def test_the_playbook_number_decides(run: Run, run_json: JsonRun) -> None:
    interviewed(run, 12)
    run("prefs", "set", "--override", "pipeline.missed_after_business_days=30")
    assert run_json("today")["missed"] == []
    thanks = [a for a in run_json("plan") if a["kind"] == "thank-you"]
    assert [a["status"] for a in thanks] == ["overdue"]
