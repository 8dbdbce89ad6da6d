"""Placing a contact the candidate starts: the weekly cap, out-of-office
returns and the quiet period move it later, send hours fix the slot."""

from __future__ import annotations

from datetime import datetime, timedelta

from followup.calendar import BusinessCalendar
from followup.planner.context import Context


def cap_floor(ctx: Context) -> datetime | None:
    """The earliest moment the next initiated contact may happen (SEED-WEEKLY-CAP).

    The last contact the candidate started, plus the cap - unless the employer
    answered (or interviewed them) since: answering is not following up too often.
    """
    last = ctx.last_initiated()
    if last is None:
        return None
    reset = ctx.last_reset()
    if reset is not None and reset >= last:
        return None
    return last + timedelta(days=ctx.playbook.timing.weekly_cap_days.value)


def out_of_office_floor(ctx: Context, cal: BusinessCalendar, since: datetime) -> datetime | None:
    """The first business morning after the latest out-of-office return date since `since`."""
    returns = [t.return_date for t in ctx.auto_replies if t.return_date and t.at >= since]
    if not returns:
        return None
    days = ctx.playbook.calendar.out_of_office_business_days.value
    return cal.opening(cal.add_business_days(max(returns), max(days, 1)))


def place_contact(
    ctx: Context,
    cal: BusinessCalendar,
    moment: datetime,
    *,
    kind: str,
    since: datetime,
    capped: bool = True,
) -> tuple[tuple[datetime, datetime, datetime], tuple[str, ...]]:
    """The window of an initiated contact wanted at `moment`, and the rules that moved it."""
    pb = ctx.playbook
    rules: list[str] = []
    floor = cap_floor(ctx) if capped else None
    if floor is not None and floor > moment:
        moment = floor
        rules.append(pb.timing.weekly_cap_days.rule)
    away = out_of_office_floor(ctx, cal, since)
    if away is not None and away > moment:
        moment = away
        rules.append(pb.calendar.out_of_office_business_days.rule)
    due = cal.next_slot(moment)
    if kind in cal.quiet.kinds and cal.in_quiet_period(cal.local(due).date()):
        due = cal.opening(cal.after_quiet_period(cal.local(due).date()))
        rules.append(pb.calendar.quiet_period.rule)
    rules.append(pb.calendar.send_hours_start.rule)
    grace = pb.calendar.action_grace_business_days.value
    latest = cal.closing(cal.add_business_days(cal.local(due).date(), grace))
    return (due, due, latest), tuple(rules)


def after_span(cal: BusinessCalendar, base: datetime, amount: int, unit: str) -> datetime:
    """`amount` calendar days or business days after `base` (same wall-clock time)."""
    if unit == "business-days":
        here = cal.local(base)
        day = cal.add_business_days(here.date(), amount)
        return datetime.combine(day, here.time(), tzinfo=cal.tz)
    return base + timedelta(days=amount)
