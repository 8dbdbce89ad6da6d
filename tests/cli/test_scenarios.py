"""Acceptance scenarios A-E (playbook notes, section 5) end to end through the CLI:
record what happened, then read `plan --json` and `app show --json` as a script would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from cli_support import Run, words

ACTION_FIELDS = {
    "id",
    "app_id",
    "person_id",
    "kind",
    "channel",
    "earliest",
    "due",
    "latest",
    "rule_ids",
    "status",
    "why",
    "person_name",
    "company",
    "role",
}
JsonRun = Callable[..., Any]


@pytest.fixture
def acme(each_database: None, run: Run) -> None:
    """Acme in New York with Ana (hiring manager, interviewer) and Rob (recruiter), on SQLite
    and on PostgreSQL (so each scenario runs on both)."""
    run(*words("app add --company Acme --role 'Data Engineer' --country US --tz America/New_York"))
    run(
        *words(
            "person add --app 1 --name 'Ana Ruiz' --email ana@acme.example --role hiring-manager"
        )
    )
    run(
        *words(
            "person add --app 1 --name 'Rob Stone' --email rob@acme.example"
            " --phone '+1 212 555 0101' --role recruiter"
        )
    )


def plan(run_json: JsonRun, as_of: str) -> list[dict[str, Any]]:
    actions: list[dict[str, Any]] = run_json("plan", "--as-of", as_of)
    for action in actions:
        assert action.keys() >= ACTION_FIELDS
        for field in ("earliest", "due", "latest"):
            assert datetime.fromisoformat(action[field]).tzinfo is not None
    return actions


def of_kind(actions: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [a for a in actions if a["kind"] == kind]


def stage(run_json: JsonRun, as_of: str) -> str:
    return str(run_json("app", "show", "1", "--as-of", as_of)["stage"])


def interview_a(run: Run) -> None:
    run(
        *words(
            "interview add --app 1 --at 2026-03-03T10:00 --end 2026-03-03T11:00 --kind on-site"
            " --with 1 --note '1=moving their batch jobs to streaming' --decision-by 2026-03-13"
        )
    )


@pytest.mark.usefixtures("acme")
def test_a_deadline_status_check_final_note_then_no_response(run: Run, run_json: JsonRun) -> None:
    interview_a(run)
    (thanks,) = of_kind(plan(run_json, "2026-03-03T12:00"), "thank-you")
    assert thanks["id"] == "1-i1-thank-you-p1"
    assert (thanks["kind"], thanks["channel"], thanks["status"]) == ("thank-you", "email", "due")
    assert thanks["person_name"] == "Ana Ruiz" and thanks["company"] == "Acme"
    assert thanks["earliest"] == "2026-03-03T11:00:00-05:00"
    assert thanks["latest"] == "2026-03-06T17:00:00-05:00"
    assert "SEED-THANKS-INPERSON" in thanks["rule_ids"]
    run("done", thanks["id"], "--at", "2026-03-03T15:00")

    (status,) = plan(run_json, "2026-03-05T12:00")
    assert status["kind"] == "status-check" and status["status"] == "upcoming"
    assert status["earliest"] == status["due"] == "2026-03-16T08:00:00-04:00"
    assert status["rule_ids"][0] == "SEED-DEADLINE"
    assert run_json("today", "--as-of", "2026-03-10T12:00")["applications"] == []
    (group,) = run_json("today", "--as-of", "2026-03-16T09:00")["applications"]
    assert [a["id"] for a in group["actions"]] == [status["id"]]
    assert group["actions"][0]["explanation"][0].startswith("SEED-DEADLINE: ")
    run("done", status["id"], "--at", "2026-03-16T09:00")

    (final,) = plan(run_json, "2026-03-17T12:00")
    assert final["kind"] == "final-note" and final["due"] == "2026-03-23T09:00:00-04:00"
    assert "SEED-WEEK-ONE" in final["rule_ids"]
    run("done", final["id"], "--at", "2026-03-23T09:00")

    assert stage(run_json, "2026-03-27T12:00") == "waiting"
    assert plan(run_json, "2026-03-27T12:00") == []
    assert stage(run_json, "2026-03-30T12:00") == "no-response"
    assert [a["kind"] for a in plan(run_json, "2026-03-30T12:00")] == ["stay-in-touch"]
    touches = run_json("app", "show", "1")["touches"]
    assert [t["kind"] for t in touches] == ["thank-you", "status-check", "final-note"]
    assert [t["action_id"] for t in touches] == [thanks["id"], status["id"], final["id"]]


@pytest.mark.usefixtures("acme")
def test_a_reply_naming_a_new_date_sets_a_new_deadline(run: Run, run_json: JsonRun) -> None:
    interview_a(run)
    run(
        *words(
            "touch add --app 1 --person 1 --channel email --direction out --kind thank-you"
            " --at 2026-03-03T15:00"
        )
    )
    run(
        *words(
            "touch add --app 1 --person 2 --channel email --direction in --kind reply"
            " --at 2026-03-12T11:00 --decision-by 2026-03-20 --summary 'We need one more week'"
        )
    )
    (status,) = plan(run_json, "2026-03-12T12:00")
    assert status["kind"] == "status-check"
    assert status["due"] == "2026-03-23T08:00:00-04:00"  # the first business day after


@pytest.mark.usefixtures("acme")
def test_b_panel_three_thank_yous_count_as_one_contact(run: Run, run_json: JsonRun) -> None:
    for name in ("Kim Lee", "Omar Haddad", "Jo Park"):
        run(
            "person",
            "add",
            "--app",
            "1",
            "--name",
            name,
            "--email",
            f"{name.split()[0].lower()}@acme.example",
        )
    run(
        *words(
            "interview add --app 1 --at 2026-04-16T10:00 --end 2026-04-16T11:00 --kind panel"
            " --with 3 --with 4 --with 5 --note '3=their data contracts'"
            " --note '4=the on-call rota' --note '5=the quarterly planning'"
        )
    )
    shown = run_json("app", "show", "1")["interviews"][0]
    assert shown["notes"] == {
        "3": "their data contracts",
        "4": "the on-call rota",
        "5": "the quarterly planning",
    }
    thanks = of_kind(plan(run_json, "2026-04-16T12:00"), "thank-you")
    assert len(thanks) == 3
    assert sorted(a["person_id"] for a in thanks) == [3, 4, 5]
    assert len({a["id"] for a in thanks}) == 3
    for minute, action in zip(("00", "10", "20"), thanks, strict=True):
        run("done", action["id"], "--at", f"2026-04-16T15:{minute}")
    (estimate,) = plan(run_json, "2026-04-17T12:00")
    assert estimate["kind"] == "estimate-request"
    assert estimate["due"] == "2026-04-23T15:20:00-04:00"


@pytest.mark.usefixtures("acme")
def test_c_memorial_day_stretches_the_window(run: Run, run_json: JsonRun) -> None:
    run(
        *words(
            "interview add --app 1 --at 2026-05-22T15:30 --end 2026-05-22T16:30 --kind video"
            " --with 1"
        )
    )
    (thanks,) = of_kind(plan(run_json, "2026-05-22T19:00"), "thank-you")
    assert thanks["due"] == "2026-05-22T16:30:00-04:00"
    assert thanks["latest"] == "2026-05-26T12:00:00-04:00"
    assert thanks["status"] == "due"
    assert {"SEED-THANKS-OTHER", "CAL-WINDOW-STRETCH"} <= set(thanks["rule_ids"])
    run("done", thanks["id"], "--at", "2026-05-26T09:30")
    (estimate,) = plan(run_json, "2026-05-27T12:00")
    assert estimate["kind"] == "estimate-request"
    assert estimate["due"] == "2026-06-02T09:30:00-04:00"


@pytest.mark.usefixtures("acme")
@pytest.mark.parametrize("how", ["touch", "outcome"])
def test_d_rejection_cancels_nudges(run: Run, run_json: JsonRun, how: str) -> None:
    interview_a(run)
    if how == "touch":
        run(
            *words(
                "touch add --app 1 --person 2 --channel email --direction in --kind rejection"
                " --at 2026-03-05T10:00"
            )
        )
    else:
        run("outcome", "--app", "1", "rejected", "--at", "2026-03-05T10:00")
    actions = plan(run_json, "2026-03-05T11:00")
    assert [a["kind"] for a in actions] == ["rejection-reply", "stay-in-touch"]
    assert actions[0]["latest"] == "2026-03-09T17:00:00-04:00"
    assert actions[1]["due"] == "2026-05-04T10:00:00-04:00"
    assert "SEED-STAY-IN-TOUCH" in actions[1]["rule_ids"]
    assert stage(run_json, "2026-03-05T11:00") == "rejected"


@pytest.mark.usefixtures("acme")
def test_e_voicemail_next_contact_a_week_later_by_phone(run: Run, run_json: JsonRun) -> None:
    interview_a(run)
    run("done", "1-i1-thank-you-p1", "--at", "2026-03-03T15:00")
    run(
        *words(
            "touch add --app 1 --person 2 --channel voicemail --direction out --kind voicemail"
            " --at 2026-03-11T10:00"
        )
    )
    (call,) = plan(run_json, "2026-03-12T10:00")
    assert (call["kind"], call["channel"]) == ("call", "phone")
    assert datetime.fromisoformat(call["earliest"]) >= datetime.fromisoformat(
        "2026-03-18T10:00:00-04:00"
    )
    assert "SEED-ONE-METHOD" in call["rule_ids"]


@pytest.mark.usefixtures("acme")
def test_skip_closes_an_action(run: Run, run_json: JsonRun) -> None:
    interview_a(run)
    run(
        "skip", "1-i1-thank-you-p1", "--reason", "thanked her in person", "--at", "2026-03-03T12:00"
    )
    assert all(a["kind"] != "thank-you" for a in plan(run_json, "2026-03-03T13:00"))
    (skip,) = run_json("app", "show", "1")["skips"]
    assert skip["reason"] == "thanked her in person"
    # Skipping it again (a double submit) changes nothing and shows the first skip.
    again = run_json("skip", "1-i1-thank-you-p1", "--reason", "again", "--at", "2026-03-03T13:00")
    assert again["reason"] == "thanked her in person"
    assert run_json("app", "show", "1")["skips"] == [skip]
    # Doing it after skipping it: already closed, nothing recorded.
    done = run_json("done", "1-i1-thank-you-p1", "--at", "2026-03-03T13:00")
    assert done == {"action_id": "1-i1-thank-you-p1", "touch_id": None, "already": True}
    assert run_json("app", "show", "1")["touches"] == []


@pytest.mark.usefixtures("acme")
def test_a_mistaken_outcome_can_be_undone(run: Run, run_json: JsonRun) -> None:
    interview_a(run)
    run("outcome", "--app", "1", "hired", "--at", "2026-03-05T10:00")
    assert stage(run_json, "2026-03-05T11:00") == "hired"
    assert plan(run_json, "2026-03-05T11:00") == []
    run("outcome", "--app", "1", "none")
    assert stage(run_json, "2026-03-05T11:00") == "waiting"


@pytest.mark.usefixtures("acme")
def test_an_interview_booked_first_then_completed_after_it(run: Run, run_json: JsonRun) -> None:
    """The usual flow: book it, then after it add who was there, notes and the timeframe."""
    run("interview", "add", "--app", "1", "--at", "2026-03-02T10:00", "--kind", "on-site")
    # booked today: on 27 Feb nobody knew of it yet (`--as-of` shows what was known then)
    assert stage(run_json, "2026-02-27T12:00") == "applied"
    assert stage(run_json, "2026-03-02T12:00") == "waiting"  # it took place by then
    moved = run_json(
        "interview", "set", "1", "--at", "2026-03-03T10:00", "--end", "2026-03-03T11:00"
    )
    assert moved["start"] == "2026-03-03T10:00:00-05:00"
    run(
        *words(
            "interview set 1 --with 1 --note '1=batch jobs to streaming' --decision-by 2026-03-13"
        )
    )
    shown = run_json("interview", "list", "--app", "1")[0]
    assert shown["person_ids"] == [1] and shown["notes"] == {"1": "batch jobs to streaming"}
    (thanks,) = of_kind(plan(run_json, "2026-03-03T12:00"), "thank-you")
    assert thanks["id"] == "1-i1-thank-you-p1"
    run("done", thanks["id"], "--at", "2026-03-03T15:00")
    (status,) = plan(run_json, "2026-03-05T12:00")
    assert status["due"] == "2026-03-16T08:00:00-04:00"  # the decision date counts
    run("interview", "set", "1", "--cancelled")
    assert stage(run_json, "2026-03-05T12:00") == "applied"
