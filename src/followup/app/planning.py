"""Plans and the Today view: the planner run over the owner's stored histories.

Read-only use cases, through the context's fast read path (`ctx.reader()`): `followup today`
must answer fast, so nothing here imports SQLAlchemy, and the planner and playbook are
imported inside the functions. The JSON shapes of `plan --json` and `today --json` are made
here (`plan_record`, `today_record`): their field names are a contract, extend, don't rename.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.app.errors import InputError
from followup.domain.model import Action, ActionStatus, History, Plan
from followup.store.ids import is_row_id

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.mail.outbox.held import HeldMessage
    from followup.playbook import Playbook

_APP_PREFIX = re.compile(r"^(\d+)-")
TODAY_STATUSES = frozenset({ActionStatus.DUE, ActionStatus.OVERDUE})


@dataclass(frozen=True, slots=True)
class PlannedApplication:
    history: History
    plan: Plan


def seen_at(history: History, moment: datetime) -> History:
    """The history as it stood at `moment`: contacts, skips and an outcome dated later are
    not part of it (`--as-of T` shows the world as it was at T), nor an interview booked
    after T for a time after T. One booked for later is known before it takes place, and
    one that had taken place by T stays, even if it was typed in afterwards."""
    from dataclasses import replace

    app = history.application
    if app.outcome_at is not None and app.outcome_at > moment:
        app = replace(app, outcome=None, outcome_at=None)
    touches = tuple(t for t in history.touches if t.at <= moment)
    skips = tuple(s for s in history.skips if s.at <= moment)
    interviews = tuple(
        i for i in history.interviews if i.booked_at is None or min(i.booked_at, i.start) <= moment
    )
    if (app, touches, skips, interviews) == (
        history.application,
        history.touches,
        history.skips,
        history.interviews,
    ):
        return history
    return replace(history, application=app, touches=touches, skips=skips, interviews=interviews)


def plan_history(ctx: Context, history: History, now: datetime | None = None) -> Plan:
    """The plan of one history by the owner's playbook, as of `now` (default: the clock);
    in a view of the past, from what was known then."""
    from followup.app.schedule import plan_defaults
    from followup.planner import plan_application

    moment = ctx.now() if now is None else now
    if ctx.as_of_view:
        history = seen_at(history, moment)
    return plan_application(history, ctx.playbook, moment, plan_defaults(ctx))


def plan_histories(
    ctx: Context, histories: Iterable[History], now: datetime | None = None
) -> list[PlannedApplication]:
    """Each history with its plan at `now` (default: the clock); in a view of the past
    (`--as-of`), each as it stood then."""
    moment = ctx.now() if now is None else now
    seen = [seen_at(h, moment) if ctx.as_of_view else h for h in histories]
    return [PlannedApplication(h, plan_history(ctx, h, moment)) for h in seen]


def plan_applications(ctx: Context, app_id: int | None = None) -> list[PlannedApplication]:
    """The plan of one application (NotFoundError if unknown) or of every one, now."""
    reader = ctx.reader()
    histories = [reader.history(app_id)] if app_id is not None else list(reader.histories())
    return plan_histories(ctx, histories)


def app_id_of_action(action_id: str) -> int:
    """Action ids start with their application's id (`3-i7-thank-you-p9`)."""
    match = _APP_PREFIX.match(action_id)
    if match is None:
        raise InputError(
            f"{action_id!r} is not an action id",
            code="action.unknown",
            params={"action_id": action_id},
        )
    app_id = int(match.group(1))
    if not is_row_id(app_id):
        raise no_such_application(action_id, app_id)
    return app_id


def no_such_application(action_id: str, app_id: int) -> InputError:
    return InputError(
        f"no planned action {action_id!r} (there is no application {app_id})",
        code="action.unknown",
        params={"action_id": action_id, "app_id": app_id},
    )


