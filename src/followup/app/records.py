"""Domain values as JSON-ready data: the `--json` contract of the CLI (and later the web
API). Field names are a contract: extend, don't rename."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from followup.domain.model import Application, History, Interview, Person, Plan, Skip, Touch

if TYPE_CHECKING:
    from followup.store.changelog import Change

# The fields of each record, in the order of the JSON contract.
_APPLICATION_FIELDS = (
    "id company role country tz created_at outcome outcome_at competing_offer_by company_domain"
    " notes"
)
_PERSON_FIELDS = (
    "id app_id name email phone role connection tz country title linkedin email_bounced call_me"
)
_INTERVIEW_FIELDS = (
    "id app_id start end kind person_ids notes decision_by no_follow_up location video_link"
    " cancelled"
)
_TOUCH_FIELDS = (
    "id app_id at channel direction kind person_id decision_by return_date action_id summary"
)


def json_value(value: Any) -> Any:
    """A field as JSON-ready data: an enum by its value, a date or time in ISO 8601, a
    sequence as a list, a mapping with string keys."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # and datetime
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [json_value(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


def fields_record(value: object, names: str) -> dict[str, Any]:
    """The fields `names` (space-separated, in the contract's order) of `value`, JSON-ready."""
    return {name: json_value(getattr(value, name)) for name in names.split()}


def application_record(app: Application) -> dict[str, Any]:
    return {**fields_record(app, _APPLICATION_FIELDS), **pipeline_record(app)}


def pipeline_record(app: Application) -> dict[str, Any]:
    """Revision 0005's fields: before the interview, and an offer's terms."""
    salary, offer = app.salary, app.offer
    return {
        **fields_record(app, "saved applied_on display_name job_url source location work_mode"),
        "salary": None
        if salary is None
        else {
            "min": salary.minimum,
            "max": salary.maximum,
            "currency": salary.currency,
            "period": json_value(salary.period),
        },
        "tags": list(app.tags),
        "offer": None
        if offer is None
        else fields_record(offer, "deadline base bonus currency notes"),
        "outcome_reason": app.outcome_reason,
    }


def person_record(person: Person) -> dict[str, Any]:
    return fields_record(person, _PERSON_FIELDS)


def interview_record(interview: Interview) -> dict[str, Any]:
    return fields_record(interview, _INTERVIEW_FIELDS)


def touch_record(touch: Touch) -> dict[str, Any]:
    return fields_record(touch, _TOUCH_FIELDS)


def skip_record(skip: Skip) -> dict[str, Any]:
    return fields_record(skip, "action_id at reason")


def change_record(change: Change) -> dict[str, Any]:
    """An entry of the change log (`followup log --json`, `undo --json`)."""
    return {
        "id": change.id,
        "at": change.at.isoformat(),
        "summary": change.summary,
        "undone": change.undone_at is not None,
        "undone_at": None if change.undone_at is None else change.undone_at.isoformat(),
    }


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
