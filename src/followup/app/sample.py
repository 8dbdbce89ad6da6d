"""A generated job search of any size (seeded, dated relative to a time), for the tests
and benchmarks of scale: backup and restore, import and export, statistics.

Unlike the demo (seven hand-written applications) it varies everything at random: people
per application, interviews with notes, thank-yous sent or not, replies by channel,
skips, outcomes and decision dates. One transaction for the lot."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.domain.model import Channel, Direction, InterviewKind, Outcome, PersonRole, TouchKind

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.store.uow import UnitOfWork

COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Stark", "Hooli", "Wayne", "Tyrell")
ROLES = ("Data Engineer", "Platform Engineer", "Analytics Lead", "SRE", "Backend Developer")
ZONES = ("America/New_York", "Europe/Berlin", "Europe/London", "America/Los_Angeles")
NAMES = ("Dana Chen", "Lee Park", "Ana Souza", "Omar Haddad", "Kim Berg", "Ravi Nair")
CHANNELS = (Channel.EMAIL, Channel.EMAIL, Channel.PHONE, Channel.LINKEDIN)


def generate_search(ctx: Context, count: int, seed: int = 7) -> None:
    """`count` applications for the context's owner, created over the 60 days before now."""
    rng = random.Random(seed)
    now = ctx.now()
    with ctx.uow() as uow:
        for n in range(count):
            _application(uow, rng, now, n)


def _application(uow: UnitOfWork, rng: random.Random, now: datetime, n: int) -> None:
    created = now - timedelta(days=rng.randint(5, 60), minutes=rng.randint(0, 600))
    app = uow.applications.add(
        f"{rng.choice(COMPANIES)} {n}",
        rng.choice(ROLES),
        created_at=created,
        country=rng.choice(("US", "DE", "GB")),
        tz=rng.choice(ZONES),
        notes=f"posting: https://jobs.example.org/{n}" if rng.random() < 0.5 else "",
    )
    people = [
        uow.people.add(
            app.id,
            rng.choice(NAMES),
            email=f"p{n}.{k}@company{n}.example",
            role=rng.choice((PersonRole.INTERVIEWER, PersonRole.HIRING_MANAGER)),
        )
        for k in range(rng.randint(1, 3))
    ]
    if rng.random() < 0.2:
        return  # applied, no interview yet
    start = created + timedelta(days=rng.randint(2, 5), hours=rng.randint(0, 6))
    ids = [p.id for p in people]
    interview = uow.interviews.add(
        app.id,
        start,
        rng.choice(list(InterviewKind)),
        end=start + timedelta(hours=1),
        person_ids=ids,
        notes={ids[0]: "talked about their move to streaming"},
        decision_by=(start + timedelta(days=10)).date() if rng.random() < 0.3 else None,
        location="Main Street 1" if rng.random() < 0.3 else None,
    )
    _touches(uow, rng, app_id=app.id, interview_id=interview.id, start=start, ids=ids, now=now)
    if rng.random() < 0.15:
        outcome = rng.choice(list(Outcome))
        uow.applications.set_outcome(app.id, outcome, min(now, start + timedelta(days=12)))


def _touches(
    uow: UnitOfWork,
    rng: random.Random,
    *,
    app_id: int,
    interview_id: int,
    start: datetime,
    ids: list[int],
    now: datetime,
) -> None:
    at = start + timedelta(days=1)
    if at < now and rng.random() < 0.6:
        uow.touches.add(
            app_id,
            at,
            Channel.EMAIL,
            Direction.OUT,
            kind=TouchKind.THANK_YOU,
            person_id=ids[0],
            action_id=f"{app_id}-i{interview_id}-thank-you-p{ids[0]}",
        )
    reply = start + timedelta(days=rng.randint(2, 9))
    if reply < now and rng.random() < 0.4:
        uow.touches.add(
            app_id,
            reply,
            rng.choice(CHANNELS),
            Direction.IN,
            kind=TouchKind.MESSAGE,
            person_id=ids[-1],
            summary="thanks, we'll be in touch",
        )
    if len(ids) > 1 and rng.random() < 0.3:
        uow.skips.add(
            app_id,
            f"{app_id}-i{interview_id}-thank-you-p{ids[1]}",
            start + timedelta(hours=3),
            "thanked them in person",
        )
