"""The JSON API's words for a refusal: the problem as a sentence, then how to put it right
in terms of the request's JSON (the member to change), where the code has a wording here.

The CLI words the same codes with its commands and flags (followup.cli.fixes); the web's
forms put the problem next to their field (followup.web.forms). An API client gets the
code and params to act on, `message` to show, and `field` when one member is at fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from followup.errors import UserError
from followup.web.forms import _sentence as sentence

# code -> how to fix it from an API client, formatted with the error's params.
API_FIXES: dict[str, str] = {
    "application.not-found": "GET /api/applications lists the ids.",
    "person.not-found": "GET /api/applications/ID lists an application's people.",
    "interview.not-found": "GET /api/applications/ID lists its interviews.",
    "touch.not-found": "GET /api/applications/ID lists its contacts.",
    "action.unknown": "Copy an action's id from GET /api/plan or GET /api/today.",
    "action.not-planned": "It may be done or skipped already: see GET /api/plan.",
    "action.not-yet": "Send an `at` of {earliest} or later, or none for now.",
    "outbox.not-found": "GET /api/outbox lists the messages.",
    "review.not-found": "GET /api/review lists the open items.",
    "account.not-found": "Set up a mailbox with `followup account add` first.",
    "application.duplicate": "Send `allow_duplicate: true` if another one is meant.",
    "person.duplicate": "Send `allow_duplicate: true` if another person is meant.",
    "zone.unknown": "Use an IANA zone name such as America/New_York.",
    "country.unknown": "Use an ISO 3166-1 alpha-2 code such as US, GB or DE.",
    "country.format": "Use an ISO 3166-1 alpha-2 code in capitals, such as US.",
    "email.invalid": "Give one address such as dana@example.com.",
    "phone.invalid": "Give the number with its country code, such as +1 555 0100.",
    "url.invalid": "Give a web address that starts with https://.",
    "linkedin.invalid": "Give one like https://www.linkedin.com/in/their-name.",
    "interview.ends-before-start": "Give an `end` after the `start`, or no `end`.",
    "interview.person-twice": "Name each person once in `person_ids`.",
    "interview.note-stranger": "Add them to `person_ids` too, or drop the note.",
    "person.other-application": "Add the person to this application first.",
    "touch.inbound-kind": 'Send `direction: "in"`, or another `kind`.',
    "touch.outbound-kind": 'Send `direction: "out"`, or `kind: "reply"`.',
    "skip.no-reason": "Say why in `reason`.",
    "undo.nothing": "Nothing was changed since the last undo.",
    "merge.same-person": "Give the id of the other record of this person.",
    "merge.other-application": "Merge only two records of one application.",
    "profile.missing": "Fill in the profile first: PATCH /api/profile.",
    "profile.nothing-to-set": "Send at least one member.",
    "prefs.nothing-to-set": "Send at least one member.",
    "send.lint-errors": "Fix what the draft's lint route finds, then send again.",
    "send.time-passed": "Give a `send_at` in the future.",
    "invite.unclear-application": "Say which application it is for in `app_id`.",
}

# The member of the request a refusal is about, where the web forms' table does not say.
_FIELD_OF_CODE = {
    "linkedin.invalid": "linkedin",
    "interview.note-stranger": "notes",
    "skip.no-reason": "reason",
    "send.time-passed": "send_at",
    "invite.unclear-application": "app_id",
}


def api_message(code: str, problem: str, params: Mapping[str, Any]) -> str:
    """The problem, and the fix of its code where it has one here."""
    fix = API_FIXES.get(code)
    if fix is not None:
        try:
            return f"{sentence(problem)} {fix.format(**params)}"
        except (KeyError, IndexError):
            pass
    return sentence(problem)


def api_field(error: UserError, route: Any) -> str | None:
    """The member of the route's JSON body the refusal is about, when one is."""
    from followup.web.forms import field_of

    body = getattr(route, "body_field", None)
    model = getattr(getattr(body, "field_info", None), "annotation", None)
    members = list(getattr(model, "model_fields", {}))
    name = field_of(error, members) or _FIELD_OF_CODE.get(error.code)
    return name if name in members else None
