"""The draft editor: the draft of a planned action, checked by the linter as the user types
(htmx posts the text to the lint route, which answers the findings panel), kept on save."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followup.errors import UserError
from followup.lint import Finding, Severity
from followup.web.forms import Form, empty_form
from followup.web.pages import context_of, form_data
from followup.web.render import page, see_other

router = APIRouter(include_in_schema=False)


def highlight(text: str, findings: Sequence[Finding]) -> list[tuple[str, Finding | None]]:
    """`text` cut into pieces, each with the finding that marks it (overlaps: the first)."""
    pieces: list[tuple[str, Finding | None]] = []
    at = 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        start, end = max(finding.start, at), min(finding.end, len(text))
        if end <= start:
            continue
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], finding))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def findings_context(view: Any) -> dict[str, Any]:
    findings = view.findings
    return {
        "view": view,
        "pieces": highlight(view.draft.text(), findings),
        "findings": findings,
        "errors": [f for f in findings if f.severity is Severity.ERROR],
        "ok": not any(f.severity is Severity.ERROR for f in findings),
    }


def draft_view(request: Request, action_id: str) -> Any:
    from followup.app.drafts import DraftRequest, draft_of

    return draft_of(context_of(request), DraftRequest(action_id, use_ai=False))


def _draft_page(
    request: Request, view: Any, status: int = 200, *, text: str | None = None, **extra: Any
) -> Response:
    from followup.app.mail.access import has_account

    extra.setdefault("send", empty_form())
    return page(
        request,
        "draft.html",
        status,
        title=f"Draft: {view.draft.action_id}",
        text=view.draft.text() if text is None else text,
        mailbox=has_account(context_of(request)),
        **findings_context(view),
        **extra,
    )


def edited_page(request: Request, view: Any, text: str, form: Form) -> Response:
    """The editor again with the user's text and the send form's problems (nothing sent)."""
    return _draft_page(request, view, 400, text=text, send=form.context(), problem=form.problem)


@router.get("/actions/{action_id}/draft", response_class=HTMLResponse)
async def draft_page(request: Request, action_id: str) -> Response:
    try:
        view = draft_view(request, action_id)
    except UserError as exc:
        if exc.code != "profile.missing":
            raise
        from followup.app.planning import find_action

        find_action(context_of(request), action_id)  # an unknown action: 404 first
        return page(
            request,
            "problem.html",
            409,
            title="Your profile first",
            problem="Drafts are signed with your name and contact details.",
            link=("/profile", "Fill in your profile"),
        )
    saved = request.query_params.get("saved") == "1"
    return _draft_page(request, view, saved=saved)


@router.post("/actions/{action_id}/draft/lint", response_class=HTMLResponse)
async def lint_draft_text(request: Request, action_id: str) -> Response:
    """The findings panel for the text being typed (an htmx fragment); nothing is kept."""
    from followup.app.drafts import preview_draft

    values, _ = await form_data(request)
    view = draft_view(request, action_id)
    try:
        view = preview_draft(context_of(request), view, values.get("text", ""))
    except UserError as exc:
        return page(request, "_findings.html", problem=exc.problem, **findings_context(view))
    return page(request, "_findings.html", **findings_context(view))


@router.post("/actions/{action_id}/draft")
async def save_draft_text(request: Request, action_id: str) -> Response:
    from followup.app.drafts import save_draft

    values, _ = await form_data(request)
    text = values.get("text", "")
    view = draft_view(request, action_id)
    try:
        save_draft(context_of(request), view, text.encode("utf-8"), "the edited draft")
    except UserError as exc:
        return _draft_page(request, view, 400, text=text, problem=exc.problem)
    return see_other(f"/actions/{action_id}/draft?saved=1")
