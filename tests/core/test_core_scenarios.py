"""Acceptance scenarios A-E of the playbook notes, at the planner level (seed, US)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from core_factory import ANA, NY, RECRUITER, SEED, at, history, inbound, interview, out, plan

from followup.domain.model import (
    ActionKind,
    ActionStatus,
    Channel,
    InterviewKind,
    Person,
    PersonRole,
    Plan,
    Stage,
    TouchKind,
)


def kinds(p: Plan) -> list[ActionKind]:
    return [a.kind for a in p.actions]


# -- A: on-site Tue 3 Mar 2026, decision promised by Fri 13 Mar ----------------------------
A_INTERVIEW = interview(at(2026, 3, 3, 10), decision_by=date(2026, 3, 13))
A_THANKS = out(at(2026, 3, 3, 15), TouchKind.THANK_YOU, person=10)
A_STATUS = out(at(2026, 3, 16, 9), TouchKind.STATUS_CHECK)
A_FINAL = out(at(2026, 3, 23, 9), TouchKind.FINAL_NOTE)


def test_a_thank_you_window_is_tue_3_to_fri_6_march() -> None:
    p = plan(history([A_INTERVIEW]), at(2026, 3, 3, 12))
    thanks = [a for a in p.actions if a.kind is ActionKind.THANK_YOU]
    assert len(thanks) == 1
    (action,) = thanks
    assert action.person_id == ANA.id
    assert action.earliest == at(2026, 3, 3, 11)  # the end of the interview
    assert action.latest == at(2026, 3, 6, 17)
    assert action.status is ActionStatus.DUE
    assert "SEED-THANKS-INPERSON" in action.rule_ids
    assert action.id == "1-i5-thank-you-p10"


def test_a_nothing_before_the_decision_date_then_status_check_monday_16() -> None:
    p = plan(history([A_INTERVIEW], [A_THANKS]), at(2026, 3, 5, 12))
    assert p.stage is Stage.WAITING
    (action,) = p.actions
    assert action.kind is ActionKind.STATUS_CHECK
    assert action.earliest == action.due == at(2026, 3, 16, 8)
    assert action.rule_ids[0] == "SEED-DEADLINE"
    assert action.person_id == RECRUITER.id
    assert any("Fri 13 Mar" in n for n in p.notes)


def test_a_no_answer_final_note_monday_23() -> None:
    p = plan(history([A_INTERVIEW], [A_THANKS, A_STATUS]), at(2026, 3, 17, 12))
    (action,) = p.actions
    assert action.kind is ActionKind.FINAL_NOTE
    assert action.due == at(2026, 3, 23, 9)
    assert "SEED-WEEK-ONE" in action.rule_ids


def test_a_two_weeks_after_the_status_check_no_response() -> None:
    h = history([A_INTERVIEW], [A_THANKS, A_STATUS, A_FINAL])
    assert plan(h, at(2026, 3, 27, 12)).stage is Stage.WAITING
    assert plan(h, at(2026, 3, 27, 12)).actions == ()
    p = plan(h, at(2026, 3, 30, 12))
    assert p.stage is Stage.NO_RESPONSE
    assert kinds(p) == [ActionKind.STAY_IN_TOUCH]
    assert p.actions[0].due >= at(2026, 3, 30, 9) + timedelta(days=60)


def test_a_no_response_even_without_the_final_note() -> None:
    p = plan(history([A_INTERVIEW], [A_THANKS, A_STATUS]), at(2026, 3, 31, 12))
    assert p.stage is Stage.NO_RESPONSE
    assert ActionKind.FINAL_NOTE not in kinds(p)


def test_a_late_reply_reopens_the_application() -> None:
    reply = inbound(at(2026, 4, 2, 11), decision_by=date(2026, 4, 10))
    h = history([A_INTERVIEW], [A_THANKS, A_STATUS, A_FINAL, reply])
    p = plan(h, at(2026, 4, 2, 12))
    assert p.stage is Stage.WAITING
    (action,) = p.actions
    assert action.kind is ActionKind.STATUS_CHECK
    assert action.due == at(2026, 4, 13, 8)  # the first business day after the new date
    assert action.id != "1-i5-n1-status-check"


# -- B: panel of three on Thu 16 Apr 2026 ---------------------------------------------------
PANEL = [
    Person(20, 1, "Kim Lee", "kim@acme.test"),
    Person(21, 1, "Omar Haddad", "omar@acme.test"),
    Person(22, 1, "Jo Park", "jo@acme.test"),
]
B_INTERVIEW = interview(at(2026, 4, 16, 10), people=(20, 21, 22), kind=InterviewKind.PANEL)


def test_b_panel_one_thank_you_per_person() -> None:
    p = plan(history([B_INTERVIEW], people=[*PANEL, RECRUITER]), at(2026, 4, 16, 12))
    thanks = [a for a in p.actions if a.kind is ActionKind.THANK_YOU]
    assert sorted(a.person_id for a in thanks if a.person_id) == [20, 21, 22]
    assert len({a.id for a in thanks}) == 3


def test_b_the_panel_thank_yous_count_as_one_contact() -> None:
    sent = [out(at(2026, 4, 16, 15, m), TouchKind.THANK_YOU, person=pid) for m, pid in
            ((0, 20), (10, 21), (20, 22))]  # fmt: skip
    p = plan(history([B_INTERVIEW], sent, people=[*PANEL, RECRUITER]), at(2026, 4, 17, 12))
    (action,) = p.actions
    assert action.kind is ActionKind.ESTIMATE_REQUEST
    assert action.due == at(2026, 4, 23, 15, 20)  # one week after the last note, not three


# -- C: video Fri 22 May 2026 ending 16:30, no timeframe ------------------------------------
C_INTERVIEW = interview(at(2026, 5, 22, 15, 30), kind=InterviewKind.VIDEO)


def test_c_same_evening_or_tuesday_morning_after_memorial_day() -> None:
    p = plan(history([C_INTERVIEW]), at(2026, 5, 22, 19))
    (thanks,) = [a for a in p.actions if a.kind is ActionKind.THANK_YOU]
    assert thanks.due == at(2026, 5, 22, 16, 30)
    assert thanks.latest == at(2026, 5, 26, 12)
    assert thanks.status is ActionStatus.DUE  # 19:00 on Friday is still inside the window
    assert {"SEED-THANKS-OTHER", "CAL-WINDOW-STRETCH"} <= set(thanks.rule_ids)


def test_c_estimate_request_one_week_after_the_thank_you() -> None:
    sent = out(at(2026, 5, 26, 9, 30), TouchKind.THANK_YOU, person=10)
    p = plan(history([C_INTERVIEW], [sent]), at(2026, 5, 27, 12))
    (action,) = p.actions
    assert action.kind is ActionKind.ESTIMATE_REQUEST
    assert action.due == at(2026, 6, 2, 9, 30)
    assert action.rule_ids[0] == "SEED-ESTIMATE"


def test_c_thank_you_sent_in_the_evening_moves_the_estimate_to_send_hours() -> None:
    sent = out(at(2026, 5, 22, 19), TouchKind.THANK_YOU, person=10)
    (action,) = plan(history([C_INTERVIEW], [sent]), at(2026, 5, 23, 12)).actions
    assert action.due == at(2026, 6, 1, 8)  # Fri 29 May 19:00 is after hours


# -- D: rejection two days after the interview ----------------------------------------------
def test_d_rejection_cancels_nudges_and_schedules_reply_and_stay_in_touch() -> None:
    rejection = inbound(at(2026, 3, 5, 10), TouchKind.REJECTION)
    p = plan(history([A_INTERVIEW], [rejection]), at(2026, 3, 5, 11))
    assert p.stage is Stage.REJECTED
    assert kinds(p) == [ActionKind.REJECTION_REPLY, ActionKind.STAY_IN_TOUCH]
    reply, stay = p.actions
    assert reply.latest == at(2026, 3, 9, 17)  # two business days
    assert stay.due == at(2026, 5, 4, 10)  # 60 days later
    assert "SEED-STAY-IN-TOUCH" in stay.rule_ids


# -- E: a voicemail logged on day 8 ---------------------------------------------------------
def test_e_after_a_voicemail_the_next_contact_is_a_week_later_by_phone() -> None:
    day0 = at(2026, 3, 3, 10)
    touches = [
        out(day0 + timedelta(hours=5), TouchKind.THANK_YOU, person=10),
        out(day0 + timedelta(days=8), TouchKind.VOICEMAIL, channel=Channel.VOICEMAIL),
    ]
    p = plan(history([interview(day0)], touches), day0 + timedelta(days=9))
    (action,) = p.actions
    assert action.due >= day0 + timedelta(days=15)
    assert action.earliest >= day0 + timedelta(days=15)
    assert action.channel is Channel.PHONE
    assert action.kind is ActionKind.CALL
    assert "SEED-ONE-METHOD" in action.rule_ids


@pytest.mark.parametrize("now_day", [4, 10, 20])
def test_every_scenario_action_cites_a_rule_of_the_playbook(now_day: int) -> None:
    p = plan(history([A_INTERVIEW], [A_THANKS]), at(2026, 3, now_day, 12))
    for action in p.actions:
        assert action.rule_ids
        assert set(action.rule_ids) <= SEED.rules.keys()
        assert action.why
        assert action.earliest.tzinfo is not None
        assert action.earliest <= action.due <= action.latest


def test_phone_connection_chooses_a_call_before_the_method_is_fixed() -> None:
    friend = Person(11, 1, "Rob Stone", "rob@acme.test", "+1 212 555 0101", PersonRole.RECRUITER,
                    connection=True)  # fmt: skip
    p = plan(history([A_INTERVIEW], [A_THANKS], people=[ANA, friend]), at(2026, 3, 5, 12))
    (action,) = p.actions
    assert action.channel is Channel.PHONE
    assert "SEED-PHONE-CONNECTION" in action.rule_ids


def test_status_check_by_email_fixes_the_method_despite_a_connection() -> None:
    friend = Person(11, 1, "Rob Stone", "rob@acme.test", "+1 212 555 0101", PersonRole.RECRUITER,
                    connection=True)  # fmt: skip
    h = history([A_INTERVIEW], [A_THANKS, A_STATUS], people=[ANA, friend])
    (action,) = plan(h, at(2026, 3, 17, 12)).actions
    assert action.channel is Channel.EMAIL
    assert action.kind is ActionKind.FINAL_NOTE
    assert "SEED-ONE-METHOD" in action.rule_ids


def test_dates_are_new_york_wall_clock() -> None:
    (action,) = plan(history([A_INTERVIEW], [A_THANKS]), at(2026, 3, 5, 12)).actions
    assert action.due.tzinfo is not None
    assert action.due.astimezone(NY).hour == 8


def test_the_planner_imports_no_io_library(imported_by: Callable[[str], set[str]]) -> None:
    code = (
        "import datetime as d\n"
        "from followup.planner import plan_application, PlanDefaults\n"
        "from followup.playbook import load_playbook\n"
        "from followup.domain.model import *\n"
        "tz = d.timezone.utc\n"
        "app = Application(1, 'Acme', 'Dev', d.datetime(2026, 3, 1, tzinfo=tz), 'US')\n"
        "iv = Interview(1, 1, d.datetime(2026, 3, 3, 15, tzinfo=tz), InterviewKind.VIDEO, (1,))\n"
        "h = History(app, (Person(1, 1, 'Ana', 'a@x.test'),), (iv,))\n"
        "plan_application(h, load_playbook('seed'), d.datetime(2026, 3, 4, tzinfo=tz),\n"
        "                 PlanDefaults('America/New_York', 'US'))\n"
    )
    io = {"sqlalchemy", "smtplib", "imaplib", "socket", "httpx", "pydantic", "holidays"}
    assert not io & imported_by(code)
