"""`followup playbook`: show the rules, check a playbook file."""

from __future__ import annotations

import click

from followup.cli.common import context, emit, json_option
from followup.cli.errors import BAD_INPUT


@click.group()
def playbook() -> None:
    """Playbooks: the follow-up rules, as data (show, check)."""


@playbook.command("show")
@click.argument("name", required=False)
@json_option
def show(name: str | None) -> None:
    """Show a playbook's rules (default: yours, with your overrides; see `followup prefs`).

    NAME is a built-in playbook (seed, prompt) or the path of a YAML file.
    """
    from followup.app.playbooks import show_playbook
    from followup.app.records import plain_record

    book = show_playbook(context(), name)

    def human() -> None:
        click.echo(click.style(f"{book.name}", bold=True) + f" ({book.source})")
        click.echo(book.description)
        click.echo("")
        for rule in book.rules.values():
            click.echo(f"{rule.id}: {rule.summary}")

    emit(plain_record(book), human)


@playbook.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
def check(file: str) -> None:
    """Check a playbook file: every problem on its own line, exit code 2 if any."""
    from followup.app.playbooks import check_playbook

    problems = check_playbook(file)
    if not problems:
        click.echo(f"{file}: ok")
        return
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    raise click.exceptions.Exit(BAD_INPUT)
