"""Drafts through the linter: one draft with lint_text, a panel's thank-yous with lint_panel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from followup.domain.model import History
from followup.drafts.model import Draft, Profile

if TYPE_CHECKING:
    from followup.lint import Finding, LintContext


def lint_context(draft: Draft, history: History, profile: Profile) -> LintContext:
    from followup.lint import CandidateProfile, context_for, load_rules

    # The user's own sign-off counts as professional even when the rules' list lacks it.
    signoffs = (
        tuple(dict.fromkeys((*load_rules().signoffs, profile.signoff))) if profile.signoff else None
    )
    candidate = CandidateProfile(
        name=profile.name or None, phone=profile.phone or None, signoffs=signoffs
    )
    person_id = draft.to.person_id if draft.to is not None else None
    thread = draft.subject if draft.in_reply_to and draft.subject else None
    return context_for(
        history,
        person_id,
        draft.message_kind,
        candidate,
        interview_id=draft.interview_id,
        thread_subject=thread,
    )


def lint_draft(draft: Draft, history: History, profile: Profile) -> tuple[Finding, ...]:
    """The linter's findings on a draft; a task or an unwritten draft has none."""
    from followup.lint import lint_text

    if not draft.message_kind or not draft.body.strip():
        return ()
    return lint_text(draft.text(), lint_context(draft, history, profile)).findings


def lint_drafts_as_panel(
    drafts: Sequence[Draft], history: History, profile: Profile
) -> tuple[tuple[Finding, ...], ...]:
    """Findings for each of a panel's drafts, its own and those comparing it with the others."""
    from followup.lint import lint_panel

    written = [i for i, d in enumerate(drafts) if d.message_kind and d.body.strip()]
    result = lint_panel(
        [(drafts[i].text(), lint_context(drafts[i], history, profile)) for i in written]
    )
    per_draft: list[list[Finding]] = [[] for _ in drafts]
    for position, lint_result in zip(written, result.results, strict=True):
        per_draft[position].extend(lint_result.findings)
    for finding in result.findings:
        if finding.draft is not None:
            per_draft[written[finding.draft]].append(finding)
    return tuple(tuple(f) for f in per_draft)


def error_messages(findings: Sequence[Finding]) -> list[str]:
    """The errors among `findings`, as lines an AI model (or a person) can act on."""
    from followup.lint import Severity

    return [
        f"{f.rule}: {f.message} (fix: {f.hint})" if f.hint else f"{f.rule}: {f.message}"
        for f in findings
        if f.severity is Severity.ERROR
    ]
