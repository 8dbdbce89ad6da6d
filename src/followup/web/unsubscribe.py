"""The digest's unsubscribe link, /alerts/unsubscribe/<token> (RFC 8058 one-click).

A GET (a person following the digest's link, or a mail scanner checking it) changes
nothing: it shows one button. A POST (that button, or a mail client's one-click
"List-Unsubscribe=One-Click") pauses the searches. The token, random and unguessable
(`secrets.token_urlsafe`), is the only credential: no login, and the CSRF guard lets this
path through (`security.TOKEN_PATHS`); a forged POST can only do what the link's owner asked."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followup.web.pages import context_of
from followup.web.render import page

router = APIRouter(include_in_schema=False)
PATH = "/alerts/unsubscribe/"


@router.get(PATH + "{token}", response_class=HTMLResponse)
async def unsubscribe_page(request: Request, token: str) -> Response:
    return page(request, "unsubscribe.html", title="Stop job alerts", token=token, paused=None)


@router.post(PATH + "{token}", response_class=HTMLResponse)
async def unsubscribe_now(request: Request, token: str) -> Response:
    from followup.app.alerts.searches import unsubscribe

    paused = unsubscribe(context_of(request), token)
    return page(request, "unsubscribe.html", title="Stop job alerts", token=token, paused=paused)
