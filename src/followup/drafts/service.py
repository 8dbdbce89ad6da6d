"""The draft of a located action (the text `send` uses) and keeping the user's edit.

The application layer (followup.app.drafts) finds the action in the owner's plan and calls
`compose_view`; the settings it reads and writes (profile, kept texts, AI switch) come
through the small protocols of followup.drafts.profile. Problems the user can fix raise
DraftProblem (a UserError: problem, code, params).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from followup.domain.model import Action, History
from followup.drafts.model import Draft, DraftProblem, Profile
from followup.drafts.profile import (
    SettingsReader,
    SettingsStore,
    ai_settings,
    load_profile,
    load_saved,
    save_text,
)
from followup.drafts.templates import USER_TEMPLATES_DIRNAME, DraftTemplates

if TYPE_CHECKING:
    from followup.lint import Finding

# Keeps a text for an action (an AI draft, so that sending uses the words shown).
Keeper = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class DraftView:
    draft: Draft
    findings: tuple[Finding, ...]
    history: History
    profile: Profile
    notes: tuple[str, ...] = field(default=())  # what the user should be told
    # What linting the draft again needs (a panel's thank-yous are checked together).
    action: Action | None = None
    actions: tuple[Action, ...] = ()
    templates: DraftTemplates | None = None

    def to_json(self) -> dict[str, object]:
        data = self.draft.to_json()
        data["findings"] = [f.to_dict() for f in self.findings]
        data["notes"] = [*self.draft.notes, *self.notes]
        return data


def user_templates_dir(home: Path | str) -> Path:
    """Where the user's own templates are: `templates/` in the data home."""
    return Path(home) / USER_TEMPLATES_DIRNAME


def owner_templates(reader: SettingsReader, home: Path | str | None) -> DraftTemplates:
    """The owner's stored templates, then (local mode: `home` given) the files in the data
    home's templates directory, then the built-in ones."""
    from followup.drafts.user_templates import load_stored

    return DraftTemplates(
        user_templates_dir(home) if home is not None else None, stored=load_stored(reader)
    )


def require_profile(store: SettingsReader) -> Profile:
    """The stored profile; DraftProblem `profile.missing` when it was never set."""
    profile = load_profile(store)
    if profile is None:
        raise DraftProblem("no profile yet: drafts are signed with it", code="profile.missing")
    return profile


def _saved_or_rendered(
    store: SettingsReader,
    action: Action,
    history: History,
    profile: Profile,
    templates: DraftTemplates,
) -> Draft:
    from followup.drafts.render import render_draft
    from followup.drafts.workflow import edited_draft

    draft = render_draft(action, history, profile, templates)
    saved = load_saved(store, action.id)
    if saved is not None and draft.body:
        return replace(edited_draft(draft, saved.text), source=saved.source)
    return draft


def _findings(
    draft: Draft,
    action: Action,
    *,
    actions: tuple[Action, ...],
    history: History,
    profile: Profile,
    store: SettingsReader,
    templates: DraftTemplates,
) -> tuple[Finding, ...]:
    """The draft's own findings; for a panel's thank-you, compared with its siblings too."""
    from followup.drafts.checking import lint_draft, lint_drafts_as_panel
    from followup.drafts.workflow import panel_siblings

    siblings = panel_siblings(actions, action, history)
    if not siblings:
        return lint_draft(draft, history, profile)
    drafts = [
        draft if a.id == action.id else _saved_or_rendered(store, a, history, profile, templates)
        for a in siblings
    ]
    index = next(i for i, a in enumerate(siblings) if a.id == action.id)
    return lint_drafts_as_panel(drafts, history, profile)[index]


def keep_ai_text(store: SettingsStore, action_id: str, text: str) -> None:
    save_text(store, action_id, text, source="ai")


