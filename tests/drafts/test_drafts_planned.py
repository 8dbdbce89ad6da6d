"""Drafts for the actions the real planner plans, along the life of scenarios A-E.

Each scenario is walked forward: plan, draft and lint every action, then carry out
the earliest one (record its touch) and plan again, until nothing is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from drafts_data import PROFILE, scenario_a, scenario_b, scenario_c, scenario_d, scenario_e

from followup.domain.model import (
    Action,
    ActionKind,
    Channel,
    Direction,
    History,
    Outcome,
    Touch,
    TouchKind,
)
from followup.drafts.checking import error_messages, lint_draft, lint_drafts_as_panel
from followup.drafts.render import render_draft
from followup.drafts.templates import DraftTemplates
from followup.drafts.workflow import panel_siblings
from followup.planner import PlanDefaults, plan_application
from followup.playbook import load_playbook

DEFAULTS = PlanDefaults(user_tz="America/New_York", user_country="US")
MAX_STEPS = 12


def _carry_out(history: History, act: Action, at: datetime) -> History:
    if act.kind is ActionKind.FIND_CONTACT:
        people = tuple(
            replace(p, email=f"person{p.id}@example.com") if p.id == act.person_id else p
            for p in history.people
        )
        return replace(history, people=people)
    touch = Touch(
        id=1000 + len(history.touches),
        app_id=history.application.id,
        at=at,
        channel=act.channel,
        direction=Direction.OUT,
        kind=TouchKind(act.kind.value),
        person_id=act.person_id,
        action_id=act.id,
    )
    return replace(history, touches=(*history.touches, touch))


def _walk(history: History, templates: DraftTemplates, playbook_name: str = "seed") -> list[Action]:
    """Every action planned along the way, each drafted and linted."""
    playbook = load_playbook(playbook_name)
    now = history.interviews[0].finished_at + timedelta(minutes=5)
    seen: list[Action] = []
    for _ in range(MAX_STEPS):
        plan = plan_application(history, playbook, now, DEFAULTS)
        if not plan.actions:
            break
        for act in plan.actions:
            _draft_and_lint(act, plan.actions, history, templates)
            seen.append(act)
        first = min(plan.actions, key=lambda a: a.due)
        at = max(now, first.due)
        history = _carry_out(history, first, at)
        now = at + timedelta(minutes=5)
    return seen


def _draft_and_lint(
    act: Action, actions: tuple[Action, ...], history: History, templates: DraftTemplates
) -> None:
    draft = render_draft(act, history, PROFILE, templates)
    assert draft.complete, (act, draft.missing)
    assert error_messages(lint_draft(draft, history, PROFILE)) == [], draft.text()
    siblings = panel_siblings(actions, act, history)
    if siblings:
        drafts = [render_draft(a, history, PROFILE, templates) for a in siblings]
        per_draft = lint_drafts_as_panel(drafts, history, PROFILE)
        assert all(error_messages(f) == [] for f in per_draft)


@pytest.mark.parametrize("playbook_name", ["seed", "prompt"])
@pytest.mark.parametrize(
    "build", [scenario_a, scenario_b, scenario_c, scenario_d, scenario_e], ids="ABCDE"
)
def test_every_planned_draft_passes_the_linter(
    build: Callable[[], History], playbook_name: str, templates: DraftTemplates
) -> None:
    seen = _walk(build(), templates, playbook_name)
    assert seen, "the planner planned nothing"


def test_scenario_a_lifecycle_kinds(templates: DraftTemplates) -> None:
    kinds = {a.kind for a in _walk(scenario_a(), templates)}
    assert {ActionKind.THANK_YOU, ActionKind.STATUS_CHECK} <= kinds


def test_scenario_b_three_thank_yous_each_with_its_own_highlight(
    templates: DraftTemplates,
) -> None:
    history = scenario_b()
    now = history.interviews[0].finished_at + timedelta(minutes=5)
    plan = plan_application(history, load_playbook("seed"), now, DEFAULTS)
    thanks = [a for a in plan.actions if a.kind is ActionKind.THANK_YOU]
    assert len(thanks) == 3
    drafts = [render_draft(a, history, PROFILE, templates) for a in thanks]
    notes = history.interviews[0].notes
    for act, draft in zip(thanks, drafts, strict=True):
        assert act.person_id is not None
        # The note's words, as a sentence to that person.
        assert " ".join(notes[act.person_id].split()[-3:]) in draft.body
    assert len({d.body for d in drafts}) == 3
    assert panel_siblings(plan.actions, thanks[1], history) == tuple(thanks)


def test_scenario_d_rejection_reply_keeps_the_thread(templates: DraftTemplates) -> None:
    history = scenario_d()
    now = datetime.fromisoformat("2026-03-05T10:00:00-05:00")
    history = replace(
        history,
        application=replace(history.application, outcome=Outcome.REJECTED, outcome_at=now),
    )
    plan = plan_application(history, load_playbook("seed"), now, DEFAULTS)
    replies = [a for a in plan.actions if a.kind is ActionKind.REJECTION_REPLY]
    assert replies
    draft = render_draft(replies[0], history, PROFILE, templates)
    assert draft.subject == "Re: Your application for Data Engineer"
    assert draft.in_reply_to == "<rej-1@acme.com>"


def test_scenario_e_follow_up_is_a_call_script(templates: DraftTemplates) -> None:
    history = scenario_e()
    now = datetime.fromisoformat("2026-03-16T09:00:00-04:00")
    plan = plan_application(history, load_playbook("seed"), now, DEFAULTS)
    calls = [a for a in plan.actions if a.channel is Channel.PHONE]
    assert calls, plan
    draft = render_draft(calls[0], history, PROFILE, templates)
    assert draft.message_kind == "call-script"
    assert draft.body.startswith("Call Dana Chen at +1 555 0111.")


@pytest.mark.parametrize(
    ("change", "kind"),
    [
        ({"outcome": Outcome.OFFER}, ActionKind.OFFER_ACK),
        ({"competing_offer_by": datetime(2026, 3, 20).date()}, ActionKind.COMPETING_OFFER),
    ],
)
def test_outcome_actions_draft_cleanly(
    change: dict[str, object], kind: ActionKind, templates: DraftTemplates
) -> None:
    history = scenario_a()
    now = datetime.fromisoformat("2026-03-10T10:00:00-04:00")
    app = replace(history.application, outcome_at=now, **change)  # type: ignore[arg-type]
    history = replace(history, application=app)
    plan = plan_application(history, load_playbook("seed"), now, DEFAULTS)
    wanted = [a for a in plan.actions if a.kind is kind]
    assert wanted, plan
    for act in wanted:
        _draft_and_lint(act, plan.actions, history, templates)


def test_competing_offer_by_phone_names_the_date(templates: DraftTemplates) -> None:
    history = scenario_e()
    now = datetime.fromisoformat("2026-03-16T10:00:00-04:00")
    app = replace(history.application, competing_offer_by=datetime(2026, 3, 20).date())
    history = replace(history, application=app)
    plan = plan_application(history, load_playbook("seed"), now, DEFAULTS)
    offers = [a for a in plan.actions if a.kind is ActionKind.COMPETING_OFFER]
    assert offers and offers[0].channel is Channel.PHONE, plan
    draft = render_draft(offers[0], history, PROFILE, templates)
    assert "answer by Friday, March 20" in draft.body


@pytest.mark.parametrize("build", [scenario_a, scenario_b, scenario_c], ids="ABC")
def test_planned_connection_notes_are_drafted_and_pass_the_linter(
    build: Callable[[], History], templates: DraftTemplates
) -> None:
    base = build()
    people = tuple(replace(p, linkedin=f"https://www.linkedin.com/in/p{p.id}") for p in base.people)
    seen = _walk(replace(base, people=people), templates)
    notes = [a for a in seen if a.kind is ActionKind.LINKEDIN_NOTE]
    assert {a.person_id for a in notes} == set(base.interviews[0].person_ids)
    for act in notes:
        draft = render_draft(act, replace(base, people=people), PROFILE, templates)
        assert draft.message_kind == "linkedin-note" and len(draft.body.strip()) <= 200
        assert "interview" in draft.body
