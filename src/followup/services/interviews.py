"""Use cases of interviews."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.domain.model import Interview, InterviewKind
from followup.services.applications import app_zone
from followup.services.timeparse import in_zone

if TYPE_CHECKING:
    from followup.config import Settings
    from followup.store.store import Store


def add_interview(
    store: Store,
    settings: Settings,
    app_id: int,
    start: datetime,
    kind: InterviewKind,
    *,
    end: datetime | None = None,
    person_ids: Sequence[int] = (),
    notes: Mapping[int, str] | None = None,
    decision_by: date | None = None,
    no_follow_up: bool = False,
    location: str | None = None,
    video_link: str | None = None,
) -> Interview:
    """Record an interview; naive start/end are read in the application's zone."""
    zone = app_zone(store.application(app_id), settings)
    return store.add_interview(
        app_id,
        in_zone(start, zone),
        kind,
        end=None if end is None else in_zone(end, zone),
        person_ids=person_ids,
        notes=notes,
        decision_by=decision_by,
        no_follow_up=no_follow_up,
        location=location,
        video_link=video_link,
    )


def update_interview(
    store: Store, settings: Settings, interview_id: int, changes: dict[str, Any]
) -> Interview:
    """Change an interview (only the fields given); naive times in the application's zone."""
    current = store.interview(interview_id)
    zone = app_zone(store.application(current.app_id), settings)
    for field in ("start", "end"):
        if changes.get(field) is not None:
            changes[field] = in_zone(changes[field], zone)
    return store.update_interview(interview_id, changes)
