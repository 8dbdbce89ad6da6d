"""The CLI's words for the fix of each refusal: error codes -> the command or flag to use.

Below the CLI an error says what is wrong and names it with a code and parameters
(followup.errors.UserError); how to put it right from a terminal is said here. The web app
has its own wording of the same codes.
"""

from __future__ import annotations

from typing import Any

# code -> fix, formatted with the error's params.
FIXES: dict[str, str] = {
    "conflict": "run the command again",
    "not-found": "check the id",
    "row.not-found": "check the id",
    "public-id.not-found": "check the {what}'s address",
    # ids and references
    "application.not-found": "see `followup app list` for the ids",
    "person.not-found": "see `followup person list` for the ids",
    "interview.not-found": "see `followup app show APP_ID` for the ids",
    "person.other-application": (
        "add them to application {app_id} with `followup person add --app {app_id}`"
    ),
    # planned actions
    "action.unknown": "copy an id from `followup plan` or `followup today`",
    "action.not-planned": "see `followup plan --app {app_id}`; it may be done or skipped already",
    "action.in-future": "give the time it happened (--at), or leave --at out for now",
    "action.not-yet": "give --at {earliest} or later, or leave --at out for now",
    "skip.no-reason": "say why with --reason TEXT",
    "skip.already": "nothing to do; see `followup plan` for what is left",
    # values as typed
    "datetime.invalid": "use ISO 8601 such as 2026-03-03T10:00 or 2026-03-03T10:00-05:00",
    "date.invalid": "use YYYY-MM-DD such as 2026-03-13",
    "date.out-of-range": "give a date between the years {first} and {last}",
    "zone.unknown": "use an IANA zone name such as America/New_York or Europe/Berlin",
    "country.unknown": (
        "use an ISO 3166-1 alpha-2 code such as US, GB or DE "
        "(followup needs the country's public holidays)"
    ),
    "country.format": "use an ISO 3166-1 alpha-2 code in capitals, such as US, GB or DE",
    "value.empty": "give a {what}",
    "time.naive": "give a timezone-aware datetime",
    "fields.unknown": "change only {allowed}",
    "email.invalid": "give one address such as dana@example.com",
    "text.not-one-line": "give the {what} on one line, without control characters",
    "text.too-long": "shorten the {what} to {limit} characters or fewer",
    # interviews and contacts
    "interview.ends-before-start": "give an end after the start, or no end",
    "interview.person-twice": "name each interviewer once",
    "interview.note-stranger": (
        "add them to the interview too (--with {person_id}) or drop the note"
    ),
    "touch.inbound-kind": "use --direction in, or another --kind",
    "touch.outbound-kind": "use --direction out, or --kind reply (or message) for what they sent",
    # the profile and the preferences
    "profile.nothing-to-set": (
        "give at least one of --name --phone --email --signoff --qualifications --linkedin "
        "--ai-drafting --ai-model"
    ),
    "profile.email": "give one like name@example.org with --email",
    "profile.signoff": "choose one of them with --signoff",
    "profile.linkedin": "give one like https://www.linkedin.com/in/your-name with --linkedin",
    "profile.name-empty": "give your name as it should sign your messages with --name",
    "profile.missing": "run `{command}` once",
    "prefs.nothing-to-set": "give at least one of --tz --country --playbook --override",
    "prefs.playbook-empty": "give a built-in playbook (seed, prompt) or the path of a YAML file",
    # drafts and templates
    "draft.invalid": "see `followup draft --help`",
    "draft.nothing-to-reset": "nothing to reset",
    "draft.nothing-to-edit": "first add: {missing}",
    "draft.not-utf8": "save it as UTF-8 and edit again",
    "draft.edit-empty": (
        "edit again and write the message, or skip the action with "
        "`followup skip {action_id} --reason TEXT`"
    ),
    "draft.edit-no-subject": "write one",
    "draft.wrong-history": "pass that application's history",
    "ai.unknown-model": "run `llm models` to see the models you can use",
    "template.invalid": "fix the template, or delete it to use the built-in one",
    "template.syntax": (
        "fix that line, or go back to the built-in one with `followup template reset {name}`"
        " (or delete the file)"
    ),
    "template.unknown": "see `followup template list` for the names",
    "template.too-large": "keep a template under {limit} bytes",
    "template.undefined": "templates can use: {names}",
    "template.missing": "add it to {dir}",
    "template.not-utf8": "save it as UTF-8",
    "template.empty": "write the message in it, or delete it to use the built-in one",
    "template.no-subject": "add them",
    # the linter
    "lint.unknown-kind": "use one of: {kinds}",
    "lint.person-needs-app": "give the application the person belongs to with --app",
    "lint.person-not-at-application": "use one of the people there: {known}",
}


def _params(code: str | None, params: dict[str, Any]) -> dict[str, Any]:
    """The params of a code, with what the CLI's wording adds (the exact commands)."""
    if code == "profile.missing" and "command" not in params:
        from followup.drafts.hints import profile_set
        from followup.drafts.profile import REQUIRED_FIELDS

        return params | {"command": profile_set(*REQUIRED_FIELDS)}
    return params


# Areas that word their own codes: "module:dict", merged into FIXES when a refusal is worded.
FIX_TABLES = (
    "followup.cli.mail_fixes:MAIL_FIXES",
    "followup.cli.everyday_fixes:EVERYDAY_FIXES",
    "followup.cli.pipeline_fixes:PIPELINE_FIXES",
    "followup.cli.remind_fixes:REMIND_FIXES",
    "followup.cli.alerts_fixes:ALERTS_FIXES",
)


def _all_fixes() -> dict[str, str]:
    import importlib

    merged = dict(FIXES)
    for entry in FIX_TABLES:
        module, name = entry.split(":")
        merged |= getattr(importlib.import_module(module), name)
    return merged


def worded(exc: BaseException) -> str:
    """`problem (fix: ...)` for a refusal: the fix the error still carries (raised before
    its code was worded here), else the CLI's wording of its code, else the problem alone."""
    problem: str | None = getattr(exc, "problem", None)
    code: str | None = getattr(exc, "code", None)
    params: dict[str, Any] = getattr(exc, "params", None) or {}
    carried: str | None = getattr(exc, "fix", None)
    if problem is None:
        return str(exc)
    fix = carried
    fixes = _all_fixes()
    if fix is None and code is not None and code in fixes:
        try:
            fix = fixes[code].format(**_params(code, params))
        except (KeyError, IndexError):  # a code raised without the params its fix names
            fix = fixes.get(code.partition(".")[2] or "")
    return problem if fix is None else f"{problem} (fix: {fix})"
