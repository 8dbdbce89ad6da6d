"""Use cases of applications: add, change, record the outcome, list and show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.app.errors import InputError
from followup.app.input_checks import check_applied_on, check_not_future, check_offer_deadline
from followup.app.schedule import replan
from followup.app.timeparse import in_zone
from followup.app.validate import check_country, check_url, check_zone
from followup.domain.model import Application, Outcome

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.app.planning import PlannedApplication
    from followup.store.uow import UnitOfWork


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
    # revision 0005's columns by name (followup.store.repositories.APPLICATION_DETAILS):
    # saved, applied_on, job_url, source, location, work_mode, salary_*, tags, display_name
    details: dict[str, Any] = field(default_factory=dict)


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
    offer: dict[str, Any] = field(default_factory=dict)  # offer_deadline, offer_base...


def add_application(ctx: Context, data: NewApplication) -> Application:
    """Add an application; a second one for the same company and role is refused unless
    `allow_duplicate` (InputError "application.duplicate": the front end asks first)."""
    with ctx.everyday_uow() as uow:
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
            details=checked_details(data.details, ctx.now().date()),
        )
        replan(ctx, uow, app.id)
    return app


def checked_details(details: dict[str, Any], today: date) -> dict[str, Any]:
    """The checks that need more than the store knows (a URL's shape, the clock)."""
    out = dict(details)
    check_applied_on(out.get("applied_on"), today)
    check_offer_deadline(out.get("offer_deadline"), today, "today")
    if out.get("job_url"):
        out["job_url"] = check_url(out["job_url"])
    if out.get("applied_on") is not None:
        out["saved"] = False  # a date applied means it is no longer only saved
    return out


def update_application(ctx: Context, data: ApplicationChanges) -> Application:
    changes = checked_details(data.changes, ctx.now().date())
    if "country" in changes:
        changes["country"] = check_country(changes["country"])
    if "tz" in changes:
        changes["tz"] = check_zone(changes["tz"])
    add_tags, drop_tags = changes.pop("add_tags", ()), changes.pop("drop_tags", ())
    with ctx.uow() as uow:
        if add_tags or drop_tags:
            current = set(uow.applications.get(data.app_id).tags)
            wanted = (current | {t.strip().lower() for t in add_tags}) - {
                t.strip().lower() for t in drop_tags
            }
            changes["tags"] = sorted(wanted)
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
        check_not_future(when, ctx.now(), "time of the outcome")
        check_offer_deadline(data.offer.get("offer_deadline"), when.date())
        if data.offer:
            uow.applications.update(data.app_id, data.offer)
        before = app.outcome
        app = uow.applications.set_outcome(data.app_id, data.outcome, when)
        replan(ctx, uow, app.id)
        if data.outcome is Outcome.HIRED:
            _withdraw_others(ctx, uow, app.id, when)
        elif before is Outcome.HIRED:
            _reopen_others(ctx, uow, app.id)
    return app


def _withdraw_others(ctx: Context, uow: UnitOfWork, hired_id: int, when: datetime) -> list[int]:
    """Accepting an offer withdraws every other live application and declines every other
    open offer (each plans its note)."""
    from followup.domain.model import Direction, TouchKind
    from followup.planner.pipeline import HIRED_ELSEWHERE

    withdrawn = []
    for other in uow.applications.all():
        if other.id == hired_id or other.outcome not in (None, Outcome.OFFER):
            continue
        said = {t.kind for t in uow.histories.get(other.id).touches if t.direction is Direction.IN}
        if TouchKind.REJECTION in said and other.outcome is None:
            continue  # the employer closed it already: there is nothing to withdraw from
        offered = other.outcome is Outcome.OFFER or TouchKind.OFFER in said
        now = Outcome.DECLINED if offered else Outcome.WITHDRAWN
        uow.applications.set_outcome(other.id, now, when, HIRED_ELSEWHERE)
        replan(ctx, uow, other.id)
        withdrawn.append(other.id)
    return withdrawn


def closed_by_hire(ctx: Context, hired_id: int) -> list[Application]:
    """The applications that accepting `hired_id` withdrew or declined."""
    from followup.planner.pipeline import HIRED_ELSEWHERE

    with ctx.uow() as uow:
        return [
            a
            for a in uow.applications.all()
            if a.id != hired_id and a.outcome_reason == HIRED_ELSEWHERE
        ]


def _reopen_others(ctx: Context, uow: UnitOfWork, hired_id: int) -> None:
    """A hire taken back reopens what it withdrew (unless a withdrawal went out)."""
    from followup.domain.model import Direction, TouchKind
    from followup.planner.pipeline import HIRED_ELSEWHERE

    for other in uow.applications.all():
        if other.id == hired_id or other.outcome_reason != HIRED_ELSEWHERE:
            continue
        history = uow.histories.get(other.id)
        sent = any(
            t.direction is Direction.OUT and t.kind is TouchKind.WITHDRAWAL for t in history.touches
        )
        if not sent:
            was = Outcome.OFFER if other.outcome is Outcome.DECLINED else None
            uow.applications.set_outcome(other.id, was, ctx.now())
            replan(ctx, uow, other.id)


@dataclass(frozen=True, slots=True)
class ApplicationQuery:
    """Which applications `app list` shows, and in which order."""

    stages: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # every one of them
    company: str | None = None  # a part of the company's name, any case
    since: date | None = None  # applied (else added) on or after
    until: date | None = None  # applied (else added) on or before
    search: str | None = None  # in company, role, notes, location, source, tags, people
    sort: str = "id"  # id, company, applied, stage, due


SORTS = ("id", "company", "applied", "stage", "due")


def list_applications(
    ctx: Context, query: ApplicationQuery | None = None
) -> list[PlannedApplication]:
    """Every application with its plan now (its stage and next actions), filtered."""
    from followup.app.app_query import select
    from followup.app.planning import plan_applications

    return select(plan_applications(ctx), query or ApplicationQuery(), ctx.prefs.user_tz)


def show_application(ctx: Context, app_id: int) -> dict[str, Any]:
    """One application as of the context's time: its stage, people, interviews, contacts
    and planned actions (the record of `app show --json`; NotFoundError if unknown)."""
    from followup.app.planning import plan_applications

    (planned,) = plan_applications(ctx, app_id)
    return application_detail(ctx, planned)


def application_detail(ctx: Context, planned: PlannedApplication) -> dict[str, Any]:
    """`show_application`'s record of an application already planned (a front end's kept
    plans: followup.app.plan_cache)."""
    from followup.app.planning import action_record
    from followup.app.records import history_record

    playbook = ctx.playbook
    record = history_record(planned.history, planned.plan)
    record["actions"] = [action_record(a, planned.history, playbook) for a in planned.plan.actions]
    return record
