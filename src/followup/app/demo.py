"""A realistic sample job search, dated relative to the context's clock, for `followup demo`.

Seven applications at different stages: a thank-you due, a panel with notes per interviewer,
an estimate request after a week of silence, a stated decision date still running, a
rejection, an offer, an interview booked for next week and one that went quiet.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followup.app.applications import (
    NewApplication,
    OutcomeInput,
    add_application,
    set_outcome,
)
from followup.app.interviews import NewInterview, add_interview
from followup.app.people import NewPerson, add_person
from followup.app.touches import NewTouch, add_touch
from followup.domain.model import (
    Application,
    Channel,
    Direction,
    InterviewKind,
    Outcome,
    Person,
    PersonRole,
    TouchKind,
)

if TYPE_CHECKING:
    from followup.app.context import Context


def _person(ctx: Context, data: NewPerson) -> Person:
    """The sample's people and applications are meant, whatever the home holds already."""
    return add_person(ctx, replace(data, allow_duplicate=True))


def _application(ctx: Context, data: NewApplication) -> Application:
    return add_application(ctx, replace(data, allow_duplicate=True))


def _at(now: datetime, zone: str, days_ago: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in `zone`, `days_ago` business days (Mon-Fri) before today (after
    it when negative). Distinct counts give distinct days, so the order of events holds; a
    past event is never later than `now`."""
    tz = ZoneInfo(zone)
    step = timedelta(days=-1 if days_ago >= 0 else 1)
    day = now.astimezone(tz).date()
    while day.weekday() >= 5:
        day += step
    for _ in range(abs(days_ago)):
        day += step
        while day.weekday() >= 5:
            day += step
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
    if days_ago >= 0 and moment > now:
        return _at(now, zone, days_ago + 1, hour, minute)
    return moment


def _touch(
    ctx: Context,
    app_id: int,
    at: datetime,
    *,
    channel: Channel,
    kind: TouchKind,
    person_id: int,
    inbound: bool = False,
    summary: str = "",
) -> None:
    direction = Direction.IN if inbound else Direction.OUT
    add_touch(
        ctx,
        NewTouch(
            app_id,
            at=at,
            channel=channel,
            direction=direction,
            kind=kind,
            person_id=person_id,
            summary=summary,
        ),
    )


def create_demo(ctx: Context) -> None:
    """Fill the owner's data with the sample search, dated relative to the context's clock."""
    now = ctx.now()
    for build in (_acme, _globex, _initech, _umbrella, _stark, _hooli, _wayne):
        build(ctx, now)
    _profile(ctx)


def _acme(ctx: Context, now: datetime) -> None:
    zone = "America/New_York"
    app = _application(
        ctx,
        NewApplication(
            "Acme", "Data Engineer", country="US", tz=zone, company_domain="acme.example"
        ),
    )
    dana = _person(
        ctx,
        NewPerson(
            app.id,
            "Dana Chen",
            email="dana.chen@acme.example",
            role=PersonRole.HIRING_MANAGER,
            title="Engineering Manager",
        ),
    )
    add_interview(
        ctx,
        NewInterview(
            app.id,
            _at(now, zone, 1, 10),
            InterviewKind.ON_SITE,
            end=_at(now, zone, 1, 11, 30),
            person_ids=[dana.id],
            notes={dana.id: "moving their nightly batch jobs to streaming"},
            decision_by=_at(now, zone, -8, 12).date(),
        ),
    )


def _globex(ctx: Context, now: datetime) -> None:
    zone = "Europe/London"
    app = _application(ctx, NewApplication("Globex", "Platform Engineer", country="GB", tz=zone))
    panel = [
        _person(
            ctx,
            NewPerson(
                app.id, "Priya Natarajan", email="priya@globex.example", title="Staff Engineer"
            ),
        ),
        _person(
            ctx, NewPerson(app.id, "Tom Baker", email="tom.baker@globex.example", title="SRE Lead")
        ),
        _person(
            ctx,
            NewPerson(
                app.id,
                "Ines Moreau",
                email="ines@globex.example",
                role=PersonRole.HIRING_MANAGER,
                title="Head of Platform",
            ),
        ),
    ]
    notes = [
        "their Kubernetes upgrade runbook",
        "on-call load and error budgets",
        "how the team plans its quarter",
    ]
    add_interview(
        ctx,
        NewInterview(
            app.id,
            _at(now, zone, 2, 14),
            InterviewKind.PANEL,
            end=_at(now, zone, 2, 16),
            person_ids=[p.id for p in panel],
            notes={p.id: n for p, n in zip(panel, notes, strict=True)},
        ),
    )


def _initech(ctx: Context, now: datetime) -> None:
    zone = "America/Chicago"
    app = _application(ctx, NewApplication("Initech", "Backend Developer", country="US", tz=zone))
    bill = _person(
        ctx,
        NewPerson(
            app.id, "Bill Lumbergh", email="bill@initech.example", role=PersonRole.HIRING_MANAGER
        ),
    )
    add_interview(
        ctx,
        NewInterview(
            app.id,
            _at(now, zone, 8, 9),
            InterviewKind.VIDEO,
            end=_at(now, zone, 8, 10),
            person_ids=[bill.id],
            notes={bill.id: "the TPS report service rewrite"},
        ),
    )
    _touch(
        ctx,
        app.id,
        _at(now, zone, 7, 11),
        channel=Channel.EMAIL,
        kind=TouchKind.THANK_YOU,
        person_id=bill.id,
        summary="Thank you - interview",
    )


def _umbrella(ctx: Context, now: datetime) -> None:
    zone = "Europe/Berlin"
    app = _application(ctx, NewApplication("Umbrella", "Data Scientist", country="DE", tz=zone))
    recruiter = _person(
        ctx,
        NewPerson(
            app.id, "Jana Weber", email="jana.weber@umbrella.example", role=PersonRole.RECRUITER
        ),
    )
    add_interview(
        ctx,
        NewInterview(
            app.id,
            _at(now, zone, 10, 13),
            InterviewKind.PHONE,
            end=_at(now, zone, 10, 13, 45),
            person_ids=[recruiter.id],
        ),
    )
    _touch(
        ctx,
        app.id,
        _at(now, zone, 9, 9),
        channel=Channel.EMAIL,
        kind=TouchKind.THANK_YOU,
        person_id=recruiter.id,
    )
    _touch(
        ctx,
        app.id,
        _at(now, zone, 1, 16),
        channel=Channel.EMAIL,
        kind=TouchKind.REJECTION,
        person_id=recruiter.id,
        inbound=True,
        summary="We decided to move forward with other candidates",
    )
    set_outcome(ctx, OutcomeInput(app.id, Outcome.REJECTED, at=_at(now, zone, 1, 16)))


def _stark(ctx: Context, now: datetime) -> None:
    zone = "America/Los_Angeles"
    app = _application(
        ctx, NewApplication("Stark Industries", "ML Engineer", country="US", tz=zone)
    )
    pepper = _person(
        ctx,
        NewPerson(
            app.id, "Pepper Potts", email="pepper@stark.example", role=PersonRole.HIRING_MANAGER
        ),
    )
    add_interview(
        ctx,
        NewInterview(
            app.id,
            _at(now, zone, 6, 10),
            InterviewKind.ON_SITE,
            end=_at(now, zone, 6, 15),
            person_ids=[pepper.id],
            notes={pepper.id: "the arc reactor telemetry pipeline"},
        ),
    )
    _touch(
        ctx,
        app.id,
        _at(now, zone, 5, 9),
        channel=Channel.EMAIL,
        kind=TouchKind.THANK_YOU,
        person_id=pepper.id,
    )
    _touch(
        ctx,
        app.id,
        _at(now, zone, 0, 8),
        channel=Channel.PHONE,
        kind=TouchKind.OFFER,
        person_id=pepper.id,
        inbound=True,
        summary="Verbal offer, letter to follow",
    )
    set_outcome(ctx, OutcomeInput(app.id, Outcome.OFFER, at=_at(now, zone, 0, 8)))


def _hooli(ctx: Context, now: datetime) -> None:
    zone = "America/Los_Angeles"
    app = _application(
        ctx, NewApplication("Hooli", "Site Reliability Engineer", country="US", tz=zone)
    )
    gavin = _person(ctx, NewPerson(app.id, "Gavin Belson", role=PersonRole.HIRING_MANAGER))
    add_interview(
        ctx,
        NewInterview(
            app.id,
            _at(now, zone, -5, 11),
            InterviewKind.VIDEO,
            end=_at(now, zone, -5, 12),
            person_ids=[gavin.id],
            video_link="https://meet.example/hooli-sre",
        ),
    )


def _wayne(ctx: Context, now: datetime) -> None:
    zone = "America/New_York"
    app = _application(
        ctx, NewApplication("Wayne Enterprises", "Analytics Engineer", country="US", tz=zone)
    )
    lucius = _person(
        ctx,
        NewPerson(
            app.id,
            "Lucius Fox",
            email="lucius@wayne.example",
            phone="+1 212 555 0142",
            role=PersonRole.HIRING_MANAGER,
            connection=True,
        ),
    )
    add_interview(
        ctx,
        NewInterview(
            app.id,
            _at(now, zone, 28, 10),
            InterviewKind.ON_SITE,
            end=_at(now, zone, 28, 12),
            person_ids=[lucius.id],
            notes={lucius.id: "the R&D data catalogue"},
            decision_by=_at(now, zone, 25, 12).date(),
        ),
    )
    _touch(
        ctx,
        app.id,
        _at(now, zone, 27, 9),
        channel=Channel.EMAIL,
        kind=TouchKind.THANK_YOU,
        person_id=lucius.id,
    )
    _touch(
        ctx,
        app.id,
        _at(now, zone, 22, 10),
        channel=Channel.PHONE,
        kind=TouchKind.VOICEMAIL,
        person_id=lucius.id,
        summary="Left a voicemail",
    )
    _touch(
        ctx,
        app.id,
        _at(now, zone, 17, 10),
        channel=Channel.PHONE,
        kind=TouchKind.CALL,
        person_id=lucius.id,
        summary="No answer",
    )


def _profile(ctx: Context) -> None:
    """A sample candidate, so `followup draft` works on the demo data straight away."""
    from followup.app.profile import UowSettings
    from followup.drafts.model import Profile
    from followup.drafts.profile import save_profile

    with ctx.uow() as uow:
        save_profile(
            UowSettings(uow),
            Profile(
                name="Sam Rivera",
                phone="+1 555 0100",
                email="sam.rivera@example.org",
                qualifications=(
                    "six years of building data pipelines in Python; "
                    "led a team of four through a warehouse migration"
                ),
            ),
        )