def action_in(plan: Plan, action_id: str) -> Action:
    """The planned action with this id (InputError if the plan has none: done, skipped,
    or not planned). A missed action can still be done: the user may have done it after all."""
    for action in (*plan.actions, *plan.missed):
        if action.id == action_id:
            return action
    app_id = app_id_of_action(action_id)
    raise InputError(
        f"no planned action {action_id!r} for application {app_id}",
        code="action.not-planned",
        params={"action_id": action_id, "app_id": app_id},
    )


def find_action(
    ctx: Context, action_id: str, now: datetime | None = None
) -> tuple[History, Action, Plan]:
    """The planned action with this id, its history and the plan it is in, as of `now`."""
    app_id = app_id_of_action(action_id)
    reader = ctx.reader()
    found = list(reader.histories([app_id]))
    if not found:
        raise no_such_application(action_id, app_id)
    history = found[0]
    plan = plan_history(ctx, history, now)
    return history, action_in(plan, action_id), plan


# ---- today ------------------------------------------------------------------------------


def is_for_today(action: Action, now: datetime, user_tz: str) -> bool:
    """Due or overdue now, or opening on today's date in the user's zone."""
    if action.status in TODAY_STATUSES:
        return True
    if action.status is ActionStatus.BLOCKED:
        return action.due <= now
    zone = ZoneInfo(user_tz)
    return action.earliest.astimezone(zone).date() == now.astimezone(zone).date()


@dataclass(frozen=True, slots=True)
class TodayGroup:
    history: History
    plan: Plan
    actions: tuple[Action, ...]


def today_groups(
    planned: Iterable[PlannedApplication], now: datetime, user_tz: str
) -> list[TodayGroup]:
    """What to do today, grouped by application, most urgent application first."""
    groups = []
    for item in planned:
        actions = tuple(
            sorted(
                (a for a in item.plan.actions if is_for_today(a, now, user_tz)),
                key=lambda a: (a.due, a.id),
            )
        )
        if actions:
            groups.append(TodayGroup(item.history, item.plan, actions))
    return sorted(groups, key=lambda g: (g.actions[0].due, g.history.application.id))


@dataclass(frozen=True, slots=True)
class NextAction:
    """With nothing for today: the action that opens first, so an empty day is no mystery."""

    action: Action
    history: History


# One line of advice per kind of missed action (the plan has moved on without it).
MISSED_ADVICE = {
    "thank-you": "Too late for a thank-you on its own: thank them in your next message.",
    "find-contact": "Still no address: add one when you find it, the plan goes on without it.",
    "competing-offer": "Tell them about the other offer in your next message, if it stands.",
}
MISSED_DEFAULT_ADVICE = "Skipped as missed: the next step is planned from then; nothing stacks."
MISSED_SHOWN_DAYS = 7  # a missed action is shown this long after its window ended plus grace


def missed_advice(action: Action) -> str:
    return MISSED_ADVICE.get(action.kind.value, MISSED_DEFAULT_ADVICE)


@dataclass(frozen=True, slots=True)
class MissedAction:
    action: Action
    history: History
    advice: str


def recently_missed(planned: Iterable[PlannedApplication], now: datetime) -> list[MissedAction]:
    """The newest missed action of each application, while it is recent (once, not daily
    for ever), oldest application first."""
    from datetime import timedelta

    found = []
    for item in planned:
        if item.plan.missed:
            newest = item.plan.missed[0]
            if now - newest.latest <= timedelta(days=MISSED_SHOWN_DAYS * 2):
                found.append(MissedAction(newest, item.history, missed_advice(newest)))
    return found


@dataclass(frozen=True, slots=True)
class Today:
    as_of: datetime
    planned: tuple[PlannedApplication, ...]
    groups: tuple[TodayGroup, ...]
    held: tuple[HeldMessage, ...]  # outbox messages that wait for the user
    next: NextAction | None  # only when no group
    playbook: Playbook
    missed: tuple[MissedAction, ...] = ()

    @property
    def companies(self) -> dict[int, str]:
        return {p.history.application.id: p.history.application.company for p in self.planned}

    @property
    def count(self) -> int:
        return sum(len(g.actions) for g in self.groups)


