"""Every draft the built-in templates write for scenarios A-E passes the linter."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from drafts_data import (
    KIND_CHANNELS,
    PROFILE,
    action,
    scenario_a,
    scenario_b,
    scenario_c,
    scenario_d,
    scenario_e,
)

from followup.domain.model import ActionKind, Channel, History
from followup.drafts.checking import error_messages, lint_draft, lint_drafts_as_panel
from followup.drafts.render import render_draft
from followup.drafts.templates import DraftTemplates
from followup.lint import Severity


def _complete(history: History) -> History:
    """The history with the data every kind of draft needs."""
    app = replace(history.application, competing_offer_by=date(2026, 6, 30))
    people = tuple(
        replace(p, phone=p.phone or "+1 555 0199", linkedin=f"https://www.linkedin.com/in/p{p.id}")
        for p in history.people
    )
    return replace(history, application=app, people=people)


SCENARIOS = {
    "A": scenario_a,
    "B": scenario_b,
    "C": scenario_c,
    "D": scenario_d,
    "E": scenario_e,
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize(("kind", "channel"), KIND_CHANNELS, ids=str)
def test_scenario_drafts_pass_the_linter(
    name: str, kind: ActionKind, channel: Channel, templates: DraftTemplates
) -> None:
    history = _complete(SCENARIOS[name]())
    for pid in history.interviews[0].person_ids:
        draft = render_draft(
            action(history, kind, channel, person_id=pid), history, PROFILE, templates
        )
        assert draft.complete, draft.missing
        findings = lint_draft(draft, history, PROFILE)
        assert error_messages(findings) == [], draft.text()
        # The built-in wording is meant to be clean, warnings included.
        assert [f.rule for f in findings if f.severity is Severity.WARNING] == [], draft.text()


def test_find_contact_is_a_task_not_linted(templates: DraftTemplates) -> None:
    history = scenario_a()
    draft = render_draft(
        action(history, ActionKind.FIND_CONTACT, Channel.TASK), history, PROFILE, templates
    )
    assert draft.message_kind == ""
    assert lint_draft(draft, history, PROFILE) == ()
    assert "ask for someone in HR" in draft.body


def test_panel_b_passes_lint_panel(templates: DraftTemplates) -> None:
    history = scenario_b()
    drafts = [
        render_draft(
            action(history, ActionKind.THANK_YOU, person_id=pid), history, PROFILE, templates
        )
        for pid in history.interviews[0].person_ids
    ]
    assert len({d.body for d in drafts}) == 3
    per_draft = lint_drafts_as_panel(drafts, history, PROFILE)
    assert [error_messages(f) for f in per_draft] == [[], [], []]


def test_lint_panel_catches_a_copied_note(templates: DraftTemplates) -> None:
    history = scenario_b()
    first = render_draft(
        action(history, ActionKind.THANK_YOU, person_id=21), history, PROFILE, templates
    )
    second = render_draft(
        action(history, ActionKind.THANK_YOU, person_id=22), history, PROFILE, templates
    )
    copied = replace(second, body=first.body.replace("Dear Priya,", "Dear Tom,"))
    per_draft = lint_drafts_as_panel([first, copied], history, PROFILE)
    assert any("LINT-PANEL-SIMILAR" in m for m in error_messages(per_draft[1]))


def test_panel_of_six_passes_lint_panel(templates: DraftTemplates) -> None:
    history = scenario_b()
    iv = history.interviews[0]
    extra_notes = {
        24: "the on-call rotation and how incidents are reviewed",
        25: "the budget for open-source contributions",
        26: "how product and platform teams plan quarters together",
    }
    extra = tuple(
        replace(history.people[0], id=pid, name=name, email=f"p{pid}@globex.com")
        for pid, name in ((24, "Ola Berg"), (25, "Kenji Sato"), (26, "Amara Obi"))
    )
    iv = replace(iv, person_ids=(*iv.person_ids, 24, 25, 26), notes={**iv.notes, **extra_notes})
    history = replace(history, people=(*history.people, *extra), interviews=(iv,))
    drafts = [
        render_draft(
            action(history, ActionKind.THANK_YOU, person_id=pid), history, PROFILE, templates
        )
        for pid in iv.person_ids
    ]
    per_draft = lint_drafts_as_panel(drafts, history, PROFILE)
    assert [error_messages(f) for f in per_draft] == [[]] * 6


@pytest.mark.parametrize(
    ("company", "role", "name", "note"),
    [
        ("AT&T", "Senior C++ Engineer", "Seán O'Brien-Núñez", "the Q3 roadmap for their iOS app"),
        ("Müller GmbH", "Data Scientist (NLP)", "Zoë Weiß", "How they evaluate LLM features"),
        ("ACME Corp", "VP of Engineering", "Dr. Li Wei", "their move to a monorepo"),
        ("bol.com", "Backend developer", "jan de vries", "the search relevance work"),
        ("X", "SRE", "Al", "on-call"),
    ],
)
def test_unusual_names_and_roles_draft_cleanly(
    company: str, role: str, name: str, note: str, templates: DraftTemplates
) -> None:
    history = scenario_a()
    app = replace(history.application, company=company, role=role)
    person = replace(history.people[0], name=name)
    interview = replace(history.interviews[0], notes={person.id: note})
    history = _complete(
        replace(history, application=app, people=(person,), interviews=(interview,))
    )
    for kind, channel in KIND_CHANNELS:
        draft = render_draft(action(history, kind, channel), history, PROFILE, templates)
        assert error_messages(lint_draft(draft, history, PROFILE)) == [], draft.text()


def test_a_title_is_kept_in_the_greeting(templates: DraftTemplates) -> None:
    history = scenario_a()
    history = replace(history, people=(replace(history.people[0], name="Dr. Li Wei"),))
    draft = render_draft(action(history, ActionKind.THANK_YOU), history, PROFILE, templates)
    assert draft.body.startswith("Dear Dr. Wei,\n")


@pytest.mark.parametrize(("kind", "channel"), KIND_CHANNELS, ids=str)
def test_without_an_interview_no_date_is_left_blank(
    kind: ActionKind, channel: Channel, templates: DraftTemplates
) -> None:
    history = _complete(replace(scenario_a(), interviews=()))
    act = replace(action(scenario_a(), kind, channel), interview_id=None)
    draft = render_draft(act, history, PROFILE, templates)
    if kind is ActionKind.THANK_YOU:
        assert "followup interview add" in draft.missing[0]
        return
    assert draft.complete
    assert not re.search(r"\bon (?:about|for|,|\.)|\S {2,}\S", draft.body), draft.body
    assert "interview on" not in draft.body
    assert error_messages(lint_draft(draft, history, PROFILE)) == [], draft.text()
    if kind is ActionKind.STATUS_CHECK and channel is Channel.EMAIL:
        assert draft.subject == "Following up: Data Engineer application"
        assert "follow up on my application for the Data Engineer position" in draft.body


def test_the_users_own_signoff_is_accepted(templates: DraftTemplates) -> None:
    """A sign-off the shipped list lacks passes when it is the user's profile sign-off."""
    history = _complete(scenario_a())
    pid = history.interviews[0].person_ids[0]
    draft = render_draft(
        action(history, ActionKind.THANK_YOU, Channel.EMAIL, person_id=pid),
        history,
        PROFILE,
        templates,
    )
    custom = draft.text().replace(f"{PROFILE.signoff},", "Many thanks again,")
    assert custom != draft.text()
    edited = replace(
        draft, body=custom.split("\n\n", 1)[1] if custom.startswith("Subject:") else custom
    )
    rules = [f.rule for f in lint_draft(edited, history, PROFILE)]
    assert "LINT-SIGNOFF" in rules
    own = replace(PROFILE, signoff="Many thanks again")
    assert "LINT-SIGNOFF" not in [f.rule for f in lint_draft(edited, history, own)]
