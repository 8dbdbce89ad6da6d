"""`followup prefs`: your time zone, country and playbook, kept with your data."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from followup.app.preferences import preferences_record
from followup.cli.common import context, emit, json_option
from followup.cli.errors import UsageProblem

if TYPE_CHECKING:
    from followup.app.prefs import Preferences


@click.group()
def prefs() -> None:
    """Your preferences (show, set): time zone, country, playbook and its overrides.

    Where you set none, the deployment's setting applies (`followup config show`).
    """


@prefs.command("show")
@json_option
def show() -> None:
    """Show your preferences and where each value comes from."""
    from followup.app.preferences import show_preferences

    shown = show_preferences(context())
    emit(preferences_record(shown), lambda: _print(shown))


@prefs.command("set")
@click.option("--tz", help="Your IANA time zone, e.g. Europe/Berlin.")
@click.option("--country", help="Your country (ISO code, e.g. DE): its holidays apply.")
@click.option("--playbook", help="A built-in playbook (seed, prompt) or a YAML file's path.")
@click.option(
    "--override",
    "overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="Change one value of the playbook, e.g. timing.weekly_cap_days=5 (VALUE is JSON or "
    "text; KEY= removes the override). Repeat for several.",
)
@json_option
def set_(
    tz: str | None, country: str | None, playbook: str | None, overrides: tuple[str, ...]
) -> None:
    """Set any of your preferences; the others keep their values. Every plan follows."""
    from followup.app.preferences import PreferenceChanges, set_preferences

    changes = PreferenceChanges(
        user_tz=tz, user_country=country, playbook=playbook, overrides=parse_overrides(overrides)
    )
    updated = set_preferences(context(), changes)

    def human() -> None:
        click.echo("Preferences saved.")
        _print(updated)

    emit(preferences_record(updated), human)


def parse_overrides(items: tuple[str, ...]) -> dict[str, Any]:
    """KEY=VALUE pairs: VALUE read as JSON (5, true, "text", [1, 2]), else as text; an empty
    VALUE (None) removes the override."""
    parsed: dict[str, Any] = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise UsageProblem(
                f"--override {item!r} is not KEY=VALUE "
                "(fix: write e.g. --override timing.weekly_cap_days=5)"
            )
        value: Any = None
        if text.strip():
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                value = text.strip()
        parsed[key.strip()] = value
    return parsed


def _print(shown: Preferences) -> None:
    record = preferences_record(shown)
    for name in ("user_tz", "user_country", "playbook", "playbook_overrides"):
        value = record[name]
        text = json.dumps(value, sort_keys=True) if isinstance(value, dict) else value
        click.echo(f"{name} = {text}  [{_source(shown.sources.get(name, 'default'))}]")


def _source(source: str) -> str:
    return "yours" if source == "owner" else source
