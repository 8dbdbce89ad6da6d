"""Context decides the words: who receives the message, the kind of interview, the dates
given, the recipient's country and what was said before."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from drafts_data import NY, PROFILE, action, scenario_a, scenario_d, scenario_e

from followup.domain.model import (
    ActionKind,
    Channel,
    Direction,
    History,
    InterviewKind,
    Person,
    PersonRole,
    Touch,
    TouchKind,
)
from followup.drafts.checking import error_messages, lint_draft
from followup.drafts.facts import long_date, short_date
from followup.drafts.render import render_draft
from followup.drafts.templates import DraftTemplates


@pytest.mark.parametrize(
    ("country", "long", "short"),
    [
        ("US", "Thursday, March 5", "March 5"),
        ("GB", "Thursday 5 March", "5 March"),
        ("IE", "Thursday 5 March", "5 March"),
        ("AU", "Thursday 5 March", "5 March"),
        ("CA", "Thursday, March 5", "March 5"),
        ("DE", "Thursday 5 March", "5 March"),
        ("JP", "Thursday 5 March", "5 March"),  # no en_JP: English as most of the world writes it
        (None, "Thursday, March 5", "March 5"),
    ],
)
def test_dates_as_the_recipients_country_writes_them(
    country: str | None, long: str, short: str
) -> None:
    assert long_date(date(2026, 3, 5), country) == long
    assert short_date(date(2026, 3, 5), country) == short


@pytest.mark.parametrize("country", ["US", "GB", "CA", "IN", "ZA", "JP", "XK", None])
def test_dates_are_written_as_babel_writes_them(country: str | None) -> None:
    """The names are written out here (babel's date module costs start-up); the CLDR order
    of day and month still comes from babel, and every day of a year reads as babel has it."""
    from babel.dates import format_date

    day_first = long_date(date(2026, 3, 5), country).startswith("Thursday 5")
    patterns = ("EEEE d MMMM", "d MMMM") if day_first else ("EEEE, MMMM d", "MMMM d")
    for n in range(366):
        day = date(2028, 1, 1) + timedelta(days=n)
        assert long_date(day, country) == format_date(day, format=patterns[0], locale="en")
        assert short_date(day, country) == format_date(day, format=patterns[1], locale="en")


def _uk(history: History) -> History:
    app = replace(history.application, country="GB", tz="Europe/London")
    return replace(history, application=app)


def test_a_uk_recipient_gets_uk_dates_and_the_draft_passes(templates: DraftTemplates) -> None:
    history = _uk(scenario_a())
    thanks = render_draft(action(history, ActionKind.THANK_YOU), history, PROFILE, templates)
    assert "Tuesday 3 March" in thanks.body and "March 3" not in thanks.body
    status = render_draft(
        action(history, ActionKind.STATUS_CHECK, day=13), history, PROFILE, templates
    )
    assert status.subject == "Following up: Data Engineer interview on 3 March"
    for draft in (thanks, status):
        assert error_messages(lint_draft(draft, history, PROFILE)) == []


def test_a_person_in_another_country_gets_their_own_dates(templates: DraftTemplates) -> None:
    history = scenario_a()
    history = replace(history, people=(replace(history.people[0], country="GB"),))
    draft = render_draft(action(history, ActionKind.THANK_YOU), history, PROFILE, templates)
    assert "Tuesday 3 March" in draft.body


def _with_recruiter(history: History) -> History:
    recruiter = Person(9, history.application.id, "Maria Lopez", email="maria@acme.com",
                       phone="+1 555 0122", role=PersonRole.RECRUITER)  # fmt: skip
    return replace(history, people=(*history.people, recruiter))


def test_an_estimate_request_to_a_recruiter_who_was_not_there(templates: DraftTemplates) -> None:
    history = _with_recruiter(scenario_a())
    act = action(history, ActionKind.ESTIMATE_REQUEST, person_id=9)
    draft = render_draft(act, history, PROFILE, templates)
    assert "again" not in draft.body.split("\n\n")[1]
    assert "chance to interview" not in draft.body
    assert "work we discussed" not in draft.body
    assert "I am writing about my interview on Tuesday, March 3" in draft.body
    assert error_messages(lint_draft(draft, history, PROFILE)) == []


def test_an_estimate_request_to_the_interviewer_thanks_again(templates: DraftTemplates) -> None:
    history = scenario_a()
    draft = render_draft(action(history, ActionKind.ESTIMATE_REQUEST), history, PROFILE, templates)
    assert "Thank you again for our meeting on Tuesday, March 3" in draft.body


def _phone_screen(history: History) -> History:
    iv = history.interviews[0]
    iv = replace(iv, kind=InterviewKind.PHONE, end=iv.start + timedelta(minutes=30))
    return replace(history, interviews=(iv,))


def test_a_rejection_after_a_phone_screen_does_not_thank_the_team(
    templates: DraftTemplates,
) -> None:
    history = _phone_screen(scenario_d())
    draft = render_draft(action(history, ActionKind.REJECTION_REPLY), history, PROFILE, templates)
    assert "meeting the team" not in draft.body
    assert "everyone" not in draft.body
    assert "I enjoyed our conversation and learning about Acme" in draft.body
    assert error_messages(lint_draft(draft, history, PROFILE)) == []


def test_a_rejection_after_a_panel_thanks_the_team(templates: DraftTemplates) -> None:
    history = scenario_d()
    iv = replace(history.interviews[0], kind=InterviewKind.PANEL, person_ids=(1, 2))
    other = replace(history.people[0], id=2, name="Lee Park", email="lee@acme.com")
    history = replace(history, interviews=(iv,), people=(*history.people, other))
    draft = render_draft(action(history, ActionKind.REJECTION_REPLY), history, PROFILE, templates)
    assert "meeting the team" in draft.body


def _reply(history: History, decision_by: date) -> History:
    reply = Touch(
        id=77, app_id=1, at=datetime(2026, 3, 9, 9, tzinfo=NY), channel=Channel.EMAIL,
        direction=Direction.IN, kind=TouchKind.REPLY, person_id=1, decision_by=decision_by,
    )  # fmt: skip
    return replace(history, touches=(*history.touches, reply))


def test_a_status_check_names_the_date_the_employer_gave(templates: DraftTemplates) -> None:
    history = _reply(scenario_a(), date(2026, 3, 18))
    draft = render_draft(
        action(history, ActionKind.STATUS_CHECK, day=16), history, PROFILE, templates
    )
    assert "You mentioned a decision around Wednesday, March 18" in draft.body
    assert error_messages(lint_draft(draft, history, PROFILE)) == []
    # Without a reply, the date given at the interview.
    plain = scenario_a()
    draft = render_draft(action(plain, ActionKind.STATUS_CHECK, day=13), plain, PROFILE, templates)
    assert "You mentioned a decision around Friday, March 13" in draft.body


def test_an_offer_acknowledgement_names_the_answer_date(templates: DraftTemplates) -> None:
    history = scenario_a()
    offer = Touch(
        id=88, app_id=1, at=datetime(2026, 3, 10, 9, tzinfo=NY), channel=Channel.EMAIL,
        direction=Direction.IN, kind=TouchKind.OFFER, person_id=1, message_id="<o@acme.com>",
        summary="Your offer", decision_by=date(2026, 3, 17),
    )  # fmt: skip
    history = replace(history, touches=(offer,))
    draft = render_draft(action(history, ActionKind.OFFER_ACK, day=7), history, PROFILE, templates)
    assert "get back to you by Tuesday, March 17" in draft.body
    assert error_messages(lint_draft(draft, history, PROFILE)) == []


def test_a_second_voicemail_does_not_repeat_the_first(templates: DraftTemplates) -> None:
    first_history = scenario_a()
    first = render_draft(
        action(first_history, ActionKind.VOICEMAIL, Channel.VOICEMAIL, day=8),
        first_history, PROFILE, templates,
    )  # fmt: skip
    history = scenario_e()  # a voicemail was left on day 8
    second = render_draft(
        action(history, ActionKind.VOICEMAIL, Channel.VOICEMAIL, day=12), history, PROFILE,
        templates,
    )  # fmt: skip
    assert first.body != second.body
    first_sentences = {s.strip() for s in first.body.split(". ")}
    assert not first_sentences & {s.strip() for s in second.body.split(". ")}
    assert "calling back" in second.body
    assert error_messages(lint_draft(second, history, PROFILE)) == []


def test_a_status_check_to_someone_who_did_not_give_the_date(templates: DraftTemplates) -> None:
    # The date was given at the interview; the recruiter who gets the check was not there.
    plain = scenario_a()
    recruiter = Person(9, 1, "Sam Okafor", email="sam@acme.com", role=PersonRole.RECRUITER)
    history = replace(plain, people=(*plain.people, recruiter))
    draft = render_draft(
        action(history, ActionKind.STATUS_CHECK, person_id=9, day=13), history, PROFILE, templates
    )
    assert "You mentioned" not in draft.body
    assert "I understood that a decision was expected around Friday, March 13" in draft.body
    assert error_messages(lint_draft(draft, history, PROFILE)) == []


def test_a_competing_offer_voicemail_names_the_other_deadline(templates: DraftTemplates) -> None:
    plain = scenario_a()
    app = replace(plain.application, competing_offer_by=date(2026, 3, 20))
    history = replace(plain, application=app)
    call = action(history, ActionKind.COMPETING_OFFER, Channel.PHONE, day=8)
    draft = render_draft(call, history, PROFILE, templates)
    voicemail = draft.body.split("If nobody answers")[1]
    assert "another offer that I need to answer by Friday, March 20" in voicemail
    assert error_messages(lint_draft(draft, history, PROFILE)) == []
