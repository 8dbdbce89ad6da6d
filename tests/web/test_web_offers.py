"""The open offers in the browser, side by side, and as JSON: the records of
`followup offers`."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.testclient import TestClient
from webtools import Served, check_page

from followup.app.applications import NewApplication, OutcomeInput, add_application, set_outcome
from followup.app.context import Context
from followup.domain.model import Outcome


def offers_of(ctx: Context) -> None:
    """Two offers (the later deadline added first) and an application still waiting."""
    for company, deadline, base, bonus in (
        ("Contoso", date(2026, 3, 20), 118_000, None),
        ("Fabrikam", date(2026, 3, 11), 125_000, 10_000),
    ):
        app = add_application(ctx, NewApplication(company, "SRE", country="US"))
        terms = {
            "offer_deadline": deadline,
            "offer_base": base,
            "offer_bonus": bonus,
            "offer_currency": "USD",
            "offer_notes": "<i>equity</i> to be confirmed" if bonus else "",
        }
        set_outcome(ctx, OutcomeInput(app.id, Outcome.OFFER, offer=terms))
    add_application(ctx, NewApplication("Northwind", "SRE"))


def test_offers_side_by_side_in_the_browser(page: Any, served: Served) -> None:
    page.goto("/offers")
    assert "No open offers." in page.locator("main").inner_text()
    offers_of(served.ctx)
    page.get_by_role("link", name="Offers").click()
    rows = page.locator("table.offers tbody tr")
    assert rows.count() == 2
    first = rows.nth(0).inner_text()
    assert first.startswith("Fabrikam") and "2026-03-11" in first
    assert "135,000 USD" in first  # base and bonus
    assert "<i>equity</i> to be confirmed" in first  # text, never markup
    assert rows.nth(1).inner_text().startswith("Contoso")
    check_page(page, "offers")


def test_offers_as_json(client: TestClient, web_ctx: Context) -> None:
    from followup.app.offers import open_offers

    assert client.get("/api/offers").json() == []
    offers_of(web_ctx)
    found = client.get("/api/offers").json()
    assert found == open_offers(web_ctx)
    assert [(o["company"], o["total"]) for o in found] == [
        ("Fabrikam", 135_000),
        ("Contoso", 118_000),
    ]
