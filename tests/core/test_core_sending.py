"""send_time: a queued message never leaves before its window, nor outside send hours."""

from __future__ import annotations

from datetime import date

from core_factory import DEFAULTS, at, history, interview, out

from followup.domain.model import ActionKind, TouchKind
from followup.planner import plan_application, send_time
from followup.playbook import load_playbook

SEED = load_playbook("seed")


def test_a_status_check_queued_early_waits_for_its_window() -> None:
    # scenario A: on-site Tue 3 Mar, decision by Fri 13 Mar, thank-you sent that evening
    h = history(
        [interview(at(2026, 3, 3, 10), decision_by=date(2026, 3, 13))],
        [out(at(2026, 3, 3, 18), TouchKind.THANK_YOU, person=10)],
    )
    now = at(2026, 3, 5, 12)
    (check,) = plan_application(h, SEED, now, DEFAULTS).actions
    assert check.kind is ActionKind.STATUS_CHECK
    assert send_time(check, h, SEED, now, DEFAULTS) == check.earliest == at(2026, 3, 16, 8)


def test_a_thank_you_queued_at_night_waits_for_the_next_morning() -> None:
    h = history([interview(at(2026, 3, 3, 10))])
    late = at(2026, 3, 3, 22, 30)
    thanks = next(a for a in plan_application(h, SEED, late, DEFAULTS).actions)
    assert thanks.kind is ActionKind.THANK_YOU
    assert send_time(thanks, h, SEED, late, DEFAULTS) == at(2026, 3, 4, 8)


def test_a_thank_you_may_still_go_the_same_evening() -> None:
    h = history([interview(at(2026, 3, 3, 10))])
    evening = at(2026, 3, 3, 19, 15)
    thanks = next(a for a in plan_application(h, SEED, evening, DEFAULTS).actions)
    assert send_time(thanks, h, SEED, evening, DEFAULTS) == evening


def test_queued_on_a_holiday_it_waits_for_the_next_business_day() -> None:
    # Memorial Day, Mon 25 May 2026, after the video interview of Fri 22 May (scenario C)
    h = history([interview(at(2026, 5, 22, 15, 30), minutes=60)])
    holiday = at(2026, 5, 25, 11)
    thanks = next(a for a in plan_application(h, SEED, holiday, DEFAULTS).actions)
    assert send_time(thanks, h, SEED, holiday, DEFAULTS) == at(2026, 5, 26, 8)
