"""Use cases of the calendar feed: its events (every planned action's window and every
interview), their SEQUENCE kept with the owner's settings so a changed event is seen as an
update, and the generation of the feed's secret address (rotating it retires the old one).

The address's token itself is derived by the front end from the install's secret and the
generation: the database holds no token."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

from followup.calendar.ics import FeedEntry

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.app.planning import PlannedApplication

SEQUENCES_KEY = "calendar.sequences"  # JSON: uid -> [sequence, digest]
GENERATION_KEY = "calendar.generation"
INTERVIEW_LENGTH = timedelta(hours=1)  # when an interview has no end


def _label(value: str) -> str:
    return value.replace("-", " ")


def feed_entries(ctx: Context, planned: list[PlannedApplication]) -> list[FeedEntry]:
    owner = ctx.owner_id
    entries = []
    for item in planned:
        history, app = item.history, item.history.application
        for action in item.plan.actions:
            person = history.person(action.person_id) if action.person_id else None
            who = f" to {person.name}" if person else ""
            entries.append(
                FeedEntry(
                    uid=f"action-{action.id}-o{owner}@followup",
                    summary=f"{_label(action.kind.value).capitalize()}{who} ({app.company})",
                    start=action.earliest,
                    end=action.latest,
                    description=f"{action.why} [{', '.join(action.rule_ids)}]",
                )
            )
        for interview in history.interviews:
            if interview.cancelled:
                continue
            entries.append(
                FeedEntry(
                    uid=f"interview-{interview.id}-o{owner}@followup",
                    summary=f"Interview: {app.company}, {app.role}"
                    f" ({_label(interview.kind.value)})",
                    start=interview.start,
                    end=interview.end or interview.start + INTERVIEW_LENGTH,
                    location=interview.location or interview.video_link or "",
                )
            )
    return entries


def calendar_feed(ctx: Context) -> bytes:
    """The owner's feed now; an event whose shown content changed since the last feed gets
    the next SEQUENCE (kept in one transaction with the others). The numbering is
    bookkeeping, not a change of the user's: it stays out of the change log (`undo`)."""
    from dataclasses import replace

    from followup.app.planning import plan_applications
    from followup.calendar.ics import feed_ics

    entries = feed_entries(ctx, plan_applications(ctx))
    with ctx.uow(logged=False) as uow:
        known: dict[str, list[object]] = json.loads(uow.settings.get(SEQUENCES_KEY) or "{}")
        numbered = []
        for entry in entries:
            digest = entry.digest()
            sequence, seen = known.get(entry.uid, [0, digest])
            number = int(str(sequence)) + (1 if seen != digest else 0)
            known[entry.uid] = [number, digest]
            numbered.append(replace(entry, sequence=number))
        uow.settings.set(SEQUENCES_KEY, json.dumps(known, sort_keys=True))
    return feed_ics(numbered, ctx.now())


def calendar_generation(ctx: Context) -> int:
    return int(ctx.reader().settings().get(GENERATION_KEY) or "1")


def rotate_calendar(ctx: Context) -> int:
    """A new address for the feed: the old one answers 404 from now on."""
    with ctx.uow() as uow:
        generation = int(uow.settings.get(GENERATION_KEY) or "1") + 1
        uow.settings.set(GENERATION_KEY, str(generation))
    return generation
