"""The JSON API's writes over HTTP (in-process, through the same guards as a browser): a
journey from an empty search to a planned thank-you done and undone (on SQLite and on
PostgreSQL), and each write's refusals: an unknown id is a 404, bad input a 400 or 422
naming the member, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient
from webtools import form_token, seed_search

from followup.app.context import Context


class Api:
    """The in-process client as an API client: its cookie and the matching token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.headers = {"X-CSRF-Token": form_token(client)}

    def call(self, method: str, path: str, body: Any = None, status: int = 200) -> Any:
        answer = self.client.request(method, path, json=body, headers=self.headers)
        assert answer.status_code == status, answer.text
        assert answer.headers["content-type"] == "application/json"
        return answer.json()

    def refused(self, method: str, path: str, body: Any, status: int) -> dict[str, Any]:
        error: dict[str, Any] = self.call(method, path, body, status)["error"]
        assert error["message"].endswith(".") and not error["message"][:1].islower()
        return error


@pytest.fixture
def each_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app over SQLite, and over PostgreSQL (marked `postgres`): server mode's store."""
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)


def planned(api: Api, app_id: int) -> dict[str, dict[str, Any]]:
    """The application's planned actions by kind."""
    detail = api.call("GET", f"/api/applications/{app_id}")
    return {a["kind"]: a for a in detail["actions"]}


@pytest.mark.usefixtures("each_database")
def test_a_journey_add_done_see_the_plan_move_undo(client: TestClient) -> None:
    api = Api(client)
    app = api.call(
        "POST",
        "/api/applications",
        {"company": "Northwind", "role": "Data Engineer", "country": "US", "tz": "America/Chicago"},
        201,
    )
    person = api.call(
        "POST",
        f"/api/applications/{app['id']}/people",
        {"name": "Priya Raman", "email": "priya@northwind.example"},
        201,
    )
    interview = api.call(
        "POST",
        f"/api/applications/{app['id']}/interviews",
        {
            "start": "2026-03-03T09:00:00",
            "end": "2026-03-03T10:00:00",
            "kind": "video",
            "person_ids": [person["id"]],
            "notes": {str(person["id"]): "their plan to retire the nightly batch loads"},
        },
        201,
    )
    assert interview["person_ids"] == [person["id"]]
    before = planned(api, app["id"])
    thank_you = before["thank-you"]
    assert thank_you["person_id"] == person["id"]

    done = api.call("POST", f"/api/actions/{thank_you['id']}/done")
    assert done == {"action_id": thank_you["id"], "already": False}
    after = planned(api, app["id"])
    assert "thank-you" not in after  # the plan moved on to what comes after it
    assert after  # something is still planned (the status check after the interview)
    timeline = api.call("GET", f"/api/applications/{app['id']}")
    assert thank_you["id"] not in timeline["action_ids"]

    undone = api.call("POST", "/api/undo")
    assert undone["undone"] is True
    assert planned(api, app["id"])["thank-you"]["id"] == thank_you["id"]
    log = api.call("GET", "/api/changes?limit=5")
    assert log[0]["id"] == undone["id"] and log[0]["undone"] is True


def test_changes_of_an_application_and_its_offer(client: TestClient, web_ctx: Context) -> None:
    seed_search(web_ctx)
    api = Api(client)
    changed = api.call(
        "PATCH",
        "/api/applications/1",
        {"location": "Boston", "work_mode": "hybrid", "add_tags": ["Referral"], "notes": "x"},
    )
    assert (changed["location"], changed["work_mode"], changed["tags"]) == (
        "Boston",
        "hybrid",
        ["referral"],
    )
    cleared = api.call("PATCH", "/api/applications/1", {"location": None})
    assert cleared["location"] is None and cleared["work_mode"] == "hybrid"
    moved = api.call("POST", "/api/applications/1/move", {"to": "offer"})
    assert moved["outcome"] == "offer"
    terms = api.call(
        "PUT",
        "/api/applications/1/offer",
        {"deadline": "2026-03-20", "base": 150000, "currency": "USD"},
    )
    assert terms["offer"]["base"] == 150000 and terms["offer"]["deadline"] == "2026-03-20"
    offers = api.call("GET", "/api/offers")
    assert [o["base"] for o in offers] == [150000]
    reopened = api.call("POST", "/api/applications/1/move", {"to": "open"})
    assert reopened["outcome"] is None
    with_terms = api.call(
        "POST",
        "/api/applications/1/outcome",
        {"outcome": "offer", "offer": {"bonus": 10000}},
    )
    assert with_terms["offer"]["bonus"] == 10000 and with_terms["offer"]["base"] == 150000


