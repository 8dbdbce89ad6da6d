"""Planner rules beyond the scenarios: outcomes, competing offers, calendars, skips."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core_factory import (
    ANA,
    APP,
    RECRUITER,
    at,
    history,
    inbound,
    interview,
    out,
    plan,
    skip,
    with_app,
)

from followup.domain.model import (
    ActionKind,
    ActionStatus,
    Channel,
    Outcome,
    Person,
    PersonRole,
    Stage,
    TouchKind,
)
from followup.playbook import load_playbook

PROMPT = load_playbook("prompt")
IV = interview(at(2026, 3, 3, 10))
THANKS = out(at(2026, 3, 3, 15), TouchKind.THANK_YOU, person=10)


def test_no_interview_is_applied_with_nothing_to_do() -> None:
    p = plan(history(), at(2026, 3, 3))
    assert (p.stage, p.actions) == (Stage.APPLIED, ())


def test_a_future_interview_is_scheduled_with_no_nudges() -> None:
    p = plan(history([IV]), at(2026, 3, 2))
    assert (p.stage, p.actions) == (Stage.SCHEDULED, ())


def test_an_interview_in_progress_is_not_finished() -> None:
    assert plan(history([IV]), at(2026, 3, 3, 10, 30)).stage is Stage.SCHEDULED


def test_a_second_round_booked_keeps_thank_yous_but_stops_nudges() -> None:
    second = interview(at(2026, 3, 20, 10), iid=6)
    p = plan(history([IV, second]), at(2026, 3, 3, 12))
    assert p.stage is Stage.SCHEDULED
    assert [a.kind for a in p.actions] == [ActionKind.THANK_YOU]


def test_the_latest_finished_interview_is_the_current_round() -> None:
    second = interview(at(2026, 3, 20, 10), iid=6, people=(11,))
    p = plan(history([IV, second], [THANKS]), at(2026, 3, 20, 12))
    (thanks,) = [a for a in p.actions if a.kind is ActionKind.THANK_YOU]
    assert (thanks.interview_id, thanks.person_id) == (6, 11)


def test_offer_only_acknowledgement() -> None:
    offer = inbound(at(2026, 3, 6, 16), TouchKind.OFFER)
    p = plan(history([IV], [THANKS, offer]), at(2026, 3, 6, 17))
    assert p.stage is Stage.OFFER
    (ack,) = p.actions
    assert ack.kind is ActionKind.OFFER_ACK
    assert ack.latest == at(2026, 3, 9, 17)  # one business day after Friday
    done = out(at(2026, 3, 7, 10), TouchKind.OFFER_ACK)
    assert plan(history([IV], [THANKS, offer, done]), at(2026, 3, 8)).actions == ()


def test_withdrawn_proposes_a_withdrawal_until_one_is_sent() -> None:
    app = with_app(outcome=Outcome.WITHDRAWN, outcome_at=at(2026, 3, 5, 9))
    p = plan(history([IV], [THANKS], app=app), at(2026, 3, 5, 10))
    assert p.stage is Stage.WITHDRAWN
    assert [a.kind for a in p.actions] == [ActionKind.WITHDRAWAL]
    assert "SEED-STALLED" in p.actions[0].rule_ids
    sent = out(at(2026, 3, 5, 11), TouchKind.WITHDRAWAL)
    assert plan(history([IV], [THANKS, sent], app=app), at(2026, 3, 6)).actions == ()


def test_hired_plans_nothing() -> None:
    app = with_app(outcome=Outcome.HIRED, outcome_at=at(2026, 3, 20))
    p = plan(history([IV], app=app), at(2026, 3, 21))
    assert (p.stage, p.actions) == (Stage.HIRED, ())


def test_a_rejection_before_a_later_interview_is_superseded() -> None:
    rejection = inbound(at(2026, 3, 5, 10), TouchKind.REJECTION)
    second = interview(at(2026, 3, 20, 10), iid=6)
    p = plan(history([IV, second], [rejection]), at(2026, 3, 20, 12))
    assert p.stage is Stage.WAITING


def test_prompt_stays_in_touch_after_30_days() -> None:
    rejection = inbound(at(2026, 3, 5, 10), TouchKind.REJECTION)
    p = plan(history([IV], [rejection]), at(2026, 3, 5, 11), PROMPT)
    stay = p.actions[-1]
    assert stay.kind is ActionKind.STAY_IN_TOUCH
    assert stay.due == at(2026, 4, 6, 8)  # 4 Apr is a Saturday: the next slot
    assert "PROMPT-STAY-IN-TOUCH" in stay.rule_ids


def test_competing_offer_overrides_the_waiting_rules_and_the_cap() -> None:
    app = with_app(competing_offer_by=date(2026, 3, 12))
    p = plan(history([interview(at(2026, 3, 3, 10), decision_by=date(2026, 3, 20))], [THANKS],
                     app=app), at(2026, 3, 4, 9))  # fmt: skip
    (action,) = p.actions
    assert action.kind is ActionKind.COMPETING_OFFER
    assert action.due == at(2026, 3, 4, 9)  # now: inside the cap and the decision window
    assert action.latest == at(2026, 3, 5, 17)
    assert action.status is ActionStatus.DUE
    assert "SEED-COMPETING-OFFER" in action.rule_ids


def test_prompt_competing_offer_rule_and_done_afterwards() -> None:
    app = with_app(competing_offer_by=date(2026, 3, 12))
    told = out(at(2026, 3, 4, 10), TouchKind.COMPETING_OFFER)
    h = history([IV], [THANKS], app=app)
    assert "PROMPT-COMPETING-OFFER" in plan(h, at(2026, 3, 4, 9), PROMPT).actions[0].rule_ids
    after = plan(history([IV], [THANKS, told], app=app), at(2026, 3, 4, 11))
    assert all(a.kind is not ActionKind.COMPETING_OFFER for a in after.actions)
    assert all(a.due >= at(2026, 3, 11, 10) for a in after.actions)  # the cap counts it


def test_no_follow_up_means_thank_you_only() -> None:
    quiet = interview(at(2026, 3, 3, 10), no_follow_up=True)
    p = plan(history([quiet]), at(2026, 3, 3, 12))
    assert [a.kind for a in p.actions] == [ActionKind.THANK_YOU]
    assert any("SEED-NO-FOLLOW-UP" in n for n in p.notes)
    assert plan(history([quiet], [THANKS]), at(2026, 3, 20)).actions == ()
    prompt_notes = plan(history([quiet], [THANKS]), at(2026, 3, 20), PROMPT).notes
    assert any("PROMPT-NO-FOLLOW-UP" in n for n in prompt_notes)


def test_missing_address_gives_find_contact_then_blocked_thank_you() -> None:
    nomail = Person(10, 1, "Ana Ruiz", None, role=PersonRole.HIRING_MANAGER)
    p = plan(history([IV], people=[nomail]), at(2026, 3, 3, 12))
    task = p.actions[0]
    assert task.id == "1-i5-find-contact-p10"
    assert (task.kind, task.channel) == (ActionKind.FIND_CONTACT, Channel.TASK)
    assert "SEED-FIND-CONTACT" in task.rule_ids
    done = out(at(2026, 3, 3, 13), TouchKind.MESSAGE, channel=Channel.TASK, action_id=task.id)
    blocked = plan(history([IV], [done], people=[nomail]), at(2026, 3, 3, 14)).actions[0]
    assert (blocked.kind, blocked.status) == (ActionKind.THANK_YOU, ActionStatus.BLOCKED)


def test_prompt_sends_the_thank_you_through_the_recruiter() -> None:
    nomail = Person(10, 1, "Ana Ruiz", None, role=PersonRole.HIRING_MANAGER)
    p = plan(history([IV], people=[nomail, RECRUITER]), at(2026, 3, 3, 12), PROMPT)
    (thanks,) = [a for a in p.actions if a.kind is ActionKind.THANK_YOU]
    assert (thanks.person_id, thanks.via_person_id) == (10, 11)
    assert "PROMPT-THANKS-VIA-RECRUITER" in thanks.rule_ids
    assert thanks.latest == at(2026, 3, 4, 17)  # within one business day


def test_prompt_checks_in_five_business_days_after_the_interview() -> None:
    p = plan(history([IV], [THANKS]), at(2026, 3, 4, 12), PROMPT)
    (action,) = p.actions
    # Tue 3 Mar + 5 business days = Tue 10 Mar, but the cap holds it to a week after the note
    assert action.due == at(2026, 3, 10, 15)
    assert action.rule_ids[:2] == ("PROMPT-STATUS-NO-DATE", "SEED-WEEKLY-CAP")


def test_an_auto_reply_is_not_a_reply_and_its_return_date_moves_the_nudge() -> None:
    status = out(at(2026, 3, 10, 15), TouchKind.ESTIMATE_REQUEST)
    away = inbound(at(2026, 3, 10, 15, 1), TouchKind.AUTO_REPLY, return_date=date(2026, 3, 20))
    p = plan(history([IV], [THANKS, status, away]), at(2026, 3, 11))
    (action,) = p.actions
    assert action.kind is ActionKind.FINAL_NOTE  # the sequence was not restarted
    assert action.due == at(2026, 3, 23, 8)
    assert "CAL-OUT-OF-OFFICE" in action.rule_ids


def test_a_bounce_is_not_a_reply() -> None:
    status = out(at(2026, 3, 10, 15), TouchKind.ESTIMATE_REQUEST)
    bounce = inbound(at(2026, 3, 10, 15, 1), TouchKind.BOUNCE, person=None)
    (action,) = plan(history([IV], [THANKS, status, bounce]), at(2026, 3, 11)).actions
    assert action.kind is ActionKind.FINAL_NOTE
    assert action.due == at(2026, 3, 17, 15)


def test_a_reply_resets_the_weekly_cap() -> None:
    status = out(at(2026, 3, 10, 15), TouchKind.ESTIMATE_REQUEST)
    reply = inbound(at(2026, 3, 11, 9))
    answer = out(at(2026, 3, 11, 10), TouchKind.MESSAGE)
    p = plan(history([IV], [THANKS, status, reply, answer]), at(2026, 3, 11, 11))
    # the answer restarts the sequence from the reply; the cap counts from the answer
    (action,) = p.actions
    assert action.kind is ActionKind.FINAL_NOTE
    assert action.due == at(2026, 3, 18, 10)


def test_quiet_period_holds_status_checks_until_after_new_year() -> None:
    december = interview(at(2026, 12, 14, 10), decision_by=date(2026, 12, 23))
    sent = out(at(2026, 12, 14, 15), TouchKind.THANK_YOU, person=10)
    (action,) = plan(history([december], [sent]), at(2026, 12, 15)).actions
    assert action.kind is ActionKind.STATUS_CHECK
    assert action.due == at(2027, 1, 4, 8)  # 2 Jan 2027 is a Saturday
    assert "CAL-QUIET-PERIOD" in action.rule_ids


def test_quiet_period_does_not_hold_thank_yous() -> None:
    christmas_eve = interview(at(2026, 12, 24, 10))
    (thanks,) = [
        a for a in plan(history([christmas_eve]), at(2026, 12, 24, 12)).actions
        if a.kind is ActionKind.THANK_YOU
    ]  # fmt: skip
    assert thanks.due == at(2026, 12, 24, 11)


def test_recipient_zone_and_country_come_from_the_person() -> None:
    berlin = Person(10, 1, "Jonas Weber", "jonas@acme.test", tz="Europe/Berlin", country="DE")
    late = interview(at(2026, 3, 3, 14))  # ends 15:00 New York = 21:00 Berlin
    thanks = plan(history([late], people=[berlin]), at(2026, 3, 3, 16)).actions[0]
    assert thanks.kind is ActionKind.THANK_YOU
    assert str(thanks.due.tzinfo) == "Europe/Berlin"
    assert (thanks.due.day, thanks.due.hour) == (4, 8)


def test_skipping_a_nudge_plans_the_next_step_from_the_skip() -> None:
    h = history([IV], [THANKS])
    (first,) = plan(h, at(2026, 3, 11, 12)).actions
    skipped = history([IV], [THANKS], skips=[skip(first.id, at(2026, 3, 11, 12))])
    (second,) = plan(skipped, at(2026, 3, 11, 13)).actions
    assert second.kind is ActionKind.FINAL_NOTE
    assert second.due == at(2026, 3, 18, 12)
    assert second.id != first.id


def test_skipping_a_thank_you_makes_it_disappear() -> None:
    (thanks, _) = plan(history([IV]), at(2026, 3, 3, 12)).actions
    h = history([IV], skips=[skip(thanks.id, at(2026, 3, 3, 13))])
    assert all(a.kind is not ActionKind.THANK_YOU for a in plan(h, at(2026, 3, 3, 14)).actions)


def test_done_by_action_id_counts_even_without_the_kind() -> None:
    thanks_id = "1-i5-thank-you-p10"
    touch = out(at(2026, 3, 3, 15), TouchKind.MESSAGE, person=None, action_id=thanks_id)
    p = plan(history([IV], [touch]), at(2026, 3, 3, 16))
    assert thanks_id not in {a.id for a in p.actions}


def test_ids_are_stable_across_replans() -> None:
    h = history([IV], [THANKS])
    ids = [tuple(a.id for a in plan(h, at(2026, 3, 4) + timedelta(hours=h_)).actions)
           for h_ in (0, 30, 200)]  # fmt: skip
    assert ids[0] == ids[1] == ids[2]


def test_status_follows_now() -> None:
    h = history([IV], [THANKS])
    statuses = [plan(h, moment).actions[0].status for moment in
                (at(2026, 3, 9), at(2026, 3, 10, 16), at(2026, 3, 16))]  # fmt: skip
    assert statuses == [ActionStatus.UPCOMING, ActionStatus.DUE, ActionStatus.OVERDUE]


def test_an_action_overdue_too_long_is_missed_and_the_sequence_moves_on() -> None:
    h = history([IV], [THANKS])
    (estimate,) = plan(h, at(2026, 3, 10, 16)).actions  # window ends Thu 12 Mar 17:00
    assert estimate.kind is ActionKind.ESTIMATE_REQUEST
    # overdue five business days after its window (SEED-MISSED): not yet on Thu 19 Mar 16:00
    assert plan(h, at(2026, 3, 19, 16)).missed == ()
    later = plan(h, at(2026, 3, 19, 18))
    assert [(a.id, a.status) for a in later.missed] == [(estimate.id, ActionStatus.MISSED)]
    # the sequence moves on as if it was skipped: one final note, nothing stacked
    (final,) = later.actions
    assert final.kind is ActionKind.FINAL_NOTE
    assert final.earliest >= at(2026, 3, 19, 17)
    # weeks later: two weeks after the missed step it is time to move on; nothing is overdue
    much_later = plan(h, at(2026, 5, 4))
    assert [a.id for a in much_later.missed] == [estimate.id]
    assert much_later.stage is Stage.NO_RESPONSE
    assert [a.kind for a in much_later.actions] == [ActionKind.STAY_IN_TOUCH]
    assert all(a.status is not ActionStatus.OVERDUE for a in much_later.actions)


def test_target_is_the_person_who_answered_last() -> None:
    reply = inbound(at(2026, 3, 4, 9), person=ANA.id)
    (action,) = plan(history([IV], [THANKS, reply]), at(2026, 3, 4, 10)).actions
    assert action.person_id == ANA.id


def test_no_email_for_the_nudge_target_gives_find_contact() -> None:
    nomail = Person(11, 1, "Rob Stone", None, role=PersonRole.RECRUITER)
    (action,) = plan(history([IV], [THANKS], people=[ANA, nomail]), at(2026, 3, 4)).actions
    assert action.kind is ActionKind.FIND_CONTACT
    assert action.person_id == 11
    assert action.why.startswith("Find an email address for "), action.why


def test_naive_now_is_rejected() -> None:
    import pytest

    with pytest.raises(ValueError, match="timezone-aware"):
        plan(history([IV]), datetime(2026, 3, 3, 12))


def test_app_without_zone_uses_the_user_defaults() -> None:
    bare = history([IV], app=with_app(tz=None, country=None))
    assert plan(bare, at(2026, 3, 3, 12)).actions[0].due == at(2026, 3, 3, 11)
    assert APP.tz == "America/New_York"


def test_a_reply_to_the_rejection_sent_before_marking_the_outcome_counts() -> None:
    replied = out(at(2026, 3, 5, 10), TouchKind.REJECTION_REPLY)
    app = with_app(outcome=Outcome.REJECTED, outcome_at=at(2026, 3, 6, 9))
    p = plan(history([IV], [THANKS, replied], app=app), at(2026, 3, 6, 10))
    assert [a.kind for a in p.actions] == [ActionKind.STAY_IN_TOUCH]


def test_an_unknown_zone_names_the_person_to_fix() -> None:
    import pytest

    from followup.calendar import UnknownTimeZone

    odd = Person(10, 1, "Ana Ruiz", "ana@acme.test", tz="Mars/Base")
    with pytest.raises(UnknownTimeZone, match=r"^person 10 \(Ana Ruiz\): unknown time zone"):
        plan(history([IV], people=[odd]), at(2026, 3, 3, 12))


def test_a_call_cites_the_voicemail_rule() -> None:
    friend = Person(11, 1, "Rob Stone", "rob@acme.test", "+1 212 555 0101", PersonRole.RECRUITER,
                    connection=True)  # fmt: skip
    (action,) = plan(history([IV], [THANKS], people=[ANA, friend]), at(2026, 3, 4)).actions
    assert action.kind is ActionKind.CALL
    assert "SEED-VOICEMAIL" in action.rule_ids


def test_an_interview_without_people_asks_for_them() -> None:
    nobody = interview(at(2026, 3, 3, 10), people=())
    p = plan(history([nobody]), at(2026, 3, 3, 12))
    assert any("who interviewed you" in n for n in p.notes)


def test_competing_offer_before_any_interview_is_still_planned() -> None:
    app = with_app(competing_offer_by=date(2026, 3, 12))
    p = plan(history([interview(at(2026, 3, 10, 10))], app=app), at(2026, 3, 4, 9))
    assert p.stage is Stage.SCHEDULED
    assert [a.kind for a in p.actions] == [ActionKind.COMPETING_OFFER]


def test_expired_competing_offer_is_a_note() -> None:
    app = with_app(competing_offer_by=date(2026, 3, 2))
    p = plan(history([IV], [THANKS], app=app), at(2026, 3, 4, 9))
    assert all(a.kind is not ActionKind.COMPETING_OFFER for a in p.actions)
    assert any("expired on Mon 2 Mar" in n for n in p.notes)


def test_a_late_interviews_thank_you_is_open_overnight_and_due_in_the_morning() -> None:
    late = interview(at(2026, 3, 3, 19, 30), minutes=90)  # ends 21:00
    h = history([late])
    thanks = plan(h, at(2026, 3, 3, 22)).actions[0]
    assert (thanks.earliest, thanks.due) == (at(2026, 3, 3, 21), at(2026, 3, 4, 8))
    assert thanks.status is ActionStatus.OPEN
    assert plan(h, at(2026, 3, 4, 8, 30)).actions[0].status is ActionStatus.DUE
