"""Delete and undo in the browser: a question page before each delete, the change log, and
an Undo that takes back the last change (the use cases of `followup ... delete`,
`followup undo` and `followup log`, followup.app.changes).

A delete answers with a redirect to `?changed=ID`: the page it lands on says what changed
and offers Undo (`notice_of`); an undo lands on the restored record with `?undone=ID`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from followup.errors import UserError
from followup.web.pages import context_of
from followup.web.render import page, see_other

router = APIRouter(include_in_schema=False)

# The part of an application the URL names -> (the record of `delete_record`, the field of
# the History that lists them, the anchor on the application page).
PARTS: dict[str, tuple[str, str]] = {
    "people": ("person", "people"),
    "interviews": ("interview", "interviews"),
    "touches": ("contact", "timeline"),
}


def _history(request: Request, app_id: int) -> Any:
    from followup.app.planning import plan_applications

    (planned,) = plan_applications(context_of(request), app_id)
    return planned.history


def _question(history: Any, part: str, row_id: int, zone: str) -> str:
    """What deleting this row of the application's history takes away, as a question, its
    time on the user's clock (`zone`) as on every other page."""
    from followup.web.render import when

    company = history.application.company
    rows = {"people": history.people, "interviews": history.interviews}.get(part, history.touches)
    row = next((r for r in rows if r.id == row_id), None)
    if row is None:
        raise HTTPException(404)
    if part == "people":
        return f"Delete {row.name} from {company}?"
    if part == "interviews":
        kind = row.kind.value.replace("-", " ")
        return f"Delete the {kind} interview of {when(row.start, zone)} at {company}?"
    kind = row.kind.value.replace("-", " ")
    return f"Delete the {kind} by {row.channel.value} of {when(row.at, zone)} at {company}?"


def _zone(request: Request) -> str:
    return context_of(request).prefs.user_tz


def _confirm(request: Request, question: str, back: str) -> Response:
    return page(
        request, "confirm_delete.html", title="Delete?", question=question, back=back, nav="board"
    )


@router.get("/apps/{app_id}/delete", response_class=HTMLResponse)
async def confirm_application_delete(request: Request, app_id: int) -> Response:
    app = _history(request, app_id).application
    question = (
        f"Delete the application to {app.company} ({app.role}) with its people, "
        "interviews and contacts?"
    )
    return _confirm(request, question, f"/apps/{app_id}")


@router.post("/apps/{app_id}/delete")
async def delete_application(request: Request, app_id: int) -> Response:
    from followup.app.changes import Deletion, delete_record

    ctx = context_of(request)
    delete_record(ctx, Deletion("application", app_id))
    return see_other(f"/board?changed={ctx.last_change}")


def _part(part: str) -> tuple[str, str]:
    if part not in PARTS:
        raise HTTPException(404)
    return PARTS[part]


@router.get("/apps/{app_id}/{part}/{row_id}/delete", response_class=HTMLResponse)
async def confirm_part_delete(request: Request, app_id: int, part: str, row_id: int) -> Response:
    _, anchor = _part(part)
    question = _question(_history(request, app_id), part, row_id, _zone(request))
    return _confirm(request, question, f"/apps/{app_id}#{anchor}")


@router.post("/apps/{app_id}/{part}/{row_id}/delete")
async def delete_part(request: Request, app_id: int, part: str, row_id: int) -> Response:
    from followup.app.changes import Deletion, delete_record

    what, anchor = _part(part)
    # 404 unless it is this app's
    _question(_history(request, app_id), part, row_id, _zone(request))
    ctx = context_of(request)
    delete_record(ctx, Deletion(what, row_id))
    return see_other(f"/apps/{app_id}?changed={ctx.last_change}#{anchor}")


@router.post("/undo")
async def undo(request: Request) -> Response:
    """Take back the last change; show the record it brought back."""
    from followup.app.changes import undo_last

    ctx = context_of(request)
    change = undo_last(ctx)
    app_ids = sorted(change.app_ids)
    if len(app_ids) == 1:
        try:
            _history(request, app_ids[0])  # it is there (not an undone add)
        except UserError:
            pass
        else:
            return see_other(f"/apps/{app_ids[0]}?undone={change.id}")
    return see_other(f"/changes?undone={change.id}")


@router.get("/changes", response_class=HTMLResponse)
async def changes_page(request: Request) -> Response:
    from followup.app.changes import list_changes

    found = list_changes(context_of(request), 30)
    return page(request, "changes.html", title="Changes", changes=found, nav="changes")
