"""The domain: what a job search is made of, as plain immutable values.

Pure: nothing here does I/O or reads a clock. The store turns rows into these
values, the planner turns them into actions, the CLI and web layers show them.
All datetimes are timezone-aware; dates (decision dates, return dates) are
calendar dates in the recipient's zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Stage(StrEnum):
    """Where an application stands; derived by the planner from the history."""

    SAVED = "saved"  # found, not applied for yet
    APPLIED = "applied"
    SCHEDULED = "scheduled"  # an interview is booked but has not taken place
    WAITING = "waiting"  # interviewed, following up
    NO_RESPONSE = "no-response"  # past the move-on point with no word back
    REJECTED = "rejected"
    OFFER = "offer"
    WITHDRAWN = "withdrawn"
    HIRED = "hired"
    DECLINED = "declined"  # the candidate declined the offer


class Outcome(StrEnum):
    REJECTED = "rejected"
    OFFER = "offer"
    WITHDRAWN = "withdrawn"
    HIRED = "hired"
    DECLINED = "declined"  # the candidate declined the employer's offer


class WorkMode(StrEnum):
    ON_SITE = "on-site"
    HYBRID = "hybrid"
    REMOTE = "remote"


class SalaryPeriod(StrEnum):
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class PersonRole(StrEnum):
    RECRUITER = "recruiter"
    INTERVIEWER = "interviewer"
    HIRING_MANAGER = "hiring-manager"
    OTHER = "other"


class InterviewKind(StrEnum):
    ON_SITE = "on-site"
    PHONE = "phone"
    VIDEO = "video"
    PANEL = "panel"


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    VOICEMAIL = "voicemail"
    IN_PERSON = "in-person"
    LINKEDIN = "linkedin"
    TASK = "task"


class Direction(StrEnum):
    OUT = "out"  # the candidate contacted them
    IN = "in"  # they contacted the candidate


class TouchKind(StrEnum):
    """What a recorded contact was. Extend, never rename: values are stored."""

    MESSAGE = "message"  # anything not more specific
    THANK_YOU = "thank-you"
    ESTIMATE_REQUEST = "estimate-request"
    STATUS_CHECK = "status-check"
    FINAL_NOTE = "final-note"
    CALL = "call"
    VOICEMAIL = "voicemail"
    STAY_IN_TOUCH = "stay-in-touch"
    REJECTION_REPLY = "rejection-reply"
    WITHDRAWAL = "withdrawal"
    OFFER_ACK = "offer-ack"
    COMPETING_OFFER = "competing-offer"
    LINKEDIN_NOTE = "linkedin-note"
    OFFER_DECLINE = "offer-decline"
    # inbound kinds
    REPLY = "reply"
    REJECTION = "rejection"
    OFFER = "offer"
    INVITATION = "invitation"
    AUTO_REPLY = "auto-reply"
    BOUNCE = "bounce"
    ATS = "ats"  # an applicant-tracking-system notification with nothing more specific


class ActionKind(StrEnum):
    """What the planner can ask the candidate to do. Extend, never rename."""

    THANK_YOU = "thank-you"
    ESTIMATE_REQUEST = "estimate-request"
    STATUS_CHECK = "status-check"
    FINAL_NOTE = "final-note"
    FIND_CONTACT = "find-contact"
    CALL = "call"
    VOICEMAIL = "voicemail"
    STAY_IN_TOUCH = "stay-in-touch"
    REJECTION_REPLY = "rejection-reply"
    WITHDRAWAL = "withdrawal"
    OFFER_ACK = "offer-ack"
    COMPETING_OFFER = "competing-offer"
    LINKEDIN_NOTE = "linkedin-note"
    OFFER_DECISION = "offer-decision"  # a reminder to decide before an offer's deadline
    OFFER_DECLINE = "offer-decline"  # the note that declines an offer


class ActionStatus(StrEnum):
    UPCOMING = "upcoming"  # now < earliest
    OPEN = "open"  # earliest <= now < due
    DUE = "due"  # due <= now <= latest
    OVERDUE = "overdue"  # now > latest
    BLOCKED = "blocked"  # cannot be carried out until the user adds data
    MISSED = "missed"  # overdue too long: counted as skipped, the plan has moved on


@dataclass(frozen=True, slots=True)
class Application:
    id: int
    company: str
    role: str
    created_at: datetime
    country: str | None = None  # ISO 3166-1 alpha-2, e.g. "US"
    tz: str | None = None  # IANA zone, e.g. "America/New_York"
    outcome: Outcome | None = None
    outcome_at: datetime | None = None
    outcome_reason: str | None = None  # "hired-elsewhere": withdrawn for another offer
    competing_offer_by: date | None = None  # another employer's offer expires then
    company_domain: str | None = None  # e.g. "acme.com", for matching mail
    notes: str = ""
    # The id a web address shows: random, so not guessable across owners (not compared).
    public_id: str = field(default="", compare=False)
    # before the interview: found (saved) or applied for, and what the posting said
    saved: bool = False  # not applied for yet
    applied_on: date | None = None
    display_name: str | None = None  # "Acme" for "Acme Holdings GmbH", in running text
    job_url: str | None = None
    source: str | None = None  # where the job was found, e.g. "LinkedIn", "referral"
    location: str | None = None
    work_mode: WorkMode | None = None
    salary: SalaryRange | None = None
    tags: tuple[str, ...] = ()
    offer: OfferTerms | None = None


@dataclass(frozen=True, slots=True)
class SalaryRange:
    """An advertised or offered pay range; either end may be unknown."""

    minimum: int | None = None
    maximum: int | None = None
    currency: str | None = None  # ISO 4217, e.g. "EUR"
    period: SalaryPeriod | None = None


@dataclass(frozen=True, slots=True)
class OfferTerms:
    """What an offer says: until when it stands, what it pays, anything else of note."""

    deadline: date | None = None  # the offer must be answered by this day
    base: int | None = None
    bonus: int | None = None
    currency: str | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    app_id: int
    name: str
    email: str | None = None
    phone: str | None = None
    role: PersonRole = PersonRole.INTERVIEWER
    connection: bool = False  # the candidate felt a real connection (SEED-PHONE-CONNECTION)
    tz: str | None = None
    country: str | None = None
    title: str | None = None  # job title, e.g. "Engineering Manager"
    linkedin: str | None = None
    email_bounced: bool = False  # a message to `email` bounced
    call_me: str | None = None  # the name a greeting uses ("Wei Ling"); no guessing
    # The id a web address shows: random, so not guessable across owners (not compared).
    public_id: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Interview:
    id: int
    app_id: int
    start: datetime
    kind: InterviewKind
    person_ids: tuple[int, ...] = ()
    end: datetime | None = None
    # what stood out in the conversation with each person: person id -> note
    notes: Mapping[int, str] = field(default_factory=dict)
    decision_by: date | None = None  # the employer's stated timeframe
    no_follow_up: bool = False  # "please don't follow up, we'll contact you"
    location: str | None = None
    video_link: str | None = None
    ical_uid: str | None = None  # set when the interview came from an invitation
    ical_sequence: int = 0
    cancelled: bool = False
    # The id a web address shows: random, so not guessable across owners (not compared).
    public_id: str = field(default="", compare=False)
    # When it was recorded (None: not known), for a view of the past (not compared).
    booked_at: datetime | None = field(default=None, compare=False)

    @property
    def finished_at(self) -> datetime:
        return self.end if self.end is not None else self.start


@dataclass(frozen=True, slots=True)
class Touch:
    """Anything that happened between the candidate and the employer."""

    id: int
    app_id: int
    at: datetime
    channel: Channel
    direction: Direction
    kind: TouchKind = TouchKind.MESSAGE
    person_id: int | None = None
    decision_by: date | None = None  # a new date named in a reply
    return_date: date | None = None  # an out-of-office's return date
    action_id: str | None = None  # the planned action this touch carried out
    message_id: str | None = None  # RFC 5322 Message-ID of an email
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Skip:
    """The user decided not to carry out a planned action."""

    action_id: str
    app_id: int
    at: datetime
    reason: str
    missed: bool = False  # not the user's choice: the action was overdue too long


@dataclass(frozen=True, slots=True)
class History:
    """Everything the planner needs to know about one application."""

    application: Application
    people: tuple[Person, ...] = ()
    interviews: tuple[Interview, ...] = ()
    touches: tuple[Touch, ...] = ()
    skips: tuple[Skip, ...] = ()

    def person(self, person_id: int) -> Person | None:
        for p in self.people:
            if p.id == person_id:
                return p
        return None


@dataclass(frozen=True, slots=True)
class Action:
    """One thing the candidate should do, with its window and the rules behind it.

    `id` is deterministic (derived from the history), so the same action keeps
    its id across re-plans and `followup done ID` can name it.
    """

    id: str
    app_id: int
    kind: ActionKind
    channel: Channel
    earliest: datetime
    due: datetime
    latest: datetime
    rule_ids: tuple[str, ...]
    person_id: int | None = None
    via_person_id: int | None = None  # send through this person (e.g. the recruiter)
    interview_id: int | None = None
    status: ActionStatus = ActionStatus.UPCOMING
    why: str = ""  # a sentence for humans, built from the rules' explanations


@dataclass(frozen=True, slots=True)
class Plan:
    app_id: int
    stage: Stage
    actions: tuple[Action, ...]
    notes: tuple[str, ...] = ()  # explanations of what is deliberately not planned
    # actions overdue too long to be worth doing, newest first; each counts as skipped
    missed: tuple[Action, ...] = ()
