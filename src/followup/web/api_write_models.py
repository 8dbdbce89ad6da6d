"""The shapes of the JSON API's writes, for its OpenAPI document.

A change (PATCH) names only the members to change: a member left out keeps its value, a
member sent as null is cleared (where it may be). Each model becomes the input dataclass of
the use case the web form and the CLI call (followup.app)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import BaseModel, Field, model_validator

from followup.domain.model import (
    Channel,
    Direction,
    InterviewKind,
    PersonRole,
    SalaryPeriod,
    TouchKind,
    WorkMode,
)
from followup.web.api_models import Amount, PersonKey, Strict, Text

Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
# A time "now or before": an outcome, a contact. Naive: on the user's clock.
Moment = Annotated[datetime, Field(description="naive: on the user's clock")]


class Changes(Strict):
    """A PATCH body: only the members sent are changed; null clears a member, except those
    in `KEPT`, which always have a value."""

    KEPT: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _kept_not_null(self) -> Self:
        nulls = sorted(n for n in self.model_fields_set & self.KEPT if getattr(self, n) is None)
        if nulls:
            raise ValueError(f"{', '.join(nulls)} cannot be null: leave it out to keep it")
        return self

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)


class ApplicationPatch(Changes):
    KEPT = frozenset({"company", "role", "notes"})

    company: Name | None = None
    role: Name | None = None
    country: Text | None = None
    tz: Text | None = None
    company_domain: Text | None = None
    notes: str | None = Field(default=None, max_length=10_000)
    competing_offer_by: date | None = None
    display_name: Text | None = None
    applied_on: date | None = Field(default=None, description="marks a saved one as applied")
    job_url: str | None = Field(default=None, max_length=2000)
    source: Text | None = None
    location: Text | None = None
    work_mode: WorkMode | None = None
    salary_min: Amount | None = None
    salary_max: Amount | None = None
    salary_currency: Text | None = None
    salary_period: SalaryPeriod | None = None
    add_tags: list[Text] = Field(default_factory=list, max_length=50)
    drop_tags: list[Text] = Field(default_factory=list, max_length=50)


class MoveIn(Strict):
    """Where a card moves on the board: `open` reopens the application, any other is the
    outcome it records."""

    to: Literal["open", "rejected", "offer", "withdrawn", "hired", "declined"]


class PersonPatch(Changes):
    KEPT = frozenset({"name", "role", "connection"})

    name: Name | None = None
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=50)
    role: PersonRole | None = None
    title: Text | None = None
    country: Text | None = None
    tz: Text | None = None
    linkedin: str | None = Field(default=None, max_length=500)
    connection: bool | None = None
    call_me: Text | None = None


class MergeIn(Strict):
    other_id: Id = Field(description="the other record of this person, folded into it")


class InterviewPatch(Changes):
    KEPT = frozenset({"start", "kind", "person_ids", "notes", "cancelled", "no_follow_up"})

    start: datetime | None = Field(default=None, description="naive: on the user's clock")
    end: datetime | None = None
    kind: InterviewKind | None = None
    person_ids: list[Id] | None = Field(default=None, max_length=50)
    notes: dict[PersonKey, Annotated[str, Field(max_length=2000)]] | None = None
    decision_by: date | None = None
    location: Text | None = None
    video_link: str | None = Field(default=None, max_length=2000)
    cancelled: bool | None = Field(default=None, description="called off")
    no_follow_up: bool | None = Field(default=None, description="plan nothing after it")


class TouchIn(Strict):
    """A contact with the employer, either way (`touch add`)."""

    at: Moment
    channel: Channel
    direction: Direction
    kind: TouchKind = TouchKind.MESSAGE
    person_id: Id | None = None
    decision_by: date | None = Field(default=None, description="a date they named")
    summary: str = Field(default="", max_length=2000)


class TouchOut(BaseModel):
    id: int
    app_id: int
    at: datetime
    channel: str
    direction: str
    kind: str
    person_id: int | None
    decision_by: date | None
    return_date: date | None
    action_id: str | None
    summary: str


class DeletedOut(BaseModel):
    what: str = Field(description="application, person, interview or contact")
    id: int
    change_id: int | None = Field(description="POST /api/undo takes it back")


class MergedOut(BaseModel):
    kept_id: int
    merged_id: int
    change_id: int | None


class ChangeOut(BaseModel):
    """An entry of the change log (`followup log --json`)."""

    id: int
    at: datetime
    summary: str
    undone: bool
    undone_at: datetime | None
