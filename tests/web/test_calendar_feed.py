"""The calendar feed: valid iCalendar that parses with `icalendar` and round-trips, UIDs
that stay across re-plans, SEQUENCE bumped on change, a token that can be rotated; and the
same file from `followup calendar export`."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner
from icalendar import Calendar
from starlette.testclient import TestClient
from webtools import NOW, seed_search

from followup.app.context import Context
from followup.app.interviews import InterviewChanges, update_interview
from followup.cli.main import cli


def feed_url(client: TestClient) -> str:
    page = client.get("/settings").text
    found = re.search(r'value="http://[^/"]+(/calendar/[0-9a-f]+\.ics)"', page)
    assert found is not None
    return found.group(1)


def events(data: bytes) -> dict[str, dict[str, object]]:
    calendar = Calendar.from_ical(data)
    return {
        str(e["UID"]): {
            "summary": str(e["SUMMARY"]),
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "sequence": int(e["SEQUENCE"]),
        }
        for e in calendar.walk("VEVENT")
    }


def test_the_feed_has_every_action_window_and_interview(
    client: TestClient, web_ctx: Context
) -> None:
    seed_search(web_ctx)
    response = client.get(feed_url(client))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    found = events(response.content)
    summaries = sorted(str(e["summary"]) for e in found.values())
    assert summaries == [
        "Estimate request to Dana Chen (Acme)",
        "Interview: Acme, SRE (on site)",
        "Thank you to Dana Chen (Acme)",
    ]
    interview = next(e for e in found.values() if str(e["summary"]).startswith("Interview"))
    start = interview["start"]
    assert isinstance(start, datetime) and start.utcoffset() is not None
    assert str(start.tzinfo) == "America/New_York" and start.hour == 10
    calendar = Calendar.from_ical(response.content)
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    # Round trip: what the library writes back parses to the same events.
    assert events(calendar.to_ical()) == found


def test_uids_stay_and_sequence_grows_when_an_event_changes(
    client: TestClient, web_ctx: Context
) -> None:
    interview_id = seed_search(web_ctx)
    url = feed_url(client)
    first = events(client.get(url).content)
    assert {e["sequence"] for e in first.values()} == {0}
    assert events(client.get(url).content) == first  # nothing changed: nothing bumped
    update_interview(
        web_ctx,
        InterviewChanges(
            interview_id, {"start": datetime(2026, 3, 3, 14, 0), "end": datetime(2026, 3, 3, 15, 0)}
        ),
    )
    second = events(client.get(url).content)
    assert set(second) == set(first)  # the same UIDs across the re-plan
    moved = next(uid for uid, e in second.items() if str(e["summary"]).startswith("Interview"))
    assert second[moved]["sequence"] == 1
    assert second[moved]["start"] != first[moved]["start"]
    for uid, event in second.items():
        changed = (event["start"], event["end"]) != (first[uid]["start"], first[uid]["end"])
        assert event["sequence"] == (1 if changed else 0)


def test_the_address_can_be_rotated(client: TestClient, web_ctx: Context) -> None:
    seed_search(web_ctx)
    old = feed_url(client)
    assert client.get(old).status_code == 200
    assert client.get("/calendar/" + "0" * 40 + ".ics").status_code == 404
    from followup.web.security import CSRF_FIELD

    csrf = client.get("/api/session").json()["csrf_token"]
    rotated = client.post("/settings/calendar/rotate", data={CSRF_FIELD: csrf})
    assert rotated.status_code == 200 and "the old one no longer works" in rotated.text
    new = feed_url(client)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_calendar_export_writes_the_same_events(web_ctx: Context, tmp_path: Path) -> None:
    seed_search(web_ctx)
    target = tmp_path / "plan.ics"
    as_of = ["--as-of", NOW.isoformat()]  # the clock of the search, not the wall clock
    result = CliRunner().invoke(cli, ["calendar", "export", str(target), "--json", *as_of])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"file": str(target), "events": 3}
    assert len(events(target.read_bytes())) == 3
    human = CliRunner().invoke(cli, ["calendar", "export", str(target), "--force", *as_of])
    assert human.stdout.strip() == f"wrote 3 events to {target}"


def test_calendar_export_to_an_unwritable_place_is_refused(
    web_ctx: Context, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "dir" / "plan.ics"
    result = CliRunner().invoke(cli, ["calendar", "export", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write")
    assert not target.exists()


def test_the_feed_and_the_export_leave_undo_to_the_users_own_changes(
    client: TestClient, web_ctx: Context, tmp_path: Path
) -> None:
    interview_id = seed_search(web_ctx)

    def changes() -> list[str]:
        result = CliRunner().invoke(cli, ["log", "--json"])
        return [c["summary"] for c in json.loads(result.stdout)]

    before = changes()
    assert before
    CliRunner().invoke(cli, ["calendar", "export", str(tmp_path / "plan.ics")])
    assert client.get(feed_url(client)).status_code == 200
    update_interview(web_ctx, InterviewChanges(interview_id, {"location": "Room 4"}))
    mine = changes()
    assert len(mine) == len(before) + 1 and "calendar" not in mine[0]
    CliRunner().invoke(cli, ["calendar", "export", str(tmp_path / "again.ics")])
    undone = json.loads(CliRunner().invoke(cli, ["undo", "--json"]).stdout)
    assert undone["summary"] == mine[0]
    assert all("calendar" not in s for s in changes())
