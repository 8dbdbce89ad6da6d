"""`followup config`: the deployment's settings and where each value came from."""

from __future__ import annotations

import click

from followup.cli.common import context, current_settings, emit, json_option

# Settings kept in the database (set with `followup profile set` and `followup prefs set`),
# not saved drafts.
STORED_PREFIXES = ("profile.", "drafts.", "pref.")


@click.group()
def config() -> None:
    """Settings (show). Set them in $FOLLOWUP_HOME/config.toml or FOLLOWUP_* variables."""


@config.command("show")
@json_option
def show() -> None:
    """List every setting with its value, its source and its environment variable."""
    from followup.app.preferences import stored_settings
    from followup.config import SETTINGS

    settings = current_settings()
    records = [
        {
            "name": s.name,
            "value": _plain(settings.shown(s.name)),
            "source": settings.sources[s.name],
            "env": s.env,
            "help": s.help,
        }
        for s in SETTINGS
    ]
    stored, problem = stored_settings(context(), STORED_PREFIXES)

    def human() -> None:
        click.echo(f"config file: {settings.config_file or '(none)'}")
        for r in records:
            click.echo(f"{r['name']} = {r['value']}  [{r['source']}; {r['env']}]")
        if problem:
            click.echo(f"stored settings: unavailable ({problem})")
        for key, value in stored.items():
            click.echo(f"{key} = {value}  [store]")

    emit(
        {
            "config_file": str(settings.config_file) if settings.config_file else None,
            "settings": records,
            "stored": stored,
            "stored_problem": problem,
        },
        human,
    )


def _plain(value: object) -> object:
    return value if isinstance(value, str | int | float | bool | dict) else str(value)
