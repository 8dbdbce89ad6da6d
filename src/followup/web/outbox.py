"""Sending from the draft editor and the outbox page: the use cases of `followup send` and
`followup outbox list|confirm|cancel|retry` (followup.app.mail.sending), for the account
named "default".

Sending is at most once per message: the outbox finds the row queued first when the same
text is sent again, and a second submit of a message already in the outbox (a double click,
a reload) lands on that message instead of queueing anything. Every write answers with a
redirect to the outbox, at the message, saying what happened to it.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from followup.errors import UserError
from followup.web.api_models import OutboxOut
from followup.web.forms import Form
from followup.web.pages import context_of, form_data
from followup.web.render import page, see_other

router = APIRouter()

HOW = {"now": "Send now", "later": "Send later", "drafts": "Save to Drafts"}


def _at_message(row_id: int) -> Response:
    return see_other(f"/outbox?done={row_id}#msg-{row_id}")


@router.post("/actions/{action_id}/send", include_in_schema=False)
async def send_draft(request: Request, action_id: str) -> Response:
    """Send the editor's text now, later, or to the Drafts folder (the form's `how`)."""
    from followup.app.mail.sending import SendRequest, message_of_action, send_action
    from followup.web.drafts import draft_view, edited_page

    ctx = context_of(request)
    values, lists = await form_data(request)
    form = Form(values, lists)
    how = values.get("how", "")
    queued = message_of_action(ctx, action_id)
    if queued is not None:
        return _at_message(queued.id)  # in the outbox already (a double submit): show it
    view = draft_view(request, action_id)  # 404 for an action that is not planned
    send_at = form.datetime("send_at", "The time to send it", required=how == "later")
    if how not in HOW:
        form.problem = "Choose Send now, Send later or Save to Drafts."
    if not form.ok:
        return edited_page(request, view, values.get("text", ""), form)
    data = SendRequest(
        action_id,
        text=values.get("text", ""),
        drafts=how == "drafts",
        at_once=how == "now",
        send_at=send_at if how == "later" else None,
    )
    try:
        sent = send_action(ctx, data)
    except UserError as exc:
        form.refused(exc, ["send_at"])
        return edited_page(request, view, values.get("text", ""), form)
    return _at_message(sent.row.id)


@router.get("/outbox", response_class=HTMLResponse, include_in_schema=False)
async def outbox_page(request: Request) -> Response:
    """Every message followup sends, newest first, with what the user can do about each."""
    from followup.app.mail.access import has_account
    from followup.app.mail.sending import list_outbox

    ctx = context_of(request)
    mailbox = has_account(ctx)
    rows = list(reversed(list_outbox(ctx))) if mailbox else []
    done = request.query_params.get("done", "")
    return page(
        request,
        "outbox.html",
        title="Outbox",
        mailbox=mailbox,
        rows=rows,
        done=next((r for r in rows if str(r.id) == done), None),
        now=ctx.now(),
        zone=ZoneInfo(ctx.prefs.user_tz),
        nav="outbox",
    )


@router.post("/outbox/{outbox_id}/{decision}", include_in_schema=False)
async def decide(request: Request, outbox_id: int, decision: str) -> Response:
    """The user's decision on one message: it arrived, send it again, retry, cancel."""
    from followup.app.mail import sending

    ctx = context_of(request)
    message = sending.OutboxMessage(outbox_id)
    decisions: dict[str, Any] = {
        "arrived": lambda: sending.confirm_message(ctx, sending.Confirmation(outbox_id, True)),
        "resend": lambda: sending.confirm_message(ctx, sending.Confirmation(outbox_id, False)),
        "retry": lambda: sending.retry_message(ctx, message),
        "cancel": lambda: sending.cancel_message(ctx, message),
    }
    if decision not in decisions:
        raise HTTPException(404)
    decisions[decision]()
    return _at_message(outbox_id)


@router.get("/api/outbox", tags=["api"])
async def outbox(request: Request) -> list[OutboxOut]:
    """Every outbox message of the default account, oldest first (the records of
    `followup outbox list --json`); an empty list without an account."""
    from followup.app.mail.access import has_account
    from followup.app.mail.sending import list_outbox, outbox_record

    ctx = context_of(request)
    if not has_account(ctx):
        return []
    return [OutboxOut.model_validate(outbox_record(r)) for r in list_outbox(ctx)]
