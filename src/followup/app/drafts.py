"""Use cases of drafts: the draft of a planned action, going back to the template, keeping
the user's edited text (the text `send` uses)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup.app.errors import InputError
from followup.app.profile import UowSettings

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.drafts.service import DraftView


@dataclass(frozen=True, slots=True)
class DraftRequest:
    """What `draft ACTION_ID` asks for, as of the context's time."""

    action_id: str
    use_ai: bool | None = None  # None: the profile's setting
    model_id: str | None = None
    reset: bool = False  # forget the kept text first and go back to the template's


def draft_of(ctx: Context, data: DraftRequest) -> DraftView:
    """The draft of a planned action: the kept text if there is one, else the template's
    (or the AI's, kept for sending), with the linter's findings."""
    from followup.app.planning import find_action
    from followup.drafts.profile import discard_text
    from followup.drafts.service import compose_view, require_profile

    if data.reset:
        with ctx.uow() as uow:
            if not discard_text(UowSettings(uow), data.action_id):
                raise InputError(
                    f"no edited text is kept for {data.action_id}",
                    code="draft.nothing-to-reset",
                    params={"action_id": data.action_id},
                )
    reader = ctx.reader()
    profile = require_profile(reader)
    history, action, plan = find_action(ctx, data.action_id)
    return compose_view(
        reader,
        ctx.settings.home if ctx.local else None,
        history,
        action,
        plan.actions,
        use_ai=data.use_ai,
        model_id=data.model_id,
        keep=lambda action_id, text: _keep_ai_text(ctx, action_id, text),
        profile=profile,
    )


def save_draft(ctx: Context, view: DraftView, data: bytes, where: str) -> DraftView:
    """Keep the user's edited text of a draft (so that sending uses it), linted again.
    `where` names the text in problems ("the edited draft")."""
    from followup.drafts.service import save_edit

    with ctx.uow() as uow:
        return save_edit(UowSettings(uow), view, data, where)


def preview_draft(ctx: Context, view: DraftView, text: str) -> DraftView:
    """The draft with the user's text as they type it, linted; nothing is kept."""
    from followup.drafts.service import edit_view

    return edit_view(ctx.reader(), view, text.encode("utf-8"), "the edited draft")


def _keep_ai_text(ctx: Context, action_id: str, text: str) -> None:
    from followup.drafts.service import keep_ai_text

    with ctx.uow() as uow:
        keep_ai_text(UowSettings(uow), action_id, text)
