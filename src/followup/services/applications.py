"""Use cases of applications: add, change, record the outcome, show with the stage."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.domain.model import Application, History, Outcome, Plan
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
    outcome: Outcome,
    *,
    now: datetime,
    at: datetime | None = None,
) -> Application:
    app = store.application(app_id)
    when = now if at is None else in_zone(at, app_zone(app, settings))
    return store.set_outcome(app_id, outcome, when)


def application_record(app: Application) -> dict[str, Any]:
    return {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "country": app.country,
        "tz": app.tz,
        "created_at": app.created_at.isoformat(),
        "outcome": app.outcome.value if app.outcome else None,
        "outcome_at": app.outcome_at.isoformat() if app.outcome_at else None,
        "competing_offer_by": _iso(app.competing_offer_by),
        "company_domain": app.company_domain,
        "notes": app.notes,
    }


def history_record(history: History, plan: Plan) -> dict[str, Any]:
    """An application with its stage, people, interviews and touches (`app show --json`)."""
    return {
        **application_record(history.application),
        "stage": plan.stage.value,
        "plan_notes": list(plan.notes),
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "email": p.email,
                "phone": p.phone,
                "role": p.role.value,
                "connection": p.connection,
                "tz": p.tz,
                "country": p.country,
                "title": p.title,
                "linkedin": p.linkedin,
                "email_bounced": p.email_bounced,
            }
            for p in history.people
        ],
        "interviews": [
            {
                "id": i.id,
                "start": i.start.isoformat(),
                "end": i.end.isoformat() if i.end else None,
                "kind": i.kind.value,
                "person_ids": list(i.person_ids),
                "notes": {str(k): v for k, v in i.notes.items()},
                "decision_by": _iso(i.decision_by),
                "no_follow_up": i.no_follow_up,
                "cancelled": i.cancelled,
            }
            for i in history.interviews
        ],
        "touches": [
            {
                "id": t.id,
                "at": t.at.isoformat(),
                "channel": t.channel.value,
                "direction": t.direction.value,
                "kind": t.kind.value,
                "person_id": t.person_id,
                "decision_by": _iso(t.decision_by),
                "return_date": _iso(t.return_date),
                "action_id": t.action_id,
                "summary": t.summary,
            }
            for t in history.touches
        ],
        "skips": [
            {"action_id": s.action_id, "at": s.at.isoformat(), "reason": s.reason}
            for s in history.skips
        ],
        "action_ids": [a.id for a in plan.actions],
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
