"""The JSON API's writes of the records: change, move and delete an application, its offer's
terms; change, delete and merge a person; change and delete an interview; log and delete a
contact; undo and the change log. Each route parses its model (followup.web.
api_write_models) and calls the use case the web form and the CLI call."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from followup.web.api import AppId
from followup.web.api import router as reads
from followup.web.api_models import ApplicationOut, InterviewOut, OfferTermsIn, PersonOut
from followup.web.api_write_models import (
    ApplicationPatch,
    ChangeOut,
    DeletedOut,
    InterviewPatch,
    MergedOut,
    MergeIn,
    MoveIn,
    PersonPatch,
    TouchIn,
    TouchOut,
)
from followup.web.forms import person_notes
from followup.web.pages import context_of

router = APIRouter(prefix="/api", tags=["api"], responses=reads.responses)

RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _application(app: Any) -> ApplicationOut:
    from followup.app.records import application_record

    return ApplicationOut(**application_record(app))


def _deleted(request: Request, what: str, row_id: int) -> DeletedOut:
    from followup.app.changes import Deletion, delete_record

    ctx = context_of(request)
    delete_record(ctx, Deletion(what, row_id))
    return DeletedOut(what=what, id=row_id, change_id=ctx.last_change)


# ---- applications ------------------------------------------------------------------------


@router.patch("/applications/{app_id}")
async def change_application(
    request: Request, app_id: AppId, body: ApplicationPatch
) -> ApplicationOut:
    """Change the members sent (`app set`); null clears one. Nothing sent: nothing written."""
    from followup.app.applications import ApplicationChanges, update_application

    app = update_application(context_of(request), ApplicationChanges(app_id, body.changes()))
    return _application(app)


@router.put("/applications/{app_id}/offer")
async def offer_terms(request: Request, app_id: AppId, body: OfferTermsIn) -> ApplicationOut:
    """Record the offer's terms (`app set --offer-*`): the members sent; null clears one."""
    from followup.app.applications import ApplicationChanges, update_application

    app = update_application(context_of(request), ApplicationChanges(app_id, body.columns()))
    return _application(app)


@router.post("/applications/{app_id}/move")
async def move(request: Request, app_id: AppId, body: MoveIn) -> ApplicationOut:
    """Move the card on the board: record the outcome it names, or reopen it (`open`)."""
    from followup.app.applications import OutcomeInput, set_outcome
    from followup.domain.model import Outcome

    outcome = None if body.to == "open" else Outcome(body.to)
    return _application(set_outcome(context_of(request), OutcomeInput(app_id, outcome)))


@router.delete("/applications/{app_id}")
async def delete_application(request: Request, app_id: AppId) -> DeletedOut:
    """Delete the application with its people, interviews and contacts (undo brings it
    back)."""
    return _deleted(request, "application", app_id)


# ---- people ------------------------------------------------------------------------------


@router.patch("/people/{person_id}")
async def change_person(request: Request, person_id: RowId, body: PersonPatch) -> PersonOut:
    """Change the members sent (`person set`); null clears one."""
    from followup.app.people import PersonChanges, update_person
    from followup.app.records import person_record

    person = update_person(context_of(request), PersonChanges(person_id, body.changes()))
    return PersonOut(**person_record(person))


@router.delete("/people/{person_id}")
async def delete_person(request: Request, person_id: RowId) -> DeletedOut:
    return _deleted(request, "person", person_id)


@router.post("/people/{person_id}/merge")
async def merge(request: Request, person_id: RowId, body: MergeIn) -> MergedOut:
    """Fold `other_id` (another record of this person, same application) into this one."""
    from followup.app.changes import Merge, merge_people

    ctx = context_of(request)
    kept = merge_people(ctx, Merge(person_id, body.other_id))
    return MergedOut(kept_id=kept, merged_id=body.other_id, change_id=ctx.last_change)


# ---- interviews and contacts -------------------------------------------------------------


@router.patch("/interviews/{interview_id}")
async def change_interview(
    request: Request, interview_id: RowId, body: InterviewPatch
) -> InterviewOut:
    """Change the members sent (`interview set`): move it, call it off (`cancelled`)..."""
    from followup.app.interviews import InterviewChanges, update_interview
    from followup.app.records import interview_record

    changes = body.changes()
    if "notes" in changes:
        changes["notes"] = person_notes(changes["notes"])
    interview = update_interview(context_of(request), InterviewChanges(interview_id, changes))
    return InterviewOut(**interview_record(interview))


@router.delete("/interviews/{interview_id}")
async def delete_interview(request: Request, interview_id: RowId) -> DeletedOut:
    return _deleted(request, "interview", interview_id)


@router.post("/applications/{app_id}/touches", status_code=201)
async def add_touch(request: Request, app_id: AppId, body: TouchIn) -> TouchOut:
    """Log a contact with the employer, either way (`touch add`)."""
    from followup.app.records import touch_record
    from followup.app.touches import NewTouch
    from followup.app.touches import add_touch as add

    touch = add(context_of(request), NewTouch(app_id=app_id, **body.model_dump()))
    return TouchOut(**touch_record(touch))


@router.delete("/touches/{touch_id}")
async def delete_touch(request: Request, touch_id: RowId) -> DeletedOut:
    return _deleted(request, "contact", touch_id)


# ---- the change log ----------------------------------------------------------------------


@router.post("/undo")
async def undo(request: Request) -> ChangeOut:
    """Take back the last change still in effect (`followup undo`); again to go further."""
    from followup.app.changes import undo_last
    from followup.app.records import change_record

    ctx = context_of(request)
    record = change_record(undo_last(ctx))  # the change as it was before: in effect
    return ChangeOut.model_validate(record | {"undone": True, "undone_at": ctx.now()})


@router.get("/changes")
async def changes(
    request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 20
) -> list[ChangeOut]:
    """The recent changes, newest first (`followup log --json`)."""
    from followup.app.changes import list_changes
    from followup.app.records import change_record

    found = list_changes(context_of(request), limit)
    return [ChangeOut.model_validate(change_record(c)) for c in found]
