"""From a planned action to its words: `render_draft` is a pure function of its inputs."""

from __future__ import annotations

from dataclasses import replace

from followup.domain.model import Action, ActionKind, Channel, History
from followup.drafts.facts import gather_facts
from followup.drafts.model import Draft, DraftProblem, Profile, split_subject
from followup.drafts.phrasing import tidy_punctuation
from followup.drafts.templates import (
    DraftTemplates,
    TemplateProblem,
    non_email_form,
    template_name,
)

# The linter's name for each kind of message (playbook.md section 4).
EMAIL_MESSAGE_KINDS: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "thank-you",
    ActionKind.ESTIMATE_REQUEST: "estimate-request",
    ActionKind.STATUS_CHECK: "status-check",
    ActionKind.FINAL_NOTE: "final-note",
    ActionKind.STAY_IN_TOUCH: "stay-in-touch",
    ActionKind.REJECTION_REPLY: "rejection-reply",
    ActionKind.WITHDRAWAL: "withdrawal",
    ActionKind.OFFER_ACK: "offer-ack",
    ActionKind.OFFER_DECLINE: "offer-decline",
    ActionKind.COMPETING_OFFER: "competing-offer",
}


# The linter's name for each form of message that is no e-mail ("" for a task).
_FORM_MESSAGE_KINDS = {
    "task": "",
    "voicemail": "voicemail",
    "call": "call-script",
    "linkedin-note": "linkedin-note",
    "linkedin-message": "linkedin-message",
}


def message_kind_for(kind: ActionKind, channel: Channel) -> str:
    """How the linter calls this message ("" for a task, which is not a message)."""
    form = non_email_form(kind, channel)
    if form is None:
        return EMAIL_MESSAGE_KINDS.get(kind, kind.value)
    return _FORM_MESSAGE_KINDS[form]


def render_draft(
    action: Action, history: History, profile: Profile, templates: DraftTemplates
) -> Draft:
    """The draft for `action`. When data for an honest draft is missing, the body is
    empty and `missing` says what to add and which command adds it."""
    if action.app_id != history.application.id:
        raise DraftProblem(
            f"action {action.id} belongs to application {action.app_id}, "
            f"not {history.application.id}",
            code="draft.wrong-history",
            params={"action_id": action.id, "app_id": action.app_id},
        )
    facts = gather_facts(action, history, profile)
    base = Draft(
        action_id=action.id,
        kind=action.kind,
        channel=action.channel,
        to=facts.recipient,
        subject=None,
        body="",
        missing=facts.missing,
        message_kind=message_kind_for(action.kind, action.channel),
        interview_id=action.interview_id,
        in_reply_to=facts.in_reply_to,
        rule_ids=action.rule_ids,
    )
    if facts.blocking:
        return base
    name = template_name(action.kind, action.channel)
    # No doubled punctuation, whatever the data ("Maple Data Inc.." from a name ending in ".").
    subject, body = split_subject(tidy_punctuation(templates.render(name, facts.context)))
    if not body.strip():
        raise TemplateProblem(
            f"{templates.filename_of(name)}: the template wrote an empty draft",
            code="template.empty",
            params={"file": templates.filename_of(name)},
        )
    if action.channel is not Channel.EMAIL:
        subject = None
    elif not subject:
        raise TemplateProblem(
            f"{templates.filename_of(name)}: an email template must start with a "
            "'Subject: ...' line and a blank line",
            code="template.no-subject",
            params={"file": templates.filename_of(name)},
        )
    return replace(base, subject=subject, body=body)
