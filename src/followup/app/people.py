"""Use cases of the people met during an application."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from followup.app.errors import InputError
from followup.app.input_checks import check_linkedin, check_phone
from followup.app.schedule import replan
from followup.app.validate import check_country, check_zone
from followup.domain.model import Person, PersonRole

if TYPE_CHECKING:
    from followup.app.context import Context


@dataclass(frozen=True, slots=True)
class NewPerson:
    """What `person add` and the web form ask for."""

    app_id: int
    name: str
    email: str | None = None
    phone: str | None = None
    role: PersonRole = PersonRole.INTERVIEWER
    connection: bool = False
    tz: str | None = None
    country: str | None = None
    title: str | None = None
    linkedin: str | None = None
    call_me: str | None = None  # the name greetings use ("Wei Ling" for "Tan Wei Ling")
    allow_duplicate: bool = False  # another person with the same email is meant


@dataclass(frozen=True, slots=True)
class PersonChanges:
    """Fields to change (only those given)."""

    person_id: int
    changes: dict[str, Any] = field(default_factory=dict)


def add_person(ctx: Context, data: NewPerson) -> Person:
    tz = check_zone(data.tz)
    country = check_country(data.country)
    with ctx.uow() as uow:
        app = uow.applications.get(data.app_id)  # NotFoundError first: whose it is comes first
        if data.email and not data.allow_duplicate:
            for existing in uow.people.by_email(data.email):
                raise InputError(
                    f"person {existing.id} ({existing.name}) already has the email "
                    f"{existing.email}",
                    code="person.duplicate",
                    params={"existing_id": existing.id},
                )
        region = country or app.country or ctx.prefs.user_country
        person = uow.people.add(
            data.app_id,
            data.name,
            email=data.email,
            phone=check_phone(data.phone, region),
            role=data.role,
            connection=data.connection,
            tz=tz,
            country=country,
            title=data.title,
            linkedin=check_linkedin(data.linkedin),
            call_me=data.call_me,
        )
        replan(ctx, uow, person.app_id)
    return person


def update_person(ctx: Context, data: PersonChanges) -> Person:
    changes = dict(data.changes)
    if "country" in changes:
        changes["country"] = check_country(changes["country"])
    if "tz" in changes:
        changes["tz"] = check_zone(changes["tz"])
    if "linkedin" in changes:
        changes["linkedin"] = check_linkedin(changes["linkedin"])
    with ctx.uow() as uow:
        if changes.get("phone"):
            current = uow.people.get(data.person_id)
            region = (
                changes.get("country")
                or current.country
                or uow.applications.get(current.app_id).country
                or ctx.prefs.user_country
            )
            changes["phone"] = check_phone(changes["phone"], region)
        person = uow.people.update(data.person_id, changes)
        replan(ctx, uow, person.app_id)
    return person


def list_people(ctx: Context, app_id: int | None = None) -> list[Person]:
    """The people of every application, or of one (NotFoundError if it is unknown)."""
    reader = ctx.reader()
    histories = list(reader.histories(None if app_id is None else [app_id]))
    if app_id is not None and not histories:
        reader.history(app_id)  # raises the not-found error
    return [p for h in histories for p in h.people]
