"""The review list over HTTP: the open items as `followup review` lists them, dismissed from
the page and the API, wrong ids a 404, and filing refused (nothing settled) when there is
no mailbox to fetch the message from or no such application."""

from __future__ import annotations

from starlette.testclient import TestClient
from webtools import ask_about, form_token, seed_search

from followup.app.context import Context
from followup.app.mail.syncing import reviews


def open_ids(ctx: Context) -> list[int]:
    return [item.id for item in reviews(ctx)]


def test_the_page_lists_open_items_with_their_candidates(
    client: TestClient, web_ctx: Context
) -> None:
    seed_search(web_ctx)
    ask_about(web_ctx, "<a1@northwind.example>", "Re: <b>our chat</b>", [1])
    text = client.get("/review").text
    assert "Re: &lt;b&gt;our chat&lt;/b&gt;" in text  # text, never markup
    assert "From jordan@northwind.example" in text
    assert '<a href="/apps/1">Acme, SRE</a>' in text
    assert '<option value="1" selected>Acme, SRE</option>' in text
    assert client.get("/api/review").json()[0]["from"] == "jordan@northwind.example"


def test_dismiss_from_the_page_and_the_api(client: TestClient, web_ctx: Context) -> None:
    seed_search(web_ctx)
    ask_about(web_ctx, "<a1@northwind.example>", "First", [])
    ask_about(web_ctx, "<a2@northwind.example>", "Second", [])
    first, second = open_ids(web_ctx)
    answer = client.post(
        f"/review/{first}/dismiss", data={"csrf_token": form_token(client)}, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/review?dismissed=1"
    assert open_ids(web_ctx) == [second]
    settled = client.post(
        f"/api/review/{second}", json={"app_id": None}, headers={"X-CSRF-Token": form_token(client)}
    )
    assert settled.json() == {
        "id": second,
        "resolution": "dismissed",
        "app_id": None,
        "touch_id": None,
    }
    assert open_ids(web_ctx) == []
    assert "Nothing to review." in client.get("/review?dismissed=1").text


def test_wrong_ids_are_404(client: TestClient, web_ctx: Context) -> None:
    csrf = {"csrf_token": form_token(client)}
    assert client.post("/review/77/dismiss", data=csrf).status_code == 404
    assert client.post("/review/77/file", data={**csrf, "app_id": "1"}).status_code == 404
    assert client.post("/review/abc/dismiss", data=csrf).status_code == 404
    api = client.post(
        "/api/review/77", json={"app_id": None}, headers={"X-CSRF-Token": form_token(client)}
    )
    assert api.status_code == 404 and api.json()["error"]["code"] == "review.not-found"


def test_filing_is_refused_next_to_the_item_and_nothing_settled(
    client: TestClient, web_ctx: Context
) -> None:
    seed_search(web_ctx)
    ask_about(web_ctx, "<a1@northwind.example>", "Re: our chat", [1])
    (item,) = open_ids(web_ctx)
    csrf = {"csrf_token": form_token(client)}
    unchosen = client.post(f"/review/{item}/file", data={**csrf, "app_id": ""})
    assert unchosen.status_code == 400
    assert f'id="e-app-{item}">Choose the application' in unchosen.text
    unknown = client.post(f"/review/{item}/file", data={**csrf, "app_id": "9"})
    assert unknown.status_code == 400
    assert f'id="e-app-{item}"' in unknown.text and "with id 9" in unknown.text
    no_mailbox = client.post(f"/review/{item}/file", data={**csrf, "app_id": "1"})
    assert no_mailbox.status_code == 400
    assert 'class="problem" role="alert"' in no_mailbox.text
    assert open_ids(web_ctx) == [item]
