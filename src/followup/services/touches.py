"""Use cases of contacts: log one, mark a planned action done, skip one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from followup.domain.model import (
    Action,
    Channel,
    Direction,
    Skip,
    Touch,
    TouchKind,
)
from followup.services.applications import app_zone
from followup.services.errors import InputError
from followup.services.planning import app_id_of_action, find_action
from followup.services.timeparse import in_zone

if TYPE_CHECKING:
    from followup.config import Settings
    from followup.store.store import Store


def add_touch(
    store: Store,
    settings: Settings,
    app_id: int,
    *,
    at: datetime,
    channel: Channel,
    direction: Direction,
    kind: TouchKind = TouchKind.MESSAGE,
    person_id: int | None = None,
    decision_by: date | None = None,
    return_date: date | None = None,
    summary: str = "",
    message_id: str | None = None,
    action_id: str | None = None,
) -> Touch:
    """Log a contact. A reply naming a date (`decision_by`) becomes the new deadline."""
    if direction is Direction.OUT and kind in _INBOUND_KINDS:
        raise InputError(
            f"a {kind.value} comes from the employer, not from you",
            "use --direction in, or another --kind",
        )
    if direction is Direction.IN and kind in _OUTBOUND_KINDS:
        raise InputError(
            f"a {kind.value} is something you send, not the employer",
            "use --direction out, or --kind reply (or message) for what they sent",
        )
    zone = app_zone(store.application(app_id), settings)
    return store.add_touch(
        app_id,
        in_zone(at, zone),
        channel,
        direction,
        kind=kind,
        person_id=person_id,
        decision_by=decision_by,
        return_date=return_date,
        action_id=action_id,
        message_id=message_id,
        summary=summary,
    )


_INBOUND_KINDS = frozenset(
    {
        TouchKind.REPLY,
        TouchKind.REJECTION,
        TouchKind.OFFER,
        TouchKind.INVITATION,
        TouchKind.AUTO_REPLY,
        TouchKind.BOUNCE,
        TouchKind.ATS,
    }
)
# What only the candidate sends (a call or a voicemail can come from either side).
_OUTBOUND_KINDS = frozenset(
    {
        TouchKind.THANK_YOU,
        TouchKind.ESTIMATE_REQUEST,
        TouchKind.STATUS_CHECK,
        TouchKind.FINAL_NOTE,
        TouchKind.STAY_IN_TOUCH,
        TouchKind.REJECTION_REPLY,
        TouchKind.OFFER_ACK,
        TouchKind.COMPETING_OFFER,
        TouchKind.LINKEDIN_NOTE,
    }
)


@dataclass(frozen=True, slots=True)
class Done:
    """What `done` recorded: a touch, or for a task (find a contact) a closing skip."""

    action: Action
    touch: Touch | None = None
    skip: Skip | None = None


def record_done(
    store: Store,
    settings: Settings,
    action_id: str,
    *,
    now: datetime,
    at: datetime | None = None,
) -> Done:
    """Record that the planned action was carried out: the touch it asked for.

    The action is looked up in the plan as of the time it was done (`at`, default now).
    """
    when = _when(store, settings, action_id, now, at)
    _history, action = find_action(store, settings, action_id, when)
    try:
        kind = TouchKind(action.kind.value)
    except ValueError:
        # A task (find a contact) is no contact with the employer: it closes like a skip.
        skip = store.add_skip(action.app_id, action.id, when, "done")
        return Done(action=action, skip=skip)
    touch = store.add_touch(
        action.app_id,
        when,
        action.channel,
        Direction.OUT,
        kind=kind,
        person_id=action.person_id,
        action_id=action.id,
    )
    return Done(action=action, touch=touch)


def record_skip(
    store: Store,
    settings: Settings,
    action_id: str,
    reason: str,
    *,
    now: datetime,
    at: datetime | None = None,
) -> Skip:
    """Record that the user decided not to carry out the action (as of `at`, default now)."""
    if not reason.strip():
        raise InputError("the reason is empty", "say why with --reason TEXT")
    when = _when(store, settings, action_id, now, at)
    _history, action = find_action(store, settings, action_id, when)
    return store.add_skip(action.app_id, action.id, when, reason)


def _when(
    store: Store, settings: Settings, action_id: str, now: datetime, at: datetime | None
) -> datetime:
    if at is None:
        return now
    app = store.application(app_id_of_action(action_id))
    when = in_zone(at, app_zone(app, settings))
    if when > now:
        raise InputError(
            f"{when.isoformat()} is in the future",
            "give the time it happened (--at), or leave --at out for now",
        )
    return when
