"""The digest's unsubscribe link in the web app: a GET changes nothing, a POST (the page's
button, or a mail client's RFC 8058 one-click POST without cookie or CSRF token) pauses the
search of the token (again: the same); an unknown token pauses nothing; other POSTs still
need CSRF."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient
from webtools import Served, check_page

from followup.app.alerts.searches import SearchInput, add_search, list_searches
from followup.app.context import Context


def saved_with_token(ctx: Context, name: str) -> tuple[int, str]:
    search = add_search(ctx, SearchInput(name, "rust -php"))
    with ctx.uow(write=False) as uow:
        return search.id, str(uow.alerts.search(search.id)["unsubscribe_token"])


def paused(ctx: Context) -> dict[str, bool]:
    return {s.name: s.paused for s in list_searches(ctx)}


def test_one_click_post_pauses_and_a_get_does_not(client: TestClient, web_ctx: Context) -> None:
    _, token = saved_with_token(web_ctx, "Rust")
    saved_with_token(web_ctx, "Other")
    shown = client.get(f"/alerts/unsubscribe/{token}")
    assert shown.status_code == 200 and 'method="post"' in shown.text
    assert paused(web_ctx) == {"Rust": False, "Other": False}  # link scanners change nothing

    client.cookies.clear()  # a mail client: no cookie, no CSRF token, another origin
    done = client.post(
        f"/alerts/unsubscribe/{token}",
        content=b"List-Unsubscribe=One-Click",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": "https://mail.example",
        },
    )
    assert done.status_code == 200
    assert "Unsubscribed: 1 saved search paused" in done.text
    assert paused(web_ctx) == {"Rust": True, "Other": False}

    again = client.post(f"/alerts/unsubscribe/{token}")  # a second click: the same answer
    assert "Unsubscribed" in again.text
    guessed = client.post("/alerts/unsubscribe/" + "A" * 32)
    assert guessed.status_code == 200 and "Nothing to pause" in guessed.text
    assert paused(web_ctx) == {"Rust": True, "Other": False}


def test_other_posts_still_need_the_csrf_token(client: TestClient) -> None:
    client.cookies.clear()
    refused = client.post("/settings/calendar/rotate")
    assert refused.status_code == 403


def test_the_unsubscribe_page_in_a_browser(page: Any, served: Served) -> None:
    _, token = saved_with_token(served.ctx, "Rust")
    page.goto(f"/alerts/unsubscribe/{token}")
    check_page(page, "alerts-unsubscribe")
    assert paused(served.ctx) == {"Rust": False}
    page.get_by_role("button", name="Unsubscribe").click()
    page.get_by_text("Unsubscribed: 1 saved search paused.").wait_for()
    check_page(page, "alerts-unsubscribed")
    assert paused(served.ctx) == {"Rust": True}
