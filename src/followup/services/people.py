"""Use cases of the people met during an application."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from followup.domain.model import Person, PersonRole
from followup.services.validate import check_country, check_zone

if TYPE_CHECKING:
    from followup.store.store import Store


def add_person(
    store: Store,
    app_id: int,
    name: str,
    *,
    email: str | None = None,
    phone: str | None = None,
    role: PersonRole = PersonRole.INTERVIEWER,
    connection: bool = False,
    tz: str | None = None,
    country: str | None = None,
    title: str | None = None,
    linkedin: str | None = None,
) -> Person:
    return store.add_person(
        app_id,
        name,
        email=email,
        phone=phone,
        role=role,
        connection=connection,
        tz=check_zone(tz),
        country=check_country(country),
        title=title,
        linkedin=linkedin,
    )


def update_person(store: Store, person_id: int, changes: dict[str, Any]) -> Person:
    if "country" in changes:
        changes["country"] = check_country(changes["country"])
    if "tz" in changes:
        changes["tz"] = check_zone(changes["tz"])
    return store.update_person(person_id, changes)
