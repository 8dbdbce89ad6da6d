"""A plan that never piles up: an action overdue by more than the playbook's
`pipeline.missed_after_business_days` (business days of the recipient, after the end of
its window) is `missed`. It counts as skipped at that moment, so the sequence moves on
(the next nudge is planned from there) instead of stacking a two-week-old thank-you on
top of an estimate request. Pure, like the rest of the planner.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from itertools import pairwise

from followup.domain.model import Action, ActionStatus, History, Skip
from followup.planner.context import Context

MISSED_REASON = "missed: overdue for too long"
MAX_ROUNDS = 12  # each round misses at least one action; a history has few


def missed_at(ctx: Context, action: Action) -> datetime:
    """When an overdue action becomes missed: N business days after its window's end."""
    cal = ctx.calendar(ctx.person(action.person_id))
    days = ctx.playbook.pipeline.missed_after_business_days.value
    end = cal.local(action.latest)
    return datetime.combine(cal.add_business_days(end.date(), days), end.time(), tzinfo=cal.tz)


def newly_missed(ctx: Context, actions: tuple[Action, ...]) -> list[tuple[Action, datetime]]:
    found = []
    for action in actions:
        if action.status is ActionStatus.OVERDUE:
            when = missed_at(ctx, action)
            if ctx.now >= when:
                found.append((action, when))
    return found


def superseded(ctx: Context) -> list[tuple[Action, datetime]]:
    """Thank-yous still open for an interview when a later one has taken place. The plan
    follows the later interview, so each counts as missed from the later one's end (or
    from its own missed time, if sooner) instead of vanishing without a word."""
    from followup.planner.thanks import plan_thank_yous

    finished = [i for i in ctx.interviews if i.finished_at <= ctx.now]
    return [
        (action, min(later.finished_at, missed_at(ctx, action)))
        for earlier, later in pairwise(finished)
        for action in plan_thank_yous(ctx, earlier)
    ]


def as_skipped(history: History, missed: list[tuple[Action, datetime]]) -> History:
    """The history with each missed action recorded as skipped when it was missed."""
    skips = tuple(
        Skip(a.id, a.app_id, at=when, reason=MISSED_REASON, missed=True) for a, when in missed
    )
    return replace(history, skips=history.skips + skips)


def mark_missed(action: Action) -> Action:
    return replace(action, status=ActionStatus.MISSED)