@pytest.mark.usefixtures("each_database")
def test_people_interviews_and_contacts_change_and_go(client: TestClient, web_ctx: Context) -> None:
    interview_id = seed_search(web_ctx)
    api = Api(client)
    second = api.call(
        "POST", "/api/applications/1/people", {"name": "D. Chen", "title": "Staff SRE"}, 201
    )
    renamed = api.call("PATCH", f"/api/people/{second['id']}", {"phone": "+1 617 555 0199"})
    assert renamed["phone"] and renamed["title"] == "Staff SRE"
    merged = api.call("POST", "/api/people/1/merge", {"other_id": second["id"]})
    assert merged["kept_id"] == 1 and merged["change_id"] is not None
    people = api.call("GET", "/api/applications/1")["people"]
    assert [p["id"] for p in people] == [1]

    moved = api.call(
        "PATCH", f"/api/interviews/{interview_id}", {"location": "Pier 4", "cancelled": True}
    )
    assert moved["cancelled"] is True and moved["location"] == "Pier 4"
    touch = api.call(
        "POST",
        "/api/applications/1/touches",
        {"at": "2026-03-04T09:30:00", "channel": "email", "direction": "in", "kind": "reply"},
        201,
    )
    assert touch["kind"] == "reply" and touch["app_id"] == 1
    gone = api.call("DELETE", f"/api/touches/{touch['id']}")
    assert gone["what"] == "contact" and gone["change_id"] is not None
    assert api.call("DELETE", f"/api/interviews/{interview_id}")["what"] == "interview"
    assert api.call("GET", "/api/applications/1")["interviews"] == []
    api.call("POST", "/api/undo")
    assert [i["id"] for i in api.call("GET", "/api/applications/1")["interviews"]] == [interview_id]
    deleted = api.call("DELETE", "/api/applications/1")
    assert deleted == {"what": "application", "id": 1, "change_id": deleted["change_id"]}
    api.refused("GET", "/api/applications/1", None, 404)
    api.call("POST", "/api/undo")
    assert api.call("GET", "/api/applications/1")["company"] == "Acme"


def test_unknown_ids_are_404_with_the_code(client: TestClient, web_ctx: Context) -> None:
    seed_search(web_ctx)
    api = Api(client)
    for method, path, body, code in [
        ("PATCH", "/api/applications/99", {"notes": "x"}, "application.not-found"),
        ("DELETE", "/api/applications/99", None, "application.not-found"),
        ("PATCH", "/api/people/99", {"name": "X"}, "person.not-found"),
        ("DELETE", "/api/people/99", None, "person.not-found"),
        ("PATCH", "/api/interviews/99", {"location": "X"}, "interview.not-found"),
        ("POST", "/api/applications/99/touches", {
            "at": "2026-03-04T09:30:00", "channel": "email", "direction": "in"
        }, "application.not-found"),
        ("PUT", "/api/actions/1~nothing/draft", {"text": "Hi"}, None),
        ("POST", "/api/actions/1~nothing/draft/lint", {"text": "Hi"}, None),
        ("DELETE", "/api/actions/1~nothing/draft", None, None),
        ("DELETE", "/api/touches/99", None, "touch.not-found"),
        ("POST", "/api/people/1/merge", {"other_id": 99}, "person.not-found"),
    ]:  # fmt: skip
        error = api.refused(method, path, body, 404)
        if code is not None:
            assert error["code"] == code, (path, error)


