"""Property tests of the planner over random histories and simulated users."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.calendar import calendar_for
from followup.domain import model as m
from followup.planner import PlanDefaults, plan_application
from followup.playbook import Playbook, load_playbook

PLAYBOOKS = {name: load_playbook(name) for name in ("seed", "prompt")}
DEFAULTS = PlanDefaults(user_tz="America/Chicago", user_country="US")
PLACES = [("America/New_York", "US"), ("Europe/Berlin", "DE"), ("Asia/Tokyo", "JP"), (None, None)]
WEEK = timedelta(days=7)
NUDGES = {
    m.ActionKind.ESTIMATE_REQUEST, m.ActionKind.STATUS_CHECK, m.ActionKind.FINAL_NOTE,
    m.ActionKind.CALL, m.ActionKind.VOICEMAIL,
}  # fmt: skip
# A LinkedIn connection note goes with the thank-yous of its interview, in their window
# (SEED-LINKEDIN-NOTE): one contact with them for the weekly cap.
AFTER_INTERVIEW = {m.ActionKind.THANK_YOU, m.ActionKind.LINKEDIN_NOTE}
INITIATED_ACTIONS = NUDGES | AFTER_INTERVIEW | {m.ActionKind.STAY_IN_TOUCH}
INITIATED_TOUCHES = {
    m.TouchKind.THANK_YOU, m.TouchKind.ESTIMATE_REQUEST, m.TouchKind.STATUS_CHECK,
    m.TouchKind.FINAL_NOTE, m.TouchKind.CALL, m.TouchKind.VOICEMAIL, m.TouchKind.STAY_IN_TOUCH,
    m.TouchKind.LINKEDIN_NOTE, m.TouchKind.COMPETING_OFFER, m.TouchKind.MESSAGE,
}  # fmt: skip
RESETS = {m.TouchKind.REPLY, m.TouchKind.MESSAGE, m.TouchKind.INVITATION, m.TouchKind.REJECTION,
          m.TouchKind.OFFER}  # fmt: skip
OUT_KINDS = sorted(INITIATED_TOUCHES | {m.TouchKind.REJECTION_REPLY}, key=str)
IN_KINDS = [m.TouchKind.REPLY, m.TouchKind.AUTO_REPLY, m.TouchKind.BOUNCE, m.TouchKind.ATS,
            m.TouchKind.REJECTION, m.TouchKind.OFFER]  # fmt: skip
TOUCH_CHANNELS = [m.Channel.EMAIL, m.Channel.PHONE, m.Channel.VOICEMAIL]


# -- strategies ------------------------------------------------------------------------------
@st.composite
def people(draw: st.DrawFn) -> tuple[m.Person, ...]:
    count = draw(st.integers(1, 4))
    found = []
    for pid in range(1, count + 1):
        tz, country = draw(st.sampled_from(PLACES))
        found.append(
            m.Person(
                id=pid, app_id=1, name=f"Person {pid}",
                email=draw(st.sampled_from([f"p{pid}@acme.test", None])),
                phone=draw(st.sampled_from(["+1 555 0100", None])),
                role=draw(st.sampled_from(list(m.PersonRole))),
                connection=draw(st.booleans()), tz=tz, country=country,
                email_bounced=draw(st.booleans()) and draw(st.booleans()),
                linkedin=draw(st.sampled_from([f"https://www.linkedin.com/in/p{pid}", None])),
            )
        )  # fmt: skip
    return tuple(found)


@st.composite
def histories(draw: st.DrawFn) -> tuple[m.History, datetime]:
    tz_name, country = draw(st.sampled_from(PLACES[:3]))
    tz = ZoneInfo(tz_name or "UTC")
    base = datetime(2026, 1, 5, 9, tzinfo=tz) + timedelta(days=draw(st.integers(0, 360)))
    app = m.Application(
        id=1, company="Acme", role="Engineer", created_at=base, tz=tz_name, country=country,
        outcome=draw(st.sampled_from([None, None, None, *m.Outcome])),
    )  # fmt: skip
    if app.outcome is not None and draw(st.booleans()):
        app = replace(app, outcome_at=base + timedelta(days=draw(st.integers(1, 60))))
    folks = draw(people())
    ids = [p.id for p in folks]
    interviews = []
    for iid in range(1, draw(st.integers(0, 3)) + 1):
        start = base + timedelta(days=draw(st.integers(1, 60)), hours=draw(st.integers(-2, 9)))
        decision = None
        if draw(st.booleans()):
            decision = (start + timedelta(days=draw(st.integers(0, 30)))).date()
        interviews.append(
            m.Interview(
                id=iid, app_id=1, start=start, kind=draw(st.sampled_from(list(m.InterviewKind))),
                person_ids=tuple(draw(st.lists(st.sampled_from(ids), max_size=3))),
                end=start + timedelta(minutes=draw(st.sampled_from([30, 60, 240]))),
                decision_by=decision,
                no_follow_up=draw(st.booleans()) and draw(st.booleans()),
                cancelled=draw(st.booleans()) and draw(st.booleans()),
            )
        )  # fmt: skip
    touches = []
    for tid in range(1, draw(st.integers(0, 8)) + 1):
        outbound = draw(st.booleans())
        moment = base + timedelta(minutes=draw(st.integers(0, 150 * 24 * 60)))
        touches.append(
            m.Touch(
                id=tid, app_id=1, at=moment,
                channel=draw(st.sampled_from(TOUCH_CHANNELS)),
                direction=m.Direction.OUT if outbound else m.Direction.IN,
                kind=draw(st.sampled_from(OUT_KINDS if outbound else IN_KINDS)),
                person_id=draw(st.one_of(st.none(), st.sampled_from(ids))),
                decision_by=draw(st.one_of(st.none(), st.just((moment + WEEK).date()))),
                return_date=draw(st.one_of(st.none(), st.just((moment + WEEK).date()))),
            )
        )  # fmt: skip
    if draw(st.booleans()):
        app = replace(
            app, competing_offer_by=(base + timedelta(days=draw(st.integers(0, 90)))).date()
        )
    history = m.History(app, folks, tuple(interviews), tuple(touches))
    now = base + timedelta(hours=draw(st.integers(0, 200 * 24)))
    return history, now


# -- checks ----------------------------------------------------------------------------------
def recipient_calendar(history: m.History, playbook: Playbook, action: m.Action):  # type: ignore[no-untyped-def]
    person = history.person(action.via_person_id or action.person_id or -1)
    app = history.application
    tz = (person.tz if person else None) or app.tz or DEFAULTS.user_tz
    country = (person.country if person else None) or app.country or DEFAULTS.user_country
    return calendar_for(country, tz, playbook.calendar)


def check_action_shape(history: m.History, playbook: Playbook, action: m.Action) -> None:
    assert action.rule_ids, action
    assert set(action.rule_ids) <= playbook.rules.keys(), action.rule_ids
    assert action.why
    assert action.earliest <= action.due <= action.latest, action
    cal = recipient_calendar(history, playbook, action)
    evening = action.kind in AFTER_INTERVIEW
    if action.kind is m.ActionKind.COMPETING_OFFER or action.kind is m.ActionKind.FIND_CONTACT:
        assert cal.is_allowed(action.due, evening=True)
    else:
        assert cal.is_allowed(action.due, evening=evening), (action, cal.local(action.due))
    # a thank-you, a connection note and the task of finding an address open at the
    # interview's end
    if action.kind not in (*AFTER_INTERVIEW, m.ActionKind.FIND_CONTACT):
        assert cal.is_allowed(action.earliest, evening=True)
    assert str(action.due.tzinfo) == str(cal.tz)


def cap_floor(history: m.History, now: datetime) -> datetime | None:
    """The weekly cap, recomputed from the spec: last initiated contact unless answered since."""
    out = [t.at for t in history.touches if t.direction is m.Direction.OUT
           and t.kind in INITIATED_TOUCHES and t.channel is not m.Channel.TASK]  # fmt: skip
    if not out:
        return None
    last = max(out)
    resets = [t.at for t in history.touches if t.direction is m.Direction.IN and t.kind in RESETS]
    resets += [
        i.finished_at for i in history.interviews if not i.cancelled and i.finished_at <= now
    ]
    if any(r >= last for r in resets):
        return None
    return last + WEEK


def check_plan(history: m.History, playbook: Playbook, now: datetime, plan: m.Plan) -> None:
    for action in plan.actions:
        check_action_shape(history, playbook, action)
    ids = [a.id for a in plan.actions]
    assert len(ids) == len(set(ids))
    floor = cap_floor(history, now)
    if floor is not None:
        for action in plan.actions:
            if action.kind in NUDGES | {m.ActionKind.STAY_IN_TOUCH}:
                assert action.earliest >= floor, (action, floor)
    kinds = {a.kind for a in plan.actions}
    if plan.stage in (m.Stage.REJECTED, m.Stage.WITHDRAWN, m.Stage.OFFER, m.Stage.HIRED):
        assert not kinds & (NUDGES | AFTER_INTERVIEW | {m.ActionKind.COMPETING_OFFER})
    if plan.stage is m.Stage.OFFER:
        assert kinds <= {m.ActionKind.OFFER_ACK, m.ActionKind.OFFER_DECISION}
    if plan.stage is m.Stage.NO_RESPONSE:
        assert not kinds & NUDGES
    if plan.stage is m.Stage.SCHEDULED:
        assert not kinds & NUDGES
    if plan.stage is m.Stage.APPLIED:
        # before any interview, the only nudge is the one check on the application (off in seed)
        checks = [a for a in plan.actions if a.kind in NUDGES]
        assert [a.id for a in checks] in ([], [f"{history.application.id}-application-check"])
        assert not checks or playbook.pipeline.application_check.value


def check_decision_window(
    history: m.History, playbook: Playbook, now: datetime, plan: m.Plan
) -> None:
    live = [i for i in history.interviews if not i.cancelled and i.finished_at <= now]
    if not live:
        return
    current = max(live, key=lambda i: (i.start, i.id))
    answered = [
        t for t in history.touches if t.direction is m.Direction.IN and t.at >= current.start
    ]
    if current.decision_by is None or answered:
        return
    for action in plan.actions:
        if action.kind in NUDGES:
            cal = recipient_calendar(history, playbook, action)
            assert cal.local(action.due).date() > current.decision_by, action


# -- properties over random histories --------------------------------------------------------
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.sampled_from(sorted(PLAYBOOKS)))
def test_plans_of_random_histories_keep_the_rules(
    sample: tuple[m.History, datetime], name: str
) -> None:
    history, now = sample
    playbook = PLAYBOOKS[name]
    plan = plan_application(history, playbook, now, DEFAULTS)
    check_plan(history, playbook, now, plan)
    check_decision_window(history, playbook, now, plan)


@settings(max_examples=150, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_plans_do_not_depend_on_the_order_of_the_history(
    sample: tuple[m.History, datetime], rnd: random.Random
) -> None:
    history, now = sample
    touches = list(history.touches)
    rnd.shuffle(touches)
    shuffled = replace(history, touches=tuple(touches), people=tuple(reversed(history.people)))
    seed = PLAYBOOKS["seed"]
    assert plan_application(history, seed, now, DEFAULTS) == plan_application(
        shuffled, seed, now, DEFAULTS
    )


@settings(max_examples=150, deadline=None)
@given(histories(), st.integers(1, 48))
def test_ids_are_stable_while_nothing_happens(
    sample: tuple[m.History, datetime], hours: int
) -> None:
    history, now = sample
    seed = PLAYBOOKS["seed"]
    later = now + timedelta(hours=hours)
    events = [i.start for i in history.interviews] + [i.finished_at for i in history.interviews]
    before = {a.id: a for a in plan_application(history, seed, now, DEFAULTS).actions}
    after = {a.id: a for a in plan_application(history, seed, later, DEFAULTS).actions}
    if any(now < e <= later for e in events):
        return  # an interview took place in between: a new round may start
    for action_id in before.keys() & after.keys():
        old, new = before[action_id], after[action_id]
        assert (old.kind, old.person_id, old.interview_id) == (
            new.kind,
            new.person_id,
            new.interview_id,
        )
    thank_yous = {i for i, a in before.items() if a.kind is m.ActionKind.THANK_YOU}
    assert thank_yous <= after.keys() | {i for i in thank_yous if before[i].latest < later}


# -- a simulated user who follows the plan ---------------------------------------------------
TOUCH_OF_ACTION = {k: m.TouchKind(k.value) for k in m.ActionKind if k.value in set(m.TouchKind)}


def carry_out(action: m.Action, when: datetime, tid: int, rnd: random.Random) -> m.Touch:
    kind = TOUCH_OF_ACTION.get(action.kind, m.TouchKind.MESSAGE)
    channel = action.channel
    if action.kind is m.ActionKind.CALL and rnd.random() < 0.5:
        kind, channel = m.TouchKind.VOICEMAIL, m.Channel.VOICEMAIL  # nobody answered
    return m.Touch(
        id=tid, app_id=1, at=when, channel=channel, direction=m.Direction.OUT, kind=kind,
        person_id=action.via_person_id or action.person_id, action_id=action.id,
    )  # fmt: skip


def simulate(
    history: m.History, playbook: Playbook, now: datetime, rnd: random.Random
) -> m.History:
    for step in range(14):
        plan = plan_application(history, playbook, now, DEFAULTS)
        check_plan(history, playbook, now, plan)
        ready = [a for a in plan.actions if a.status.value != "blocked" and a.latest >= now]
        if not ready:  # wait for the next interview, or a while
            ahead = [i.finished_at for i in history.interviews if i.finished_at > now]
            now = min(ahead) + timedelta(minutes=5) if ahead else now + timedelta(days=20)
            continue
        if rnd.random() < 0.12:
            kinds = [
                m.TouchKind.REPLY,
                m.TouchKind.REPLY,
                m.TouchKind.AUTO_REPLY,
                m.TouchKind.REJECTION,
            ]
            kind = rnd.choice(kinds)
            now += timedelta(days=rnd.randint(1, 10))
            reply = m.Touch(id=1000 + step, app_id=1, at=now, channel=m.Channel.EMAIL,
                          direction=m.Direction.IN, kind=kind, person_id=None,
                          return_date=(now + timedelta(days=3)).date())  # fmt: skip
            history = replace(history, touches=(*history.touches, reply))
            continue
        action = min(ready, key=lambda a: (a.due, a.id))
        start = max(now, action.due)
        when = start + (action.latest - start) * rnd.random()
        again = {a.id for a in plan_application(history, playbook, when, DEFAULTS).actions}
        now = when + timedelta(minutes=1)
        if action.id not in again:
            continue
        if rnd.random() < 0.15:
            skip = m.Skip(action_id=action.id, app_id=1, at=when, reason="busy")
            history = replace(history, skips=(*history.skips, skip))
        else:
            touch = carry_out(action, when, 2000 + step, rnd)
            history = replace(history, touches=(*history.touches, touch))
    return history


def contact_groups(history: m.History) -> list[tuple[datetime, datetime]]:
    """Initiated contacts as (first, last); the thank-yous and connection notes of one
    interview are one contact."""
    groups: dict[str, list[datetime]] = {}
    for t in history.touches:
        if (
            t.direction is m.Direction.OUT
            and t.kind in INITIATED_TOUCHES
            and t.channel is not m.Channel.TASK
        ):
            key = str(t.id)
            if t.kind is m.TouchKind.THANK_YOU and t.action_id:
                key = t.action_id.split("-thank-you")[0]
            elif t.kind is m.TouchKind.LINKEDIN_NOTE and t.action_id:
                key = t.action_id.split("-linkedin-note")[0]
            groups.setdefault(key, []).append(t.at)
    return sorted((min(v), max(v)) for v in groups.values())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.sampled_from(sorted(PLAYBOOKS)), st.randoms(use_true_random=False))
def test_a_user_following_the_plan_never_contacts_twice_a_week(
    sample: tuple[m.History, datetime], name: str, rnd: random.Random
) -> None:
    drawn, _ = sample
    app = replace(drawn.application, outcome=None, outcome_at=None, competing_offer_by=None)
    history = replace(drawn, application=app, touches=(), skips=())
    playbook = PLAYBOOKS[name]
    start = app.created_at
    final = simulate(history, playbook, start, rnd)
    resets = [t.at for t in final.touches if t.direction is m.Direction.IN and t.kind in RESETS]
    resets += [i.finished_at for i in final.interviews if not i.cancelled]
    groups = contact_groups(final)
    for (_, last), (first, _) in itertools.pairwise(groups):
        if not any(last <= r <= first for r in resets):
            assert first - last >= WEEK, (last, first)
    rejected = [t.at for t in final.touches if t.kind is m.TouchKind.REJECTION]
    if rejected:
        after = [t for t in final.touches if t.direction is m.Direction.OUT and t.at > min(rejected)
                 and t.kind in {m.TouchKind.ESTIMATE_REQUEST, m.TouchKind.STATUS_CHECK,
                                m.TouchKind.FINAL_NOTE, m.TouchKind.CALL}]  # fmt: skip
        later_rounds = [i for i in final.interviews if not i.cancelled and i.start > min(rejected)]
        assert not after or later_rounds
