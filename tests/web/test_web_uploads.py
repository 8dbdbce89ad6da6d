"""Upload of an .ics or .eml over HTTP: an invitation books an interview (once, however
often it is sent), a message without one is only read, and a wrong type, a file too large,
an empty or malformed file, an unknown application or a missing CSRF token are refused
with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient
from webtools import form_token, seed_search

from followup.app.context import Context
from followup.web.uploads import MAX_UPLOAD

FILES = Path(__file__).parent.parent / "fixtures" / "web"
INVITE = (FILES / "second_round.ics").read_bytes()
REPLY = (FILES / "unmatched_reply.eml").read_bytes()


def post_file(
    client: TestClient, name: str, raw: bytes, app_id: str = "", csrf: str | None = None
) -> tuple[int, str]:
    answer = client.post(
        "/upload",
        data={"csrf_token": form_token(client) if csrf is None else csrf, "app_id": app_id},
        files={"file": (name, raw, "application/octet-stream")},
        follow_redirects=False,
    )
    return answer.status_code, answer.text


def uploaded(client: TestClient, name: str, raw: bytes) -> str:
    """The page after an upload that went through."""
    status, text = post_file(client, name, raw)
    assert status == 200, text
    return text


def interviews(ctx: Context) -> list[tuple[str, int]]:
    from followup.app.applications import list_applications

    return [
        (i.start.isoformat(), len(i.person_ids))
        for p in list_applications(ctx)
        for i in p.history.interviews
    ]


@pytest.fixture
def before(web_ctx: Context) -> list[tuple[str, int]]:
    """Acme with Dana, her interview and the candidate's profile: the interviews before."""
    seed_search(web_ctx, profile=True)
    return interviews(web_ctx)


def test_an_invitation_books_the_interview_once(
    client: TestClient, web_ctx: Context, before: list[tuple[str, int]]
) -> None:
    text = uploaded(client, "second_round.ics", INVITE)
    assert "What the file changed" in text and "interview 2 of application 1" in text
    after = interviews(web_ctx)
    assert len(after) == len(before) + 1
    # 14:00 in New York on 10 March (EDT), with Lee (Dana organises it), not the candidate
    assert ("2026-03-10T18:00:00+00:00", 1) in after
    uploaded(client, "second_round.ics", INVITE)  # sent again: no change
    assert interviews(web_ctx) == after


def test_a_message_that_matches_nothing_waits_on_review(
    client: TestClient, web_ctx: Context, before: list[tuple[str, int]]
) -> None:
    text = uploaded(client, "reply.EML", REPLY)
    assert "What followup read in the message" in text and "waits on the" in text
    assert "jordan@northwind.example" in text
    assert interviews(web_ctx) == before
    uploaded(client, "reply.eml", REPLY)  # the same file again: still one item
    (item,) = client.get("/api/review").json()
    assert (item["from"], item["folder"]) == ("jordan@northwind.example", "an uploaded file")


def test_a_message_from_a_known_person_is_recorded_on_the_timeline(
    client: TestClient, web_ctx: Context, before: list[tuple[str, int]]
) -> None:
    dana = REPLY.replace(b"Jordan Blake <jordan@northwind.example>", b"Dana <dana@acme.example>")
    text = uploaded(client, "dana.eml", dana)
    assert 'href="/apps/1#timeline"' in text
    assert "Re: our chat at the meetup" in client.get("/apps/1").text.split('id="timeline"')[1]
    assert client.get("/api/review").json() == []


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("offer.pdf", b"%PDF-1.7 an offer letter", "Only .ics invitations and .eml messages"),
        ("big.ics", b"BEGIN:VCALENDAR\r\n" + b"X" * MAX_UPLOAD, "larger than 1 MB"),
        ("empty.eml", b"  \r\n", "The file is empty"),
        ("notes.ics", b"Tuesday at two with Lee", "not an iCalendar file"),
        ("notes.eml", b"just some words\r\nand more", "not a mail message"),
        ("none.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "No invitation"),
    ],
)
def test_bad_files_are_refused_next_to_the_field(
    client: TestClient,
    web_ctx: Context,
    before: list[tuple[str, int]],
    name: str,
    raw: bytes,
    message: str,
) -> None:
    status, text = post_file(client, name, raw)
    assert status == 400
    field = text.split('id="f-file"', 1)[1].split("</div>", 1)[0]
    assert 'aria-invalid="true"' in text.split('id="f-file"', 1)[1].split(">", 1)[0]
    assert 'class="error" id="e-file"' in field
    assert message.lower() in field.lower()
    assert interviews(web_ctx) == before


def test_no_file_and_an_unknown_application_are_refused(
    client: TestClient, web_ctx: Context, before: list[tuple[str, int]]
) -> None:
    answer = client.post("/upload", data={"csrf_token": form_token(client)}, files={})
    assert answer.status_code == 400
    assert "Choose an .ics invitation or an .eml message" in answer.text
    status, text = post_file(client, "second_round.ics", INVITE, app_id="99")
    assert status == 400
    assert 'id="e-app_id"' in text and "id 99" in text
    status, text = post_file(client, "second_round.ics", INVITE.replace(b"acme.example", b"x.test"))
    assert status == 400
    assert 'id="e-app_id"' in text and "Cannot tell which application" in text
    assert interviews(web_ctx) == before


def test_an_upload_needs_the_csrf_token(
    client: TestClient, web_ctx: Context, before: list[tuple[str, int]]
) -> None:
    status, text = post_file(client, "second_round.ics", INVITE, csrf="0" * 64)
    assert status == 403
    assert "CSRF" in text
    assert interviews(web_ctx) == before


def test_the_upload_form_labels_its_controls(client: TestClient) -> None:
    text = client.get("/upload").text
    assert '<label for="f-file">' in text and 'id="f-file"' in text
    assert '<label for="f-app_id">' in text
    assert 'enctype="multipart/form-data"' in text
