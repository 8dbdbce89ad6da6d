"""What a reminder says: the day's due, overdue and missed actions, and the preparation of
an interview. Pure functions over plans, histories and the time; the front end hands in how
a draft is opened (`Opener`: a command for the CLI and its workers, a link for the web)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from followup.domain.model import Action, ActionStatus, History, Interview

Opener = Callable[[str], str]  # action id -> how to open its draft
MISSED_AFTER = timedelta(days=7)  # an overdue action this long past its window is missed
_URL = re.compile(r"https?://\S+")

DAILY = "daily"
INTERVIEW_EVE = "interview-eve"
INTERVIEW_HOUR = "interview-hour"


@dataclass(frozen=True, slots=True)
class ReminderItem:
    """One action in the day's reminder: what, to whom, why, and how to open its draft."""

    group: str  # due | overdue | missed
    action_id: str
    what: str
    to: str
    company: str
    why: str


@dataclass(frozen=True, slots=True)
class Reminder:
    """One message to send to every target: the day's digest or an interview's preparation."""

    kind: str
    day: date
    subject_key: str  # "" for the daily; the interview id for a preparation
    title: str
    body: str
    items: tuple[ReminderItem, ...] = ()


def group_of(action: Action, now: datetime) -> str:
    if action.status is ActionStatus.OVERDUE:
        return "missed" if now - action.latest > MISSED_AFTER else "overdue"
    return "due"


def daily_items(
    actions: Iterable[tuple[Action, History]], now: datetime
) -> tuple[ReminderItem, ...]:
    items = []
    for action, history in actions:
        person = history.person(action.person_id) if action.person_id is not None else None
        app = history.application
        items.append(
            ReminderItem(
                group=group_of(action, now),
                action_id=action.id,
                what=f"{action.kind.value} by {action.channel.value}",
                to=person.name if person else "",
                company=f"{app.company} - {app.role}",
                why=action.why,
            )
        )
    return tuple(items)


GROUP_TITLES = {
    "due": "Due today",
    "overdue": "Overdue",
    "missed": "Missed (the window closed over a week ago)",
}


def daily_reminder(day: date, items: Sequence[ReminderItem], opener: Opener) -> Reminder:
    lines: list[str] = []
    for group, heading in GROUP_TITLES.items():
        chosen = [i for i in items if i.group == group]
        if not chosen:
            continue
        lines.append(f"{heading} ({len(chosen)}):")
        for item in chosen:
            to = f" to {item.to}" if item.to else ""
            lines.append(f"- {item.what}{to} ({item.company})")
            if item.why:
                lines.append(f"  why: {item.why}")
            lines.append(f"  open the draft: {opener(item.action_id)}")
        lines.append("")
    count = len(items)
    title = f"followup: {count} follow-up{'s' if count != 1 else ''} for {day:%A %d %B}"
    return Reminder(DAILY, day, "", title, "\n".join(lines).rstrip() + "\n", tuple(items))


# ---- interview preparation ---------------------------------------------------------------


def prep_times(interview: Interview, zone: ZoneInfo, hour: int) -> tuple[datetime, datetime]:
    """When the day-before reminder is due (the user's hour the day before) and the
    hour-before one."""
    start_local = interview.start.astimezone(zone)
    eve = datetime.combine(start_local.date() - timedelta(days=1), time(hour), zone)
    return eve, interview.start - timedelta(hours=1)


def prep_kind_due(interview: Interview, now: datetime, zone: ZoneInfo, hour: int) -> str | None:
    """Which preparation reminder is due now for the interview, if any."""
    if interview.cancelled or now >= interview.start:
        return None
    eve, hour_before = prep_times(interview, zone, hour)
    if now >= hour_before:
        return INTERVIEW_HOUR
    if now >= eve:
        return INTERVIEW_EVE
    return None


def job_link(history: History) -> str | None:
    """The job's address: the application's own field where it has one, else the first web
    address in its notes."""
    app = history.application
    for name in ("job_url", "url", "link"):
        value = getattr(app, name, None)
        if isinstance(value, str) and value:
            return value
    found = _URL.search(app.notes or "")
    return found.group(0) if found else None


def prep_reminder(
    interview: Interview,
    history: History,
    questions: Sequence[str],
    kind: str,
    zone: ZoneInfo,
) -> Reminder:
    app = history.application
    start_local = interview.start.astimezone(zone)
    when = "tomorrow" if kind == INTERVIEW_EVE else "in an hour"
    title = f"followup: interview with {app.company} {when}, {start_local:%a %d %b %H:%M %Z}"
    lines = [f"{app.company} - {app.role}: {interview.kind.value} interview", ""]
    lines.append(f"When: {start_local:%A %d %B %Y %H:%M %Z}")
    if interview.location:
        lines.append(f"Where: {interview.location}")
    if interview.video_link:
        lines.append(f"Video link: {interview.video_link}")
    link = job_link(history)
    if link:
        lines.append(f"Job: {link}")
    if interview.person_ids:
        lines += ["", "People:"]
        for person_id in interview.person_ids:
            person = history.person(person_id)
            if person is None:
                continue
            role = ", ".join(x for x in (person.title, person.role.value) if x)
            lines.append(f"- {person.name} ({role})")
            note = interview.notes.get(person_id)
            if note:
                lines.append(f"  noted: {note}")
    if questions:
        lines += ["", "Your questions:"]
        lines += [f"{n}. {q}" for n, q in enumerate(questions, 1)]
    day = start_local.date()
    return Reminder(kind, day, str(interview.id), title, "\n".join(lines) + "\n")
