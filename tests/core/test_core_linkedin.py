"""LinkedIn connection notes (SEED-LINKEDIN-NOTE / PROMPT-LINKEDIN-NOTE): proposed after the
interview to each interviewer with a profile URL, in the thank-you window, once per person;
a contact for the weekly cap, not a step of the nudge sequence."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from core_factory import ANA, DEFAULTS, RECRUITER, at, history, interview, out

from followup.domain import model as m
from followup.planner import plan_application
from followup.playbook import load_playbook

SEED = load_playbook("seed")
ANA_IN = replace(ANA, linkedin="https://www.linkedin.com/in/ana-ruiz")
IV = interview(at(2026, 3, 3, 10))  # Tue 3 Mar, on-site with Ana, no timeframe
THANKS = out(at(2026, 3, 3, 15), m.TouchKind.THANK_YOU, person=ANA.id)


def plan(h: m.History, now: datetime, playbook: object = SEED) -> m.Plan:
    return plan_application(h, playbook, now, DEFAULTS)  # type: ignore[arg-type]


def notes_of(p: m.Plan) -> list[m.Action]:
    return [a for a in p.actions if a.kind is m.ActionKind.LINKEDIN_NOTE]


@pytest.mark.parametrize("name", ["seed", "prompt"])
def test_an_interviewer_with_a_profile_gets_a_connection_note(name: str) -> None:
    playbook = load_playbook(name)
    p = plan(history([IV], people=(ANA_IN, RECRUITER)), at(2026, 3, 3, 12), playbook)
    (note,) = notes_of(p)
    (thanks,) = [a for a in p.actions if a.kind is m.ActionKind.THANK_YOU]
    assert note.id == "1-i5-linkedin-note-p10"
    assert note.channel is m.Channel.LINKEDIN and note.person_id == ANA.id
    assert note.rule_ids[0] == f"{name.upper()}-LINKEDIN-NOTE"
    assert (note.earliest, note.due, note.latest) == (thanks.earliest, thanks.due, thanks.latest)
    assert "LinkedIn" in note.why


def test_no_profile_no_note_and_the_playbook_can_turn_it_off() -> None:
    assert not notes_of(plan(history([IV]), at(2026, 3, 3, 12)))
    off = load_playbook("seed", {"linkedin.connection_note": False})
    assert not notes_of(plan(history([IV], people=(ANA_IN, RECRUITER)), at(2026, 3, 3, 12), off))


def test_the_note_is_not_proposed_after_its_window_or_twice() -> None:
    h = history([IV], [THANKS], people=(ANA_IN, RECRUITER))
    assert not notes_of(plan(h, at(2026, 3, 7, 9)))  # the window closed on Fri 6 Mar
    sent = out(at(2026, 3, 4, 9), m.TouchKind.LINKEDIN_NOTE, ANA.id, m.Channel.LINKEDIN)
    later_round = interview(at(2026, 3, 20, 10), iid=6)
    again = history([IV, later_round], [THANKS, sent], people=(ANA_IN, RECRUITER))
    assert not notes_of(plan(again, at(2026, 3, 20, 12)))  # connected already


def test_the_note_counts_for_the_weekly_cap_but_is_not_a_nudge() -> None:
    sent = out(at(2026, 3, 5, 9), m.TouchKind.LINKEDIN_NOTE, ANA.id, m.Channel.LINKEDIN)
    without = plan(history([IV], [THANKS], people=(ANA_IN, RECRUITER)), at(2026, 3, 5, 12))
    with_note = plan(history([IV], [THANKS, sent], people=(ANA_IN, RECRUITER)), at(2026, 3, 5, 12))
    (before,) = [a for a in without.actions if a.kind is m.ActionKind.ESTIMATE_REQUEST]
    (after,) = [a for a in with_note.actions if a.kind is m.ActionKind.ESTIMATE_REQUEST]
    assert before.earliest < at(2026, 3, 12, 9)  # a week after the thank-you
    assert after.earliest >= at(2026, 3, 12, 9)  # a week after the note
    assert after.id == before.id  # still the first step of the sequence


def test_a_no_follow_up_interview_gets_no_note() -> None:
    quiet = replace(IV, no_follow_up=True)
    assert not notes_of(plan(history([quiet], people=(ANA_IN, RECRUITER)), at(2026, 3, 3, 12)))
