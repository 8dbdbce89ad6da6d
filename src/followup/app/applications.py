"""Use cases of applications: add, change, record the outcome, list and show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.app.errors import InputError
from followup.app.schedule import replan
from followup.app.timeparse import in_zone
from followup.app.validate import check_country, check_zone
from followup.domain.model import Application, Outcome

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.app.planning import PlannedApplication


@dataclass(frozen=True, slots=True)
class NewApplication:
    """What `app add` and the web form ask for."""

    company: str
    role: str
    country: str | None = None
    tz: str | None = None
    competing_offer_by: date | None = None
    company_domain: str | None = None
    notes: str = ""
    allow_duplicate: bool = False  # another with the same company and role is meant


@dataclass(frozen=True, slots=True)
class ApplicationChanges:
    """Fields to change (only those given)."""

    app_id: int
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OutcomeInput:
    app_id: int
    outcome: Outcome | None  # None reopens the application (a mistaken outcome)
    at: datetime | None = None  # naive: in the user's zone; None: now


def add_application(ctx: Context, data: NewApplication) -> Application:
    """Add an application; a second one for the same company and role is refused unless
    `allow_duplicate` (InputError "application.duplicate": the front end asks first)."""
    with ctx.uow() as uow:
        if not data.allow_duplicate:
            same = (data.company.strip().casefold(), data.role.strip().casefold())
            for existing in uow.applications.all():
                if (existing.company.casefold(), existing.role.casefold()) == same:
                    raise InputError(
                        f"application {existing.id} is already for {existing.company} - "
                        f"{existing.role}",
                        code="application.duplicate",
                        params={"existing_id": existing.id},
                    )
        app = uow.applications.add(
            data.company,
            data.role,
            created_at=ctx.now(),
            country=check_country(data.country),
            tz=check_zone(data.tz),
            competing_offer_by=data.competing_offer_by,
            company_domain=data.company_domain,
            notes=data.notes,
        )
        replan(ctx, uow, app.id)
    return app


def update_application(ctx: Context, data: ApplicationChanges) -> Application:
    changes = dict(data.changes)
    if "country" in changes:
        changes["country"] = check_country(changes["country"])
    if "tz" in changes:
        changes["tz"] = check_zone(changes["tz"])
    with ctx.uow() as uow:
        app = uow.applications.update(data.app_id, changes)
        replan(ctx, uow, app.id)
    return app


def app_zone(ctx: Context, app: Application) -> str:
    """The zone of the place of the application (its own, else the user's)."""
    return app.tz or ctx.prefs.user_tz


def typed_time(ctx: Context, value: datetime, place: str | None = None) -> datetime:
    """A time the user typed: with an offset as given, else read in the user's own zone
    (one clock for every command). With `place`, the same instant as the wall time there
    (an interview is kept in the zone where it takes place)."""
    from zoneinfo import ZoneInfo

    moment = in_zone(value, ctx.prefs.user_tz)
    return moment if place is None else moment.astimezone(ZoneInfo(place))


def set_outcome(ctx: Context, data: OutcomeInput) -> Application:
    """Record how the application ended; None reopens it."""
    with ctx.uow() as uow:
        app = uow.applications.get(data.app_id)
        when = ctx.now() if data.at is None else typed_time(ctx, data.at)
        app = uow.applications.set_outcome(data.app_id, data.outcome, when)
        replan(ctx, uow, app.id)
    return app


def list_applications(ctx: Context) -> list[PlannedApplication]:
    """Every application with its plan now (its stage and next actions)."""
    from followup.app.planning import plan_applications

    return plan_applications(ctx)


def show_application(ctx: Context, app_id: int) -> dict[str, Any]:
    """One application as of the context's time: its stage, people, interviews, contacts
    and planned actions (the record of `app show --json`; NotFoundError if unknown)."""
    from followup.app.planning import action_record, plan_applications
    from followup.app.records import history_record

    playbook = ctx.playbook
    (planned,) = plan_applications(ctx, app_id)
    record = history_record(planned.history, planned.plan)
    record["actions"] = [action_record(a, planned.history, playbook) for a in planned.plan.actions]
    return record
