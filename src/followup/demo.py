"""A realistic sample job search, dated relative to `now`, for `followup demo`.

Seven applications at different stages: a thank-you due, a panel with notes per interviewer,
an estimate request after a week of silence, a stated decision date still running, a
rejection, an offer, an interview booked for next week and one that went quiet.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followup.config import Settings
from followup.domain.model import (
    Channel,
    Direction,
    InterviewKind,
    Outcome,
    PersonRole,
    TouchKind,
)
from followup.services.applications import add_application, set_outcome
from followup.services.interviews import add_interview
from followup.services.people import add_person
from followup.services.touches import add_touch
from followup.store import open_store
from followup.store.store import Store


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
    store: Store,
    settings: Settings,
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
        store,
        settings,
        app_id,
        at=at,
        channel=channel,
        direction=direction,
        kind=kind,
        person_id=person_id,
        summary=summary,
    )


def create_demo(settings: Settings, now: datetime) -> None:
    """Fill the store of `settings` with the sample search."""
    store = open_store(settings.database_url)
    try:
        for build in (_acme, _globex, _initech, _umbrella, _stark, _hooli, _wayne):
            build(store, settings, now)
        _profile(store)
    finally:
        store.close()


def _acme(store: Store, settings: Settings, now: datetime) -> None:
    zone = "America/New_York"
    app = add_application(
        store,
        "Acme",
        "Data Engineer",
        now=now,
        country="US",
        tz=zone,
        company_domain="acme.example",
    )
    dana = add_person(
        store,
        app.id,
        "Dana Chen",
        email="dana.chen@acme.example",
        role=PersonRole.HIRING_MANAGER,
        title="Engineering Manager",
    )
    add_interview(
        store,
        settings,
        app.id,
        _at(now, zone, 1, 10),
        InterviewKind.ON_SITE,
        end=_at(now, zone, 1, 11, 30),
        person_ids=[dana.id],
        notes={dana.id: "moving their nightly batch jobs to streaming"},
        decision_by=_at(now, zone, -8, 12).date(),
    )


def _globex(store: Store, settings: Settings, now: datetime) -> None:
    zone = "Europe/London"
    app = add_application(store, "Globex", "Platform Engineer", now=now, country="GB", tz=zone)
    panel = [
        add_person(
            store, app.id, "Priya Natarajan", email="priya@globex.example", title="Staff Engineer"
        ),
        add_person(store, app.id, "Tom Baker", email="tom.baker@globex.example", title="SRE Lead"),
        add_person(
            store,
            app.id,
            "Ines Moreau",
            email="ines@globex.example",
            role=PersonRole.HIRING_MANAGER,
            title="Head of Platform",
        ),
    ]
    notes = [
        "their Kubernetes upgrade runbook",
        "on-call load and error budgets",
        "how the team plans its quarter",
    ]
    add_interview(
        store,
        settings,
        app.id,
        _at(now, zone, 2, 14),
        InterviewKind.PANEL,
        end=_at(now, zone, 2, 16),
        person_ids=[p.id for p in panel],
        notes={p.id: n for p, n in zip(panel, notes, strict=True)},
    )


def _initech(store: Store, settings: Settings, now: datetime) -> None:
    zone = "America/Chicago"
    app = add_application(store, "Initech", "Backend Developer", now=now, country="US", tz=zone)
    bill = add_person(
        store, app.id, "Bill Lumbergh", email="bill@initech.example", role=PersonRole.HIRING_MANAGER
    )
    add_interview(
        store,
        settings,
        app.id,
        _at(now, zone, 8, 9),
        InterviewKind.VIDEO,
        end=_at(now, zone, 8, 10),
        person_ids=[bill.id],
        notes={bill.id: "the TPS report service rewrite"},
    )
    _touch(
        store,
        settings,
        app.id,
        _at(now, zone, 7, 11),
        channel=Channel.EMAIL,
        kind=TouchKind.THANK_YOU,
        person_id=bill.id,
        summary="Thank you - interview",
    )


def _umbrella(store: Store, settings: Settings, now: datetime) -> None:
    zone = "Europe/Berlin"
    app = add_application(store, "Umbrella", "Data Scientist", now=now, country="DE", tz=zone)
    recruiter = add_person(
        store, app.id, "Jana Weber", email="jana.weber@umbrella.example", role=PersonRole.RECRUITER
    )
    add_interview(
        store,
        settings,
        app.id,
        _at(now, zone, 10, 13),
        InterviewKind.PHONE,
        end=_at(now, zone, 10, 13, 45),
        person_ids=[recruiter.id],
    )
    _touch(
        store,
        settings,
        app.id,
        _at(now, zone, 9, 9),
        channel=Channel.EMAIL,
        kind=TouchKind.THANK_YOU,
        person_id=recruiter.id,
    )
    _touch(
        store,
        settings,
        app.id,
        _at(now, zone, 1, 16),
        channel=Channel.EMAIL,
        kind=TouchKind.REJECTION,
        person_id=recruiter.id,
        inbound=True,
        summary="We decided to move forward with other candidates",
    )
    set_outcome(store, settings, app.id, Outcome.REJECTED, now=now, at=_at(now, zone, 1, 16))


def _stark(store: Store, settings: Settings, now: datetime) -> None:
    zone = "America/Los_Angeles"
    app = add_application(store, "Stark Industries", "ML Engineer", now=now, country="US", tz=zone)
    pepper = add_person(
        store, app.id, "Pepper Potts", email="pepper@stark.example", role=PersonRole.HIRING_MANAGER
    )
    add_interview(
        store,
        settings,
        app.id,
        _at(now, zone, 6, 10),
        InterviewKind.ON_SITE,
        end=_at(now, zone, 6, 15),
        person_ids=[pepper.id],
        notes={pepper.id: "the arc reactor telemetry pipeline"},
    )
    _touch(
        store,
        settings,
        app.id,
        _at(now, zone, 5, 9),
        channel=Channel.EMAIL,
        kind=TouchKind.THANK_YOU,
        person_id=pepper.id,
    )
    _touch(
        store,
        settings,
        app.id,
        _at(now, zone, 0, 8),
        channel=Channel.PHONE,
        kind=TouchKind.OFFER,
        person_id=pepper.id,
        inbound=True,
        summary="Verbal offer, letter to follow",
    )
    set_outcome(store, settings, app.id, Outcome.OFFER, now=now, at=_at(now, zone, 0, 8))


def _hooli(store: Store, settings: Settings, now: datetime) -> None:
    zone = "America/Los_Angeles"
    app = add_application(
        store, "Hooli", "Site Reliability Engineer", now=now, country="US", tz=zone
    )
    gavin = add_person(store, app.id, "Gavin Belson", role=PersonRole.HIRING_MANAGER)
    add_interview(
        store,
        settings,
        app.id,
        _at(now, zone, -5, 11),
        InterviewKind.VIDEO,
        end=_at(now, zone, -5, 12),
        person_ids=[gavin.id],
        video_link="https://meet.example/hooli-sre",
    )


def _wayne(store: Store, settings: Settings, now: datetime) -> None:
    zone = "America/New_York"
    app = add_application(
        store, "Wayne Enterprises", "Analytics Engineer", now=now, country="US", tz=zone
    )
    lucius = add_person(
        store,
        app.id,
        "Lucius Fox",
        email="lucius@wayne.example",
        phone="+1 212 555 0142",
        role=PersonRole.HIRING_MANAGER,
        connection=True,
    )
    add_interview(
        store,
        settings,
        app.id,
        _at(now, zone, 28, 10),
        InterviewKind.ON_SITE,
        end=_at(now, zone, 28, 12),
        person_ids=[lucius.id],
        notes={lucius.id: "the R&D data catalogue"},
        decision_by=_at(now, zone, 25, 12).date(),
    )
    _touch(
        store,
        settings,
        app.id,
        _at(now, zone, 27, 9),
        channel=Channel.EMAIL,
        kind=TouchKind.THANK_YOU,
        person_id=lucius.id,
    )
    _touch(
        store,
        settings,
        app.id,
        _at(now, zone, 22, 10),
        channel=Channel.PHONE,
        kind=TouchKind.VOICEMAIL,
        person_id=lucius.id,
        summary="Left a voicemail",
    )
    _touch(
        store,
        settings,
        app.id,
        _at(now, zone, 17, 10),
        channel=Channel.PHONE,
        kind=TouchKind.CALL,
        person_id=lucius.id,
        summary="No answer",
    )


def _profile(store: Store) -> None:
    """A sample candidate, so `followup draft` works on the demo data straight away."""
    from followup.drafts.model import Profile
    from followup.drafts.profile import save_profile

    save_profile(
        store,
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
