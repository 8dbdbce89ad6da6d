"""Domain values as JSON-ready data: the `--json` contract of the CLI (and later the web
API). Field names are a contract: extend, don't rename."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from followup.domain.model import Application, History, Interview, Person, Plan, Skip, Touch


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def application_record(app: Application) -> dict[str, Any]:
    return {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "country": app.country,
        "tz": app.tz,
        "created_at": app.created_at.isoformat(),
        "outcome": app.outcome.value if app.outcome else None,
        "outcome_at": _iso(app.outcome_at),
        "competing_offer_by": _iso(app.competing_offer_by),
        "company_domain": app.company_domain,
        "notes": app.notes,
        **pipeline_record(app),
    }


def pipeline_record(app: Application) -> dict[str, Any]:
    """Revision 0005's fields: before the interview, and an offer's terms."""
    salary, offer = app.salary, app.offer
    return {
        "saved": app.saved,
        "applied_on": _iso(app.applied_on),
        "display_name": app.display_name,
        "job_url": app.job_url,
        "source": app.source,
        "location": app.location,
        "work_mode": app.work_mode.value if app.work_mode else None,
        "salary": None
        if salary is None
        else {
            "min": salary.minimum,
            "max": salary.maximum,
            "currency": salary.currency,
            "period": salary.period.value if salary.period else None,
        },
        "tags": list(app.tags),
        "offer": None
        if offer is None
        else {
            "deadline": _iso(offer.deadline),
            "base": offer.base,
            "bonus": offer.bonus,
            "currency": offer.currency,
            "notes": offer.notes,
        },
        "outcome_reason": app.outcome_reason,
    }


def person_record(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "app_id": person.app_id,
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "role": person.role.value,
        "connection": person.connection,
        "tz": person.tz,
        "country": person.country,
        "title": person.title,
        "linkedin": person.linkedin,
        "email_bounced": person.email_bounced,
        "call_me": person.call_me,
    }


def interview_record(interview: Interview) -> dict[str, Any]:
    return {
        "id": interview.id,
        "app_id": interview.app_id,
        "start": interview.start.isoformat(),
        "end": _iso(interview.end),
        "kind": interview.kind.value,
        "person_ids": list(interview.person_ids),
        "notes": {str(k): v for k, v in interview.notes.items()},
        "decision_by": _iso(interview.decision_by),
        "no_follow_up": interview.no_follow_up,
        "location": interview.location,
        "video_link": interview.video_link,
        "cancelled": interview.cancelled,
    }


def touch_record(touch: Touch) -> dict[str, Any]:
    return {
        "id": touch.id,
        "app_id": touch.app_id,
        "at": touch.at.isoformat(),
        "channel": touch.channel.value,
        "direction": touch.direction.value,
        "kind": touch.kind.value,
        "person_id": touch.person_id,
        "decision_by": _iso(touch.decision_by),
        "return_date": _iso(touch.return_date),
        "action_id": touch.action_id,
        "summary": touch.summary,
    }


def skip_record(skip: Skip) -> dict[str, Any]:
    return {"action_id": skip.action_id, "at": skip.at.isoformat(), "reason": skip.reason}


def history_record(history: History, plan: Plan) -> dict[str, Any]:
    """An application with its stage, people, interviews and touches (`app show --json`)."""
    return {
        **application_record(history.application),
        "stage": plan.stage.value,
        "plan_notes": list(plan.notes),
        "people": [person_record(p) for p in history.people],
        "interviews": [interview_record(i) for i in history.interviews],
        "touches": [touch_record(t) for t in history.touches],
        "skips": [skip_record(s) for s in history.skips],
        "action_ids": [a.id for a in plan.actions],
    }


def plain_record(value: Any) -> Any:
    """Any value of the playbook or the linter (dataclasses, mappings, sets, enums) as
    JSON-ready data (`playbook show --json`)."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain_record(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain_record(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        return [plain_record(v) for v in value]
    if hasattr(value, "items") and callable(value.items):  # Mapping proxies
        return {str(k): plain_record(v) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
