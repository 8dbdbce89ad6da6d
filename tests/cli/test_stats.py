"""`followup stats` on a small search whose numbers are worked out by hand."""

from __future__ import annotations

import json
from typing import Any

from cli_support import Run

AS_OF = "2026-03-20T09:00"


def _search(run: Run) -> None:
    for company in ("Acme", "Globex", "Initech", "Hooli"):
        run("app", "add", "--company", company, "--role", "Data Engineer")
    for app in ("1", "2", "4"):
        run(
            "person", "add", "--app", app, "--name", f"Person {app}", "--email", f"p{app}@x.example"
        )
    for app, person, day in (("1", "1", "03"), ("2", "2", "02"), ("4", "3", "03")):
        at = f"2026-03-{day}T10:00"
        end = f"2026-03-{day}T11:00"
        run(
            "interview",
            "add",
            "--app",
            app,
            "--at",
            at,
            "--end",
            end,
            "--kind",
            "video",
            "--with",
            person,
        )

    def touch(app: str, person: str, channel: str, direction: str, kind: str, at: str) -> None:
        run(
            "touch", "add", "--app", app, "--person", person, "--channel", channel,
            "--direction", direction, "--kind", kind, "--at", at,
        )  # fmt: skip

    touch("1", "1", "email", "out", "thank-you", "2026-03-04T09:00")  # 22 h after: answered
    touch("1", "1", "email", "in", "reply", "2026-03-06T09:00")  # 2 days after it
    touch("2", "2", "phone", "out", "call", "2026-03-08T10:00")  # 6 days after: no answer
    touch("4", "3", "linkedin", "out", "message", "2026-03-05T10:00")  # 1 day 23 h after
    touch("4", "3", "email", "in", "reply", "2026-03-10T10:00")  # 5 days after it
    run("outcome", "--app", "2", "rejected", "--at", "2026-03-11T10:00")
    run("outcome", "--app", "4", "offer", "--at", "2026-03-12T10:00")


def test_stats_of_a_search_worked_out_by_hand(run: Run) -> None:
    _search(run)
    found: dict[str, Any] = json.loads(run("stats", "--as-of", AS_OF, "--json").stdout)
    assert [(f["step"], f["applications"]) for f in found["funnel"]] == [
        ("applied", 4),
        ("interviewed", 3),
        ("followed up", 3),
        ("got a reply", 2),
        ("offer", 1),
        ("hired", 0),
    ]
    by_channel = {
        r["label"]: (r["follow_ups"], r["answered"]) for r in found["response_rate_by_channel"]
    }
    assert by_channel == {"email": (1, 1), "linkedin": (1, 1), "phone": (1, 0)}
    by_days = {
        r["label"]: (r["follow_ups"], r["answered"])
        for r in found["response_rate_by_days_to_follow_up"]
    }
    assert by_days == {"0-1 days": (2, 2), "4-7 days": (1, 0)}
    assert found["median_days_to_first_reply"] == 3.5
    assert found["by_stage"]["rejected"] == 1 and found["by_stage"]["offer"] == 1
    assert sum(found["by_stage"].values()) == 4
    shown = run("stats", "--as-of", AS_OF).stdout
    assert "Funnel" in shown and "Median time to a first reply: 3.5 days" in shown
    (email,) = [line for line in shown.splitlines() if line.startswith(" email ")]
    assert "100%" in email and email.rstrip().endswith("│ " + "█" * 30)


def test_stats_of_nothing(run: Run) -> None:
    assert run("stats").stdout == "No applications yet.\n"
    assert json.loads(run("stats", "--json").stdout)["median_days_to_first_reply"] is None
