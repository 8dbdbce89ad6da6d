"""The forms that change what is recorded: edit an application, a person or an interview,
and log a contact from the application page (the use cases of `app set`, `person set`,
`interview set` and `touch add`).

A GET shows the form filled with what is recorded; a POST sends the use case only the
fields that differ from it (nothing changed: nothing written) and lands on the application
page with what changed and Undo (`?changed=ID`), or shows the form again with each problem
next to its field (400). A person or interview of another application is a 404.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from followup.domain.model import Channel, Direction, History, InterviewKind, PersonRole, TouchKind
from followup.web.edits import (
    APP_FIELDS,
    PERSON_FIELDS,
    history_of,
    landing,
    sub_form,
    submit,
    submit_sub,
)
from followup.web.forms import Form, empty_form
from followup.web.pages import context_of
from followup.web.render import page

router = APIRouter(include_in_schema=False)

APP_EDIT_FIELDS = (*APP_FIELDS, "display_name", "applied_on", "job_url", "source", "location")
LABELS = {
    "company": "Company",
    "role": "Role",
    "name": "Name",
    "country": "Country",
    "tz": "Time zone",
    "company_domain": "Company domain",
    "display_name": "Company name in drafts",
    "job_url": "Web address",
    "source": "Where you found it",
    "location": "Location",
    "email": "Email",
    "phone": "Phone",
    "title": "Job title",
    "notes": "Notes",
}
FLAGS = ("cancelled", "no_follow_up")  # an interview's, ticked or not
REQUIRED = frozenset({"company", "role", "name"})


def _text(value: Any) -> str:
    """A recorded value as a form shows it (an enum's value, a date as YYYY-MM-DD)."""
    return "" if value is None else str(getattr(value, "value", value))


def _on_my_clock(request: Request, moment: datetime | None) -> str:
    """A recorded time as a datetime-local value on the user's clock (how a typed time is
    read back: followup.app.applications.typed_time)."""
    if moment is None:
        return ""
    zone = ZoneInfo(context_of(request).prefs.user_tz)
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def _changed(form: Form, before: dict[str, str], fields: Sequence[str]) -> list[str]:
    return [name for name in fields if form.values.get(name, "").strip() != before.get(name, "")]


def _texts(form: Form, names: Sequence[str]) -> dict[str, Any]:
    """The changed text fields: an emptied one is cleared (None), except the notes ("")."""
    out: dict[str, Any] = {}
    for name in names:
        value = form.text(name, LABELS.get(name, name), required=name in REQUIRED)
        out[name] = value or ("" if name == "notes" else None)
    return out


def _row(rows: Sequence[Any], row_id: int) -> Any:
    found = next((row for row in rows if row.id == row_id), None)
    if found is None:
        raise HTTPException(404)
    return found


def _filled(values: dict[str, str], lists: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {**empty_form(), "values": values, "lists": lists or {}}


# ---- an application ----------------------------------------------------------------------


def _app_values(history: History) -> dict[str, str]:
    app = history.application
    return {name: _text(getattr(app, name)) for name in APP_EDIT_FIELDS}


def _app_edit_form(
    request: Request, history: History, form: dict[str, Any], status: int = 200
) -> Response:
    app = history.application
    return page(
        request,
        "app_form.html",
        status,
        title=f"Edit {app.company}: {app.role}",
        form=form,
        form_action=f"/apps/{app.id}/edit",
        submit_label="Save changes",
        editing=app.id,
        nav="board",
    )


@router.get("/apps/{app_id}/edit", response_class=HTMLResponse)
async def edit_application_page(request: Request, app_id: int) -> Response:
    history = history_of(request, app_id)
    return _app_edit_form(request, history, _filled(_app_values(history)))


@router.post("/apps/{app_id}/edit")
async def edit_application(request: Request, app_id: int) -> Response:
    from followup.app.applications import ApplicationChanges, update_application

    history = history_of(request, app_id)
    before = _app_values(history)

    def build(form: Form) -> ApplicationChanges | None:
        names = _changed(form, before, APP_EDIT_FIELDS)
        changes = _texts(form, [n for n in names if n != "applied_on"])
        if "applied_on" in names:
            changes["applied_on"] = form.date("applied_on", "Date applied")
        return ApplicationChanges(app_id, changes) if changes else None

    def run(data: ApplicationChanges | None) -> str:
        if data is not None:
            update_application(context_of(request), data)
        return landing(request, app_id, "plan", wrote=data is not None)

    return await submit(
        request,
        APP_EDIT_FIELDS,
        build,
        run,
        lambda f: _app_edit_form(request, history, f.context(), 400),
    )


# ---- a person ----------------------------------------------------------------------------


def _person_values(history: History, person_id: int) -> dict[str, str]:
    person = _row(history.people, person_id)
    return {name: _text(getattr(person, name)) for name in PERSON_FIELDS}


@router.get("/apps/{app_id}/people/{person_id}/edit", response_class=HTMLResponse)
async def edit_person_page(request: Request, app_id: int, person_id: int) -> Response:
    values = _person_values(history_of(request, app_id), person_id)
    return sub_form(request, app_id, "person", _filled(values), row_id=person_id)


@router.post("/apps/{app_id}/people/{person_id}/edit")
async def edit_person(request: Request, app_id: int, person_id: int) -> Response:
    from followup.app.people import PersonChanges, update_person

    before = _person_values(history_of(request, app_id), person_id)

    def build(form: Form) -> PersonChanges | None:
        names = _changed(form, before, PERSON_FIELDS)
        changes = _texts(form, [n for n in names if n != "role"])
        if "role" in names:
            changes["role"] = form.choice("role", "Role", PersonRole)
        return PersonChanges(person_id, changes) if changes else None

    return await submit_sub(
        request, app_id, "person", build, update_person, row_id=person_id, say_changed=True
    )


# ---- an interview ------------------------------------------------------------------------


def _interview_values(
    request: Request, history: History, interview_id: int
) -> tuple[dict[str, str], dict[str, list[str]]]:
    interview = _row(history.interviews, interview_id)
    values = {
        "start": _on_my_clock(request, interview.start),
        "end": _on_my_clock(request, interview.end),
        "kind": interview.kind.value,
        "decision_by": _text(interview.decision_by),
        "location": _text(interview.location),
        **{name: "on" if getattr(interview, name) else "" for name in FLAGS},
    }
    values |= {f"note_{pid}": note for pid, note in interview.notes.items()}
    return values, {"person_ids": [str(pid) for pid in interview.person_ids]}


@router.get("/apps/{app_id}/interviews/{interview_id}/edit", response_class=HTMLResponse)
async def edit_interview_page(request: Request, app_id: int, interview_id: int) -> Response:
    values, lists = _interview_values(request, history_of(request, app_id), interview_id)
    return sub_form(request, app_id, "interview", _filled(values, lists), row_id=interview_id)


@router.post("/apps/{app_id}/interviews/{interview_id}/edit")
async def edit_interview(request: Request, app_id: int, interview_id: int) -> Response:
    from followup.app.interviews import InterviewChanges, update_interview

    history = history_of(request, app_id)
    before, before_lists = _interview_values(request, history, interview_id)
    note_names = [f"note_{p.id}" for p in history.people]

    def build(form: Form) -> InterviewChanges | None:
        changes: dict[str, Any] = {}
        for name in _changed(form, before, ("start", "end")):
            changes[name] = form.datetime(name, name.capitalize(), required=name == "start")
        if "kind" in _changed(form, before, ("kind",)):
            changes["kind"] = form.choice("kind", "Kind", InterviewKind)
        if _changed(form, before, ("decision_by",)):
            changes["decision_by"] = form.date("decision_by", "Decision by")
        if _changed(form, before, ("location",)):
            changes["location"] = form.text("location", "Location")
        changes |= {n: form.flag(n) for n in FLAGS if form.flag(n) != bool(before[n])}
        person_ids = form.ids("person_ids", "People")
        if [str(p) for p in person_ids] != before_lists["person_ids"]:
            changes["person_ids"] = person_ids
        notes = {
            int(name[5:]): form.values[name].strip()
            for name in _changed(form, before, note_names)
            if form.values.get(name, "").strip() and int(name[5:]) in person_ids
        }
        if notes:
            changes["notes"] = notes
        return InterviewChanges(interview_id, changes) if changes else None

    return await submit_sub(
        request,
        app_id,
        "interview",
        build,
        update_interview,
        row_id=interview_id,
        say_changed=True,
    )


# ---- a contact ---------------------------------------------------------------------------


@router.get("/apps/{app_id}/touches/new", response_class=HTMLResponse)
async def new_touch_page(request: Request, app_id: int) -> Response:
    now = _on_my_clock(request, context_of(request).now())
    return sub_form(request, app_id, "touch", _filled({"at": now}))


@router.post("/apps/{app_id}/touches/new")
async def new_touch(request: Request, app_id: int) -> Response:
    from followup.app.touches import NewTouch, add_touch

    people = {str(p.id): p.id for p in history_of(request, app_id).people}

    def build(form: Form) -> NewTouch | None:
        at = form.datetime("at", "When", required=True)
        channel = form.choice("channel", "Channel", Channel)
        direction = form.choice("direction", "Direction", Direction)
        kind = form.choice("kind", "What it was", TouchKind, TouchKind.MESSAGE)
        person = form.values.get("person_id", "").strip()
        if person and person not in people:
            form.errors["person_id"] = "Choose one of the people of this application."
        if channel is Channel.TASK:
            form.errors["channel"] = "A task is not a contact: choose how you were in touch."
        decision_by = form.date("decision_by", "Decision by")
        summary = form.text("summary", "Summary") or ""
        if at is None or channel is None or direction is None or kind is None:
            return None
        return NewTouch(
            app_id,
            at=at,
            channel=channel,
            direction=direction,
            kind=kind,
            person_id=people.get(person),
            decision_by=decision_by,
            summary=summary,
        )

    return await submit_sub(request, app_id, "touch", build, add_touch, say_changed=True)
