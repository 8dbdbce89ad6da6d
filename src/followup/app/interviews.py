"""Use cases of interviews: record one, change it, list them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.app.applications import typed_time
from followup.app.input_checks import check_interview_span, check_near
from followup.app.schedule import replan
from followup.domain.model import History, Interview, InterviewKind

if TYPE_CHECKING:
    from followup.app.context import Context


@dataclass(frozen=True, slots=True)
class NewInterview:
    """What `interview add` and the web form ask for; naive times are read in the
    user's zone (kept in the application's zone, where it takes place)."""

    app_id: int
    start: datetime
    kind: InterviewKind
    end: datetime | None = None
    person_ids: Sequence[int] = ()
    notes: Mapping[int, str] = field(default_factory=dict)  # person id -> what stood out
    decision_by: date | None = None
    no_follow_up: bool = False
    location: str | None = None
    video_link: str | None = None


@dataclass(frozen=True, slots=True)
class InterviewChanges:
    """Fields to change (only those given); naive times in the user's zone."""

    interview_id: int
    changes: dict[str, Any] = field(default_factory=dict)


def add_interview(ctx: Context, data: NewInterview) -> Interview:
    """Record an interview."""
    with ctx.uow() as uow:
        place = uow.applications.get(data.app_id).tz
        start = typed_time(ctx, data.start, place)
        end = None if data.end is None else typed_time(ctx, data.end, place)
        check_interview_span(start, end, data.decision_by)
        check_near(start, ctx.now(), "interview date")
        interview = uow.interviews.add(
            data.app_id,
            start,
            data.kind,
            end=end,
            person_ids=data.person_ids,
            notes=data.notes,
            decision_by=data.decision_by,
            no_follow_up=data.no_follow_up,
            location=data.location,
            video_link=data.video_link,
            booked_at=ctx.now(),
        )
        replan(ctx, uow, interview.app_id)
    return interview


def update_interview(ctx: Context, data: InterviewChanges) -> Interview:
    """Change an interview: move it, add the decision date or notes, call it off."""
    changes = dict(data.changes)
    with ctx.uow() as uow:
        current = uow.interviews.get(data.interview_id)
        place = uow.applications.get(current.app_id).tz
        for name in ("start", "end"):
            if changes.get(name) is not None:
                changes[name] = typed_time(ctx, changes[name], place)
        start = changes.get("start") or current.start
        end = changes.get("end", current.end)
        check_interview_span(start, end, changes.get("decision_by"))
        interview = uow.interviews.update(data.interview_id, changes)
        replan(ctx, uow, interview.app_id)
    return interview


def list_interviews(ctx: Context, app_id: int | None = None) -> list[tuple[History, Interview]]:
    """Every interview with its application's history (NotFoundError for an unknown app)."""
    reader = ctx.reader()
    histories = [reader.history(app_id)] if app_id is not None else list(reader.histories())
    return [(h, i) for h in histories for i in h.interviews]
