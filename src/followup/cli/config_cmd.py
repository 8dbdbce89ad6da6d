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
    stored, problem = _stored_settings()
    if as_json:
        print_json(
            {
                "config_file": str(settings.config_file) if settings.config_file else None,
                "settings": records,
                "stored": stored,
                "stored_problem": problem,
            }
        )
        return
    click.echo(f"config file: {settings.config_file or '(none)'}")
    for r in records:
        click.echo(f"{r['name']} = {r['value']}  [{r['source']}; {r['env']}]")
    if problem:
        click.echo(f"stored settings: unavailable ({problem})")
    for key, value in stored.items():
        click.echo(f"{key} = {value}  [store]")


# Settings kept in the database (set with `followup profile set`), not saved drafts.
STORED_PREFIXES = ("profile.", "drafts.")


def _stored_settings() -> tuple[dict[str, str], str | None]:
    """The profile settings kept in the store. A broken database is reported, not raised:
    `config show` is where one looks for what is wrong with the database URL."""
    from followup.cli.common import open_reader

    try:
        values = open_reader().settings()
    except Exception as exc:  # any driver or schema error: show it in one line
        return {}, " ".join(str(exc).split()) or type(exc).__name__
    return {k: v for k, v in sorted(values.items()) if k.startswith(STORED_PREFIXES)}, None


def _plain(value: object) -> object:
    return value if isinstance(value, str | int | float | bool | dict) else str(value)
