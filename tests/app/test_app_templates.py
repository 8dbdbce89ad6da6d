"""The owner's own templates (followup.app.templates): kept with the owner's data, checked
before they are kept, used by that owner's drafts only, and forgotten on reset."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_app_usecases_core import THANKS, acme, context_at

from followup.app.context import Context
from followup.app.drafts import DraftRequest, draft_of
from followup.app.profile import ProfileChanges, set_profile
from followup.app.templates import (
    TemplateText,
    list_templates,
    reset_template,
    set_template,
    show_template,
)
from followup.drafts.model import DraftProblem

MINE = (
    "Subject: Thanks from {{ me.name }}\n\n"
    "Hi {{ person.salutation }},\n\nThank you for the chat.\n\n{{ me.name }}\n"
)


@pytest.fixture
def ctx(database_url: str, tmp_path: Path) -> Iterator[Context]:
    built = context_at(database_url, tmp_path / "home")
    acme(built)
    set_profile(
        built,
        ProfileChanges(
            values={
                "name": "Sam Rivera",
                "email": "sam@example.org",
                "phone": "+1 555 0100",
                "qualifications": "I have built streaming pipelines. [streaming]",
            }
        ),
    )
    yield built
    built.close()


def test_a_stored_template_replaces_the_built_in_one_until_reset(ctx: Context) -> None:
    built_in = show_template(ctx, "thank-you.email.j2")
    assert built_in.source == "built-in" and "Subject:" in built_in.text
    kept = set_template(ctx, TemplateText("thank-you.email.j2", MINE.encode()))
    assert (kept.source, kept.text) == ("stored", MINE)
    mine = {t.name: t.source for t in list_templates(ctx)}
    assert mine["thank-you.email.j2"] == "stored" and mine["final-note.email.j2"] == "built-in"
    draft = draft_of(ctx, DraftRequest(THANKS)).draft
    assert draft.subject == "Thanks from Sam Rivera"
    assert draft.body.startswith("Hi Dana,\n\nThank you for the chat.")
    assert reset_template(ctx, "thank-you.email.j2") is True
    assert reset_template(ctx, "thank-you.email.j2") is False
    assert show_template(ctx, "thank-you.email.j2").text == built_in.text
    assert draft_of(ctx, DraftRequest(THANKS)).draft.subject != "Thanks from Sam Rivera"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("thank-you.email.j2", b"Subject: {{ oops\n\nhi", "template.syntax"),
        ("thank-you.email.j2", b"\xff\xfe bad", "draft.not-utf8"),
        ("thank-you.email.j2", b"  \n", "template.empty"),
        ("thank-you.email.j2", b"x" * (64 * 1024 + 1), "template.too-large"),
        ("my-own.email.j2", b"Subject: x\n\nbody", "template.unknown"),
    ],
)
def test_a_bad_template_is_refused_and_nothing_is_kept(
    ctx: Context, name: str, data: bytes, code: str
) -> None:
    with pytest.raises(DraftProblem) as refused:
        set_template(ctx, TemplateText(name, data))
    assert refused.value.code == code
    assert all(t.source == "built-in" for t in list_templates(ctx))