def compose_view(
    reader: SettingsReader,
    home: Path | str | None,
    history: History,
    action: Action,
    actions: tuple[Action, ...],
    *,
    use_ai: bool | None = None,
    model_id: str | None = None,
    keep: Keeper | None = None,
    profile: Profile | None = None,
) -> DraftView:
    """The draft of `action` (one of `actions`, planned for `history`): the user's kept
    text if there is one, else the template's (or the AI's, when asked for or switched on),
    with its findings. An AI draft is handed to `keep`, so sending uses the words shown."""
    profile = profile or require_profile(reader)
    templates = owner_templates(reader, home)
    draft = _saved_or_rendered(reader, action, history, profile, templates)
    notes: list[str] = []
    ai_on, ai_model = ai_settings(reader)
    wanted = ai_on if use_ai is None else use_ai

    def check(candidate: Draft) -> tuple[Finding, ...]:
        return _findings(
            candidate,
            action,
            actions=actions,
            history=history,
            profile=profile,
            store=reader,
            templates=templates,
        )

    if wanted and draft.source == "template" and draft.complete:
        draft, note = _with_ai(
            draft, action, history, profile, model_id=model_id or ai_model, check=check
        )
        notes.append(note)
        if draft.source == "ai" and keep is not None:
            # Kept, so that sending uses the words shown and the model is not asked again.
            keep(action.id, draft.text())
            notes.append(f"kept for sending; `followup draft {action.id} --reset` forgets it")
    return DraftView(
        draft, check(draft), history, profile, tuple(notes), action, actions, templates
    )


def _with_ai(
    draft: Draft,
    action: Action,
    history: History,
    profile: Profile,
    *,
    model_id: str | None,
    check: Callable[[Draft], tuple[Finding, ...]],
) -> tuple[Draft, str]:
    from followup.drafts.ai import ai_draft
    from followup.drafts.checking import error_messages
    from followup.drafts.factcheck import fact_problems
    from followup.drafts.facts import gather_facts

    if not model_id:
        return draft, (
            "no AI model chosen: run `followup profile set --ai-model MODEL` "
            "(see `llm models`); using the template draft"
        )
    try:
        import llm  # noqa: F401
    except ImportError:
        return (
            draft,
            "AI drafting needs the ai extra (pip install 'followup[ai]'); using the template draft",
        )
    facts = gather_facts(action, history, profile).context

    def facts_then_lint(candidate: Draft) -> list[str]:
        # Facts first: a rewrite that changed a date must say so even if its voice is fine.
        return [*fact_problems(draft, candidate, facts), *error_messages(check(candidate))]

    result = ai_draft(draft, facts, model_id, facts_then_lint)
    return result.draft, result.message


def save_edit(store: SettingsStore, view: DraftView, data: bytes, where: str) -> DraftView:
    """Keep the user's edited text for the action (so that sending uses it), linted again."""
    edited = edit_view(store, view, data, where)
    save_text(store, edited.draft.action_id, edited.draft.text())
    return edited


def edit_view(store: SettingsReader, view: DraftView, data: bytes, where: str) -> DraftView:
    """`view` with the user's edited text, linted again; nothing is kept (the live check
    of the web editor, and the first step of `save_edit`)."""
    from followup.drafts.checking import lint_draft
    from followup.drafts.workflow import decode_edit, edited_draft

    if not view.draft.body.strip():
        raise DraftProblem(
            f"{view.draft.action_id} has no draft to edit yet",
            code="draft.nothing-to-edit",
            params={"action_id": view.draft.action_id, "missing": view.draft.missing[0]},
        )
    edited = edited_draft(view.draft, decode_edit(data, where))
    if view.action is None or view.templates is None:
        return replace(view, draft=edited, findings=lint_draft(edited, view.history, view.profile))
    findings = _findings(
        edited,
        view.action,
        actions=view.actions,
        history=view.history,
        profile=view.profile,
        store=store,
        templates=view.templates,
    )
    return replace(view, draft=edited, findings=findings)
