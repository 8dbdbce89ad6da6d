"""Delete and undo in the browser (Debian's Chromium through Playwright): a contact and then a
whole application deleted after a question, each brought back by Undo; and the same routes
over HTTP: wrong ids, another application's rows, the CSRF guard, nothing to undo."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from starlette.testclient import TestClient
from webtools import Served, check_page, seed_search

from followup.app.context import Context
from followup.app.touches import NewTouch, add_touch
from followup.domain.model import Channel, Direction, TouchKind


def seed_with_contact(ctx: Context) -> tuple[int, int]:
    """Acme with Dana, her interview and a call from her; (the application's id, the
    contact's id)."""
    from followup.app.applications import list_applications

    seed_search(ctx)
    (planned,) = list_applications(ctx)
    app_id = planned.history.application.id
    touch = add_touch(
        ctx,
        NewTouch(
            app_id,
            datetime(2026, 3, 3, 16, 0),
            Channel.PHONE,
            Direction.IN,
            TouchKind.MESSAGE,
            summary="a call about next steps",
        ),
    )
    return app_id, touch.id


def test_delete_a_contact_and_an_application_then_undo_each(page: Any, served: Served) -> None:
    app_id, _ = seed_with_contact(served.ctx)
    page.goto(f"/apps/{app_id}")
    timeline = page.locator("#timeline")
    assert "a call about next steps" in timeline.inner_text()

    # A contact: the question first, then gone, with Undo at the top of the page.
    timeline.get_by_role("link", name=re.compile("^Delete the contact of")).click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}/touches/\d+/delete$"))
    question = page.locator("#q-h").inner_text()
    # 16:00 in New York, the user's clock (21:00 UTC as kept)
    assert question.startswith("Delete the message by phone of Tue 03 Mar 2026, 16:00 at Acme")
    check_page(page, "delete-contact-question")
    page.get_by_role("button", name="Delete").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}\?changed=\d+#timeline$"))
    assert "a call about next steps" not in page.locator("#timeline").inner_text()
    notice = page.get_by_role("status")
    assert notice.inner_text().startswith("Done: deleted contact")
    check_page(page, "delete-contact-done")
    notice.get_by_role("button", name="Undo").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}\?undone=\d+$"))
    assert "a call about next steps" in page.locator("#timeline").inner_text()
    assert page.get_by_role("status").inner_text().startswith("Undone: deleted contact")
    assert page.get_by_role("status").get_by_role("button").count() == 0
    check_page(page, "delete-contact-undone")

    # The application: Cancel keeps it; Delete takes it off the board; Undo brings it back
    # with its person, interview and contact.
    page.get_by_role("link", name="Delete this application").click()
    assert "with its people, interviews and contacts" in page.locator("#q-h").inner_text()
    page.get_by_role("link", name="Cancel, keep it").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}$"))
    page.get_by_role("link", name="Delete this application").click()
    check_page(page, "delete-application-question")
    page.get_by_role("button", name="Delete").click()
    page.wait_for_url(re.compile(r"/board\?changed=\d+$"))
    assert page.locator(".board-card", has_text="Acme").count() == 0
    assert "deleted application" in page.get_by_role("status").inner_text()
    check_page(page, "delete-application-done")
    assert page.goto(f"/apps/{app_id}").status == 404
    page.go_back()
    page.get_by_role("status").get_by_role("button", name="Undo").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}\?undone=\d+$"))
    assert "Dana Chen" in page.locator("#people").inner_text()
    assert page.locator("#interviews li").count() == 1
    assert "a call about next steps" in page.locator("#timeline").inner_text()
    check_page(page, "delete-application-undone")

    page.goto("/board")
    assert page.locator(".board-card", has_text="Acme").count() == 1
    page.get_by_role("link", name="Changes").click()
    assert page.locator("ol.changes .badge", has_text="undone").count() == 2
    check_page(page, "changes")


def form_token(client: TestClient) -> dict[str, str]:
    return {"csrf_token": client.get("/api/session").json()["csrf_token"]}


@pytest.mark.parametrize(
    "path",
    [
        "/apps/4242/delete",
        "/apps/{app}/touches/4242/delete",
        "/apps/{app}/people/4242/delete",
        "/apps/{app}/offers/1/delete",
        "/apps/{other}/touches/{touch}/delete",  # a contact, but of another application
    ],
)
def test_deleting_what_is_not_there_is_a_404_and_changes_nothing(
    client: TestClient, web_ctx: Context, path: str
) -> None:
    from followup.app.applications import NewApplication, add_application, list_applications

    app_id, touch_id = seed_with_contact(web_ctx)
    other = add_application(web_ctx, NewApplication("Globex", "SRE"))
    url = path.format(app=app_id, other=other.id, touch=touch_id)
    assert client.get(url).status_code == 404
    response = client.post(url, data=form_token(client), follow_redirects=False)
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text
    assert len(list_applications(web_ctx)) == 2
    assert "a call about next steps" in client.get(f"/apps/{app_id}").text  # still there


def test_the_delete_question_shows_times_on_the_users_clock(
    client: TestClient, web_ctx: Context
) -> None:
    from followup.app.applications import list_applications

    interview_id = seed_search(web_ctx)  # 10:00 in New York, 15:00 UTC as kept
    (planned,) = list_applications(web_ctx)
    app_id = planned.history.application.id
    page = client.get(f"/apps/{app_id}/interviews/{interview_id}/delete")
    assert page.status_code == 200
    assert "Delete the on site interview of Tue 03 Mar 2026, 10:00 at Acme?" in page.text


def test_delete_and_undo_need_the_csrf_token(client: TestClient, web_ctx: Context) -> None:
    app_id, _ = seed_with_contact(web_ctx)
    assert client.post(f"/apps/{app_id}/delete").status_code == 403
    assert client.get(f"/apps/{app_id}").status_code == 200
    deleted = client.post(f"/apps/{app_id}/delete", data=form_token(client), follow_redirects=False)
    assert deleted.status_code == 303
    assert client.post("/undo").status_code == 403
    assert client.get(f"/apps/{app_id}").status_code == 404


def test_undo_with_nothing_left_to_undo_says_so(client: TestClient) -> None:
    response = client.post("/undo", data=form_token(client))
    assert response.status_code == 400
    assert "there is nothing to undo" in response.text
    assert "Traceback" not in response.text
