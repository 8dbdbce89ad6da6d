"""The review list: mail the sync could not put under one application, as `followup review`
lists it, with its answers: file it under an application (the message is fetched again from
the mailbox and recorded), or dismiss it. A page, and the same under /api/review.

Not kept with the plans' answers (page_cache): the list is not made from the plans.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from followup.errors import UserError
from followup.web.api_models import ErrorBody, Strict
from followup.web.forms import Form, empty_form
from followup.web.pages import context_of, form_data
from followup.web.render import page, see_other
from followup.web.uploads import app_choices, chosen_app

router = APIRouter()

ReviewId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class ReviewOut(BaseModel):
    """One open review item (a record of `followup review --json`)."""

    id: int
    sender: str = Field(alias="from")
    subject: str
    kind: str
    reason: str
    candidates: list[int]
    message_id: str
    folder: str
    at: str


class ReviewIn(Strict):
    app_id: int | None = Field(
        ge=1, le=2**31 - 1, description="the application it belongs to; null dismisses it"
    )


class ReviewSettled(BaseModel):
    id: int
    resolution: str = Field(description='"dismissed" or "filed"')
    app_id: int | None
    touch_id: int | None


def _open_items(request: Request) -> list[dict[str, Any]]:
    from followup.app.mail.syncing import review_record, reviews

    return [review_record(item) for item in reviews(context_of(request))]


def _review_page(
    request: Request, forms: dict[int, dict[str, Any]] | None = None, status: int = 200
) -> Response:
    apps = app_choices(request)
    return page(
        request,
        "review.html",
        status,
        title="Review",
        items=_open_items(request),
        apps=apps,
        names={a["id"]: a["name"] for a in apps},
        forms=forms or {},
        empty=empty_form(),
        nav="review",
    )


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
async def review_page(request: Request) -> Response:
    return _review_page(request)


def _settle(request: Request, review_id: int, app_id: int | None) -> ReviewSettled:
    from followup.app.mail.syncing import ReviewAnswer, settle_review

    touch = settle_review(context_of(request), ReviewAnswer(review_id, app_id))
    return ReviewSettled(
        id=review_id,
        resolution="dismissed" if app_id is None else "filed",
        app_id=app_id,
        touch_id=touch.id if touch is not None else None,
    )


@router.post("/review/{review_id}/dismiss", include_in_schema=False)
async def dismiss(request: Request, review_id: ReviewId) -> Response:
    _settle(request, review_id, None)
    return see_other("/review?dismissed=1")


@router.post("/review/{review_id}/file", include_in_schema=False)
async def file_under(request: Request, review_id: ReviewId) -> Response:
    values, lists = await form_data(request)
    form = Form(values, lists)
    app_id = chosen_app(form)
    if app_id is None and "app_id" not in form.errors:
        form.errors["app_id"] = "Choose the application this message belongs to."
    if form.ok:
        try:
            settled = _settle(request, review_id, app_id)
            return see_other(f"/apps/{settled.app_id}#timeline")
        except UserError as exc:
            if exc.code == "review.not-found":
                raise
            if exc.code == "application.not-found":
                form.errors["app_id"] = exc.problem
            else:  # no mailbox to fetch the message from, the message gone...
                form.problem = exc.problem
    return _review_page(request, {review_id: form.context()}, 400)


@router.get("/api/review", tags=["api"])
async def review_items(request: Request) -> list[ReviewOut]:
    """The open review items, oldest first (the records of `followup review --json`)."""
    return [ReviewOut(**item) for item in _open_items(request)]


@router.post(
    "/api/review/{review_id}",
    tags=["api"],
    responses={
        400: {"model": ErrorBody, "description": "Refused: the problem, its code and params"},
        404: {"model": ErrorBody, "description": "No open review item or no such application"},
    },
)
async def settle(request: Request, review_id: ReviewId, body: ReviewIn) -> ReviewSettled:
    """File the item's message under `app_id` (fetched again from the mailbox), or dismiss
    it (`app_id` null), as `followup review resolve` does."""
    return _settle(request, review_id, body.app_id)
