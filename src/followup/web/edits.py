"""The pages that change things: add forms, done and skip, the profile.

A GET shows the form; a POST parses it (`followup.web.forms.Form`), calls the use case and
redirects (303), or shows the form again with each problem next to its field (400).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followup.domain.model import Channel, Direction, InterviewKind, PersonRole, TouchKind
from followup.errors import UserError
from followup.web.forms import Form, empty_form
from followup.web.pages import context_of, form_data
from followup.web.render import page, see_other

router = APIRouter(include_in_schema=False)

APP_FIELDS = ("company", "role", "country", "tz", "company_domain", "notes")
PERSON_FIELDS = ("name", "email", "phone", "role", "title", "country", "tz")
INTERVIEW_FIELDS = ("start", "end", "kind", "person_ids", "decision_by", "location")
TOUCH_FIELDS = ("at", "channel", "direction", "kind", "person_id", "decision_by", "summary")
TOUCH_CHOICES = {
    "channels": [c for c in Channel if c is not Channel.TASK],
    "directions": list(Direction),
    "touch_kinds": list(TouchKind),
}
PROFILE_FIELDS = ("name", "email", "phone", "qualifications", "signoff", "linkedin")


async def submit(
    request: Request,
    fields: Sequence[str],
    build: Callable[[Form], Any],
    run: Callable[[Any], str],
    again: Callable[[Form], Response],
) -> Response:
    """Parse the form with `build`, run the use case (`run` returns where to go next), or
    show the form again with its problems."""
    values, lists = await form_data(request)
    form = Form(values, lists)
    data = build(form)
    if form.ok:
        try:
            return see_other(run(data))
        except UserError as exc:
            if exc.code.endswith("not-found"):
                raise
            form.refused(exc, fields)
    return again(form)


# ---- applications ------------------------------------------------------------------------


def _app_form(request: Request, form: dict[str, Any], status: int = 200) -> Response:
    return page(request, "app_form.html", status, title="Add an application", form=form, nav="new")


@router.get("/apps/new", response_class=HTMLResponse)
async def new_application_page(request: Request) -> Response:
    return _app_form(request, empty_form())


@router.post("/apps/new")
async def new_application(request: Request) -> Response:
    from followup.app.applications import NewApplication, add_application

    def build(form: Form) -> NewApplication:
        return NewApplication(
            company=form.text("company", "Company", required=True) or "",
            role=form.text("role", "Role", required=True) or "",
            country=form.text("country", "Country"),
            tz=form.text("tz", "Time zone"),
            company_domain=form.text("company_domain", "Company domain"),
            notes=form.text("notes", "Notes") or "",
        )

    def run(data: NewApplication) -> str:
        return f"/apps/{add_application(context_of(request), data).id}"

    return await submit(
        request, APP_FIELDS, build, run, lambda f: _app_form(request, f.context(), 400)
    )


# ---- people and interviews ---------------------------------------------------------------


def history_of(request: Request, app_id: int) -> Any:
    from followup.app.planning import plan_applications

    (planned,) = plan_applications(context_of(request), app_id)
    return planned.history


# what -> (the path under /apps/ID/ and the anchor, its fields, the choices its form shows)
SUB_FORMS: dict[str, tuple[str, tuple[str, ...], dict[str, Any]]] = {
    "person": ("people", PERSON_FIELDS, {"roles": list(PersonRole)}),
    "interview": ("interviews", INTERVIEW_FIELDS, {"kinds": list(InterviewKind)}),
    "touch": ("touches", TOUCH_FIELDS, TOUCH_CHOICES),
}
NOUNS = {"touch": "contact"}  # what a page calls it, where that is not its key


def sub_form(
    request: Request,
    app_id: int,
    what: str,
    form: dict[str, Any],
    status: int = 200,
    *,
    row_id: int | None = None,
) -> Response:
    """The form that adds `what` (a key of SUB_FORMS) to an application, or with `row_id`
    changes that row of it."""
    path, _, choices = SUB_FORMS[what]
    history = history_of(request, app_id)
    noun = NOUNS.get(what, what)
    company = history.application.company
    if row_id is None:
        title = f"Add {'an' if noun[0] in 'aeiou' else 'a'} {noun} at {company}"
        action, submit_label = f"/apps/{app_id}/{path}/new", f"Add {noun}"
    else:
        title = f"Edit the {noun} at {company}"
        action, submit_label = f"/apps/{app_id}/{path}/{row_id}/edit", "Save changes"
    return page(
        request,
        f"{what}_form.html",
        status,
        title=title,
        history=history,
        form=form,
        form_action=action,
        submit_label=submit_label,
        editing=row_id is not None,
        **choices,
    )


def landing(request: Request, app_id: int, anchor: str, *, wrote: bool) -> str:
    """The application page; after a write, with what changed and its Undo (`?changed=`)."""
    change = context_of(request).last_change
    query = f"?changed={change}" if wrote and change is not None else ""
    return f"/apps/{app_id}{query}#{anchor}"


async def submit_sub(
    request: Request,
    app_id: int,
    what: str,
    build: Callable[[Form], Any],
    use_case: Callable[[Any, Any], Any],
    *,
    row_id: int | None = None,
    say_changed: bool = False,
) -> Response:
    """Submit the form of `what` (a key of SUB_FORMS), or with `row_id` the form that
    changes that row; `build` returns None when there is nothing to write. With
    `say_changed`, the page it lands on says what changed."""
    path, fields, _ = SUB_FORMS[what]

    def run(data: Any) -> str:
        if data is not None:
            use_case(context_of(request), data)
        return landing(request, app_id, path, wrote=say_changed and data is not None)

    def again(form: Form) -> Response:
        return sub_form(request, app_id, what, form.context(), 400, row_id=row_id)

    return await submit(request, fields, build, run, again)


@router.get("/apps/{app_id}/people/new", response_class=HTMLResponse)
async def new_person_page(request: Request, app_id: int) -> Response:
    return sub_form(request, app_id, "person", empty_form())


@router.post("/apps/{app_id}/people/new")
async def new_person(request: Request, app_id: int) -> Response:
    from followup.app.people import NewPerson, add_person

    def build(form: Form) -> NewPerson:
        return NewPerson(
            app_id=app_id,
            name=form.text("name", "Name", required=True) or "",
            email=form.text("email", "Email"),
            phone=form.text("phone", "Phone"),
            role=form.choice("role", "Role", PersonRole, PersonRole.INTERVIEWER)
            or PersonRole.INTERVIEWER,
            title=form.text("title", "Job title"),
            country=form.text("country", "Country"),
            tz=form.text("tz", "Time zone"),
        )

    return await submit_sub(request, app_id, "person", build, add_person)


@router.get("/apps/{app_id}/interviews/new", response_class=HTMLResponse)
async def new_interview_page(request: Request, app_id: int) -> Response:
    return sub_form(request, app_id, "interview", empty_form())


@router.post("/apps/{app_id}/interviews/new")
async def new_interview(request: Request, app_id: int) -> Response:
    from followup.app.interviews import NewInterview, add_interview

    def build(form: Form) -> NewInterview | None:
        start = form.datetime("start", "Start", required=True)
        kind = form.choice("kind", "Kind", InterviewKind)
        person_ids = form.ids("person_ids", "People")
        notes = {}
        for pid in person_ids:
            note = form.text(f"note_{pid}", "Note")
            if note:
                notes[pid] = note
        if start is None or kind is None:
            return None
        return NewInterview(
            app_id=app_id,
            start=start,
            kind=kind,
            end=form.datetime("end", "End"),
            person_ids=person_ids,
            notes=notes,
            decision_by=form.date("decision_by", "Decision by"),
            location=form.text("location", "Location"),
        )

    return await submit_sub(request, app_id, "interview", build, add_interview)


# ---- planned actions ---------------------------------------------------------------------


@router.post("/actions/{action_id}/done")
async def mark_done(request: Request, action_id: str) -> Response:
    from followup.app.planning import app_id_of_action
    from followup.app.touches import DoneInput, record_done

    record_done(context_of(request), DoneInput(action_id))
    return see_other(f"/apps/{app_id_of_action(action_id)}#plan")


@router.post("/actions/{action_id}/skip")
async def mark_skipped(request: Request, action_id: str) -> Response:
    from followup.app.planning import app_id_of_action
    from followup.app.touches import SkipInput, record_skip

    values, _ = await form_data(request)
    reason = values.get("reason", "").strip() or "skipped from the web app"
    record_skip(context_of(request), SkipInput(action_id, reason[:500]))
    return see_other(f"/apps/{app_id_of_action(action_id)}#plan")


# ---- the profile -------------------------------------------------------------------------


def _profile_form(request: Request, form: dict[str, Any], status: int = 200) -> Response:
    from followup.app.profile import show_profile

    view = show_profile(context_of(request))
    if not form["values"] and view.profile is not None:
        form = {**form, "values": view.profile.to_dict()}
    return page(
        request, "profile.html", status, title="Profile", view=view, form=form, nav="profile"
    )


@router.get("/profile", response_class=HTMLResponse)
async def profile_page(request: Request) -> Response:
    return _profile_form(request, empty_form())


@router.post("/profile")
async def save_profile(request: Request) -> Response:
    from followup.app.profile import ProfileChanges, set_profile

    def build(form: Form) -> ProfileChanges:
        return ProfileChanges({name: form.text(name, name) for name in PROFILE_FIELDS})

    def run(data: ProfileChanges) -> str:
        set_profile(context_of(request), data)
        return "/profile?saved=1"

    return await submit(
        request, PROFILE_FIELDS, build, run, lambda f: _profile_form(request, f.context(), 400)
    )
