"""A realistic sample job search, dated relative to the context's clock, for `followup demo`.

Seven applications at different stages: a thank-you due, a panel with notes per interviewer,
an estimate request after a week of silence, a stated decision date still running, a
rejection, an offer, an interview booked for next week and one that went quiet.

The search is data (`data/demo.yaml`): each moment is [business days ago, hour, minute] in
the company's zone, a negative count being in the future.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial
from importlib import resources
from typing import TYPE_CHECKING, Any
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
from followup.domain import model as m

if TYPE_CHECKING:
    from followup.app.context import Context

At = Callable[[Sequence[int]], datetime]  # a moment of the data -> a time


def sample_search() -> dict[str, Any]:
    """The sample search as written in data/demo.yaml: `candidate` and `applications`."""
    import yaml

    text = resources.files("followup.app").joinpath("data/demo.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


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


def create_demo(ctx: Context) -> None:
    """Fill the owner's data with the sample search, dated relative to the context's clock.
    The sample's applications and people are meant, whatever the home holds already."""
    now = ctx.now()
    search = sample_search()
    for sample in search["applications"]:
        _add(ctx, sample, partial(_moment, now, sample["zone"]))
    _profile(ctx, search["candidate"])


def _moment(now: datetime, zone: str, moment: Sequence[int]) -> datetime:
    return _at(now, zone, *moment)


def _add(ctx: Context, sample: dict[str, Any], at: At) -> None:
    app = add_application(
        ctx,
        NewApplication(
            sample["company"],
            sample["role"],
            country=sample["country"],
            tz=sample["zone"],
            company_domain=sample.get("domain"),
            allow_duplicate=True,
        ),
    )
    people = [
        add_person(
            ctx,
            NewPerson(
                app.id,
                p["name"],
                email=p.get("email"),
                phone=p.get("phone"),
                role=m.PersonRole(p.get("role", m.PersonRole.INTERVIEWER.value)),
                connection=p.get("connection", False),
                title=p.get("title"),
                allow_duplicate=True,
            ),
        )
        for p in sample["people"]
    ]
    interview = sample["interview"]
    decision_by = interview.get("decision_by")
    add_interview(
        ctx,
        NewInterview(
            app.id,
            at(interview["start"]),
            m.InterviewKind(interview["kind"]),
            end=at(interview["end"]),
            person_ids=[p.id for p in people],
            notes={
                p.id: s["note"]
                for p, s in zip(people, sample["people"], strict=True)
                if "note" in s
            },
            decision_by=at(decision_by).date() if decision_by else None,
            video_link=interview.get("video_link"),
        ),
    )
    for touch in sample.get("touches", ()):
        add_touch(
            ctx,
            NewTouch(
                app.id,
                at=at(touch["at"]),
                channel=m.Channel(touch["channel"]),
                direction=m.Direction.IN if touch.get("inbound") else m.Direction.OUT,
                kind=m.TouchKind(touch["kind"]),
                person_id=people[0].id,
                summary=touch.get("summary", ""),
            ),
        )
    if "outcome" in sample:
        outcome = sample["outcome"]
        set_outcome(ctx, OutcomeInput(app.id, m.Outcome(outcome["outcome"]), at=at(outcome["at"])))


def _profile(ctx: Context, candidate: dict[str, str]) -> None:
    """A sample candidate, so `followup draft` works on the demo data straight away."""
    from followup.app.profile import UowSettings
    from followup.drafts.model import Profile
    from followup.drafts.profile import save_profile

    with ctx.uow() as uow:
        save_profile(UowSettings(uow), Profile(**candidate))
