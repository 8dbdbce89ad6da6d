"""Use cases of applications: add, change, record the outcome, show with the stage."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.domain.model import Application, Outcome
from followup.services.timeparse import in_zone
from followup.services.validate import check_country, check_zone

if TYPE_CHECKING:
    from followup.config import Settings
    from followup.store.store import Store


def add_application(
    store: Store,
    company: str,
    role: str,
    *,
    now: datetime,
    country: str | None = None,
    tz: str | None = None,
    competing_offer_by: date | None = None,
    company_domain: str | None = None,
    notes: str = "",
) -> Application:
    return store.add_application(
        company,
        role,
        created_at=now,
        country=check_country(country),
        tz=check_zone(tz),
        competing_offer_by=competing_offer_by,
        company_domain=company_domain,
        notes=notes,
    )


def update_application(store: Store, app_id: int, changes: dict[str, Any]) -> Application:
    """Change fields of an application (only those given)."""
    if "country" in changes:
        changes["country"] = check_country(changes["country"])
    if "tz" in changes:
        changes["tz"] = check_zone(changes["tz"])
    return store.update_application(app_id, changes)


def app_zone(app: Application, settings: Settings) -> str:
    """The zone naive times about this application are read in."""
    return app.tz or settings.user_tz


def set_outcome(
    store: Store,
    settings: Settings,
    app_id: int,
    outcome: Outcome | None,
    *,
    now: datetime,
    at: datetime | None = None,
) -> Application:
    """Record how the application ended; None reopens it (a mistaken outcome)."""
    app = store.application(app_id)
    when = now if at is None else in_zone(at, app_zone(app, settings))
    return store.set_outcome(app_id, outcome, when)
