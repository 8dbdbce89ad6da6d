"""A message handed in as a file (an uploaded .eml), filed as the sync files mail in INBOX, on
SQLite and PostgreSQL, with no mailbox set up: one from a known person is recorded for their
application (once, however often it is handed in); one that matches no application waits on
the review list with its bytes, and filing it from there records it from those bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_app_mail_idempotent import context_for  # the same clock and zone

from followup.app.applications import NewApplication, add_application
from followup.app.context import Context
from followup.app.mail.files import HANDED_IN, FiledMessage, MessageFile, file_message
from followup.app.mail.syncing import ReviewAnswer, reviews, settle_review
from followup.app.people import NewPerson, add_person
from followup.app.planning import plan_applications
from followup.errors import UserError

SAM = "sam@example.org"


def message(sender: str, subject: str, message_id: str | None) -> bytes:
    head = f"From: {sender}\r\nTo: Sam Rivera <{SAM}>\r\nSubject: {subject}\r\n"
    head += "Date: Tue, 10 Mar 2026 09:12:00 -0400\r\n"
    head += f"Message-ID: {message_id}\r\n" if message_id else ""
    return (head + "\r\nThanks for your time yesterday, we will be in touch.\r\n").encode()


@pytest.fixture
def ctx(tmp_path: Path, database_url: str) -> Iterator[Context]:
    ctx = context_for(tmp_path / "home", database_url)
    acme = add_application(
        ctx, NewApplication("Acme", "Data Engineer", company_domain="acme.example")
    )
    add_person(ctx, NewPerson(acme.id, "Dana Reyes", email="dana@acme.example"))
    add_application(ctx, NewApplication("Globex", "Analyst"))
    yield ctx
    ctx.close()


def touches_of(ctx: Context, app_id: int) -> list[tuple[str, str]]:
    (planned,) = plan_applications(ctx, app_id)
    return [(t.kind.value, t.summary) for t in planned.history.touches]


def test_a_reply_from_a_known_person_is_recorded_once(ctx: Context) -> None:
    raw = message("Dana Reyes <dana@acme.example>", "Re: thank you", "<d1@acme.example>")
    assert file_message(ctx, MessageFile(raw, (SAM,))) == FiledMessage("reply", 1)
    assert file_message(ctx, MessageFile(raw, (SAM,))).outcome == "already-recorded"
    assert touches_of(ctx, 1) == [("reply", "Re: thank you")]
    assert reviews(ctx) == []


def test_a_message_that_matches_nothing_waits_on_review_and_is_filed_from_its_bytes(
    ctx: Context,
) -> None:
    raw = message("Jordan <jordan@northwind.example>", "Our chat", None)  # no Message-ID
    filed = file_message(ctx, MessageFile(raw, (SAM,)))
    assert filed.outcome == "review" and filed.review_id is not None
    assert file_message(ctx, MessageFile(raw, (SAM,))) == filed  # the same file: one item
    (item,) = reviews(ctx)
    assert (item.id, item.folder, item.sender) == (
        filed.review_id,
        HANDED_IN,
        "jordan@northwind.example",
    )
    assert item.message_id.endswith("@handed-in.followup>")
    with pytest.raises(UserError) as refused:
        settle_review(ctx, ReviewAnswer(item.id, 42))
    assert refused.value.code == "application.not-found"
    touch = settle_review(ctx, ReviewAnswer(item.id, 2))
    assert touch is not None and touch.app_id == 2
    assert touches_of(ctx, 2) == [("reply", "Our chat")]
    assert reviews(ctx) == []


def test_the_application_chosen_by_the_user_is_the_one(ctx: Context) -> None:
    raw = message("Jordan <jordan@northwind.example>", "Next steps", "<j2@northwind.example>")
    assert file_message(ctx, MessageFile(raw, (SAM,)), app_id=2) == FiledMessage("reply", 2)
    assert touches_of(ctx, 2) == [("reply", "Next steps")]
    with pytest.raises(UserError):
        file_message(ctx, MessageFile(raw, (SAM,)), app_id=42)
    assert reviews(ctx) == [] and touches_of(ctx, 1) == []
