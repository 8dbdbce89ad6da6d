"""The planner: a pure function of a history, a playbook, the time and the user's defaults.

How it reads a history (decided with the lead; where the playbook notes are
silent, the choice a user would expect):

- Before the first interview: `saved` (not applied for) plans nothing; `applied` may
  plan one check on the application (planner/pipeline.py, off in the seed playbook).
- Rounds. Each non-cancelled interview that has finished starts a round; the
  latest finished one is the current round. Only its thank-yous and nudges are
  planned: a thank-you left over from an earlier round is dropped once a later
  interview has taken place. An interview in progress is not finished yet.
- Stage. No interview: `applied`. A booked interview after the current round
  (or no finished one): `scheduled` - the current round's thank-yous are still
  planned, nudges are not (the process is moving). Otherwise `waiting`, or
  `no-response` past the move-on point. An outcome decides the stage.
- Outcomes. The application's outcome, else the latest inbound rejection or
  offer that is not older than the last interview, else an outbound withdrawal.
  Rejection: rejection-reply and stay-in-touch; offer: offer-ack only;
  withdrawn: a withdrawal email unless one was sent; hired: nothing.
- The weekly cap counts contacts the candidate starts (any outbound contact
  except answers to an outcome and tasks); the thank-yous of one interview
  count as one contact; an answer from the employer or an interview resets it.
  Bounces and auto-replies are not answers; an auto-reply's return date moves
  the next nudge to the first business day after it.
- Sequence. From the interview end, or the last reply after it (a reply
  restarts the sequence: new ids, new deadline if it names a date), each
  outbound follow-up or skipped nudge is a step. Step 1: status check after a
  stated decision date, else estimate request; step 2: final note; the move-on
  point is the first step plus `move_on_days`; then stay-in-touch notes.
  A stated date older than the sequence start (it passed before a reply
  without a new date) no longer applies: the estimate rule takes over.
- Connection notes (a playbook's `linkedin.connection_note`): one LinkedIn note
  to each person of the current interview with a profile URL, in the thank-you
  window and only while it is open, once per person. It is a contact for the
  weekly cap (the next nudge waits a week after it) but not a step of the
  nudge sequence.
- Thank-yous. One per person of the current interview; earliest = the end of
  the interview, due = the first allowed slot from then (the same evening until
  the evening limit on a business day, else the next business morning), so a
  late interview's note is `open` overnight and `due` in the morning.
  No address: a find-contact task (or, in a playbook that says so, the note
  goes through a recruiter with an address); once the
  task is done and there is still no address, the thank-you is `blocked`.
  An interview with nobody recorded gets a note instead of actions.
- Nudge windows: earliest = due = the first allowed slot at or after the
  time the rules give; latest = end of send hours `action_grace_business_days`
  business days later (CAL-ACTION-WINDOW); later it is `overdue`.
- Method: the first outbound estimate/status/final note/call/voicemail of the
  application fixes email or phone; before that, a call when the target has a
  connection and a phone. A phone nudge is a `call` action; an unanswered call
  is recorded as a voicemail touch, which counts as the step.
- Targets: the last person who answered, else the recruiter, else the hiring
  manager, else the first interviewer (people in id order, so the plan does
  not depend on row order). Without the address or phone the channel needs:
  a find-contact task; once done and still missing: the action is `blocked`.
- Outcome answers (rejection-reply, offer-ack, withdrawal) are due at the
  first slot after the outcome and latest at the end of the N-th business day
  after it; one sent since the round's interview counts, even if recorded
  before the outcome (people answer first and mark the outcome later).
  Without `outcome_at` the outcome's time is the last thing that happened.
- A competing offer elsewhere (at any stage before an outcome, even before the
  first interview) replaces the nudges until the candidate has told the
  employer about it (an outbound competing-offer touch); thank-yous continue. The planner does
  not know when it was recorded, so its window starts at `now`: due at the
  next slot, latest at the end of the N-th business day (never after the
  offer's own deadline day); an expired one gives a note.
- Skips: a skipped action counts as handled at the time of the skip (a skipped
  nudge is a step of the sequence; a skipped thank-you counts as sent then).
- Missed: an action overdue by more than `pipeline.missed_after_business_days` counts as
  skipped from then on (planner/missed.py): the plan moves on, `Plan.missed` keeps it.
- Tasks (channel `task`, e.g. a done find-contact) are never contacts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime

from followup.domain.model import Action, History, Plan, Stage
from followup.planner.context import Context, PlanDefaults, day_label
from followup.planner.missed import (
    MAX_ROUNDS,
    as_skipped,
    mark_missed,
    newly_missed,
    superseded,
)
from followup.planner.nudges import plan_round
from followup.planner.outcomes import (
    OUTCOME_STAGE,
    plan_competing_offer,
    plan_outcome,
    read_outcome,
)
from followup.planner.pipeline import plan_application_check
from followup.planner.thanks import plan_connection_notes, plan_thank_yous
from followup.playbook.model import Playbook


def plan_application(
    history: History, playbook: Playbook, now: datetime, defaults: PlanDefaults
) -> Plan:
    """The plan of one application at `now` (an aware datetime); actions overdue too long
    are missed (planner/missed.py) and the plan is made again as if they were skipped."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    missed: list[tuple[Action, datetime]] = []
    for _ in range(MAX_ROUNDS):
        ctx = Context(history, playbook, now, defaults)
        plan = _plan_once(ctx)
        found = newly_missed(ctx, plan.actions)
        if not found:
            break
        missed.extend(found)
        history = as_skipped(history, found)
    if read_outcome(ctx) is None:
        missed.extend(superseded(ctx))
    if not missed:
        return plan
    newest_first = sorted(missed, key=lambda m: (m[1], m[0].id), reverse=True)
    return replace(plan, missed=tuple(mark_missed(a) for a, _when in newest_first))


