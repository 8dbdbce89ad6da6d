"""Templates (Jinja2, autoescaped: notes and drafts are text, never markup) and the small
helpers pages share."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, pass_context, select_autoescape

from followup.domain.model import Action, Stage


def when(value: datetime | None, zone: str | None = None) -> str:
    """The time, on the clock of `zone` when given (an invitation's time is kept in UTC)."""
    if value is None:
        return ""
    if zone and value.tzinfo is not None:
        value = value.astimezone(ZoneInfo(zone))
    return value.strftime("%a %d %b %Y, %H:%M")


@pass_context
def _when_shown(context: Mapping[str, Any], value: datetime | None) -> str:
    return when(value, context.get("user_tz"))  # pages show times on the user's clock


def _label(value: Any) -> str:
    return str(getattr(value, "value", value)).replace("-", " ")


environment = Environment(
    loader=PackageLoader("followup.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # compiled once per process: the package's templates don't change
)
environment.filters["when"] = _when_shown
environment.filters["label"] = _label
templates = Jinja2Templates(env=environment)

STAGE_ORDER = tuple(Stage)


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page `name` with the request's CSRF token (every form carries it)."""
    context.setdefault("title", "followup")
    context.setdefault("notice", notice_of(request))
    context.setdefault("user_tz", request.app.state.ctx.prefs.user_tz)
    return templates.TemplateResponse(
        request,
        name,
        {"csrf_token": getattr(request.state, "csrf_token", ""), **context},
        status_code=status,
    )


def notice_of(request: Request) -> dict[str, Any] | None:
    """After a delete (`?changed=ID`) or an undo (`?undone=ID`): what the change did, for
    the line at the top of the page, with Undo while it is the last change in effect."""
    raw = request.query_params.get("changed") or request.query_params.get("undone") or ""
    if not raw.isdigit():
        return None
    from followup.app.changes import list_changes

    recent = list_changes(request.app.state.ctx, 20)
    found = next((c for c in recent if c.id == int(raw)), None)
    if found is None:
        return None
    last = next((c for c in recent if c.undone_at is None), None)
    return {
        "summary": found.summary,
        "undone": found.undone_at is not None,
        "can_undo": last is not None and last.id == found.id,
    }


def see_other(url: str) -> RedirectResponse:
    """After a successful POST: the page to show (303, so a reload does not post again)."""
    return RedirectResponse(url, status_code=303)


def action_title(action: Action, person_name: str | None) -> str:
    who = f" to {person_name}" if person_name else ""
    return f"{_label(action.kind).capitalize()}{who} by {_label(action.channel)}"
