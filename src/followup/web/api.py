"""The JSON API under /api/: each route a few lines over a use case, its shapes in
followup.web.api_models. Unsafe calls need the `X-CSRF-Token` header (GET /api/session)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from followup.web.api_models import (
    ActionOut,
    ApplicationDetail,
    ApplicationIn,
    ApplicationOut,
    DoneOut,
    DraftOut,
    ErrorBody,
    InterviewIn,
    InterviewOut,
    LintIn,
    LintOut,
    OutcomeIn,
    PersonIn,
    PersonOut,
    PlaybookOut,
    RuleOut,
    Session,
    SkipIn,
    SkipOut,
    TodayOut,
)
from followup.web.pages import context_of, plans_of

router = APIRouter(
    prefix="/api",
    tags=["api"],
    responses={
        400: {"model": ErrorBody, "description": "Refused: the problem, its code and params"},
        404: {"model": ErrorBody, "description": "No such application or action"},
    },
)

AppId = Annotated[int, Path(ge=1, le=2**31 - 1)]
ActionId = Annotated[str, Path(min_length=1, max_length=120)]


@router.get("/session")
async def session(request: Request) -> Session:
    """The CSRF token to send as `X-CSRF-Token` with this client's cookie."""
    return Session(csrf_token=request.state.csrf_token)


@router.get("/applications")
async def applications(request: Request) -> list[ApplicationOut]:
    from followup.app.records import application_record

    return [
        ApplicationOut(**application_record(p.history.application), stage=p.plan.stage.value)
        for p in plans_of(request).planned()
    ]


@router.post("/applications", status_code=201)
async def add_application(request: Request, body: ApplicationIn) -> ApplicationOut:
    from followup.app.applications import NewApplication
    from followup.app.applications import add_application as add
    from followup.app.records import application_record

    app = add(context_of(request), NewApplication(**body.model_dump()))
    return ApplicationOut(**application_record(app))


@router.get("/applications/{app_id}")
async def application(request: Request, app_id: AppId) -> ApplicationDetail:
    from followup.app.applications import application_detail

    planned = plans_of(request).one(app_id)
    return ApplicationDetail(**application_detail(context_of(request), planned))


@router.post("/applications/{app_id}/outcome")
async def outcome(request: Request, app_id: AppId, body: OutcomeIn) -> ApplicationOut:
    from followup.app.applications import OutcomeInput, set_outcome
    from followup.app.records import application_record

    offer = body.offer.columns() if body.offer is not None else {}
    data = OutcomeInput(app_id, body.outcome, at=body.at, offer=offer)
    app = set_outcome(context_of(request), data)
    return ApplicationOut(**application_record(app))


@router.post("/applications/{app_id}/people", status_code=201)
async def add_person(request: Request, app_id: AppId, body: PersonIn) -> PersonOut:
    from followup.app.people import NewPerson
    from followup.app.people import add_person as add
    from followup.app.records import person_record

    person = add(context_of(request), NewPerson(app_id=app_id, **body.model_dump()))
    return PersonOut(**person_record(person))


@router.post("/applications/{app_id}/interviews", status_code=201)
async def add_interview(request: Request, app_id: AppId, body: InterviewIn) -> InterviewOut:
    from followup.app.interviews import NewInterview
    from followup.app.interviews import add_interview as add
    from followup.app.records import interview_record
    from followup.web.forms import person_notes

    data = body.model_dump()
    data["notes"] = person_notes(body.notes)
    interview = add(context_of(request), NewInterview(app_id=app_id, **data))
    return InterviewOut(**interview_record(interview))


@router.get("/today")
async def today(request: Request) -> TodayOut:
    from followup.app.planning import today_record

    return TodayOut(**today_record(plans_of(request).today()))


@router.get("/plan")
async def plan(request: Request) -> list[ActionOut]:
    from followup.app.planning import plan_record

    planned = plans_of(request).planned()
    return [ActionOut(**r) for r in plan_record(planned, context_of(request).playbook)]


@router.post("/actions/{action_id}/done")
async def done(request: Request, action_id: ActionId) -> DoneOut:
    from followup.app.touches import DoneInput, record_done

    result = record_done(context_of(request), DoneInput(action_id))
    return DoneOut(action_id=result.action_id, already=result.already)


@router.post("/actions/{action_id}/skip")
async def skip(request: Request, action_id: ActionId, body: SkipIn) -> SkipOut:
    from followup.app.records import skip_record
    from followup.app.touches import SkipInput, record_skip

    result = record_skip(context_of(request), SkipInput(action_id, body.reason))
    return SkipOut(**skip_record(result))


@router.get("/actions/{action_id}/draft")
async def draft(request: Request, action_id: ActionId) -> DraftOut:
    from followup.app.drafts import DraftRequest, draft_of

    view = draft_of(context_of(request), DraftRequest(action_id, use_ai=False))
    return DraftOut.model_validate(view.to_json())


@router.post("/lint")
async def lint(request: Request, body: LintIn) -> LintOut:
    from followup.app.linting import LintRequest, lint_message

    result = lint_message(context_of(request), LintRequest(**body.model_dump()))
    return LintOut.model_validate(result.to_dict())


@router.get("/playbook")
async def playbook(request: Request) -> PlaybookOut:
    from followup.app.playbooks import show_playbook

    book = show_playbook(context_of(request))
    rules = [
        RuleOut(id=r.id, summary=r.summary, explanation=r.explanation) for r in book.rules.values()
    ]
    return PlaybookOut(name=book.name, description=book.description, rules=rules)
