"""Use cases of the change log: take back the last change, list recent ones, delete records.

Every writing use case runs in a unit of work that keeps what it changed (followup.store.
changelog), so `undo_last` takes back any of them - an added contact, a `done`, a skip, an
outcome, a deletion - without code of its own, and can be repeated to go further back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup.app.errors import InputError
from followup.app.schedule import replan

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.store.changelog import Change
    from followup.store.uow import UnitOfWork

RECORDS = ("application", "person", "interview", "contact")


@dataclass(frozen=True, slots=True)
class Deletion:
    """What `delete` and the web's delete button name: a kind of record and its id."""

    what: str  # one of RECORDS
    row_id: int


@dataclass(frozen=True, slots=True)
class Merge:
    """Fold person `other_id` into `keep_id` (same application)."""

    keep_id: int
    other_id: int


def undo_last(ctx: Context) -> Change:
    """Take back the newest change still in effect; the change taken back."""
    with ctx.uow(logged=False) as uow:
        change = uow.changes.last_in_effect()
        if change is None:
            raise InputError("there is nothing to undo", code="undo.nothing")
        uow.changes.undo(change, ctx.now())
        _replan_all(ctx, uow, change)
    ctx.forget_prefs()
    return change


def list_changes(ctx: Context, limit: int = 20) -> list[Change]:
    """The newest changes first (undone ones too, marked so)."""
    if not 1 <= limit <= 1000:
        raise InputError(
            f"--limit {limit} is out of range", code="log.limit", params={"limit": limit}
        )
    with ctx.uow(write=False) as uow:
        return uow.changes.recent(limit)


def delete_record(ctx: Context, data: Deletion) -> int | None:
    """Delete an application (with everything of it), a person, an interview or a contact;
    the application to re-plan (None when the application itself went)."""
    if data.what not in RECORDS:
        raise InputError(
            f"can't delete a {data.what}", code="delete.unknown", params={"what": data.what}
        )
    with ctx.uow() as uow:
        if data.what == "application":
            uow.removals.application(data.row_id)
            return None
        if data.what == "person":
            app_id = uow.removals.person(data.row_id)
        elif data.what == "interview":
            app_id = uow.removals.interview(data.row_id)
        else:
            app_id = uow.removals.touch(data.row_id)
        replan(ctx, uow, app_id)
    return app_id


def merge_people(ctx: Context, data: Merge) -> int:
    """Merge two records of one person; the id kept."""
    with ctx.uow() as uow:
        app_id = uow.removals.merge_people(data.keep_id, data.other_id)
        replan(ctx, uow, app_id)
    return data.keep_id


def _replan_all(ctx: Context, uow: UnitOfWork, change: Change) -> None:
    """Plan again what the change touched (every application if it changed settings:
    the preferences plan them all)."""
    from followup.app.prefs import PREFIX, preferences_from

    existing = {a.id for a in uow.applications.all()}
    app_ids = change.app_ids & existing
    planning = ctx
    if any(row.table == "settings" for row in change.rows):
        stored = {k: v for k, v in uow.settings.all().items() if k.startswith(PREFIX)}
        planning = ctx.with_prefs(preferences_from(stored, ctx.settings))
        app_ids = existing
    for app_id in sorted(app_ids):
        replan(planning, uow, app_id)
