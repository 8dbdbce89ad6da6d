"""The pages that show: Today, the board, an application, the playbook.

Each route parses its path, calls a use case over the app's context and renders a template.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from followup.app.context import Context
from followup.app.plan_cache import PlanCache
from followup.domain.model import History, Outcome, Plan
from followup.web.render import STAGE_ORDER, page, see_other

router = APIRouter(include_in_schema=False)

MOVES = ("open", *(o.value for o in Outcome))  # where a card can be moved on the board


def context_of(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def plans_of(request: Request) -> PlanCache:
    """Every application's plan, kept until the data changes or the minute turns."""
    plans: PlanCache = request.app.state.plans
    return plans


async def form_data(request: Request) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The submitted form: last value of each field, and every value by field."""
    data = await request.form()
    lists: dict[str, list[str]] = {}
    for key, value in data.multi_items():
        if isinstance(value, str):
            lists.setdefault(key, []).append(value)
    return {k: v[-1] for k, v in lists.items()}, lists


TODAY_SHOWN = 20  # applications shown in full on Today; "Show more" adds as many again


@router.get("/", response_class=HTMLResponse)
async def today_page(
    request: Request, show: Annotated[int, Query(ge=1, le=100_000)] = TODAY_SHOWN
) -> Response:
    """What is due now, most urgent first: the first `show` applications in full, then a
    count of the rest and a link that shows more (a long search stays a short page)."""
    view = plans_of(request).today()
    rest = view.groups[show:]
    return page(
        request,
        "today.html",
        title="Today",
        view=view,
        shown=view.groups[:show],
        rest_apps=len(rest),
        rest_actions=sum(len(g.actions) for g in rest),
        more=show + TODAY_SHOWN,
        nav="today",
    )


BOARD_SHOWN = 20  # cards shown per column; the column's "Show all" shows the rest


@router.get("/board", response_class=HTMLResponse)
async def board_page(
    request: Request, show: Annotated[str | None, Query(alias="all", max_length=40)] = None
) -> Response:
    """The applications by stage, each column's first cards (`?all=STAGE`: all of that
    column's), so that hundreds of applications stay a page a browser shows at once."""
    columns: dict[str, list[Any]] = {stage.value: [] for stage in STAGE_ORDER}
    for item in plans_of(request).planned():
        columns[item.plan.stage.value].append(item)
    return page(
        request,
        "board.html",
        title="Board",
        columns=columns,
        limits={s: len(c) if s == show else BOARD_SHOWN for s, c in columns.items()},
        moves=MOVES,
        nav="board",
    )


@router.post("/apps/{app_id}/move")
async def move_card(request: Request, app_id: int) -> Response:
    """A card moved on the board: an outcome recorded, or the application reopened."""
    from followup.app.applications import OutcomeInput, set_outcome

    values, _ = await form_data(request)
    target = values.get("to", "")
    if target not in MOVES:
        return page(
            request,
            "problem.html",
            400,
            title="Cannot move",
            problem=f"{target[:40]!r} is not a column a card can move to.",
        )
    outcome = None if target == "open" else Outcome(target)
    set_outcome(context_of(request), OutcomeInput(app_id, outcome))
    return see_other(f"/board#app-{app_id}")


def timeline(history: History, plan: Plan) -> list[dict[str, Any]]:
    """Every touch, skip, interview and planned action of an application, oldest first."""
    items: list[dict[str, Any]] = []
    for touch in history.touches:
        items.append({"at": touch.at, "what": "touch", "item": touch})
    for interview in history.interviews:
        items.append({"at": interview.start, "what": "interview", "item": interview})
    for skip in history.skips:
        items.append({"at": skip.at, "what": "skip", "item": skip})
    for action in plan.actions:
        items.append({"at": action.earliest, "what": "action", "item": action})
    return sorted(items, key=lambda i: i["at"])


@router.get("/apps/{app_id}", response_class=HTMLResponse)
async def application_page(request: Request, app_id: int) -> Response:
    from followup.app.planning import plan_applications

    (planned,) = plan_applications(context_of(request), app_id)
    history, plan = planned.history, planned.plan
    return page(
        request,
        "application.html",
        title=f"{history.application.company}: {history.application.role}",
        history=history,
        plan=plan,
        timeline=timeline(history, plan),
        people={p.id: p for p in history.people},
        nav="board",
    )


@router.get("/playbook", response_class=HTMLResponse)
async def playbook_page(request: Request) -> Response:
    from followup.app.playbooks import show_playbook

    book = show_playbook(context_of(request))
    return page(request, "playbook.html", title="Playbook", book=book, nav="playbook")
