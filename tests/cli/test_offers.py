"""Offers and names through the CLI, on SQLite and PostgreSQL: an offer's deadline and terms,
the `offer-decision` reminder, `followup offers`, accepting (every other live application
withdrawn, each with its draft) and declining; the name a greeting uses (`--call-me`) and the
company's display name in drafts."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from cli_support import Run, business_days_ahead

JsonRun = Callable[..., Any]
TODAY = date.today()


@pytest.fixture(autouse=True)
def profile(each_database: None, run: Run) -> None:
    run("profile", "set", "--name", "Sam Rivera", "--email", "sam@example.org",
        "--qualifications", "six years of building data pipelines")  # fmt: skip


def add_app(run: Run, company: str, person: str, email: str, *extra: str) -> int:
    app_id = int(
        run("app", "add", "--company", company, "--role", "Data Engineer", "--country", "US",
            "--tz", "America/New_York", "--applied-on", (TODAY - timedelta(days=3)).isoformat(),
            *extra).stdout
    )  # fmt: skip
    run("person", "add", "--app", str(app_id), "--name", person, "--email", email,
        "--role", "recruiter")  # fmt: skip
    return app_id


# Employers with their recruiter, in the order add_apps adds them (application ids 1, 2, ...).
EMPLOYERS = [
    ("Acme", "Ana Ruiz", "ana@acme.example"),
    ("Beta", "Bo Berg", "bo@beta.example"),
    ("Gamma", "Gil Gray", "gil@gamma.example"),
    ("Delta", "Dee Dunn", "dee@delta.example"),
]


def add_apps(run: Run, count: int) -> None:
    for company, person, email in EMPLOYERS[:count]:
        add_app(run, company, person, email)


def actions_of(run_json: JsonRun, app_id: int, *args: str) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in run_json("plan", "--app", str(app_id), *args)}


def test_an_offer_keeps_its_terms_and_plans_a_decision_before_its_deadline(
    run: Run, run_json: JsonRun
) -> None:
    add_app(run, "Acme", "Ana Ruiz", "ana@acme.example")
    deadline = business_days_ahead(6)
    recorded = run_json(
        "outcome", "--app", "1", "offer", "--offer-deadline", deadline.isoformat(),
        "--offer-base", "120000", "--offer-bonus", "15000", "--offer-currency", "usd",
        "--offer-notes", "remote two days a week",
    )  # fmt: skip
    assert recorded["offer"] == {
        "deadline": deadline.isoformat(), "base": 120000, "bonus": 15000, "currency": "USD",
        "notes": "remote two days a week",
    }  # fmt: skip
    actions = actions_of(run_json, 1)
    decision = actions[f"1-offer-decision-{deadline:%Y%m%d}"]
    assert decision["kind"] == "offer-decision" and decision["channel"] == "task"
    assert decision["rule_ids"] == ["SEED-OFFER-DECISION"]
    due, latest = (
        datetime.fromisoformat(decision["due"]),
        datetime.fromisoformat(decision["latest"]),
    )
    assert due.date() == business_days_ahead(4)  # two business days before the deadline
    assert latest.date() == deadline and latest.hour == 17
    assert "1-offer-ack" in actions
    draft = run("draft", decision["id"]).stdout
    assert "base 120,000 USD; bonus 15,000 USD; remote two days a week" in draft
    assert "followup outcome --app 1 declined" in draft


def test_offers_compares_the_open_offers_soonest_deadline_first(
    run: Run, run_json: JsonRun
) -> None:
    add_app(run, "Acme", "Ana Ruiz", "ana@acme.example")
    add_app(run, "Beta Systems Inc.", "Bo Berg", "bo@beta.example", "--display-name", "Beta")
    add_app(run, "Gamma", "Gil Gray", "gil@gamma.example")
    assert run_json("offers") == []
    assert "No open offers" in run("offers").stdout
    run("outcome", "--app", "1", "offer", "--offer-deadline", business_days_ahead(9).isoformat(),
        "--offer-base", "100000", "--offer-currency", "USD")  # fmt: skip
    run("outcome", "--app", "2", "offer", "--offer-deadline", business_days_ahead(5).isoformat(),
        "--offer-base", "95000", "--offer-bonus", "10000", "--offer-currency", "USD")  # fmt: skip
    offers = run_json("offers")
    assert [(o["app_id"], o["company"], o["total"]) for o in offers] == [
        (2, "Beta", 105000), (1, "Acme", 100000),
    ]  # fmt: skip
    table = run("offers").stdout
    assert "#2 Beta" in table and "#1 Acme" in table and "105,000" in table
    assert table.index("#2 Beta") < table.index("#1 Acme")


def test_a_competing_offer_check_falls_before_the_other_offers_deadline(
    run: Run, run_json: JsonRun
) -> None:
    add_app(run, "Acme", "Ana Ruiz", "ana@acme.example")
    deadline = business_days_ahead(1)
    run("app", "set", "1", "--competing-offer-by", deadline.isoformat())
    check = next(a for a in run_json("plan") if a["kind"] == "competing-offer")
    assert datetime.fromisoformat(check["latest"]).date() <= deadline
    after = (deadline + timedelta(days=1)).isoformat() + "T12:00"
    assert not [a for a in run_json("plan", "--as-of", after) if a["kind"] == "competing-offer"]


def test_accepting_an_offer_withdraws_every_other_live_application(
    run: Run, run_json: JsonRun
) -> None:
    add_apps(run, 4)
    run("app", "add", "--company", "Epsilon", "--role", "Analyst", "--saved")
    run("outcome", "--app", "4", "rejected")
    run("outcome", "--app", "3", "offer")
    result = run_json("outcome", "--app", "1", "hired")
    closed = {a["id"]: (a["outcome"], a["outcome_reason"]) for a in result["closed"]}
    assert closed == {
        2: ("withdrawn", "hired-elsewhere"),
        3: ("declined", "hired-elsewhere"),
        5: ("withdrawn", "hired-elsewhere"),
    }
    withdrawal = actions_of(run_json, 2)["2-withdrawal"]
    assert withdrawal["rule_ids"][0] == "SEED-WITHDRAW-OTHERS"
    assert "accepted another offer" in withdrawal["why"]
    draft = run("draft", "2-withdrawal").stdout
    assert "Dear Bo," in draft and "withdraw my application" in draft
    decline = actions_of(run_json, 3)["3-offer-decline"]
    assert decline["rule_ids"][0] == "SEED-OFFER-DECLINE"
    assert "decline the offer" in run("draft", "3-offer-decline").stdout
    assert actions_of(run_json, 5) == {}  # never applied: nothing to send
    assert run_json("app", "show", "4")["outcome"] == "rejected"  # ended already: untouched
    human = run("outcome", "--app", "1", "none").stdout
    assert "application 1: none" in human
    # taking the hire back reopens what it closed
    assert run_json("app", "show", "2")["stage"] == "applied"
    assert run_json("app", "show", "3")["stage"] == "offer"


def test_a_hire_leaves_alone_what_the_employer_closed_and_declines_an_offer_by_message(
    run: Run, run_json: JsonRun
) -> None:
    add_apps(run, 3)
    yesterday = (datetime.now() - timedelta(days=1)).replace(microsecond=0).isoformat()
    for app, person, kind in (("2", "2", "rejection"), ("3", "3", "offer")):
        run("touch", "add", "--app", app, "--person", person, "--channel", "email",
            "--direction", "in", "--kind", kind, "--at", yesterday)  # fmt: skip
    assert run_json("app", "show", "2")["stage"] == "rejected"  # by their message alone
    result = run_json("outcome", "--app", "1", "hired")
    closed = {a["id"]: a["outcome"] for a in result["closed"]}
    assert closed == {3: "declined"}  # the offer by message is declined, not withdrawn
    assert "2-withdrawal" not in actions_of(run_json, 2)  # no withdrawal to who said no
    assert run_json("app", "show", "2")["stage"] == "rejected"


def test_declining_an_offer_plans_the_decline_note(run: Run, run_json: JsonRun) -> None:
    add_app(run, "Acme", "Ana Ruiz", "ana@acme.example")
    run("outcome", "--app", "1", "offer")
    run("outcome", "--app", "1", "declined")
    assert run_json("app", "show", "1")["stage"] == "declined"
    (decline,) = run_json("plan", "--app", "1")
    assert decline["kind"] == "offer-decline" and decline["person_name"] == "Ana Ruiz"
    draft = run("draft", decline["id"]).stdout
    assert "Dear Ana," in draft and "decline the offer" in draft
    run("done", decline["id"])
    assert run_json("plan", "--app", "1") == []


def test_the_name_they_go_by_greets_them_and_the_linter_accepts_it(
    run: Run, run_json: JsonRun, tmp_path: Any
) -> None:
    add_app(run, "Acme Holdings GmbH", "Tan Wei Ling", "wl@acme.example", "--display-name", "Acme")
    run("person", "edit", "1", "--call-me", "Wei Ling")
    run("outcome", "--app", "1", "offer")
    draft = run("draft", "1-offer-ack").stdout
    assert "Dear Wei Ling," in draft
    assert "role at Acme." in draft and "Holdings" not in draft
    # a name the greeting can't be guessed from: only --call-me makes it right
    run("person", "add", "--app", "1", "--name", "Robert Stone", "--email", "rs@acme.example",
        "--role", "hiring-manager", "--call-me", "Bob")  # fmt: skip
    letter = tmp_path / "note.txt"
    letter.write_text(
        "Subject: Thank you\n\nDear Bob,\n\nThank you for the offer for the Data Engineer "
        "role at Acme. I am delighted and will review the details carefully, and I will "
        "get back to you by Friday with my answer.\n\nBest regards,\nSam Rivera\n",
        encoding="utf-8",
    )
    found = run_json("lint", "--kind", "offer-ack", "--app", "1", "--person", "2", str(letter))
    assert found["findings"] == [], found
    run("person", "set", "2", "--call-me", "none")
    refused = run(
        "lint", "--kind", "offer-ack", "--app", "1", "--person", "2", str(letter), "--json", code=1
    )
    unknown = json.loads(refused.stdout)
    assert [f["rule"] for f in unknown["findings"]] == ["LINT-GREETING-NAME"]
