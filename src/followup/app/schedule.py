"""Re-planning on write: every use case that changes an application stores its next due
time (followup.store.schedule), so reminders and workers claim due work instead of
re-planning every application."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.app.context import Context, WriteUnit
    from followup.domain.model import History, Plan
    from followup.planner import PlanDefaults


def plan_defaults(ctx: Context) -> PlanDefaults:
    from followup.planner import PlanDefaults

    return PlanDefaults(user_tz=ctx.prefs.user_tz, user_country=ctx.prefs.user_country)


def plan_of(ctx: Context, history: History) -> Plan:
    """The plan of one application now, by the owner's playbook."""
    from followup.app.planning import plan_history

    return plan_history(ctx, history)


def replan(ctx: Context, uow: WriteUnit, app_id: int) -> Plan:
    """Plan the application again inside the use case's transaction and store when it next
    needs the user (the earliest moment any of its actions opens; none: nothing planned)."""
    plan = plan_of(ctx, uow.histories.get(app_id))
    first = min(plan.actions, key=lambda a: (a.earliest, a.id), default=None)
    uow.schedule.set(
        app_id,
        None if first is None else first.earliest,
        None if first is None else first.id,
        ctx.now(),
    )
    return plan
