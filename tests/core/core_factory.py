"""Small builders of histories for the planner tests (US company in New York)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from followup.domain import model
from followup.planner import PlanDefaults, plan_application
from followup.playbook import Playbook, load_playbook

NY = ZoneInfo("America/New_York")
DEFAULTS = PlanDefaults(user_tz="America/New_York", user_country="US")
SEED = load_playbook("seed")
APP = model.Application(
    id=1, company="Acme", role="Data Engineer", created_at=datetime(2026, 1, 5, 9, tzinfo=NY),
    country="US", tz="America/New_York",
)  # fmt: skip
ANA = model.Person(10, 1, "Ana Ruiz", "ana@acme.test", role=model.PersonRole.HIRING_MANAGER)
RECRUITER = model.Person(
    11, 1, "Rob Stone", "rob@acme.test", "+1 212 555 0101", model.PersonRole.RECRUITER
)


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NY)


def interview(
    start: datetime,
    people: Sequence[int] = (10,),
    kind: model.InterviewKind = model.InterviewKind.ON_SITE,
    minutes: int = 60,
    decision_by: date | None = None,
    iid: int = 5,
    no_follow_up: bool = False,
) -> model.Interview:
    return model.Interview(
        id=iid, app_id=1, start=start, kind=kind, person_ids=tuple(people),
        end=start + timedelta(minutes=minutes), decision_by=decision_by,
        no_follow_up=no_follow_up,
    )  # fmt: skip


_ids = iter(range(100, 10**9))


def out(
    moment: datetime,
    kind: model.TouchKind,
    person: int | None = 11,
    channel: model.Channel = model.Channel.EMAIL,
    action_id: str | None = None,
) -> model.Touch:
    return model.Touch(
        id=next(_ids), app_id=1, at=moment, channel=channel, direction=model.Direction.OUT,
        kind=kind, person_id=person, action_id=action_id,
    )  # fmt: skip


def inbound(
    moment: datetime,
    kind: model.TouchKind = model.TouchKind.REPLY,
    person: int | None = 11,
    decision_by: date | None = None,
    return_date: date | None = None,
) -> model.Touch:
    return model.Touch(
        id=next(_ids), app_id=1, at=moment, channel=model.Channel.EMAIL,
        direction=model.Direction.IN,
        kind=kind, person_id=person, decision_by=decision_by, return_date=return_date,
    )  # fmt: skip


def history(
    interviews: Sequence[model.Interview] = (),
    touches: Sequence[model.Touch] = (),
    people: Sequence[model.Person] = (ANA, RECRUITER),
    skips: Sequence[model.Skip] = (),
    app: model.Application = APP,
) -> model.History:
    return model.History(
        application=app, people=tuple(people), interviews=tuple(interviews),
        touches=tuple(touches), skips=tuple(skips),
    )  # fmt: skip


def skip(action_id: str, moment: datetime) -> model.Skip:
    return model.Skip(action_id=action_id, app_id=1, at=moment, reason="not needed")


def with_app(**changes: object) -> model.Application:
    return replace(APP, **changes)  # type: ignore[arg-type]


def plan(h: model.History, now: datetime, playbook: Playbook = SEED) -> model.Plan:
    """The plan of `playbook` (the seed) for `h` at `now`, for a user in New York, US."""
    return plan_application(h, playbook, now, DEFAULTS)
