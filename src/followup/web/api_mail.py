"""The JSON API's writes of drafts and the outbox: keep the edited text of a draft, lint a
text as it is typed, go back to the template; send a draft now, later or to the Drafts
folder; confirm, retry or cancel a message of the outbox. The same use cases as the draft
editor and the outbox page (followup.app.drafts, followup.app.mail.sending), for the
mailbox named "default"."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Self

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, model_validator

from followup.errors import UserError
from followup.web.api import ActionId
from followup.web.api import router as reads
from followup.web.api_models import DraftOut, OutboxOut, Strict
from followup.web.api_records import RowId
from followup.web.pages import context_of

router = APIRouter(prefix="/api", tags=["api"], responses=reads.responses)

MAX_DRAFT = 20_000  # characters: a message, with room to spare


class DraftTextIn(Strict):
    text: str = Field(max_length=MAX_DRAFT, description="the Subject line, a blank line, the body")


class SendIn(Strict):
    how: Literal["now", "later", "drafts"] = Field(
        description="send now, later at `send_at`, or put it in the Drafts folder"
    )
    text: str | None = Field(
        default=None, max_length=MAX_DRAFT, description="the words to send; null: the draft's"
    )
    send_at: datetime | None = Field(
        default=None, description="with `later`: when; naive: on the user's clock"
    )

    @model_validator(mode="after")
    def _when_later(self) -> Self:
        if (self.how == "later") != (self.send_at is not None):
            raise ValueError("send_at goes with how: later, and only with it")
        return self


class SentOut(BaseModel):
    already: bool = Field(description="it was in the outbox already (nothing queued again)")
    message: OutboxOut


class ConfirmIn(Strict):
    arrived: bool = Field(description="it arrived (mark it sent); false: send it again")


def _draft(request: Request, action_id: str, *, reset: bool = False) -> Any:
    """The action's draft; an unknown action is a 404 before a missing profile or a reset
    with nothing to reset."""
    from followup.app.drafts import DraftRequest, draft_of

    ctx = context_of(request)
    try:
        return draft_of(ctx, DraftRequest(action_id, use_ai=False, reset=reset))
    except UserError as exc:
        if exc.code in {"profile.missing", "draft.nothing-to-reset"}:
            from followup.app.planning import find_action

            find_action(ctx, action_id)
        raise


def _out(view: Any) -> DraftOut:
    return DraftOut.model_validate(view.to_json())


@router.put("/actions/{action_id}/draft")
async def save_draft(request: Request, action_id: ActionId, body: DraftTextIn) -> DraftOut:
    """Keep the edited text (sending uses it), with the linter's findings."""
    from followup.app.drafts import save_draft as save

    view = _draft(request, action_id)
    return _out(save(context_of(request), view, body.text.encode("utf-8"), "the edited draft"))


@router.post("/actions/{action_id}/draft/lint")
async def lint_draft(request: Request, action_id: ActionId, body: DraftTextIn) -> DraftOut:
    """The findings for a text as it is typed; nothing is kept."""
    from followup.app.drafts import preview_draft

    view = _draft(request, action_id)
    return _out(preview_draft(context_of(request), view, body.text))


@router.delete("/actions/{action_id}/draft")
async def reset_draft(request: Request, action_id: ActionId) -> DraftOut:
    """Forget the edited text and go back to the template's (`draft --reset`)."""
    return _out(_draft(request, action_id, reset=True))


def _message(row: Any) -> OutboxOut:
    from followup.app.mail.sending import outbox_record

    return OutboxOut.model_validate(outbox_record(row))


@router.post("/actions/{action_id}/send")
async def send(request: Request, action_id: ActionId, body: SendIn) -> SentOut:
    """Send the draft (or `text`) as `followup send` does, once: a message of this action
    in the outbox already is answered with `already` and not queued again."""
    from followup.app.mail.sending import SendRequest, message_of_action, send_action

    ctx = context_of(request)
    queued = message_of_action(ctx, action_id)
    if queued is not None:
        return SentOut(already=True, message=_message(queued))
    data = SendRequest(
        action_id,
        text=body.text,
        drafts=body.how == "drafts",
        at_once=body.how == "now",
        send_at=body.send_at,
    )
    return SentOut(already=False, message=_message(send_action(ctx, data).row))


@router.post("/outbox/{outbox_id}/confirm")
async def confirm(request: Request, outbox_id: RowId, body: ConfirmIn) -> OutboxOut:
    """The answer for a message that may not have arrived (`outbox confirm`)."""
    from followup.app.mail.sending import Confirmation, confirm_message

    row = confirm_message(context_of(request), Confirmation(outbox_id, body.arrived))
    return _message(row)


@router.post("/outbox/{outbox_id}/retry")
async def retry(request: Request, outbox_id: RowId) -> OutboxOut:
    """Queue a failed message again, due now (`outbox retry`)."""
    from followup.app.mail.sending import OutboxMessage, retry_message

    return _message(retry_message(context_of(request), OutboxMessage(outbox_id)))


@router.post("/outbox/{outbox_id}/cancel")
async def cancel(request: Request, outbox_id: RowId) -> OutboxOut:
    """Withdraw a message that has not gone out (`outbox cancel`)."""
    from followup.app.mail.sending import OutboxMessage, cancel_message

    return _message(cancel_message(context_of(request), OutboxMessage(outbox_id)))
