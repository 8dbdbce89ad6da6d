"""The Playbook value: rules by id and the numbers the planner uses.

Every number is a `Param` that names the rule it implements, so an action built
from it can cite the rule ("why?"). The values are plain immutable Python; the
schema (schema.py) and the YAML files are only how they are written down.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Generic, Literal, TypeVar

T = TypeVar("T")

SpanUnit = Literal["days", "business-days"]
WEEKDAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class PlaybookError(ValueError):
    """A playbook file or override is invalid.

    str() is one line: `FILE:LINE: field 'x.y': problem - how to fix`. `problems`
    holds every problem found (the first one is the message).
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "invalid playbook")
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    summary: str
    explanation: str


@dataclass(frozen=True, slots=True)
class Param(Generic[T]):
    """A planner setting and the id of the rule it implements."""

    value: T
    rule: str


@dataclass(frozen=True, slots=True)
class Span:
    """An amount of calendar days or business days, counted from `after`."""

    amount: int
    unit: SpanUnit
    after: str | None = None  # "thank-you" or "interview" (estimate delay only)


@dataclass(frozen=True, slots=True)
class QuietPeriod:
    start: tuple[int, int]  # (month, day), inclusive
    end: tuple[int, int]  # (month, day), inclusive; may wrap over new year
    kinds: frozenset[str]  # action kinds held back during the period

    def contains(self, month: int, day: int) -> bool:
        md = (month, day)
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    weekend_days: Param[frozenset[int]]  # 0 = Monday ... 6 = Sunday
    public_holidays: Param[bool]
    send_hours_start: Param[time]
    send_hours_end: Param[time]
    thank_you_evening_until: Param[time]
    window_stretch_until: Param[time]
    quiet_period: Param[QuietPeriod]
    out_of_office_business_days: Param[int]
    action_grace_business_days: Param[int]


@dataclass(frozen=True, slots=True)
class ThankYouSettings:
    window: Param[Span]
    in_person_rule: Param[str]
    remote_rule: Param[str]
    via_recruiter_when_no_address: Param[bool]
    find_contact: Param[bool]


@dataclass(frozen=True, slots=True)
class TimingSettings:
    weekly_cap_days: Param[int]
    estimate_delay: Param[Span]
    status_check_after_decision: Param[Span]
    final_note_delay_days: Param[int]
    move_on_days: Param[int]
    max_follow_ups_after_thank_you: Param[int]
    respect_no_follow_up: Param[bool]


@dataclass(frozen=True, slots=True)
class ChannelSettings:
    one_method: Param[bool]
    phone_on_connection: Param[bool]
    voicemail_counts: Param[bool]


@dataclass(frozen=True, slots=True)
class OutcomeSettings:
    rejection_reply_business_days: Param[int]
    offer_ack_business_days: Param[int]
    competing_offer_business_days: Param[int]
    withdrawal_business_days: Param[int]


@dataclass(frozen=True, slots=True)
class StayInTouchSettings:
    first_after_days: Param[int]
    every_days: Param[int]


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """Before the interview and after the offer; none of it is from the article."""

    application_check: Param[bool]  # one check on an unanswered application
    application_check_after_days: Param[int]
    offer_decision_business_days: Param[int]  # the reminder, before an offer's deadline
    offer_decline_business_days: Param[int]
    withdraw_others_business_days: Param[int]  # after accepting an offer
    missed_after_business_days: Param[int]  # overdue this long: missed, the plan moves on


@dataclass(frozen=True, slots=True)
class LinkedInSettings:
    # After an interview, a connection note to each interviewer with a profile URL.
    connection_note: Param[bool]


NO_LINKEDIN = LinkedInSettings(connection_note=Param(False, ""))  # a playbook without the section


@dataclass(frozen=True, slots=True)
class ContentSettings:
    signoffs: Param[tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Playbook:
    schema_version: int
    name: str
    description: str
    source: str  # the file it was loaded from, for messages
    rules: Mapping[str, Rule]
    calendar: CalendarSettings
    thank_you: ThankYouSettings
    timing: TimingSettings
    channels: ChannelSettings
    outcomes: OutcomeSettings
    stay_in_touch: StayInTouchSettings
    content: ContentSettings
    pipeline: PipelineSettings
    linkedin: LinkedInSettings = NO_LINKEDIN

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id; KeyError names the known ids if it is missing."""
        try:
            return self.rules[rule_id]
        except KeyError:
            known = ", ".join(sorted(self.rules))
            message = f"playbook {self.name!r} has no rule {rule_id!r} (known: {known})"
            raise KeyError(message) from None

    def explain(self, rule_ids: tuple[str, ...]) -> list[str]:
        """One line per rule: `ID: summary`, for "why?" output."""
        return [f"{rid}: {self.rules[rid].summary}" for rid in rule_ids if rid in self.rules]
