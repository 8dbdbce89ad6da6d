"""Before the first interview and after an offer: the rules of the `pipeline` section.

None of this is from the article, and each action cites the pipeline rule behind it:

- Saved (not applied for): nothing to follow up.
- Applied, no interview, no answer: when the playbook turns it on and a contact with an
  address is known, one polite check `application_check_after_days` after the date applied
  (else the day the application was added); once it is done or skipped, nothing more.
  Any answer from the employer (a reply, an invitation, a rejection) ends it.
- An offer with a deadline: an `offer-decision` reminder (a task) opening
  `offer_decision_business_days` business days before the deadline, due by its end.
- A declined offer: the decline note within `offer_decline_business_days`.
- Withdrawn because another offer was accepted: the withdrawal cites its own rule.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from followup.domain.model import Action, ActionKind, Channel, Direction, Person
from followup.planner.context import RESET_KINDS, Context, day_label, has_email
from followup.planner.timing import place_contact

HIRED_ELSEWHERE = "hired-elsewhere"  # Application.outcome_reason of a withdrawal for a hire


def _contact(ctx: Context) -> Person | None:
    """Who to ask about an application: the recruiter or hiring manager, else anyone
    recorded, provided they have an address."""
    for person in (ctx.nudge_target(None), *ctx.people_in_order):
        if person is not None and has_email(person):
            return person
    return None


def applied_day(ctx: Context) -> date:
    app = ctx.app
    return app.applied_on or ctx.calendar(None).local(app.created_at).date()


def plan_application_check(ctx: Context) -> tuple[list[Action], list[str]]:
    """The one check on an application nobody has answered (off unless the playbook says so)."""
    param = ctx.playbook.pipeline.application_check
    if not param.value:
        return [], []
    after = ctx.playbook.pipeline.application_check_after_days
    aid = f"{ctx.app_id}-application-check"
    answered = any(t.direction is Direction.IN and t.kind in RESET_KINDS for t in ctx.touches)
    if answered:
        return [], []
    if ctx.handled(aid) or ctx.nudges:
        return [], [f"One check on the application is all: now wait for them ({param.rule})."]
    target = _contact(ctx)
    if target is None:
        return [], [
            f"No contact with an address for this application: no check on it ({param.rule})."
        ]
    cal = ctx.calendar(target)
    applied = applied_day(ctx)
    wanted = cal.opening(applied + timedelta(days=after.value))
    window, placed = place_contact(
        ctx, cal, wanted, kind=ActionKind.STATUS_CHECK.value, since=cal.opening(applied)
    )
    why = (
        f"Ask {target.name} politely whether your application of {day_label(applied)} is "
        "being considered; one check only, then nothing more."
    )
    action = ctx.action(
        aid, ActionKind.STATUS_CHECK, Channel.EMAIL, window, (param.rule, after.rule, *placed),
        why, person_id=target.id,
    )  # fmt: skip
    return [action], []


def plan_offer_decision(ctx: Context, target: Person | None) -> Action | None:
    """A reminder to decide before the offer's deadline (a task, no message)."""
    offer = ctx.app.offer
    if offer is None or offer.deadline is None:
        return None
    param = ctx.playbook.pipeline.offer_decision_business_days
    aid = f"{ctx.app_id}-offer-decision-{offer.deadline:%Y%m%d}"
    if ctx.handled(aid):
        return None
    cal = ctx.calendar(target)
    latest = cal.at(offer.deadline, cal.end)
    opens = _business_days_before(ctx, target, offer.deadline, param.value)
    due = min(opens, latest)
    why = (
        f"Decide on the offer from {ctx.app.display_name or ctx.app.company} before its "
        f"deadline, {day_label(offer.deadline)}."
    )
    return ctx.action(
        aid, ActionKind.OFFER_DECISION, Channel.TASK, (due, due, latest), (param.rule,), why,
        person_id=target.id if target is not None else None,
    )  # fmt: skip


def _business_days_before(ctx: Context, target: Person | None, day: date, count: int) -> datetime:
    cal = ctx.calendar(target)
    for _ in range(count):
        day -= timedelta(days=1)
        while not cal.is_business_day(day):
            day -= timedelta(days=1)
    return cal.opening(day)