def test_bad_input_names_the_member_and_writes_nothing(
    client: TestClient, web_ctx: Context
) -> None:
    seed_search(web_ctx, profile=True)
    api = Api(client)
    before = api.call("GET", "/api/changes")
    zone = api.refused("PATCH", "/api/applications/1", {"tz": "Mars/Olympus"}, 400)
    assert (zone["code"], zone["field"]) == ("zone.unknown", "tz")
    assert "IANA" in zone["message"]  # the fix, worded for an API client
    ends = api.refused(
        "PATCH",
        "/api/interviews/1",
        {"start": "2026-03-03T12:00:00", "end": "2026-03-03T11:00:00"},
        400,
    )
    assert ends["field"] == "end"
    kind = api.refused(
        "POST",
        "/api/applications/1/touches",
        {"at": "2026-03-04T09:30:00", "channel": "email", "direction": "out", "kind": "offer"},
        400,
    )
    assert (kind["code"], kind["field"]) == ("touch.inbound-kind", "kind")
    typo = api.refused("PATCH", "/api/applications/1", {"compnay": "Acme"}, 422)
    assert (typo["code"], typo["field"]) == ("request.invalid", "compnay")
    later = api.refused("POST", "/api/actions/1~x/send", {"how": "later"}, 422)
    assert "send_at" in later["problem"] and not later["problem"].startswith("body")
    book = api.refused("PATCH", "/api/preferences", {"playbook": "../../etc/passwd"}, 400)
    assert book["code"] == "choice.unknown"
    for method, path in [("PATCH", "/api/applications/1"), ("DELETE", "/api/people/1")]:
        unguarded = client.request(method, path, json={"notes": "x"})  # no CSRF token
        assert unguarded.status_code == 403
    assert api.call("GET", "/api/changes") == before  # nothing was written


def test_drafts_are_kept_linted_and_reset(client: TestClient, web_ctx: Context) -> None:
    seed_search(web_ctx, profile=True)
    api = Api(client)
    action = planned(api, 1)["thank-you"]
    draft = api.call("GET", f"/api/actions/{action['id']}/draft")
    text = f"Subject: {draft['subject']}\n\n{draft['body']}"
    shouting = text + "\nPLEASE ANSWER ASAP!!!"
    linted = api.call("POST", f"/api/actions/{action['id']}/draft/lint", {"text": shouting})
    assert linted["findings"] and linted["body"].rstrip().endswith("ASAP!!!")
    assert api.call("GET", f"/api/actions/{action['id']}/draft")["body"] == draft["body"]
    kept = api.call("PUT", f"/api/actions/{action['id']}/draft", {"text": text + "\nSam"})
    assert kept["body"].rstrip().endswith("Sam")
    assert api.call("GET", f"/api/actions/{action['id']}/draft")["body"].rstrip().endswith("Sam")
    reset = api.call("DELETE", f"/api/actions/{action['id']}/draft")
    assert reset["body"] == draft["body"]


def test_preferences_and_profile(client: TestClient) -> None:
    api = Api(client)
    assert api.call("GET", "/api/profile")["complete"] is False
    profile = api.call("PATCH", "/api/profile", {"name": "Sam Rivera", "email": "sam@example.org"})
    assert profile["name"] == "Sam Rivera" and profile["email"] == "sam@example.org"
    bad = api.refused("PATCH", "/api/profile", {"email": "not an address"}, 400)
    assert bad["code"] == "profile.email"
    prefs = api.call("PATCH", "/api/preferences", {"user_tz": "Europe/Berlin"})
    assert prefs["user_tz"] == "Europe/Berlin" and prefs["sources"]["user_tz"] == "owner"
    override = api.refused(
        "PATCH", "/api/preferences", {"overrides": {"timing.no_such_setting": 3}}, 400
    )
    assert override["field"] == "overrides"
    assert api.call("GET", "/api/preferences")["playbook_overrides"] == {}


