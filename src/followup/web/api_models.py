"""The JSON API's shapes, for its OpenAPI document. Output models mirror the CLI's `--json`
records (followup.app.records, followup.app.planning): the same names, one contract."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from followup.domain.model import InterviewKind, Outcome, PersonRole

ShortText = Field(min_length=1, max_length=200)
Text = Annotated[str, Field(max_length=200)]
Amount = Annotated[int, Field(ge=0, le=10**12 - 1)]
PersonKey = Annotated[str, Field(pattern=r"^[1-9][0-9]{0,8}$")]  # a person id, as JSON keys are


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Session(BaseModel):
    csrf_token: str


class ApiError(BaseModel):
    code: str = Field(description="what is wrong, for programs: stable")
    problem: str
    params: dict[str, str | int | float | bool | None]
    message: str = Field(description="the problem and its fix, to show to the user")
    field: str | None = Field(default=None, description="the member of the request at fault")


class ErrorBody(BaseModel):
    error: ApiError


class ApplicationIn(Strict):
    company: str = ShortText
    role: str = ShortText
    country: str | None = Field(default=None, max_length=2, min_length=2)
    tz: str | None = Field(default=None, max_length=64)
    company_domain: str | None = Field(default=None, max_length=200)
    notes: str = Field(default="", max_length=10_000)


class OfferTermsIn(Strict):
    """An offer's terms, as `outcome ... offer --offer-*` and `app set --offer-*` take
    them; a member left out keeps its value, null clears it."""

    deadline: date | None = Field(default=None, description="answer the offer by this day")
    base: Amount | None = None
    bonus: Amount | None = None
    currency: Text | None = Field(default=None, description="ISO 4217, e.g. EUR")
    notes: str | None = Field(default=None, max_length=2000)

    def columns(self) -> dict[str, Any]:
        return {f"offer_{k}": v for k, v in self.model_dump(exclude_unset=True).items()}


class OutcomeIn(Strict):
    outcome: Outcome | None = Field(description="null reopens the application")
    at: datetime | None = Field(default=None, description="naive: on the user's clock; null: now")
    offer: OfferTermsIn | None = Field(default=None, description="an offer's terms with it")


class PersonIn(Strict):
    name: str = ShortText
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=50)
    role: PersonRole = PersonRole.INTERVIEWER
    title: str | None = Field(default=None, max_length=200)


class InterviewIn(Strict):
    start: datetime = Field(description="naive: in the application's zone")
    kind: InterviewKind
    end: datetime | None = None
    person_ids: list[int] = Field(default_factory=list, max_length=50)
    notes: dict[PersonKey, Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=dict, description="person id -> what stood out in the conversation"
    )
    decision_by: date | None = None


class SkipIn(Strict):
    reason: str = Field(min_length=1, max_length=500)


class LintIn(Strict):
    text: str = Field(max_length=20_000)
    kind: str = Field(min_length=1, max_length=40, description="e.g. thank-you")
    app_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    person_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class SalaryOut(BaseModel):
    min: int | None
    max: int | None
    currency: str | None
    period: str | None


class OfferTermsOut(BaseModel):
    deadline: date | None
    base: int | None
    bonus: int | None
    currency: str | None
    notes: str | None


class ApplicationOut(BaseModel):
    id: int
    company: str
    role: str
    country: str | None
    tz: str | None
    created_at: datetime
    outcome: Outcome | None
    outcome_at: datetime | None
    competing_offer_by: date | None
    company_domain: str | None
    notes: str
    stage: str | None = None
    # Before the interview, and an offer's terms (revision 0005's fields)
    saved: bool = False
    applied_on: date | None = None
    display_name: str | None = None
    job_url: str | None = None
    source: str | None = None
    location: str | None = None
    work_mode: str | None = None
    salary: SalaryOut | None = None
    tags: list[str] = Field(default_factory=list)
    offer: OfferTermsOut | None = None
    outcome_reason: str | None = None


class PersonOut(BaseModel):
    id: int
    app_id: int
    name: str
    email: str | None
    phone: str | None
    role: PersonRole
    connection: bool
    tz: str | None
    country: str | None
    title: str | None
    linkedin: str | None
    email_bounced: bool


class InterviewOut(BaseModel):
    id: int
    app_id: int
    start: datetime
    end: datetime | None
    kind: InterviewKind
    person_ids: list[int]
    notes: dict[str, str]
    decision_by: date | None
    no_follow_up: bool
    location: str | None
    video_link: str | None
    cancelled: bool


class ActionOut(BaseModel):
    id: str
    app_id: int
    company: str
    role: str
    person_id: int | None
    person_name: str | None
    via_person_id: int | None
    via_person_name: str | None
    interview_id: int | None
    kind: str
    channel: str
    earliest: datetime
    due: datetime
    latest: datetime
    status: str
    rule_ids: list[str]
    why: str
    explanation: list[str]


class ApplicationDetail(ApplicationOut):
    plan_notes: list[str]
    people: list[PersonOut]
    interviews: list[InterviewOut]
    action_ids: list[str]
    actions: list[ActionOut]


class TodayApplication(BaseModel):
    app_id: int
    company: str
    role: str
    stage: str
    actions: list[ActionOut]


class TodayOut(BaseModel):
    as_of: datetime
    applications: list[TodayApplication]


class DoneOut(BaseModel):
    action_id: str
    already: bool


class SkipOut(BaseModel):
    action_id: str
    at: datetime
    reason: str


class FindingOut(BaseModel):
    rule: str
    severity: str
    message: str
    start: int
    end: int
    hint: str


class LintOut(BaseModel):
    ok: bool
    kind: str
    findings: list[FindingOut]


class DraftOut(BaseModel):
    action_id: str
    kind: str
    channel: str
    subject: str | None
    body: str
    missing: list[str]
    findings: list[FindingOut]


class RuleOut(BaseModel):
    id: str
    summary: str
    explanation: str


class PlaybookOut(BaseModel):
    name: str
    description: str
    rules: list[RuleOut]


class OfferOut(BaseModel):
    app_id: int
    company: str
    role: str
    deadline: str | None  # YYYY-MM-DD
    base: int | None
    bonus: int | None
    total: int | None
    currency: str | None
    notes: str
    location: str | None
    work_mode: str | None


class FunnelStepOut(BaseModel):
    step: str
    applications: int


class RateOut(BaseModel):
    label: str
    follow_ups: int
    answered: int
    rate: float | None  # answered / follow_ups, 3 decimals; None: no follow-up


class StatsOut(BaseModel):
    """The record of `followup stats --json`."""

    as_of: str  # ISO 8601, with its offset
    by_stage: dict[str, int]
    funnel: list[FunnelStepOut]
    response_rate_by_channel: list[RateOut]
    response_rate_by_days_to_follow_up: list[RateOut]
    median_days_to_first_reply: float | None
    applications_with_a_reply: int


class OutboxOut(BaseModel):
    """An outbox message, as `followup outbox list --json` gives it."""

    id: int
    state: str
    mode: str
    account: str
    action_id: str | None
    app_id: int | None
    to: list[str]
    message_id: str
    send_after: datetime
    attempts: int
    sent_at: datetime | None
    copy_in_sent: str
    recorded: bool
    forced: str | None
    problem: str
