"""Today, the board and the plans' JSON are kept between requests (followup.web.page_cache,
followup.app.plan_cache): never stale after a write, each browser with its own CSRF token,
and long lists cut short with a way to see the rest."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from starlette.testclient import TestClient
from webtools import BASE, NOW, add_through_the_app, off_any_event_loop

from followup.app.applications import NewApplication, add_application
from followup.app.clock import FixedClock
from followup.app.context import Context
from followup.app.plan_cache import PlanCache
from followup.app.root import build_context
from followup.config import load_settings
from followup.web import page_cache
from followup.web.page_cache import PROBE_EVERY, TOKEN_STAND_IN
from followup.web.security import CSRF_COOKIE, csrf_token

TOKEN_FIELD = re.compile(r'name="csrf_token" value="([^"]*)"')


def test_a_write_through_the_app_is_seen_at_once(
    client: TestClient, web_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_cache, "PROBE_EVERY", 3600.0)  # only a write makes it ask
    add_application(web_ctx, NewApplication("Acme", "SRE"))
    assert "Acme" in client.get("/board").text
    first = client.get("/api/applications").json()
    assert [a["company"] for a in first] == ["Acme"]
    # Through the app: the next page shows it, however soon.
    add_through_the_app(client, "Globex")
    assert "Globex" in client.get("/board").text
    assert [a["company"] for a in client.get("/api/applications").json()] == ["Acme", "Globex"]


def test_another_process_write_is_seen_within_the_probe_interval(
    client: TestClient, web_ctx: Context
) -> None:
    add_application(web_ctx, NewApplication("Acme", "SRE"))
    assert "Acme" in client.get("/board").text
    assert len(client.get("/api/applications").json()) == 1
    # Another process (the CLI, a mail sync): within PROBE_EVERY.
    other = build_context(load_settings(), clock=FixedClock(NOW))
    add_application(other, NewApplication("Initech", "SRE"))
    other.close()
    time.sleep(PROBE_EVERY * 2)
    assert "Initech" in client.get("/board").text
    names = [a["company"] for a in client.get("/api/applications").json()]
    assert names == ["Acme", "Initech"]


def test_each_browser_gets_its_own_token_in_a_kept_page(
    client: TestClient, web_ctx: Context, secret: bytes
) -> None:
    add_application(web_ctx, NewApplication("Acme", "SRE"))
    cookies = ("a" * 43, "b" * 43)
    seen = []
    for cookie in cookies:
        browser = TestClient(client.app, base_url=BASE, cookies={CSRF_COOKIE: cookie})
        for _ in range(2):  # made, then from the copy
            page = browser.get("/board")
            assert page.status_code == 200
            assert TOKEN_STAND_IN.decode() not in page.text
            tokens = set(TOKEN_FIELD.findall(page.text))
            assert tokens == {csrf_token(secret, cookie)}
            seen.append(page.text)
    assert seen[0] == seen[1] and seen[2] == seen[3] and seen[0] != seen[2]
    # The token works: a card moves with it.
    browser = TestClient(client.app, base_url=BASE, cookies={CSRF_COOKIE: cookies[1]})
    app_id = re.search(r'id="app-(\d+)"', seen[2])
    assert app_id is not None
    moved = browser.post(
        f"/apps/{app_id.group(1)}/move",
        data={"to": "withdrawn", "csrf_token": csrf_token(secret, cookies[1])},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    assert 'data-stage="withdrawn"' in browser.get("/board").text.split("Acme")[0]


def test_today_shows_the_most_urgent_and_counts_the_rest(
    client: TestClient, web_ctx: Context
) -> None:
    from datetime import datetime

    from followup.app.interviews import NewInterview, add_interview
    from followup.app.people import NewPerson, add_person
    from followup.domain.model import InterviewKind

    for n in range(23):  # each with a thank-you due today
        app = add_application(web_ctx, NewApplication(f"Company {n:02d}", "SRE", country="US"))
        person = add_person(web_ctx, NewPerson(app.id, f"Person {n}", email=f"p{n}@c.example"))
        add_interview(
            web_ctx,
            NewInterview(
                app.id, datetime(2026, 3, 4, 9, 0), InterviewKind.VIDEO, person_ids=[person.id]
            ),
        )
    today = client.get("/").text
    assert today.count('class="card" aria-labelledby="g-') == 20
    assert "3 more applications with 3 actions due." in " ".join(today.split())
    more = re.search(r'href="(/\?show=40#g-\d+)"', today)
    assert more is not None
    everything = client.get(more.group(1)).text
    assert everything.count('class="card" aria-labelledby="g-') == 23
    assert "Show more" not in everything
    assert client.get("/?show=0").status_code == 404  # not a page there is


def test_the_board_shows_each_columns_first_cards_and_all_on_asking(
    client: TestClient, web_ctx: Context
) -> None:
    for n in range(25):
        add_application(web_ctx, NewApplication(f"Company {n:02d}", "SRE"))
    board = client.get("/board").text
    assert board.count('class="card board-card"') == 20
    assert 'href="/board?all=applied#col-applied">Show all 25 applied' in board
    full = client.get("/board?all=applied").text
    assert full.count('class="card board-card"') == 25
    assert "Show all" not in full


def test_when_only_the_minute_turns_the_kept_plans_serve_until_planned_again(
    web_ctx: Context,
) -> None:
    add_application(web_ctx, NewApplication("Acme", "SRE"))
    web_ctx.store()

    def minute_turns() -> None:  # no event loop here: the new minute is planned on a thread
        cache = PlanCache(web_ctx, background=True)
        kept = cache.planned()
        web_ctx.with_clock(FixedClock(NOW + timedelta(minutes=1)))
        assert cache.planned()[0] is kept[0]  # served while a thread plans again
        cache.settle()
        fresh = cache.planned()
        assert fresh[0] is not kept[0]
        assert cache.today().as_of == NOW + timedelta(minutes=1)
        # A write is planned at once, never served stale.
        add_application(web_ctx, NewApplication("Globex", "SRE"))
        web_ctx.with_clock(FixedClock(NOW + timedelta(minutes=2)))
        assert [p.history.application.company for p in cache.planned()] == ["Acme", "Globex"]

    off_any_event_loop(minute_turns)
