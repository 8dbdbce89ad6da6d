"""`followup profile`: who signs the drafts (name, phone, email, sign-off, qualifications)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from followup.cli.common import context, emit, json_option

if TYPE_CHECKING:
    from followup.app.profile import ProfileView

FIELD_HELP = {
    "name": "Your name, as it signs your messages.",
    "phone": "Your phone number (voicemails say it twice).",
    "email": "Your email address (under your name in emails).",
    "signoff": 'Your sign-off: "Best regards", "Sincerely" or "Yours truly".',
    "qualifications": (
        'Your strengths, one per line or separated by ";", best as whole sentences with '
        'optional keywords in brackets ("I moved forty batch jobs to Kafka. [streaming, '
        'Flink]; I have mentored four junior engineers. [mentoring]"); a thank-you names '
        "one only when it is relevant to what you discussed, else a general sentence."
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
@json_option
def profile_set(ai_drafting: str | None, ai_model: str | None, **values: str | None) -> None:
    """Set any of your profile's fields; the others keep their values."""
    from followup.app.profile import ProfileChanges, set_profile

    ai_on = None if ai_drafting is None else ai_drafting == "on"
    view = set_profile(context(), ProfileChanges(values, ai_drafting=ai_on, ai_model=ai_model))
    emit(view.record(), lambda: _print_saved(view))


def _print_saved(view: ProfileView) -> None:
    from followup.drafts.model import Profile
    from followup.drafts.profile import missing_profile_message

    click.echo("Profile saved.")
    gaps = missing_profile_message(view.profile or Profile())
    if gaps:
        click.echo(f"Still missing: {gaps}")


@profile.command("show")
@json_option
def profile_show() -> None:
    """Show your profile."""
    from followup.app.profile import show_profile

    view = show_profile(context())
    emit(view.record(), lambda: _print_profile(view))


def _print_profile(view: ProfileView) -> None:
    from followup.drafts.profile import missing_profile_message

    stored = view.profile
    if stored is None:
        click.echo(missing_profile_message(None))
        return
    for name, value in stored.to_dict().items():
        shown = "; ".join(value.splitlines())  # qualifications are kept one per line
        click.echo(f"{name:<15} {shown or '-'}")
    model = f" ({view.ai_model})" if view.ai_model else ""
    click.echo(f"{'ai drafting':<15} {'on' if view.ai_drafting else 'off'}{model}")
    gaps = missing_profile_message(stored)
    if gaps:
        click.echo(f"Still missing: {gaps}")
