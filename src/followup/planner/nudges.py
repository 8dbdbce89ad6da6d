"""The follow-up sequence of a round: first nudge, final note, move on, stay in touch.

The sequence starts at the end of the round's interview, or at the last reply
from the employer after it (a reply restarts it: "a late reply reopens").
Its steps are the candidate's outbound follow-ups since then and the skips of
planned ones; the next step is planned from the last of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from followup.calendar import BusinessCalendar
from followup.domain.model import (
    Action,
    ActionKind,
    Channel,
    Direction,
    Interview,
    Person,
    Stage,
    TouchKind,
)
from followup.planner.context import (
    Context,
    Event,
    day_label,
    has_email,
    moment_label,
)
from followup.planner.thanks import last_thank_you_at
from followup.planner.timing import after_span, place_contact


@dataclass(slots=True)
class RoundState:
    """The result of planning a round's follow-ups."""

    stage: Stage = Stage.WAITING
    actions: list[Action] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Sequence:
    anchor: str  # part of every action id of this sequence
    start: datetime  # interview end, or the reply that restarted it
    events: tuple[Event, ...]
    decision_by: date | None


def read_sequence(ctx: Context, interview: Interview) -> Sequence:
    reply = ctx.last_reply_after(interview.finished_at)
    start = reply.at if reply is not None else interview.finished_at
    anchor = f"{ctx.app_id}-i{interview.id}" + (f"-r{reply.id}" if reply is not None else "")
    events = [Event(t.at, t) for t in ctx.nudges if t.at >= start]
    prefix = anchor + "-n"
    events.extend(Event(s.at) for aid, s in ctx.skips.items() if aid.startswith(prefix))
    events.sort(key=lambda e: e.at)
    decision = interview.decision_by
    for touch in ctx.dated:  # the latest date named by the employer wins
        if touch.at >= interview.start:
            decision = touch.decision_by
    return Sequence(anchor, start, tuple(events), decision)


def plan_round(ctx: Context, interview: Interview) -> RoundState:
    """Nudges of the current round (its thank-yous are planned elsewhere)."""
    state = RoundState()
    pb = ctx.playbook
    if interview.no_follow_up and pb.timing.respect_no_follow_up.value:
        rule = pb.timing.respect_no_follow_up.rule
        state.notes.append(f"They asked not to be followed up: thank-you only ({rule}).")
        return state
    seq = read_sequence(ctx, interview)
    target = ctx.nudge_target(interview)
    cal = ctx.calendar(target)
    if seq.events:
        move_on = seq.events[0].at + timedelta(days=pb.timing.move_on_days.value)
        if ctx.now >= move_on:
            state.stage = Stage.NO_RESPONSE
            days, when = pb.timing.move_on_days.value, day_label(cal.local(move_on))
            state.notes.append(
                f"No answer {days} days after the first follow-up ({when}): no more nudges "
                f"({pb.timing.move_on_days.rule}); a reply reopens it."
            )
            state.actions.extend(plan_stay_in_touch(ctx, target, seq.anchor, move_on, interview))
            return state
        if len(seq.events) >= pb.timing.max_follow_ups_after_thank_you.value:
            state.notes.append(
                f"All follow-ups sent; moving on {day_label(cal.local(move_on))} "
                f"if nothing comes back ({pb.timing.move_on_days.rule})."
            )
            return state
    action = _next_nudge(ctx=ctx, cal=cal, interview=interview, seq=seq, target=target, state=state)
    if action is not None:
        if seq.events:
            move_on = seq.events[0].at + timedelta(days=pb.timing.move_on_days.value)
            if action.due >= move_on:
                when, rule = day_label(cal.local(move_on)), pb.timing.move_on_days.rule
                state.notes.append(
                    f"The next follow-up would fall after the move-on point {when}: "
                    f"no more nudges ({rule})."
                )
                return state
        state.actions.append(action)
    return state


def _after_decision(ctx: Context, cal: BusinessCalendar, decision: date) -> date:
    """The first day a nudge may fall on after a stated decision date."""
    span = ctx.playbook.timing.status_check_after_decision.value
    if span.unit == "days":
        return cal.on_or_after(decision + timedelta(days=span.amount))
    return cal.add_business_days(decision, span.amount)


def _next_nudge(
    *,
    ctx: Context,
    cal: BusinessCalendar,
    interview: Interview,
    seq: Sequence,
    target: Person | None,
    state: RoundState,
) -> Action | None:
    pb = ctx.playbook
    number = len(seq.events) + 1
    if number == 1:
        start_day = cal.local(seq.start).date()
        if seq.decision_by is not None and seq.decision_by >= start_day:
            span = pb.timing.status_check_after_decision
            day = _after_decision(ctx, cal, seq.decision_by)
            wanted, kind, rule = cal.opening(day), ActionKind.STATUS_CHECK, span.rule
            if cal.local(ctx.now).date() <= seq.decision_by:
                state.notes.append(
                    f"Waiting for the decision date {day_label(seq.decision_by)}: "
                    f"nothing before then ({rule})."
                )
            what = f"the decision date {day_label(seq.decision_by)} has passed"
        else:
            span = pb.timing.estimate_delay
            base = seq.start
            sent = last_thank_you_at(ctx, interview)
            if span.value.after == "thank-you" and sent is not None and sent > base:
                base = sent
            wanted = after_span(cal, base, span.value.amount, span.value.unit)
            kind, rule = ActionKind.ESTIMATE_REQUEST, span.rule
            what = "no timeframe was given"
    else:
        base = seq.events[-1].at
        wanted = base + timedelta(days=pb.timing.final_note_delay_days.value)
        kind, rule = ActionKind.FINAL_NOTE, pb.timing.final_note_delay_days.rule
        what = "no response since the last follow-up"
        decision = seq.decision_by
        if decision is not None and decision >= cal.local(seq.start).date():
            # a nudge the user made early does not open the stated window (SEED-DEADLINE)
            wanted = max(wanted, cal.opening(_after_decision(ctx, cal, decision)))
    return _nudge_action(
        ctx=ctx, cal=cal, seq=seq, target=target, number=number, kind=kind, rule=rule,
        wanted=wanted, what=what, interview=interview,
    )  # fmt: skip


