"""`followup playbook`: show the rules, check a playbook file."""

from __future__ import annotations

import dataclasses
from typing import Any

import click

from followup.cli.common import current_settings, json_option, print_json
from followup.cli.errors import BAD_INPUT


@click.group()
def playbook() -> None:
    """Playbooks: the follow-up rules, as data (show, check)."""


@playbook.command("show")
@click.argument("name", required=False)
@json_option
def show(name: str | None, as_json: bool) -> None:
    """Show a playbook's rules (default: the configured one, with your overrides).

    NAME is a built-in playbook (seed, prompt) or the path of a YAML file.
    """
    from followup.playbook import load_playbook

    settings = current_settings()
    if name is None:
        book = load_playbook(settings.playbook, settings.playbook_overrides or None)
    else:
        book = load_playbook(name)
    if as_json:
        print_json(_as_data(book))
        return
    click.echo(click.style(f"{book.name}", bold=True) + f" ({book.source})")
    click.echo(book.description)
    click.echo("")
    for rule in book.rules.values():
        click.echo(f"{rule.id}: {rule.summary}")


def _as_data(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _as_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        return [_as_data(v) for v in value]
    if hasattr(value, "items") and callable(value.items):  # Mapping proxies
        return {str(k): _as_data(v) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


@playbook.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
def check(file: str) -> None:
    """Check a playbook file: every problem on its own line, exit code 2 if any."""
    from followup.playbook import check_playbook_file

    problems = check_playbook_file(file)
    if not problems:
        click.echo(f"{file}: ok")
        return
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    raise click.exceptions.Exit(BAD_INPUT)
