"""The open offers side by side, as `followup offers` shows them: a page and its JSON."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followup.web.api_models import OfferOut
from followup.web.pages import context_of
from followup.web.render import page

router = APIRouter()


@router.get("/offers", response_class=HTMLResponse, include_in_schema=False)
async def offers_page(request: Request) -> Response:
    from followup.app.offers import open_offers

    found = open_offers(context_of(request))
    return page(request, "offers.html", title="Offers", offers=found, nav="offers")


@router.get("/api/offers", tags=["api"])
async def offers(request: Request) -> list[OfferOut]:
    """The open offers, soonest deadline first (the records of `followup offers --json`)."""
    from followup.app.offers import open_offers

    return [OfferOut(**offer) for offer in open_offers(context_of(request))]
