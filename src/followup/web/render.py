"""Templates (Jinja2, autoescaped: notes and drafts are text, never markup) and the small
helpers pages share."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from followup.domain.model import Action, Stage


def _when(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%a %d %b %Y, %H:%M")


def _label(value: Any) -> str:
    return str(getattr(value, "value", value)).replace("-", " ")


environment = Environment(
    loader=PackageLoader("followup.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters["when"] = _when
environment.filters["label"] = _label
templates = Jinja2Templates(env=environment)

STAGE_ORDER = tuple(Stage)


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page `name` with the request's CSRF token (every form carries it)."""
    context.setdefault("title", "followup")
    return templates.TemplateResponse(
        request,
        name,
        {"csrf_token": getattr(request.state, "csrf_token", ""), **context},
        status_code=status,
    )


def see_other(url: str) -> RedirectResponse:
    """After a successful POST: the page to show (303, so a reload does not post again)."""
    return RedirectResponse(url, status_code=303)


def action_title(action: Action, person_name: str | None) -> str:
    who = f" to {person_name}" if person_name else ""
    return f"{_label(action.kind).capitalize()}{who} by {_label(action.channel)}"
