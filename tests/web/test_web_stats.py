"""The statistics page and its JSON: the numbers of `followup stats` (the use case's), drawn
as inline SVG charts with their tables, an empty home's friendly page, a phone in dark mode."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from starlette.testclient import TestClient
from webtools import Served, add_through_the_app, check_page, seed_search

from followup.app.applications import NewApplication, OutcomeInput, add_application, set_outcome
from followup.app.context import Context
from followup.app.interviews import NewInterview, add_interview
from followup.app.stats import search_stats
from followup.app.touches import NewTouch, add_touch
from followup.domain.model import Channel, Direction, InterviewKind, Outcome, TouchKind
from followup.web import page_cache

IN, OUT = Direction.IN, Direction.OUT


def _touch(ctx: Context, app: int, channel: Channel, way: Direction, at: datetime) -> None:
    kind = TouchKind.REPLY if way is IN else TouchKind.MESSAGE
    add_touch(ctx, NewTouch(app, at, channel, way, kind))


def stats_search(ctx: Context) -> None:
    """Four applications whose numbers are worked out by hand (times in New York).

    Acme: interview 3 March 10-11, thank-you by email 15:00 (0 days after), reply the next
    morning at 9:00 (18 h). Globex: interview 20 Feb, a call 26 Feb (5 days after), no
    answer, rejected. Hooli: a LinkedIn message 25 Feb, a reply by email 27 Feb (2 days),
    an offer. Initech: applied, nothing since."""
    seed_search(ctx)
    acme = 1
    _touch(ctx, acme, Channel.EMAIL, OUT, datetime(2026, 3, 3, 15, 0))
    _touch(ctx, acme, Channel.EMAIL, IN, datetime(2026, 3, 4, 9, 0))
    globex = add_application(ctx, NewApplication("Globex", "SRE", country="US")).id
    add_interview(
        ctx,
        NewInterview(
            globex, datetime(2026, 2, 20, 10), InterviewKind.VIDEO, end=datetime(2026, 2, 20, 11)
        ),
    )
    _touch(ctx, globex, Channel.PHONE, OUT, datetime(2026, 2, 26, 10, 0))
    set_outcome(ctx, OutcomeInput(globex, Outcome.REJECTED, at=datetime(2026, 3, 2, 9, 0)))
    hooli = add_application(ctx, NewApplication("Hooli", "SRE", country="US")).id
    _touch(ctx, hooli, Channel.LINKEDIN, OUT, datetime(2026, 2, 25, 10, 0))
    _touch(ctx, hooli, Channel.EMAIL, IN, datetime(2026, 2, 27, 10, 0))
    set_outcome(ctx, OutcomeInput(hooli, Outcome.OFFER, at=datetime(2026, 3, 1, 9, 0)))
    add_application(ctx, NewApplication("Initech", "SRE", country="US"))


def table_rows(page: Any, key: str) -> list[list[str]]:
    rows = page.locator(f"#table-{key} tbody tr")
    return [
        [cell.strip() for cell in rows.nth(i).locator("th, td").all_inner_texts()]
        for i in range(rows.count())
    ]


def test_the_page_shows_the_numbers_of_followup_stats(page: Any, served: Served) -> None:
    stats_search(served.ctx)
    page.goto("/")
    page.get_by_role("link", name="Statistics").click()
    assert page.locator("h1").inner_text() == "Statistics"
    assert (
        "As of Wed 04 Mar 2026, 10:00 EST, over 4 applications" in page.locator("main").inner_text()
    )
    found = search_stats(served.ctx)
    funnel = table_rows(page, "funnel")
    assert funnel == [[step, str(n), f"{n / 4:.0%}"] for step, n in found.funnel]
    assert [row[1] for row in funnel] == ["4", "2", "3", "2", "1", "0"]  # worked out by hand
    for key, rates in (("channel", found.by_channel), ("days", found.by_days)):
        shown = table_rows(page, key)
        assert shown == [
            [r.label, str(r.sent), str(r.answered), f"{r.rate or 0:.0%}"] for r in rates
        ]
    assert table_rows(page, "channel") == [
        ["email", "1", "1", "100%"],
        ["linkedin", "1", "1", "100%"],
        ["phone", "1", "0", "0%"],
    ]
    assert table_rows(page, "days") == [
        ["0-1 days", "1", "1", "100%"],
        ["4-7 days", "1", "0", "0%"],
    ]
    assert {row[0]: row[1] for row in table_rows(page, "stages")} == {
        stage: str(n) for stage, n in found.by_stage.items()
    }
    assert found.median_days_to_reply == 1.4  # 18 h and 2 days
    assert page.locator(".headline").inner_text() == "1.4 days"
    # Each chart is an image with a title and a bar per row of its table.
    charts = page.locator("svg.chart[role=img]")
    assert charts.count() == 4
    funnel_chart = page.locator("svg.chart", has=page.locator("title", has_text="Funnel"))
    assert funnel_chart.locator("rect.chart-bar").count() == 5  # "hired" 0: no bar
    assert funnel_chart.locator("rect.chart-bar").first.get_attribute("width") == "100.0%"
    check_page(page, "stats")
    # A phone in dark mode: nothing wider than the screen, the charts drawn in the theme.
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(color_scheme="dark")
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    bar = page.locator("rect.chart-bar").first
    assert bar.evaluate("b => getComputedStyle(b).fill") == "rgb(138, 184, 255)"  # dark accent
    check_page(page, "phone-stats")


def test_an_empty_home_has_a_friendly_page(page: Any) -> None:
    page.goto("/stats")
    main = page.locator("main")
    assert "Nothing to count yet" in main.inner_text()
    assert main.locator("svg").count() == 0
    assert main.get_by_role("link", name="Add your first application").get_attribute("href") == (
        "/apps/new"
    )
    check_page(page, "stats-empty")


def test_the_stats_as_json(client: TestClient, web_ctx: Context) -> None:
    empty = client.get("/api/stats").json()
    assert empty["funnel"][0] == {"step": "applied", "applications": 0}
    assert empty["median_days_to_first_reply"] is None
    stats_search(web_ctx)
    found = client.get("/api/stats").json()
    assert found == search_stats(web_ctx).record()
    assert found["response_rate_by_days_to_follow_up"] == [
        {"label": "0-1 days", "follow_ups": 1, "answered": 1, "rate": 1.0},
        {"label": "4-7 days", "follow_ups": 1, "answered": 0, "rate": 0.0},
    ]
    assert "/api/stats" in client.get("/api/openapi.json").json()["paths"]


def test_a_write_through_the_app_is_counted_at_once(
    client: TestClient, web_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_cache, "PROBE_EVERY", 3600.0)  # only a write makes it ask
    stats_search(web_ctx)
    assert '<td class="num">4</td>' in client.get("/stats").text
    assert client.get("/api/stats").json()["funnel"][0]["applications"] == 4
    add_through_the_app(client, "Umbrella")
    assert client.get("/api/stats").json() == search_stats(web_ctx).record()
    assert client.get("/api/stats").json()["funnel"][0]["applications"] == 5
    page = client.get("/stats").text
    assert "over 5 applications" in page and '<td class="num">5</td>' in page
