"""The use case of the linter on any text: check a message the user wrote themselves against
the content rules, with names, company and role from a stored application if given."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from followup.app.errors import InputError

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.lint import LintContext, LintResult
    from followup.store import Reader

PROFILE_NAME, PROFILE_PHONE, PROFILE_SIGNOFF = "profile.name", "profile.phone", "profile.signoff"


@dataclass(frozen=True, slots=True)
class LintRequest:
    text: str
    kind: str  # the message kind, e.g. thank-you, status-check, voicemail
    app_id: int | None = None  # check names, company and role against this application
    person_id: int | None = None  # the recipient, a person of `app_id`
    # Values of the lint context given directly (recipient_name, company, role, has_offer,
    # employer_raised_pay, linkedin_limit); None: not given.
    overrides: Mapping[str, Any] = field(default_factory=dict)
    rules_file: str | None = None  # the user's own rules instead of the shipped ones


def lint_message(ctx: Context, data: LintRequest) -> LintResult:
    """The findings of the rules on `data.text` (LintRulesError for a bad rules file)."""
    from followup.lint import LintContext, lint_text, load_rules

    rules = load_rules(data.rules_file)
    if data.kind not in rules.kinds:
        raise InputError(
            f"unknown message kind {data.kind!r}",
            code="lint.unknown-kind",
            params={"kind": data.kind, "kinds": ", ".join(rules.kinds)},
        )
    if data.person_id is not None and data.app_id is None:
        raise InputError(
            "a recipient by person id needs their application",
            code="lint.person-needs-app",
            params={"person_id": data.person_id},
        )
    if data.app_id is None:
        context = LintContext(kind=data.kind)
    else:
        context = _context_from_store(ctx.reader(), data.app_id, data.person_id, data.kind)
    changes = {k: v for k, v in data.overrides.items() if v is not None}
    return lint_text(data.text, replace(context, **changes), rules)


def _context_from_store(
    reader: Reader, app_id: int, person_id: int | None, kind: str
) -> LintContext:
    from followup.lint import CandidateProfile, context_for, load_rules

    history = reader.history(app_id)
    if person_id is not None and history.person(person_id) is None:
        known = ", ".join(f"{p.id} ({p.name})" for p in history.people) or "none yet"
        raise InputError(
            f"no person with id {person_id} at application {app_id}",
            code="lint.person-not-at-application",
            params={"person_id": person_id, "app_id": app_id, "known": known},
        )
    settings = reader.settings()
    signoff = settings.get(PROFILE_SIGNOFF)
    profile = CandidateProfile(
        name=settings.get(PROFILE_NAME),
        phone=settings.get(PROFILE_PHONE),
        signoffs=(*load_rules().signoffs, signoff) if signoff else None,
    )
    others = tuple(a.company for a in reader.applications() if a.id != app_id)
    return context_for(history, person_id, kind, profile, other_companies=others)
