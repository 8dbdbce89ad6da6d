"""A whole search through the CLI, on SQLite and PostgreSQL: saved -> applied -> the check on
the application -> interview -> an offer with a deadline while another application waits ->
hired -> the withdrawal from the other one planned, with its draft."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from cli_support import Run, business_days_ahead, weekday_ago

JsonRun = Callable[..., Any]
TODAY = date.today()


pytestmark = pytest.mark.usefixtures("each_database")


def kinds(run_json: JsonRun, app_id: int) -> dict[str, dict[str, Any]]:
    return {a["kind"]: a for a in run_json("plan", "--app", str(app_id))}


def test_a_whole_search_from_saved_to_hired(run: Run, run_json: JsonRun) -> None:
    run("prefs", "set", "--playbook", "prompt", "--tz", "America/New_York")
    run("profile", "set", "--name", "Sam Rivera", "--email", "sam@example.org",
        "--qualifications", "six years of building data pipelines in Python")  # fmt: skip

    # saved: found, not applied for; nothing to follow up
    run("app", "add", "--company", "Acme Analytics Inc.", "--display-name", "Acme",
        "--role", "Data Engineer", "--country", "US", "--tz", "America/New_York", "--saved",
        "--url", "https://jobs.acme.example/17", "--source", "referral", "--tag", "python",
        "--salary-min", "110000", "--salary-max", "130000", "--salary-currency", "USD",
        "--salary-period", "year")  # fmt: skip
    run("person", "add", "--app", "1", "--name", "Rob Stone", "--email", "rob@acme.example",
        "--role", "recruiter")  # fmt: skip
    assert run_json("app", "list", "--stage", "saved")[0]["id"] == 1
    assert run_json("plan") == []

    # applied: one polite check about two weeks later, to the recruiter
    run("app", "set", "1", "--applied-on", weekday_ago(16).isoformat())
    check = kinds(run_json, 1)["status-check"]
    assert check["id"] == "1-application-check"
    assert check["rule_ids"][0] == "PROMPT-APPLICATION-CHECK"
    draft = run("draft", check["id"]).stdout
    assert "Dear Rob," in draft and "application for the Data Engineer position at Acme" in draft
    run("done", check["id"])
    assert run_json("plan", "--app", "1") == []

    # another application, waiting for an answer
    run("app", "add", "--company", "Beta", "--role", "Data Engineer", "--country", "US",
        "--tz", "America/Chicago", "--applied-on", weekday_ago(6).isoformat())  # fmt: skip
    run("person", "add", "--app", "2", "--name", "Tan Wei Ling", "--call-me", "Wei Ling",
        "--email", "wl@beta.example", "--role", "recruiter")  # fmt: skip
    assert [a["stage"] for a in run_json("app", "list")] == ["applied", "applied"]

    # the interview at Acme, and its thank-you
    run("person", "add", "--app", "1", "--name", "Ana Ruiz", "--email", "ana@acme.example",
        "--role", "hiring-manager")  # fmt: skip
    day = weekday_ago(1).isoformat()
    note = "3=moving their batch jobs to streaming"
    run("interview", "add", "--app", "1", "--at", f"{day}T10:00", "--end", f"{day}T11:00",
        "--kind", "video", "--with", "3", "--note", note)  # fmt: skip
    thanks = kinds(run_json, 1)["thank-you"]
    assert "Dear Ana," in run("draft", thanks["id"]).stdout
    run("done", thanks["id"])

    # an offer with a deadline while Beta is still waiting
    deadline = business_days_ahead(7)
    run("outcome", "--app", "1", "offer", "--offer-deadline", deadline.isoformat(),
        "--offer-base", "125000", "--offer-bonus", "10000", "--offer-currency", "USD")  # fmt: skip
    acme = kinds(run_json, 1)
    assert {"offer-ack", "offer-decision"} <= set(acme)
    assert datetime.fromisoformat(acme["offer-decision"]["latest"]).date() == deadline
    run("app", "set", "2", "--competing-offer-by", deadline.isoformat())
    competing = kinds(run_json, 2)["competing-offer"]
    assert datetime.fromisoformat(competing["latest"]).date() <= deadline
    assert "Dear Wei Ling," in run("draft", competing["id"]).stdout
    (offer,) = run_json("offers")
    assert (offer["company"], offer["total"], offer["deadline"]) == (
        "Acme", 135000, deadline.isoformat(),
    )  # fmt: skip

    # hired: Beta is withdrawn, its note planned and drafted
    result = run("outcome", "--app", "1", "hired").stdout
    assert "application 2 (Beta): withdrawn" in result
    assert run_json("app", "show", "1")["stage"] == "hired"
    assert run_json("plan", "--app", "1") == []
    beta = run_json("app", "show", "2")
    assert beta["stage"] == "withdrawn" and beta["outcome_reason"] == "hired-elsewhere"
    (withdrawal,) = run_json("plan", "--app", "2")
    assert withdrawal["kind"] == "withdrawal"
    assert withdrawal["rule_ids"][0] == "PROMPT-WITHDRAW-OTHERS"
    letter = run("draft", withdrawal["id"]).stdout
    assert "Dear Wei Ling," in letter and "withdraw my application" in letter
    assert run_json("offers") == []
    run("done", withdrawal["id"])
    assert run_json("plan") == []
