"""`followup config`: the settings and where each value came from."""

from __future__ import annotations

import click

from followup.cli.common import current_settings, json_option, print_json


@click.group()
def config() -> None:
    """Settings (show). Set them in $FOLLOWUP_HOME/config.toml or FOLLOWUP_* variables."""


@config.command("show")
@json_option
def show(as_json: bool) -> None:
    """List every setting with its value, its source and its environment variable."""
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
    if as_json:
        print_json(
            {
                "config_file": str(settings.config_file) if settings.config_file else None,
                "settings": records,
            }
        )
        return
    click.echo(f"config file: {settings.config_file or '(none)'}")
    for r in records:
        click.echo(f"{r['name']} = {r['value']}  [{r['source']}; {r['env']}]")


def _plain(value: object) -> object:
    return value if isinstance(value, str | int | float | bool | dict) else str(value)
