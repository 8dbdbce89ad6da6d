"""Upload of one file: an invitation (.ics) applied as `followup import-ics` does (an
interview booked, moved or cancelled), or a message (.eml) read as `followup inspect` does
and, when it carries an invitation, applied the same way.

A file of another type, too large, empty or not what its name says is refused next to the
field, and nothing is written. Not kept with the plans' answers (page_cache): the form
lists applications, and a write goes through the use case like every other POST.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from followup.errors import UserError
from followup.web.forms import Form, _sentence, empty_form
from followup.web.pages import context_of, plans_of
from followup.web.render import page

router = APIRouter(include_in_schema=False)

MAX_UPLOAD = 1_000_000  # one invitation or one message; the guard refuses far larger bodies
SUFFIXES = (".ics", ".eml")


def app_choices(request: Request) -> list[dict[str, Any]]:
    """Every application, for a form's "which application" select."""
    return [
        {"id": p.history.application.id, "name": _app_name(p.history.application)}
        for p in plans_of(request).planned()
    ]


def _app_name(app: Any) -> str:
    return f"{app.company}, {app.role}"


def _form_page(request: Request, form: dict[str, Any], status: int = 200, **shown: Any) -> Response:
    return page(
        request,
        "upload.html",
        status,
        title="Upload an invitation or a message",
        form=form,
        apps=app_choices(request),
        max_mb=MAX_UPLOAD // 1_000_000,
        nav="upload",
        **shown,
    )


@router.get("/upload", response_class=HTMLResponse)
async def upload_page(request: Request) -> Response:
    return _form_page(request, empty_form())


async def _read_file(upload: Any, form: Form) -> tuple[str, bytes] | None:
    """The file's suffix and bytes, or None with the problem put on the field."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        form.errors["file"] = "Choose an .ics invitation or an .eml message to upload."
        return None
    name = upload.filename.lower()
    suffix = next((s for s in SUFFIXES if name.endswith(s)), None)
    if suffix is None:
        form.errors["file"] = (
            "Only .ics invitations and .eml messages are read: save the invitation or the "
            "message from your mail program and upload that file."
        )
        return None
    raw = await upload.read(MAX_UPLOAD + 1)
    if len(raw) > MAX_UPLOAD:
        form.errors["file"] = (
            f"The file is larger than {MAX_UPLOAD // 1_000_000} MB: upload one invitation or "
            "one message."
        )
        return None
    if not raw.strip():
        form.errors["file"] = "The file is empty: upload the saved invitation or message."
        return None
    return suffix, raw


def _malformed(suffix: str, raw: bytes) -> str | None:
    """Why the bytes are not the file their name says, or None."""
    if suffix == ".ics":
        if not raw.lstrip().upper().startswith(b"BEGIN:VCALENDAR"):
            return "This .ics file is not an iCalendar file (it must begin with BEGIN:VCALENDAR)."
        return None
    head = raw.lstrip()[:4000].split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0].lower()
    if b"from:" not in head and b"message-id:" not in head:
        return "This .eml file is not a mail message (it has no From or Message-ID header)."
    return None


def chosen_app(form: Form) -> int | None:
    """The application chosen in the form's `app_id` select (None: none chosen)."""
    if not form.values.get("app_id", "").strip():
        return None
    found = form.ids("app_id", "Application")
    return found[0] if found else None


@router.post("/upload")
async def upload(request: Request) -> Response:
    from followup.app.mail.files import HandedFile, hand_in

    data = await request.form()
    values = {k: v for k, v in data.multi_items() if isinstance(v, str)}
    form = Form({k: v for k, v in values.items() if v}, {k: [v] for k, v in values.items() if v})
    read = await _read_file(data.get("file"), form)
    app_id = chosen_app(form)
    if read is not None and (problem := _malformed(*read)) is not None:
        form.errors["file"] = problem
    if read is None or not form.ok:
        return _form_page(request, form.context(), 400)
    suffix, raw = read
    try:
        done = hand_in(context_of(request), HandedFile(raw, suffix == ".eml", app_id))
    except UserError as exc:
        # An unknown or unclear application is the select's problem; anything else the file's.
        on_app = exc.code in {"application.not-found", "invite.unclear-application"}
        form.errors["app_id" if on_app else "file"] = _sentence(exc.problem)
        return _form_page(request, form.context(), 400)
    if done.filed is not None:
        return _form_page(request, empty_form(), reading=done.reading, filed=done.filed.as_dict())
    return _form_page(request, empty_form(), results=[r.as_dict() for r in done.results])
