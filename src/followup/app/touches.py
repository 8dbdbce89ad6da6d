"""Use cases of contacts: log one, mark a planned action done, skip one, list them.

`done` and `skip` are idempotent: doing either twice (a double submit, a retry) has the
effect of doing it once, and the second call returns what the first recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from followup.app.applications import typed_time
from followup.app.errors import InputError
from followup.app.input_checks import check_near, check_not_future, check_return_date
from followup.app.planning import action_in, app_id_of_action, no_such_application, plan_history
from followup.app.schedule import replan
from followup.domain.model import (
    Action,
    Channel,
    Direction,
    History,
    Skip,
    Touch,
    TouchKind,
)
from followup.store.errors import NotFoundError

if TYPE_CHECKING:
    from followup.app.context import Context, WriteUnit


@dataclass(frozen=True, slots=True)
class NewTouch:
    """What `touch add` and the web form ask for. A reply naming a date (`decision_by`)
    becomes the new deadline; a naive `at` is read in the user's zone."""

    app_id: int
    at: datetime
    channel: Channel
    direction: Direction
    kind: TouchKind = TouchKind.MESSAGE
    person_id: int | None = None
    decision_by: date | None = None
    return_date: date | None = None
    summary: str = ""
    message_id: str | None = None
    action_id: str | None = None


@dataclass(frozen=True, slots=True)
class DoneInput:
    action_id: str
    at: datetime | None = None  # when it was done; naive: the user's zone; None: now


@dataclass(frozen=True, slots=True)
class SkipInput:
    action_id: str
    reason: str
    at: datetime | None = None  # when the user decided; None: now


@dataclass(frozen=True, slots=True)
class Done:
    """What `done` recorded: a touch, or for a task (find a contact) a closing skip.

    `already`: the action had been recorded before (the touch or skip returned is that
    first record, and `action` is None: it is no longer in the plan)."""

    action_id: str
    action: Action | None = None
    touch: Touch | None = None
    skip: Skip | None = None
    already: bool = False


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


def add_touch(ctx: Context, data: NewTouch) -> Touch:
    """Log a contact with the employer, either way."""
    if data.direction is Direction.OUT and data.kind in _INBOUND_KINDS:
        raise InputError(
            f"a {data.kind.value} comes from the employer, not from you",
            code="touch.inbound-kind",
            params={"kind": data.kind.value},
        )
    if data.direction is Direction.IN and data.kind in _OUTBOUND_KINDS:
        raise InputError(
            f"a {data.kind.value} is something you send, not the employer",
            code="touch.outbound-kind",
            params={"kind": data.kind.value},
        )
    with ctx.everyday_uow() as uow:
        uow.applications.get(data.app_id)  # NotFoundError first: whose it is comes first
        at = typed_time(ctx, data.at)
        check_not_future(at, ctx.now(), "time of the contact")
        check_near(at, ctx.now(), "time of the contact")
        check_return_date(data.return_date, at, data.decision_by)
        touch = uow.touches.add(
            data.app_id,
            at,
            data.channel,
            data.direction,
            kind=data.kind,
            person_id=data.person_id,
            decision_by=data.decision_by,
            return_date=data.return_date,
            action_id=data.action_id,
            message_id=data.message_id,
            summary=data.summary,
        )
        replan(ctx, uow, touch.app_id)
    return touch


def record_done(ctx: Context, data: DoneInput) -> Done:
    """Record that the planned action was carried out: the touch it asked for.

    The action is looked up in the plan as of the time it was done (`at`, default now). An
    action recorded already (touched or skipped) is not recorded again."""
    app_id = app_id_of_action(data.action_id)
    with ctx.everyday_uow() as uow:
        history = _history(uow, data.action_id, app_id)
        touch = uow.touches.by_action(app_id, data.action_id)
        if touch is not None:
            return Done(data.action_id, touch=touch, already=True)
        skip = _skip_of(history, data.action_id)
        if skip is not None:
            return Done(data.action_id, skip=skip, already=True)
        when = _when(ctx, history, data.at)
        action = _planned_at(ctx, history, data.action_id, when)
        try:
            kind = TouchKind(action.kind.value)
        except ValueError:
            # A task (find a contact) is no contact with the employer: it closes like a skip.
            done = Done(action.id, action, skip=uow.skips.add(app_id, action.id, when, "done"))
        else:
            added = uow.touches.add(
                app_id,
                when,
                action.channel,
                Direction.OUT,
                kind=kind,
                person_id=action.person_id,
                action_id=action.id,
            )
            done = Done(action.id, action, touch=added)
        replan(ctx, uow, app_id)
    return done


def record_skip(ctx: Context, data: SkipInput) -> Skip:
    """Record that the user decided not to carry out the action (as of `at`, default now).
    A second skip of the same action returns the first."""
    if not data.reason.strip():
        raise InputError(
            "the reason is empty", code="skip.no-reason", params={"action_id": data.action_id}
        )
    app_id = app_id_of_action(data.action_id)
    with ctx.uow() as uow:
        history = _history(uow, data.action_id, app_id)
        existing = _skip_of(history, data.action_id)
        if existing is not None:
            return existing
        when = _when(ctx, history, data.at)
        action = _planned_at(ctx, history, data.action_id, when)
        skip = uow.skips.add(app_id, action.id, when, data.reason)
        replan(ctx, uow, app_id)
    return skip


def list_touches(ctx: Context, app_id: int | None = None) -> list[tuple[History, Touch]]:
    """Every contact with its application's history, oldest first."""
    reader = ctx.reader()
    histories = [reader.history(app_id)] if app_id is not None else list(reader.histories())
    return sorted(((h, t) for h in histories for t in h.touches), key=lambda ht: ht[1].at)


def _history(uow: WriteUnit, action_id: str, app_id: int) -> History:
    try:
        return uow.histories.get(app_id)
    except NotFoundError:
        raise no_such_application(action_id, app_id) from None


def _planned_at(ctx: Context, history: History, action_id: str, when: datetime) -> Action:
    """The action in the plan as of `when`; an action that is planned now but whose window
    had not opened by then (a thank-you `--at` a time before the interview ended) is refused
    with the time it opens, not as unknown."""
    try:
        return action_in(plan_history(ctx, history, when), action_id)
    except InputError as refused:
        if refused.code != "action.not-planned" or when >= ctx.now():
            raise
        later = plan_history(ctx, history)
        action = next((a for a in (*later.actions, *later.missed) if a.id == action_id), None)
        if action is None or action.earliest <= when:
            raise
        opens = action.earliest.astimezone(ctx.zone)
        raise InputError(
            f"{action_id!r} could not be done at {when.astimezone(ctx.zone):%Y-%m-%d %H:%M %Z}: "
            f"its window opens at {opens:%Y-%m-%d %H:%M %Z}",
            code="action.not-yet",
            params={
                "action_id": action_id,
                "app_id": history.application.id,
                "at": when.isoformat(),
                "earliest": opens.isoformat(timespec="minutes"),
            },
        ) from None


def _skip_of(history: History, action_id: str) -> Skip | None:
    return next((s for s in history.skips if s.action_id == action_id), None)


def _when(ctx: Context, history: History, at: datetime | None) -> datetime:
    now = ctx.now()
    if at is None:
        return now
    when = typed_time(ctx, at)
    if when > now:
        raise InputError(
            f"{when.isoformat()} is in the future",
            code="action.in-future",
            params={"at": when.isoformat()},
        )
    return when
