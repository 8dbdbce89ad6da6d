"""The pipeline before the interview through the CLI, on SQLite and PostgreSQL: an
application's details, the stages `saved` and `applied`, the one check on an unanswered
application (off in seed, on in prompt), and `app list`'s filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from cli_support import Run

JsonRun = Callable[..., Any]
TODAY = date.today()


pytestmark = pytest.mark.usefixtures("each_database")


def days_ago(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def add_applied(run: Run, company: str, applied: str, *extra: str) -> None:
    run("app", "add", "--company", company, "--role", "Data Engineer", "--country", "DE",
        "--tz", "Europe/Berlin", "--applied-on", applied, *extra)  # fmt: skip


def add_recruiter(run: Run, app_id: int, email: str | None = "rita@acme.example") -> None:
    args = ["person", "add", "--app", str(app_id), "--name", "Rita Lang", "--role", "recruiter"]
    run(*args, *(["--email", email] if email else []))


def plan(run_json: JsonRun, *args: str) -> list[dict[str, Any]]:
    actions: list[dict[str, Any]] = run_json("plan", *args)
    return actions


def test_a_saved_application_keeps_its_details_and_plans_nothing(
    run: Run, run_json: JsonRun
) -> None:
    created = run_json(
        "app", "add", "--company", "Acme Holdings GmbH", "--role", "Data Engineer", "--saved",
        "--url", "https://jobs.acme.example/42", "--source", "LinkedIn", "--location", "Berlin",
        "--work-mode", "hybrid", "--salary-min", "70000", "--salary-max", "85000",
        "--salary-currency", "eur", "--salary-period", "year", "--tag", "Python",
        "--tag", "remote", "--tag", "python", "--display-name", "Acme", "--notes", "via Jo",
    )  # fmt: skip
    assert created["saved"] is True and created["applied_on"] is None
    assert created["salary"] == {"min": 70000, "max": 85000, "currency": "EUR", "period": "year"}
    assert created["tags"] == ["python", "remote"]
    assert (created["job_url"], created["source"], created["location"], created["work_mode"]) == (
        "https://jobs.acme.example/42", "LinkedIn", "Berlin", "hybrid",
    )  # fmt: skip
    add_recruiter(run, 1)
    shown = run_json("app", "show", "1")
    assert shown["stage"] == "saved" and shown["actions"] == []
    assert shown["display_name"] == "Acme"
    human = run("app", "show", "1").stdout
    assert "applied: saved, not applied for; called: Acme; location: Berlin" in human
    assert "salary: 70,000-85,000 EUR a year" in human and "tags: python, remote" in human
    run("prefs", "set", "--playbook", "prompt")
    far = (TODAY + timedelta(days=60)).isoformat() + "T12:00"
    assert plan(run_json, "--as-of", far) == []  # never applied: nothing to follow up

    applied = run_json("app", "set", "1", "--applied-on", days_ago(3), "--untag", "remote")
    assert applied["saved"] is False and applied["applied_on"] == days_ago(3)
    assert applied["tags"] == ["python"]
    assert run_json("app", "show", "1")["stage"] == "applied"


def test_the_application_check_is_off_in_seed_and_on_in_prompt(run: Run, run_json: JsonRun) -> None:
    add_applied(run, "Acme", days_ago(20))
    add_recruiter(run, 1)
    assert plan(run_json) == []  # seed: the check is off
    assert "No interview yet" in " ".join(run_json("app", "show", "1")["plan_notes"])

    run("prefs", "set", "--playbook", "prompt")
    (check,) = plan(run_json)
    assert check["id"] == "1-application-check"
    assert check["kind"] == "status-check" and check["channel"] == "email"
    assert check["rule_ids"][0] == "PROMPT-APPLICATION-CHECK"
    assert check["person_name"] == "Rita Lang"
    # about two weeks after the day applied, at the start of the recipient's send hours
    due = datetime.fromisoformat(check["due"])
    assert due.date() >= TODAY - timedelta(days=6)
    assert due.date() <= TODAY - timedelta(days=6) + timedelta(days=3)
    rules = run_json("playbook", "show")
    text = str(rules)
    assert "PROMPT-APPLICATION-CHECK" in text and "Not from the article" in text

    # the seed playbook turned on by an override cites its own rule
    run("prefs", "set", "--playbook", "seed", "--override", "pipeline.application_check=true")
    (seeded,) = plan(run_json)
    assert seeded["rule_ids"][0] == "SEED-APPLICATION-CHECK"


def test_one_check_then_nothing(run: Run, run_json: JsonRun) -> None:
    run("prefs", "set", "--playbook", "prompt")
    add_applied(run, "Acme", days_ago(20))
    add_recruiter(run, 1)
    run("done", "1-application-check")
    far = (TODAY + timedelta(days=90)).isoformat() + "T12:00"
    assert plan(run_json, "--as-of", far) == []
    notes = run_json("app", "show", "1")["plan_notes"]
    assert any("One check on the application is all" in n for n in notes)


def test_no_check_without_a_contact_or_after_an_answer(run: Run, run_json: JsonRun) -> None:
    run("prefs", "set", "--playbook", "prompt")
    add_applied(run, "Acme", days_ago(20))
    add_recruiter(run, 1, email=None)
    assert plan(run_json) == []
    notes = run_json("app", "show", "1")["plan_notes"]
    assert any("No contact with an address" in n for n in notes)

    add_applied(run, "Beta", days_ago(20))
    add_recruiter(run, 2, email="rita@beta.example")
    assert [a["id"] for a in plan(run_json)] == ["2-application-check"]
    run("touch", "add", "--app", "2", "--person", "2", "--channel", "email", "--direction",
        "in", "--kind", "reply", "--at", days_ago(2) + "T10:00")  # fmt: skip
    assert plan(run_json) == []


def test_app_list_filters_sorts_and_searches(run: Run, run_json: JsonRun) -> None:
    add_applied(run, "Zeta Labs", days_ago(30), "--tag", "remote", "--tag", "python")
    add_applied(run, "Acme", days_ago(10), "--tag", "python", "--location", "Hamburg")
    run("app", "add", "--company", "Mid Corp", "--role", "Analyst", "--saved", "--tag", "remote")
    run("person", "add", "--app", "2", "--name", "Priya Natarajan", "--role", "recruiter")

    def ids(*args: str) -> list[int]:
        return [a["id"] for a in run_json("app", "list", *args)]

    assert ids() == [1, 2, 3]
    assert ids("--stage", "saved") == [3]
    assert ids("--stage", "applied") == [1, 2]
    assert ids("--tag", "remote") == [1, 3]
    assert ids("--tag", "REMOTE", "--tag", "python") == [1]
    assert ids("--company", "acm") == [2]
    assert ids("--since", days_ago(15)) == [2, 3]
    assert ids("--until", days_ago(15)) == [1]
    assert ids("--search", "hamburg") == [2]
    assert ids("--search", "priya") == [2]  # the people of the application count
    assert ids("--search", "analyst remote") == [3]
    assert ids("--sort", "company") == [2, 3, 1]
    assert ids("--sort", "applied") == [1, 2, 3]
    assert ids("--sort", "stage") == [3, 1, 2]
    human = run("app", "list", "--stage", "saved").stdout
    assert "Mid Corp" in human and "Acme" not in human
    bad = run("app", "list", "--stage", "sleeping", code=2)
    assert "--stage" in bad.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--url", "jobs.acme.example/42"), "https://"),
        (("--url", "ftp://acme.example/x"), "https://"),
        (("--salary-min", "90000", "--salary-max", "80000"), "--salary-min"),
        (("--salary-currency", "euro"), "ISO 4217"),
        (("--source", "Linked\nIn"), "one line"),
        (("--applied-on", "1900-01-01"), "between the years"),
        (("--work-mode", "moon"), "--work-mode"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_written(
    run: Run, run_json: JsonRun, args: tuple[str, ...], words: str
) -> None:
    result = run("app", "add", "--company", "Acme", "--role", "Engineer", *args, code=2)
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert run_json("app", "list") == []
