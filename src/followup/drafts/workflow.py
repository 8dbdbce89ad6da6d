"""Steps between a rendered draft and what the user sees: panels, edits, saved text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from followup.domain.model import Action, ActionKind, History
from followup.drafts.model import Draft, DraftProblem, split_subject


def panel_siblings(
    actions: Iterable[Action], action: Action, history: History
) -> tuple[Action, ...]:
    """The thank-you actions of the same interview as `action` (itself included), in the
    order the interview lists its people; empty unless it is a thank-you to a panel."""
    if action.kind is not ActionKind.THANK_YOU or action.interview_id is None:
        return ()
    same = [
        a
        for a in actions
        if a.kind is ActionKind.THANK_YOU and a.interview_id == action.interview_id
    ]
    if action.id not in {a.id for a in same}:
        same.append(action)
    if len(same) < 2:
        return ()
    interview = next((iv for iv in history.interviews if iv.id == action.interview_id), None)
    order = interview.person_ids if interview else ()

    def position(a: Action) -> tuple[int, str]:
        pid = a.person_id
        return (order.index(pid) if pid in order else len(order), a.id)

    return tuple(sorted(same, key=position))


def decode_edit(data: bytes, where: str) -> str:
    """The edited file as text; refuses anything but UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DraftProblem(
            f"{where} is not UTF-8 text (byte {exc.start})",
            code="draft.not-utf8",
            params={"where": where},
        ) from None
    return text.replace("\r\n", "\n")


def edited_draft(draft: Draft, text: str) -> Draft:
    """`draft` with the user's text (Subject line, blank line, body)."""
    subject, body = split_subject(text)
    if not body.strip():
        raise DraftProblem(
            f"the edited draft of {draft.action_id} is empty; nothing was saved",
            code="draft.edit-empty",
            params={"action_id": draft.action_id},
        )
    if draft.subject is None:
        subject = None  # not an email: there is no subject to keep
    elif subject is None:
        subject = draft.subject
    elif not subject:
        raise DraftProblem(
            f"the edited draft of {draft.action_id} has an empty Subject line",
            code="draft.edit-no-subject",
            params={"action_id": draft.action_id},
        )
    return replace(draft, subject=subject, body=body, source="edited")
