"""`followup profile`: who signs the drafts (name, phone, email, sign-off, qualifications)."""

from __future__ import annotations

import json

import click

from followup.cli.common import open_reader, open_store
from followup.cli.errors import UsageProblem

FIELD_HELP = {
    "name": "Your name, as it signs your messages.",
    "phone": "Your phone number (voicemails say it twice).",
    "email": "Your email address (under your name in emails).",
    "signoff": 'Your sign-off: "Best regards", "Sincerely" or "Yours truly".',
    "qualifications": (
        'What makes you a fit, as phrases separated by ";" or new lines ("six years of '
        'building data pipelines in Python; led a team of four"); each thank-you ties the '
        "interview highlight to the closest one."
    ),
    "linkedin": "Your LinkedIn profile URL.",
}


@click.group("profile")
def profile() -> None:
    """Who signs your drafts: set it once, see it any time."""


@profile.command("set")
@click.option("--name", help=FIELD_HELP["name"])
@click.option("--phone", help=FIELD_HELP["phone"])
@click.option("--email", help=FIELD_HELP["email"])
@click.option("--signoff", help=FIELD_HELP["signoff"])
@click.option("--qualifications", help=FIELD_HELP["qualifications"])
@click.option("--linkedin", help=FIELD_HELP["linkedin"])
@click.option(
    "--ai-drafting",
    type=click.Choice(["on", "off"]),
    help="Draft with an AI model (off by default).",
)
@click.option("--ai-model", help="The llm model id for AI drafting (see `llm models`).")
def profile_set(ai_drafting: str | None, ai_model: str | None, **values: str | None) -> None:
    """Set any of your profile's fields; the others keep their values."""
    from followup.drafts.model import Profile
    from followup.drafts.profile import (
        AI_ENABLED_KEY,
        AI_MODEL_KEY,
        ProfileProblem,
        accepted_signoffs,
        check_profile_values,
        load_profile,
        missing_profile_message,
        save_profile,
    )

    if all(v is None for v in values.values()) and ai_drafting is None and ai_model is None:
        options = " ".join(f"--{k}" for k in FIELD_HELP)
        raise UsageProblem(f"nothing to set: give at least one of {options}")
    try:
        clean = check_profile_values(values, accepted_signoffs(_linter_signoffs()))
    except ProfileProblem as exc:
        raise UsageProblem(str(exc)) from None
    store = open_store()
    current = load_profile(store) or Profile()
    updated = current.updated(**clean)
    if clean:
        save_profile(store, updated)
    if ai_drafting is not None:
        store.set_setting(AI_ENABLED_KEY, ai_drafting)
    if ai_model is not None:
        store.set_setting(AI_MODEL_KEY, ai_model.strip())
    click.echo("Profile saved.")
    gaps = missing_profile_message(updated)
    if gaps:
        click.echo(f"Still missing: {gaps}")


def _linter_signoffs() -> tuple[str, ...]:
    """The sign-offs the linter accepts, written as people write them."""
    from followup.lint import load_rules

    return tuple(s[:1].upper() + s[1:] for s in load_rules().signoffs)


@profile.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def profile_show(as_json: bool) -> None:
    """Show your profile."""
    from followup.drafts.profile import ai_settings, load_profile, missing_profile_message

    reader = open_reader()
    stored = load_profile(reader)
    ai_on, ai_model = ai_settings(reader)
    if as_json:
        data: dict[str, object] = dict(stored.to_dict()) if stored else {}
        data["ai_drafting"] = ai_on
        data["ai_model"] = ai_model
        data["complete"] = missing_profile_message(stored) is None
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if stored is None:
        click.echo(missing_profile_message(None))
        return
    for name, value in stored.to_dict().items():
        shown = "; ".join(value.splitlines())  # qualifications are kept one per line
        click.echo(f"{name:<15} {shown or '-'}")
    click.echo(
        f"{'ai drafting':<15} {'on' if ai_on else 'off'}{f' ({ai_model})' if ai_model else ''}"
    )
    gaps = missing_profile_message(stored)
    if gaps:
        click.echo(f"Still missing: {gaps}")
