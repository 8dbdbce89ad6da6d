"""Outcomes end or change the plan: rejection, offer, withdrawal, hire; and a
competing offer elsewhere, which overrides the waiting rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followup.domain.model import (
    Action,
    ActionKind,
    Channel,
    Direction,
    Outcome,
    Person,
    Stage,
    TouchKind,
)
from followup.planner.context import Context, day_label, has_email
from followup.planner.nudges import choose_method, plan_stay_in_touch
from followup.planner.pipeline import HIRED_ELSEWHERE, plan_offer_decision

OUTCOME_STAGE = {
    Outcome.REJECTED: Stage.REJECTED,
    Outcome.OFFER: Stage.OFFER,
    Outcome.WITHDRAWN: Stage.WITHDRAWN,
    Outcome.HIRED: Stage.HIRED,
    Outcome.DECLINED: Stage.DECLINED,
}
_INBOUND_OUTCOME = {TouchKind.REJECTION: Outcome.REJECTED, TouchKind.OFFER: Outcome.OFFER}


@dataclass(frozen=True, slots=True)
class OutcomeFact:
    outcome: Outcome
    at: datetime
    person_id: int | None


def read_outcome(ctx: Context) -> OutcomeFact | None:
    """The application's outcome: set by the user, else told by the employer.

    An inbound rejection or offer counts unless a later interview took place
    (a new round supersedes it); an outbound withdrawal means withdrawn.
    """
    app = ctx.app
    if app.outcome is not None:
        return OutcomeFact(app.outcome, app.outcome_at or ctx.latest_event_time(), None)
    last_start = ctx.interviews[-1].start if ctx.interviews else None
    for touch in reversed(ctx.touches):
        if (
            touch.direction is Direction.IN
            and touch.kind in _INBOUND_OUTCOME
            and (last_start is None or touch.at >= last_start)
        ):
            return OutcomeFact(_INBOUND_OUTCOME[touch.kind], touch.at, touch.person_id)
        if touch.direction is Direction.OUT and touch.kind is TouchKind.WITHDRAWAL:
            return OutcomeFact(Outcome.WITHDRAWN, touch.at, touch.person_id)
    return None


def _answer(
    ctx: Context,
    fact: OutcomeFact,
    *,
    kind: ActionKind,
    business_days: int,
    rule: str,
    why: str,
) -> Action | None:
    """A reply the candidate owes within `business_days` of the outcome."""
    aid = f"{ctx.app_id}-{kind.value}"
    # an answer sent in this round counts even if recorded before the outcome's
    # time (the user often replies first and marks the outcome afterwards)
    since = min(fact.at, ctx.interviews[-1].start) if ctx.interviews else fact.at
    answered = any(
        t.direction is Direction.OUT and t.kind.value == kind.value and t.at >= since
        for t in ctx.touches
    )
    if answered or ctx.handled(aid):
        return None
    person = ctx.person(fact.person_id) or ctx.nudge_target(
        ctx.interviews[-1] if ctx.interviews else None
    )
    cal = ctx.calendar(person)
    due = cal.next_slot(fact.at)
    latest = cal.closing(cal.add_business_days(cal.local(fact.at).date(), business_days))
    latest = max(latest, cal.closing(cal.local(due).date()))
    rules = (rule, ctx.playbook.calendar.send_hours_start.rule)
    name = person.name if person is not None else "the company"
    blocked = person is None or not has_email(person)
    text = f"{why} to {name}, by {day_label(cal.local(latest))}."
    return ctx.action(
        aid, kind, Channel.EMAIL, (due, due, latest), rules, text,
        person_id=person.id if person is not None else None, blocked=blocked,
    )  # fmt: skip


def plan_outcome(ctx: Context, fact: OutcomeFact) -> tuple[list[Action], list[str]]:
    """The actions an outcome leaves (everything else is cancelled) and notes."""
    out = ctx.playbook.outcomes
    actions: list[Action] = []
    notes: list[str] = []
    action: Action | None = None
    if fact.outcome is Outcome.HIRED:
        notes.append("Hired: nothing more to follow up.")
    elif fact.outcome is Outcome.OFFER:
        p = out.offer_ack_business_days
        action = _answer(
            ctx, fact, kind=ActionKind.OFFER_ACK, business_days=p.value, rule=p.rule,
            why="Acknowledge the offer",
        )  # fmt: skip
        notes.append(f"Offer received: no more follow-ups ({p.rule}).")
        target = ctx.person(fact.person_id) or ctx.nudge_target(
            ctx.interviews[-1] if ctx.interviews else None
        )
        decision = plan_offer_decision(ctx, target)
        if decision is not None:
            actions.append(decision)
    elif fact.outcome is Outcome.DECLINED:
        p = ctx.playbook.pipeline.offer_decline_business_days
        text = "Decline the offer courteously"
        action = _answer(
            ctx, fact, kind=ActionKind.OFFER_DECLINE, business_days=p.value, rule=p.rule, why=text
        )
        notes.append(f"Offer declined: nothing else is planned ({p.rule}).")
    elif fact.outcome is Outcome.WITHDRAWN and ctx.app.outcome_reason == HIRED_ELSEWHERE:
        p = ctx.playbook.pipeline.withdraw_others_business_days
        if ctx.app.saved:
            notes.append(f"Closed: you accepted another offer before applying here ({p.rule}).")
            return actions, notes
        text = "You accepted another offer: withdraw courteously"
        action = _answer(
            ctx, fact, kind=ActionKind.WITHDRAWAL, business_days=p.value, rule=p.rule, why=text
        )
        notes.append(f"Withdrawn: you accepted another offer ({p.rule}).")
    elif fact.outcome is Outcome.WITHDRAWN:
        p = out.withdrawal_business_days
        text = "Send a polite withdrawal"
        action = _answer(
            ctx, fact, kind=ActionKind.WITHDRAWAL, business_days=p.value, rule=p.rule, why=text
        )
        notes.append(f"Withdrawn: every other action is cancelled ({p.rule}).")
    else:
        p = out.rejection_reply_business_days
        text = "Reply with thanks for considering you"
        action = _answer(
            ctx, fact, kind=ActionKind.REJECTION_REPLY, business_days=p.value, rule=p.rule,
            why=text,
        )  # fmt: skip
        notes.append(f"Rejected: every nudge is cancelled ({p.rule}).")
        target = ctx.person(fact.person_id) or ctx.nudge_target(
            ctx.interviews[-1] if ctx.interviews else None
        )
        anchor = f"{ctx.app_id}-rejected"
        actions.extend(plan_stay_in_touch(ctx, target, anchor, fact.at, None))
    if action is not None:
        actions.insert(0, action)
    return actions, notes


def plan_competing_offer(ctx: Context, target: Person | None) -> tuple[Action | None, str | None]:
    """Tell the preferred employer about an offer due elsewhere (overrides waiting and cap).

    The planner does not know when the other offer was recorded, so the window
    starts now: it is always due at the next send slot, within the playbook's
    business days, and never after the other offer's deadline day.
    """
    deadline = ctx.app.competing_offer_by
    if deadline is None:
        return None, None
    param = ctx.playbook.outcomes.competing_offer_business_days
    aid = f"{ctx.app_id}-competing-offer-{deadline:%Y%m%d}"
    told = any(
        t.direction is Direction.OUT and t.kind is TouchKind.COMPETING_OFFER for t in ctx.touches
    )
    if told or ctx.handled(aid):
        return None, None
    cal = ctx.calendar(target)
    today = cal.local(ctx.now).date()
    if deadline < today:
        return None, f"The competing offer expired on {day_label(deadline)} ({param.rule})."
    due = cal.next_slot(ctx.now)
    last_day = min(cal.add_business_days(today, param.value), cal.on_or_after(deadline))
    latest = max(cal.closing(last_day), cal.closing(cal.local(due).date()))
    channel, method_rules = choose_method(ctx, target)
    name = target.name if target is not None else "the company"
    why = (
        f"Tell {name} you have an offer due {day_label(deadline)} and ask about their "
        "timing (never quote its pay); this overrides the waiting rules."
    )
    blocked = target is None or not (
        bool(target.phone) if channel is Channel.PHONE else has_email(target)
    )
    rules = (param.rule, *method_rules, ctx.playbook.calendar.send_hours_start.rule)
    action = ctx.action(
        aid, ActionKind.COMPETING_OFFER, channel, (due, due, latest), rules, why,
        person_id=target.id if target is not None else None, blocked=blocked,
    )  # fmt: skip
    return action, None