def choose_method(ctx: Context, target: Person | None) -> tuple[Channel, tuple[str, ...]]:
    """Email or phone, and the rules that chose it (SEED-ONE-METHOD, SEED-PHONE-CONNECTION)."""
    channels = ctx.playbook.channels
    if channels.one_method.value:
        fixed = ctx.fixed_method()
        if fixed is not None:
            return fixed, (channels.one_method.rule,)
    if (
        channels.phone_on_connection.value
        and target is not None
        and target.connection
        and target.phone
    ):
        return Channel.PHONE, (channels.phone_on_connection.rule,)
    return Channel.EMAIL, ()


def _nudge_action(
    *,
    ctx: Context,
    cal: BusinessCalendar,
    seq: Sequence,
    target: Person | None,
    number: int,
    kind: ActionKind,
    rule: str,
    wanted: datetime,
    what: str,
    interview: Interview,
) -> Action:
    channel, method_rules = choose_method(ctx, target)
    action_kind = ActionKind.CALL if channel is Channel.PHONE else kind
    window, placed_rules = place_contact(ctx, cal, wanted, kind=kind.value, since=seq.start)
    rules = (rule, *method_rules, *placed_rules)
    aid = f"{seq.anchor}-n{number}-{action_kind.value}"
    name = target.name if target is not None else "the company"
    label = kind.value.replace("-", " ")
    why = f"{label.capitalize()} to {name} on {day_label(window[1])}: {what}"
    if channel is Channel.PHONE:
        why += " - by phone; if nobody answers, leave a voicemail"
        rules = (*rules, ctx.playbook.channels.voicemail_counts.rule)
    why += "."
    person_id = target.id if target is not None else None
    reachable = target is not None and (
        bool(target.phone) if channel is Channel.PHONE else has_email(target)
    )
    if reachable:
        return ctx.action(
            aid, action_kind, channel, window, rules, why,
            person_id=person_id, interview_id=interview.id,
        )  # fmt: skip
    find_id = f"{seq.anchor}-n{number}-find-contact"
    find_rule = ctx.playbook.thank_you.find_contact.rule
    if find_id in ctx.done_ids or not ctx.playbook.thank_you.find_contact.value:
        return ctx.action(
            aid, action_kind, channel, window, rules, why + " Add their details first.",
            person_id=person_id, interview_id=interview.id, blocked=True,
        )  # fmt: skip
    need = "a phone number" if channel is Channel.PHONE else "an email address"
    find_why = f"Find {need} for {name} before the {label} on {moment_label(window[1])}."
    return ctx.action(
        find_id, ActionKind.FIND_CONTACT, Channel.TASK, window, (find_rule, rule), find_why,
        person_id=person_id, interview_id=interview.id,
    )  # fmt: skip


def plan_stay_in_touch(
    ctx: Context, target: Person | None, anchor: str, since: datetime, interview: Interview | None
) -> list[Action]:
    """A note `first_after_days` after `since`, then every `every_days` (SEED-STAY-IN-TOUCH)."""
    pb = ctx.playbook
    settings = pb.stay_in_touch
    prefix = f"{anchor}-stay-in-touch-"
    done = [
        t.at
        for t in ctx.touches
        if t.direction is Direction.OUT and t.kind is TouchKind.STAY_IN_TOUCH and t.at >= since
    ]
    done.extend(s.at for aid, s in ctx.skips.items() if aid.startswith(prefix))
    if done:
        wanted = max(done) + timedelta(days=settings.every_days.value)
        rule = settings.every_days.rule
    else:
        wanted = since + timedelta(days=settings.first_after_days.value)
        rule = settings.first_after_days.rule
    cal = ctx.calendar(target)
    window, placed = place_contact(
        ctx, cal, wanted, kind=ActionKind.STAY_IN_TOUCH.value, since=since
    )
    aid = f"{prefix}{len(done) + 1}"
    name = target.name if target is not None else "the company"
    why = f"Stay in touch with {name}: a short, friendly note, sparingly."
    blocked = target is None or not has_email(target)
    if blocked:
        why += " Add their email address first."
    return [
        ctx.action(
            aid, ActionKind.STAY_IN_TOUCH, Channel.EMAIL, window, (rule, *placed), why,
            person_id=target.id if target is not None else None,
            interview_id=interview.id if interview is not None else None, blocked=blocked,
        )
    ]  # fmt: skip
