"""The JSON API's upload of one file, as the Upload page takes it: an invitation (.ics), or
a message (.eml) read as `followup inspect` reads it and, when it carries an invitation,
applied as `followup import-ics` applies it (followup.app.mail.files).

The file comes in the JSON body (its text, or base64 for a message that is not UTF-8): one
model for the OpenAPI document, no multipart parsing. A file that is not what its name
says, empty or too large is refused (400) and nothing is written."""

from __future__ import annotations

import base64
import binascii
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from followup.errors import UserError
from followup.web.api import router as reads
from followup.web.api_models import Strict
from followup.web.api_write_models import Id
from followup.web.pages import context_of
from followup.web.uploads import MAX_UPLOAD, _malformed

router = APIRouter(prefix="/api", tags=["api"], responses=reads.responses)


class UploadIn(Strict):
    filename: str = Field(
        pattern=r"^[^/\\]{0,200}\.(?:ics|eml|ICS|EML)$", description="ends in .ics or .eml"
    )
    content: str = Field(min_length=1, max_length=MAX_UPLOAD * 4 // 3 + 4)
    base64: bool = Field(default=False, description="`content` is base64 (else UTF-8 text)")
    app_id: Id | None = Field(default=None, description="null: found from the invitation")


class InviteResultOut(BaseModel):
    change: str = Field(description="what the invitation did: book, move, cancel, ignore...")
    reason: str
    uid: str
    app_id: int | None
    interview_id: int | None


class UploadOut(BaseModel):
    kind: Literal["ics", "eml"]
    results: list[InviteResultOut] = Field(description="one per invitation applied")
    message: dict[str, Any] | None = Field(
        description="an .eml without an invitation: what followup reads in it"
    )
    filed: dict[str, Any] | None = Field(
        default=None,
        description="an .eml without an invitation: `outcome` as the mailbox sync says it, "
        "the application it was recorded for (`app_id`) or the review item (`review_id`)",
    )


def _unusable(problem: str) -> UserError:
    return UserError(problem, code="invite.unusable", params={})


def _raw(body: UploadIn) -> bytes:
    if body.base64:
        try:
            raw = base64.b64decode(body.content, validate=True)
        except (binascii.Error, ValueError):
            raise _unusable("the content is not base64") from None
    else:
        raw = body.content.encode("utf-8")
    if len(raw) > MAX_UPLOAD:
        raise _unusable(f"the file is larger than {MAX_UPLOAD // 1_000_000} MB")
    if not raw.strip():
        raise _unusable("the file is empty")
    return raw


@router.post("/upload")
async def upload(request: Request, body: UploadIn) -> UploadOut:
    """Book, move or cancel the interview of an invitation; read a message."""
    from followup.app.mail.files import HandedFile, hand_in

    raw = _raw(body)
    kind: Literal["ics", "eml"] = "ics" if body.filename.lower().endswith(".ics") else "eml"
    problem = _malformed(f".{kind}", raw)
    if problem is not None:
        raise _unusable(problem.rstrip("."))
    done = hand_in(context_of(request), HandedFile(raw, kind == "eml", body.app_id))
    if done.filed is not None:
        return UploadOut(kind=kind, results=[], message=done.reading, filed=done.filed.as_dict())
    return UploadOut(
        kind=kind, results=[InviteResultOut(**r.as_dict()) for r in done.results], message=None
    )
