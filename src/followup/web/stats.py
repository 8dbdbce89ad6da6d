"""The statistics of the search, as `followup stats` counts them: a page of charts (inline
SVG, each with its numbers in a table) and their JSON.

Counted over the app's kept plans (what `plan_applications(ctx)` answers now) by the use
case's own `stats_of`, and kept with them (a view of followup.app.plan_cache): counted again
after a write, and with the plans in the background when the minute turns (so "as of" may
lag the clock by under a minute, as the plans' statuses do). The answers are a function of
the plans' key and the request, so followup.web.page_cache keeps them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followup.web.api_models import StatsOut
from followup.web.pages import context_of, plans_of
from followup.web.render import page

if TYPE_CHECKING:
    from followup.app.stats import SearchStats

router = APIRouter()


def _stats(request: Request) -> SearchStats:
    from followup.app.stats import stats_of

    ctx = context_of(request)
    found: SearchStats = plans_of(request).view(
        "stats", lambda planned: stats_of(planned, ctx.now())
    )
    return found


@router.get("/stats", response_class=HTMLResponse, include_in_schema=False)
async def stats_page(request: Request) -> Response:
    from followup.web.charts import stats_charts

    found = _stats(request)
    return page(
        request,
        "stats.html",
        title="Statistics",
        found=found,
        total=sum(found.by_stage.values()),
        charts=stats_charts(found),
        nav="stats",
    )


@router.get("/api/stats", tags=["api"])
async def stats(request: Request) -> StatsOut:
    """The funnel, the response rates by channel and by days to follow-up, and the median
    time to a first reply (the record of `followup stats --json`)."""
    return StatsOut.model_validate(_stats(request).record())
