"""What the planner reads off one history, computed once per plan.

The classification of touches lives here (which ones are contacts the
candidate started, which ones are answers from the employer) because the
weekly cap, the nudge sequence and the outcomes all depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter

from followup.calendar import BusinessCalendar, CalendarError, calendar_for
from followup.domain.model import (
    Action,
    ActionKind,
    ActionStatus,
    Channel,
    Direction,
    History,
    Interview,
    Person,
    PersonRole,
    Skip,
    Touch,
    TouchKind,
)
from followup.playbook.model import Playbook

# contacts the candidate starts: they count for the weekly cap (SEED-WEEKLY-CAP)
INITIATED_KINDS = frozenset(
    {
        TouchKind.THANK_YOU,
        TouchKind.ESTIMATE_REQUEST,
        TouchKind.STATUS_CHECK,
        TouchKind.FINAL_NOTE,
        TouchKind.CALL,
        TouchKind.VOICEMAIL,
        TouchKind.STAY_IN_TOUCH,
        TouchKind.LINKEDIN_NOTE,
        TouchKind.COMPETING_OFFER,
        TouchKind.MESSAGE,
    }
)
# outbound contacts that advance the follow-up sequence of a round
NUDGE_KINDS = frozenset(
    {
        TouchKind.ESTIMATE_REQUEST,
        TouchKind.STATUS_CHECK,
        TouchKind.FINAL_NOTE,
        TouchKind.CALL,
        TouchKind.VOICEMAIL,
        TouchKind.MESSAGE,
    }
)
# outbound contacts whose channel fixes the method (SEED-ONE-METHOD); not the thank-you
METHOD_KINDS = frozenset(
    {
        TouchKind.ESTIMATE_REQUEST,
        TouchKind.STATUS_CHECK,
        TouchKind.FINAL_NOTE,
        TouchKind.CALL,
        TouchKind.VOICEMAIL,
    }
)
# inbound answers from a person: they reset the cap and restart the sequence.
# Auto-replies, bounces and ATS notifications are machines, not answers.
REPLY_KINDS = frozenset({TouchKind.REPLY, TouchKind.MESSAGE, TouchKind.INVITATION})
RESET_KINDS = REPLY_KINDS | {TouchKind.REJECTION, TouchKind.OFFER}
PHONE_CHANNELS = frozenset({Channel.PHONE, Channel.VOICEMAIL})
_PHONE_KINDS = frozenset({TouchKind.CALL, TouchKind.VOICEMAIL})


@dataclass(frozen=True, slots=True)
class PlanDefaults:
    """The user's own zone and country: the last fallback for a recipient's calendar."""

    user_tz: str
    user_country: str


@dataclass(frozen=True, slots=True)
class Event:
    """A step of a sequence: a touch that carried it out, or a skip."""

    at: datetime
    touch: Touch | None = None


def is_contact(touch: Touch) -> bool:
    """A real contact: tasks (finding an address) are not contacts."""
    return touch.channel is not Channel.TASK


class Context:
    """One plan's inputs and the facts derived from them."""

    def __init__(
        self, history: History, playbook: Playbook, now: datetime, defaults: PlanDefaults
    ) -> None:
        self.history = history
        self.app = history.application
        self.app_id = history.application.id
        self.playbook = playbook
        self.now = now
        self.defaults = defaults
        self.touches: tuple[Touch, ...] = tuple(sorted(history.touches, key=_TOUCH_ORDER))
        self.done_ids = frozenset(t.action_id for t in self.touches if t.action_id)
        self.skips: dict[str, Skip] = {s.action_id: s for s in history.skips}
        self.interviews: tuple[Interview, ...] = tuple(
            sorted((i for i in history.interviews if not i.cancelled), key=_INTERVIEW_ORDER)
        )
        # sorted by id: the plan must not depend on the order the store returns people in
        self.people_in_order = tuple(sorted(history.people, key=_PERSON_ORDER))
        self.people: dict[int, Person] = {p.id: p for p in self.people_in_order}
        self._read_touches()
        self._last_reset: datetime | None = None
        self._last_reset_known = False

    def _read_touches(self) -> None:
        """One pass over the touches for the facts every plan asks about."""
        self.last_initiated_at: datetime | None = None
        self.last_answer_at: datetime | None = None  # inbound answers that reset the cap
        self.answerer: Person | None = None  # the last person who answered
        self.replies: list[Touch] = []  # inbound replies, oldest first
        self.method: Channel | None = None  # fixed by the first follow-up (SEED-ONE-METHOD)
        self.thank_yous: list[Touch] = []  # outbound thank-you notes
        self.nudges: list[Touch] = []  # outbound follow-ups that are steps of a sequence
        self.dated: list[Touch] = []  # inbound touches naming a decision date
        self.auto_replies: list[Touch] = []  # out-of-office replies with a return date
        for touch in self.touches:
            kind = touch.kind
            if touch.direction is Direction.OUT:
                contact = touch.channel is not Channel.TASK
                if kind in INITIATED_KINDS and contact:
                    self.last_initiated_at = touch.at
                if self.method is None and kind in METHOD_KINDS:
                    phone = touch.channel in PHONE_CHANNELS or kind in _PHONE_KINDS
                    self.method = Channel.PHONE if phone else Channel.EMAIL
                if kind is TouchKind.THANK_YOU:
                    self.thank_yous.append(touch)
                elif kind in NUDGE_KINDS and contact:
                    self.nudges.append(touch)
                continue
            if touch.decision_by is not None:
                self.dated.append(touch)
            if kind is TouchKind.AUTO_REPLY and touch.return_date is not None:
                self.auto_replies.append(touch)
            if kind in RESET_KINDS:
                self.last_answer_at = touch.at
                answerer = self.person(touch.person_id)
                if answerer is not None:
                    self.answerer = answerer
                if kind in REPLY_KINDS:
                    self.replies.append(touch)

    # -- calendars -------------------------------------------------------
    def calendar(self, person: Person | None) -> BusinessCalendar:
        """The recipient's calendar: the person's zone and country, else the company's,
        else the user's."""
        app = self.app
        tz = (person.tz if person else None) or app.tz or self.defaults.user_tz
        country = (person.country if person else None) or app.country or self.defaults.user_country
        try:
            return calendar_for(country, tz, self.playbook.calendar)
        except CalendarError as exc:
            # say whose setting it is, so the user knows what to correct
            owner = f"person {person.id} ({person.name})" if person else f"application {app.id}"
            if person and not person.tz and not person.country:
                owner = f"application {app.id} ({app.company})"
            raise type(exc)(f"{owner}: {exc}") from None

    # -- touches -----------------------------------------------------------
    def handled(self, action_id: str) -> bool:
        return action_id in self.done_ids or action_id in self.skips

    def last_initiated(self) -> datetime | None:
        return self.last_initiated_at

    def last_reset(self) -> datetime | None:
        """The last moment the employer contacted the candidate (an answer or an interview)."""
        if not self._last_reset_known:
            latest = self.last_answer_at
            for interview in self.interviews:
                end = interview.finished_at
                if end <= self.now and (latest is None or end > latest):
                    latest = end
            self._last_reset, self._last_reset_known = latest, True
        return self._last_reset

    def last_reply_after(self, moment: datetime) -> Touch | None:
        if self.replies and self.replies[-1].at >= moment:
            return self.replies[-1]
        return None

    def person(self, person_id: int | None) -> Person | None:
        return self.people.get(person_id) if person_id is not None else None

    def nudge_target(self, interview: Interview | None) -> Person | None:
        """Whom to follow up with: the last person who answered, else the recruiter,
        else the hiring manager, else the first interviewer of the round."""
        if self.answerer is not None:
            return self.answerer
        for role in (PersonRole.RECRUITER, PersonRole.HIRING_MANAGER):
            for person in self.people_in_order:
                if person.role is role:
                    return person
        if interview is not None:
            for pid in interview.person_ids:
                found = self.person(pid)
                if found is not None:
                    return found
        return None

    def fixed_method(self) -> Channel | None:
        """The channel fixed by the first follow-up the user made (SEED-ONE-METHOD)."""
        return self.method

    def latest_event_time(self) -> datetime:
        """The last thing that happened; a stable anchor when no better one exists."""
        moments = [self.app.created_at]
        if self.touches:
            moments.append(self.touches[-1].at)
        moments.extend(i.finished_at for i in self.interviews if i.finished_at <= self.now)
        return max(moments)

    # -- actions -----------------------------------------------------------
    def status(self, earliest: datetime, due: datetime, latest: datetime) -> ActionStatus:
        now = self.now
        if now < earliest:
            return ActionStatus.UPCOMING
        if now < due:
            return ActionStatus.OPEN
        if now <= latest:
            return ActionStatus.DUE
        return ActionStatus.OVERDUE

    def action(  # noqa: PLR0917 - mirrors the Action fields
        self,
        action_id: str,
        kind: ActionKind,
        channel: Channel,
        window: tuple[datetime, datetime, datetime],
        rule_ids: tuple[str, ...],
        why: str,
        *,
        person_id: int | None = None,
        via_person_id: int | None = None,
        interview_id: int | None = None,
        blocked: bool = False,
    ) -> Action:
        earliest, due, latest = window
        status = ActionStatus.BLOCKED if blocked else self.status(earliest, due, latest)
        return Action(
            id=action_id,
            app_id=self.app_id,
            kind=kind,
            channel=channel,
            earliest=earliest,
            due=due,
            latest=latest,
            rule_ids=tuple(dict.fromkeys(rule_ids)),
            person_id=person_id,
            via_person_id=via_person_id,
            interview_id=interview_id,
            status=status,
            why=why,
        )


# C-level sort keys: sorting is a large share of planning a short history
_TOUCH_ORDER = attrgetter("at", "id")
_INTERVIEW_ORDER = attrgetter("start", "id")
_PERSON_ORDER = attrgetter("id")


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: date | datetime) -> str:
    """Like "Tue 3 Mar": short and unambiguous within a year.

    English names from tables: strftime depends on the locale and is slow.
    """
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def moment_label(moment: datetime) -> str:
    """Like "Thu 3 Dec 17:00 EST": a time in the text of a reason names its zone (the
    recipient's, which is not always the user's)."""
    zone = moment.tzname() if moment.tzinfo is not None else None
    return f"{day_label(moment)} {moment.hour:02d}:{moment.minute:02d}" + (
        f" {zone}" if zone else ""
    )


def has_email(person: Person) -> bool:
    return bool(person.email) and not person.email_bounced