def _plan_once(ctx: Context) -> Plan:
    now = ctx.now
    fact = read_outcome(ctx)
    if fact is not None:
        outcome_actions, outcome_notes = plan_outcome(ctx, fact)
        return _plan(ctx, OUTCOME_STAGE[fact.outcome], outcome_actions, outcome_notes)
    finished = [i for i in ctx.interviews if i.finished_at <= now]
    booked = [i for i in ctx.interviews if i.finished_at > now]
    current = finished[-1] if finished else None
    actions: list[Action] = []
    notes: list[str] = []
    # a competing offer is worth telling them about at any stage before an outcome
    competing, expired = plan_competing_offer(ctx, ctx.nudge_target(current))
    if competing is not None:
        actions.append(competing)
        notes.append("Other follow-ups wait until you have told them about the other offer.")
    elif expired:
        notes.append(expired)
    if current is None:
        if booked:
            notes.append(
                f"Interview booked for {day_label(booked[0].start)}: nothing to follow up yet."
            )
            return _plan(ctx, Stage.SCHEDULED, actions, notes)
        if ctx.app.saved:
            notes.append("Saved, not applied for yet: nothing to follow up.")
            return _plan(ctx, Stage.SAVED, actions, notes)
        if competing is None:
            checks, check_notes = plan_application_check(ctx)
            actions.extend(checks)
            notes.extend(check_notes)
        if not actions:
            notes.append("No interview yet: nothing to follow up.")
        return _plan(ctx, Stage.APPLIED, actions, notes)
    actions.extend(plan_thank_yous(ctx, current))
    actions.extend(plan_connection_notes(ctx, current))
    if not current.person_ids:
        notes.append("Add who interviewed you to plan the thank-you notes.")
    if booked:
        notes.append(f"Next interview on {day_label(booked[0].start)}: no nudges before it.")
        return _plan(ctx, Stage.SCHEDULED, actions, notes)
    if competing is not None:
        return _plan(ctx, Stage.WAITING, actions, notes)
    state = plan_round(ctx, current)
    actions.extend(state.actions)
    notes.extend(state.notes)
    return _plan(ctx, state.stage, actions, notes)


def _plan(ctx: Context, stage: Stage, actions: list[Action], notes: list[str]) -> Plan:
    actions.sort(key=lambda a: (a.due, a.id))
    return Plan(app_id=ctx.app_id, stage=stage, actions=tuple(actions), notes=tuple(notes))


def plan_all(
    histories: Iterable[History], playbook: Playbook, now: datetime, defaults: PlanDefaults
) -> Iterator[Plan]:
    """The plan of every application, lazily, in the order of `histories`."""
    for history in histories:
        yield plan_application(history, playbook, now, defaults)