def test_upload_books_an_invitation(client: TestClient, web_ctx: Context) -> None:
    seed_search(web_ctx, profile=True)
    api = Api(client)
    invitation = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//followup tests//EN",
            "METHOD:REQUEST",
            "BEGIN:VEVENT",
            "UID:panel-7@acme.example",
            "SEQUENCE:0",
            "DTSTAMP:20260304T120000Z",
            "DTSTART:20260310T150000Z",
            "DTEND:20260310T160000Z",
            "SUMMARY:Panel interview with Acme",
            "ORGANIZER:mailto:dana@acme.example",
            "ATTENDEE;CN=Dana Chen:mailto:dana@acme.example",
            "ATTENDEE;CN=Sam Rivera:mailto:sam@example.org",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    body = {"filename": "panel.ics", "content": invitation, "app_id": 1}
    booked = api.call("POST", "/api/upload", body)
    assert booked["kind"] == "ics" and len(booked["results"]) == 1
    assert booked["results"][0]["app_id"] == 1 and booked["results"][0]["interview_id"]
    again = api.call("POST", "/api/upload", body)  # the same file twice books it once
    assert again["results"][0]["interview_id"] == booked["results"][0]["interview_id"]
    assert len(api.call("GET", "/api/applications/1")["interviews"]) == 2
    wrong = api.refused("POST", "/api/upload", {**body, "content": "hello"}, 400)
    assert wrong["code"] == "invite.unusable"


def test_an_uploaded_message_that_matches_nothing_waits_on_review(
    client: TestClient, web_ctx: Context
) -> None:
    """An .eml without an invitation is filed as the mailbox sync files mail: one from a
    stranger waits on the review list, and the same file twice is one item."""
    seed_search(web_ctx, profile=True)
    api = Api(client)
    text = (
        "From: Lee Okafor <lee@unknown-co.example>\r\nTo: Sam Rivera <sam@example.org>\r\n"
        "Subject: Catching up next week\r\nMessage-ID: <catch-up-1@unknown-co.example>\r\n"
        "Date: Tue, 03 Mar 2026 09:00:00 +0000\r\n\r\n"
        "Hi Sam, are you free for a coffee next Tuesday? Lee\r\n"
    )
    body = {"filename": "note.eml", "content": text}
    first = api.call("POST", "/api/upload", body)
    assert first["kind"] == "eml" and first["results"] == []
    assert first["filed"]["outcome"] == "review" and first["filed"]["review_id"]
    again = api.call("POST", "/api/upload", body)
    assert again["filed"]["review_id"] == first["filed"]["review_id"]
    waiting = api.call("GET", "/api/review")
    items = waiting["items"] if isinstance(waiting, dict) else waiting
    assert [i["id"] for i in items].count(first["filed"]["review_id"]) == 1


def test_the_document_links_created_records_to_their_uses(client: TestClient) -> None:
    """OpenAPI links: the id a creating call answers feeds the calls on that record."""
    document = client.get("/api/openapi.json").json()
    created = document["paths"]["/api/applications"]["post"]["responses"]["201"]
    show = created["links"]["ShowIt"]
    assert show["parameters"] == {"app_id": "$response.body#/id"}
    path, method = show["operationRef"].removeprefix("#/paths/").split("/")
    assert (path.replace("~1", "/"), method) == ("/api/applications/{app_id}", "get")
    for linked in document["paths"].values():
        for operation in linked.values():
            for response in operation.get("responses", {}).values():
                for link in response.get("links", {}).values():
                    where, how = link["operationRef"].removeprefix("#/paths/").split("/")
                    assert how in document["paths"][where.replace("~1", "/")], link
