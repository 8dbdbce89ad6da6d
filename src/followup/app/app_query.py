"""Filtering and sorting the planned applications for `app list` (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followup.domain.model import Stage

if TYPE_CHECKING:
    from followup.app.applications import ApplicationQuery
    from followup.app.planning import PlannedApplication

_STAGE_ORDER = {stage.value: i for i, stage in enumerate(Stage)}
_FAR = datetime.max.replace(tzinfo=UTC)


def applied_day(item: PlannedApplication, zone: str) -> date:
    """The day applied, else the day the application was added (in the user's zone)."""
    app = item.history.application
    return app.applied_on or app.created_at.astimezone(ZoneInfo(zone)).date()


def _text_of(item: PlannedApplication) -> str:
    app = item.history.application
    parts = [app.company, app.display_name, app.role, app.notes, app.location, app.source]
    parts += list(app.tags)
    parts += [p.name for p in item.history.people]
    parts += [t.summary for t in item.history.touches]
    return "\n".join(p for p in parts if p).casefold()


def _matches(item: PlannedApplication, query: ApplicationQuery, zone: str) -> bool:
    app = item.history.application
    if query.stages and item.plan.stage.value not in query.stages:
        return False
    if not {t.strip().lower() for t in query.tags} <= set(app.tags):
        return False
    if query.company and query.company.casefold() not in (
        f"{app.company}\n{app.display_name or ''}".casefold()
    ):
        return False
    day = applied_day(item, zone)
    if (query.since and day < query.since) or (query.until and day > query.until):
        return False
    words = (query.search or "").casefold().split()
    text = _text_of(item) if words else ""
    return all(word in text for word in words)


def select(
    planned: Iterable[PlannedApplication], query: ApplicationQuery, zone: str
) -> list[PlannedApplication]:
    found = [item for item in planned if _matches(item, query, zone)]
    keys = {
        "id": lambda i: (i.history.application.id,),
        "company": lambda i: (i.history.application.company.casefold(), i.history.application.id),
        "applied": lambda i: (applied_day(i, zone), i.history.application.id),
        "stage": lambda i: (_STAGE_ORDER[i.plan.stage.value], i.history.application.id),
        "due": lambda i: (
            min((a.due for a in i.plan.actions), default=_FAR),
            i.history.application.id,
        ),
    }
    return sorted(found, key=keys[query.sort])
