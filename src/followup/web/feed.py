"""The calendar feed at /calendar/<token>.ics, and the settings page that shows its address
and rotates it. The token is HMAC(install secret, owner and generation): nothing to store."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followup.web.pages import context_of
from followup.web.render import page, see_other

router = APIRouter(include_in_schema=False)


def feed_token(secret: bytes, owner_id: int, generation: int) -> str:
    message = f"calendar:{owner_id}:{generation}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:40]


def _token(request: Request) -> str:
    from followup.app.calendar_feed import calendar_generation

    ctx = context_of(request)
    return feed_token(request.app.state.secret, ctx.owner_id, calendar_generation(ctx))


@router.get("/calendar/{token}.ics")
async def calendar_file(request: Request, token: str) -> Response:
    from followup.app.calendar_feed import calendar_feed

    if not hmac.compare_digest(token.encode(), _token(request).encode()):
        return Response("No such calendar.", status_code=404, media_type="text/plain")
    return Response(
        calendar_feed(context_of(request)),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store"},
    )


@router.get("/settings", response_class=HTMLResponse)
async def settings_page(request: Request) -> Response:
    base = f"{request.url.scheme}://{request.url.netloc}"
    return page(
        request,
        "settings.html",
        title="Settings",
        feed_url=f"{base}/calendar/{_token(request)}.ics",
        rotated=request.query_params.get("rotated") == "1",
        nav="settings",
    )


@router.post("/settings/calendar/rotate")
async def rotate(request: Request) -> Response:
    from followup.app.calendar_feed import rotate_calendar

    rotate_calendar(context_of(request))
    return see_other("/settings?rotated=1")