def today(ctx: Context, plans: Iterable[PlannedApplication] | None = None) -> Today:
    """The Today view at the context's time: held messages, then today's actions by
    application, and the next action when nothing is for today. `plans`: every
    application's plan if already made (followup.app.plan_cache)."""
    moment = ctx.now()
    playbook = ctx.playbook
    planned = tuple(plan_applications(ctx) if plans is None else plans)
    groups = tuple(today_groups(planned, moment, ctx.prefs.user_tz))
    upcoming = [NextAction(a, p.history) for p in planned for a in p.plan.actions]
    first = None
    if not groups and upcoming:
        first = min(upcoming, key=lambda n: n.action.earliest)
    missed = tuple(recently_missed(planned, moment))
    return Today(moment, planned, groups, tuple(held_messages(ctx)), first, playbook, missed)


def held_messages(ctx: Context) -> list[HeldMessage]:
    """Outbox messages waiting for the user (needs-confirmation, failed), oldest first.

    The fast SQLite reader reads them with sqlite3 (no SQLAlchemy at start-up); with a
    `Store` (PostgreSQL, or a file that needs migrating) the outbox is asked."""
    from followup.mail.outbox.held import HELD_STATES, held_from_columns, held_from_outbox_row
    from followup.store.fastread import FastReader

    reader = ctx.reader()
    if isinstance(reader, FastReader):
        return [held_from_columns(row) for row in reader.outbox_rows(HELD_STATES)]
    from followup.mail.outbox import held_messages as held_rows
    from followup.store.store import Store

    db = reader if isinstance(reader, Store) else ctx.store()
    return [held_from_outbox_row(row) for row in held_rows(db)]


# ---- JSON records (the contract of `plan --json` and `today --json`) --------------------


def action_record(action: Action, history: History, playbook: Playbook) -> dict[str, Any]:
    """An action as JSON-ready data (the contract of `plan --json`: extend, don't rename)."""
    person = history.person(action.person_id) if action.person_id is not None else None
    via = history.person(action.via_person_id) if action.via_person_id is not None else None
    return {
        "id": action.id,
        "app_id": action.app_id,
        "company": history.application.company,
        "role": history.application.role,
        "person_id": action.person_id,
        "person_name": person.name if person else None,
        "via_person_id": action.via_person_id,
        "via_person_name": via.name if via else None,
        "interview_id": action.interview_id,
        "kind": action.kind.value,
        "channel": action.channel.value,
        "earliest": action.earliest.isoformat(),
        "due": action.due.isoformat(),
        "latest": action.latest.isoformat(),
        "status": action.status.value,
        "rule_ids": list(action.rule_ids),
        "why": action.why,
        "explanation": playbook.explain(action.rule_ids),
    }


def plan_record(planned: Iterable[PlannedApplication], playbook: Playbook) -> list[dict[str, Any]]:
    """`plan --json`: every planned action, application by application."""
    return [action_record(a, p.history, playbook) for p in planned for a in p.plan.actions]


def held_record(held: HeldMessage, companies: dict[int, str]) -> dict[str, Any]:
    """A held message as JSON-ready data, with its application's company."""
    company = companies.get(held.app_id) if held.app_id is not None else None
    return held.as_dict() | {"company": company}


def today_record(view: Today) -> dict[str, Any]:
    """`today --json`."""
    companies = view.companies
    return {
        "as_of": view.as_of.isoformat(),
        "held_messages": [held_record(h, companies) for h in view.held],
        "applications": [
            {
                "app_id": g.history.application.id,
                "company": g.history.application.company,
                "role": g.history.application.role,
                "stage": g.plan.stage.value,
                "actions": [action_record(a, g.history, view.playbook) for a in g.actions],
            }
            for g in view.groups
        ],
        "missed": [
            action_record(m.action, m.history, view.playbook) | {"advice": m.advice}
            for m in view.missed
        ],
    }
