"""Plans and today's list: the planner run over the stored histories.

The planner and playbook are imported inside the functions: `followup --help` and the write
commands should not pay for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.domain.model import Action, ActionStatus, History, Plan
from followup.services.errors import InputError

if TYPE_CHECKING:
    from followup.config import Settings
    from followup.mail.held import HeldMessage
    from followup.planner import PlanDefaults
    from followup.playbook import Playbook
    from followup.store import Reader

_APP_PREFIX = re.compile(r"^(\d+)-")
TODAY_STATUSES = frozenset({ActionStatus.DUE, ActionStatus.OVERDUE})


@dataclass(frozen=True, slots=True)
class PlannedApplication:
    history: History
    plan: Plan


def active_playbook(settings: Settings) -> Playbook:
    """The configured playbook with the configured overrides (PlaybookError if invalid)."""
    from followup.playbook import load_playbook

    return load_playbook(settings.playbook, settings.playbook_overrides or None)


def plan_defaults(settings: Settings) -> PlanDefaults:
    from followup.planner import PlanDefaults

    return PlanDefaults(user_tz=settings.user_tz, user_country=settings.user_country)


def plan_histories(
    histories: Iterable[History],
    settings: Settings,
    now: datetime,
    playbook: Playbook | None = None,
) -> list[PlannedApplication]:
    from followup.planner import plan_application

    playbook = playbook or active_playbook(settings)
    defaults = plan_defaults(settings)
    return [PlannedApplication(h, plan_application(h, playbook, now, defaults)) for h in histories]


def plan_applications(
    reader: Reader,
    settings: Settings,
    now: datetime,
    app_id: int | None = None,
    playbook: Playbook | None = None,
) -> list[PlannedApplication]:
    """The plan of one application (NotFoundError if unknown) or of every one."""
    histories = [reader.history(app_id)] if app_id is not None else list(reader.histories())
    return plan_histories(histories, settings, now, playbook)


def app_id_of_action(action_id: str) -> int:
    """Action ids start with their application's id (`3-i7-thank-you-p9`)."""
    match = _APP_PREFIX.match(action_id)
    if match is None:
        raise InputError(
            f"{action_id!r} is not an action id",
            "copy an id from `followup plan` or `followup today`",
        )
    return int(match.group(1))


def find_action(
    reader: Reader, settings: Settings, action_id: str, now: datetime
) -> tuple[History, Action]:
    """The planned action with this id, from the plan as of `now`."""
    app_id = app_id_of_action(action_id)
    known = {a.id for a in reader.applications()}
    if app_id not in known:
        raise InputError(
            f"no planned action {action_id!r} (there is no application {app_id})",
            "copy an id from `followup plan` or `followup today`",
        )
    for planned in plan_applications(reader, settings, now, app_id):
        for action in planned.plan.actions:
            if action.id == action_id:
                return planned.history, action
    raise InputError(
        f"no planned action {action_id!r} for application {app_id}",
        f"see `followup plan --app {app_id}`; it may be done or skipped already",
    )


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


def today(planned: Iterable[PlannedApplication], now: datetime, user_tz: str) -> list[TodayGroup]:
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


def held_messages(reader: Reader) -> list[HeldMessage]:
    """Outbox messages waiting for the user (needs-confirmation, failed), oldest first.

    The fast SQLite reader reads them with sqlite3 (no SQLAlchemy at start-up); a `Store`
    (PostgreSQL, or a file that needs migrating) asks the outbox."""
    from followup.mail.held import HELD_STATES, held_from_columns, held_from_outbox_row
    from followup.store.fastread import FastReader

    if isinstance(reader, FastReader):
        return [held_from_columns(row) for row in reader.outbox_rows(HELD_STATES)]
    from followup.mail.outbox import held_messages as held_rows
    from followup.store.store import Store

    if not isinstance(reader, Store):
        return []
    return [held_from_outbox_row(row) for row in held_rows(reader.engine)]


def held_record(held: HeldMessage, companies: dict[int, str]) -> dict[str, Any]:
    """A held message as JSON-ready data, with its application's company."""
    company = companies.get(held.app_id) if held.app_id is not None else None
    return held.as_dict() | {"company": company}


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
