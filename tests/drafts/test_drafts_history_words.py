"""The kind and length of the interview, the rounds, the time since the last contact and
an offer's answer date appear in the words where a person would put them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from drafts_data import NY, PROFILE, action, scenario_a

from followup.domain import model as m
from followup.drafts.checking import lint_draft
from followup.drafts.render import render_draft
from followup.drafts.templates import DraftTemplates
from followup.drafts.wording import candidate_answer_date, since_phrase


def _render(history: m.History, kind: m.ActionKind, templates: DraftTemplates, **kw: object) -> str:
    draft = render_draft(action(history, kind, **kw), history, PROFILE, templates)  # type: ignore[arg-type]
    assert not [f for f in lint_draft(draft, history, PROFILE) if f.severity.value == "error"]
    return draft.body


def _phone_screen(minutes: int) -> m.History:
    base = scenario_a()
    iv = replace(
        base.interviews[0],
        kind=m.InterviewKind.PHONE,
        end=base.interviews[0].start + timedelta(minutes=minutes),
    )
    return replace(base, interviews=(iv,))


def _two_rounds() -> m.History:
    """A phone screen with the recruiter (Mar 3), then a video call with Dana (Mar 10)."""
    base = scenario_a()
    rae = m.Person(2, 1, "Rae Moss", email="rae@acme.com", role=m.PersonRole.RECRUITER)
    screen = m.Interview(
        1, 1, datetime(2026, 3, 3, 9, tzinfo=NY), m.InterviewKind.PHONE, (2,),
        end=datetime(2026, 3, 3, 9, 30, tzinfo=NY),
    )  # fmt: skip
    video = m.Interview(
        2, 1, datetime(2026, 3, 10, 14, tzinfo=NY), m.InterviewKind.VIDEO, (1,),
        end=datetime(2026, 3, 10, 15, tzinfo=NY), notes={1: "his plan to split the monolith"},
    )  # fmt: skip
    # The second round comes first, so that `action` (which uses interviews[0]) targets it.
    return replace(base, people=(*base.people, rae), interviews=(video, screen))


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(30, "Thank you again for our call on"), (60, "Thank you again for our phone conversation")],
)
def test_a_short_phone_interview_is_a_call(
    minutes: int, expected: str, templates: DraftTemplates
) -> None:
    body = _render(_phone_screen(minutes), m.ActionKind.ESTIMATE_REQUEST, templates)
    assert expected in body


def test_a_later_round_is_named_to_the_interviewer(templates: DraftTemplates) -> None:
    body = _render(_two_rounds(), m.ActionKind.ESTIMATE_REQUEST, templates)
    assert "Thank you again for our video call on Tuesday, March 10, my second interview" in body


def test_a_later_round_is_named_to_the_recruiter_who_was_not_there(
    templates: DraftTemplates,
) -> None:
    body = _render(_two_rounds(), m.ActionKind.ESTIMATE_REQUEST, templates, person_id=2)
    assert "I am writing about my second interview for the Data Engineer role, on" in body
    assert "our video call" not in body


def test_a_status_check_after_two_rounds_counts_them(templates: DraftTemplates) -> None:
    body = _render(_two_rounds(), m.ActionKind.STATUS_CHECK, templates, day=16)
    assert (
        "I am writing to follow up on my two interviews for the Data Engineer position at Acme, "
        "most recently our video call on Tuesday, March 10." in body
    )
    assert "It has been two weeks since we spoke, and I remain very interested" in body


def test_time_since_names_the_last_contact(templates: DraftTemplates) -> None:
    history = scenario_a()
    reply = m.Touch(
        7, 1, datetime(2026, 3, 6, 9, tzinfo=NY), m.Channel.EMAIL, m.Direction.IN,
        kind=m.TouchKind.REPLY, person_id=1,
    )  # fmt: skip
    with_reply = replace(history, touches=(reply,))
    assert "It has been two weeks since your last message" in _render(
        with_reply, m.ActionKind.STATUS_CHECK, templates, day=17
    )
    assert "It has been" not in _render(history, m.ActionKind.STATUS_CHECK, templates, day=7)


@pytest.mark.parametrize(
    ("days", "phrase"),
    [(5, ""), (14, "two weeks"), (20, "three weeks"), (30, "about a month"),
     (95, "about three months"), (200, "about seven months"), (400, "over a year")],
)  # fmt: skip
def test_since_phrase(days: int, phrase: str) -> None:
    assert since_phrase(days) == phrase


@pytest.mark.parametrize(
    ("today", "friday"),
    [(date(2026, 3, 16), date(2026, 3, 27)), (date(2026, 3, 20), date(2026, 3, 27)),
     (date(2026, 3, 13), date(2026, 3, 20))],
)  # fmt: skip
def test_the_candidate_proposes_the_friday_of_the_week_after(today: date, friday: date) -> None:
    assert candidate_answer_date(today) == friday


@pytest.mark.parametrize(
    ("country", "deadline", "expected"),
    [
        ("US", None, "get back to you by Friday, March 13."),
        ("GB", None, "get back to you by Friday 13 March."),
        ("US", date(2026, 3, 11), "get back to you by Wednesday, March 11."),
    ],
)
def test_an_offer_acknowledgement_names_the_answer_date(
    country: str, deadline: date | None, expected: str, templates: DraftTemplates
) -> None:
    base = scenario_a()
    offer = m.Touch(
        8, 1, datetime(2026, 3, 5, 9, tzinfo=NY), m.Channel.EMAIL, m.Direction.IN,
        kind=m.TouchKind.OFFER, person_id=1, decision_by=deadline,
    )  # fmt: skip
    app = replace(base.application, country=country)
    history = replace(base, application=app, touches=(offer,))
    body = _render(history, m.ActionKind.OFFER_ACK, templates)  # due Friday, March 6
    assert expected in body
    assert "shortly" not in body


def test_stay_in_touch_says_something_specific(templates: DraftTemplates) -> None:
    body = _render(_two_rounds(), m.ActionKind.STAY_IN_TOUCH, templates, day=95)
    assert "It has been about three months since we spoke about the Data Engineer role" in body
    assert "I still think back to our conversation about your plan to split the monolith" in body


def test_stay_in_touch_after_a_practical_note_claims_no_topic(templates: DraftTemplates) -> None:
    base = scenario_a()
    iv = replace(base.interviews[0], notes={1: "relocation support + start date"})
    body = _render(replace(base, interviews=(iv,)), m.ActionKind.STAY_IN_TOUCH, templates, day=60)
    assert "think back" not in body and "relocation" not in body
    assert "It has been about two months since we spoke" in body
    # no filler that claims what the candidate has not done ("following news from ...")
    assert "I enjoyed our conversation, and I hope things are going well" in body
    assert "following news" not in body


def test_a_linkedin_stay_in_touch_says_how_long_it_has_been(templates: DraftTemplates) -> None:
    base = scenario_a()
    people = (replace(base.people[0], linkedin="https://www.linkedin.com/in/dana"),)
    history = replace(base, people=people)
    body = _render(
        history, m.ActionKind.STAY_IN_TOUCH, templates, channel=m.Channel.LINKEDIN, day=70
    )
    assert (
        "It has been about two months since we spoke about the Data Engineer role at Acme" in body
    )


def test_a_thank_you_to_someone_met_at_an_earlier_round_says_again(
    templates: DraftTemplates,
) -> None:
    history = _two_rounds()
    video, screen = history.interviews
    again = replace(video, person_ids=(1, 2), notes={**video.notes, 2: "the team's roadmap"})
    history = replace(history, interviews=(again, screen))
    rae = _render(history, m.ActionKind.THANK_YOU, templates, person_id=2)
    dana = _render(history, m.ActionKind.THANK_YOU, templates, person_id=1)
    assert "again" in rae.split(".")[0]  # Rae ran the phone screen before
    assert "again" not in dana.split(".")[0]  # Dana is met for the first time


@pytest.mark.parametrize(
    ("note", "named"),
    [
        ("his plan to split the monolith",
         "our conversation about your plan to split the monolith"),
        ("the long and winding story of how their seven data teams merged into one platform group",
         None),
        ("relocation support + start date", None),
    ],
)  # fmt: skip
def test_a_linkedin_note_names_the_topic_when_it_fits(
    note: str, named: str | None, templates: DraftTemplates
) -> None:
    base = scenario_a()
    people = (replace(base.people[0], linkedin="https://www.linkedin.com/in/dana"),)
    iv = replace(base.interviews[0], notes={1: note})
    history = replace(base, people=people, interviews=(iv,))
    body = _render(history, m.ActionKind.LINKEDIN_NOTE, templates, channel=m.Channel.LINKEDIN)
    assert len(body.strip()) <= 200 and "\n" not in body.strip()
    if named is None:
        assert "I enjoyed our conversation and would be glad to stay connected" in body
    else:
        assert f"I enjoyed {named} and would be glad" in body
