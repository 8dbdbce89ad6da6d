"""`followup person`: the people met during an application."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.common import json_option, open_reader, open_store, print_json, table
from followup.domain.model import PersonRole

ROLES = click.Choice([r.value for r in PersonRole])


@click.group()
def person() -> None:
    """People: recruiters, interviewers, hiring managers (add, list, set)."""


@person.command("add")
@click.option("--app", "app_id", type=int, required=True, help="The application's id.")
@click.option("--name", required=True, help='Full name, e.g. "Dana Chen".')
@click.option("--email", help="Their email address (thank-you notes go there).")
@click.option("--phone", help="Their phone number (for calls and voicemails).")
@click.option(
    "--role",
    type=ROLES,
    default=PersonRole.INTERVIEWER.value,
    show_default=True,
    help="What they are in the process.",
)
@click.option(
    "--connection",
    is_flag=True,
    help="You felt a real connection: a phone call becomes a valid follow-up.",
)
@click.option("--tz", help="Their IANA time zone, if not the company's.")
@click.option("--country", help="Their country (ISO code), if not the company's.")
@click.option("--title", help='Their job title, e.g. "Engineering Manager".')
@click.option("--linkedin", help="Their LinkedIn profile URL.")
@json_option
def add(app_id: int, name: str, role: str, as_json: bool, **details: Any) -> None:
    """Add a person to an application and print their id."""
    from followup.services.people import add_person
    from followup.services.records import person_record

    added = add_person(open_store(), app_id, name, role=PersonRole(role), **details)
    if as_json:
        print_json(person_record(added))
    else:
        click.echo(added.id)


@person.command("list")
@click.option("--app", "app_id", type=int, help="Only the people of this application.")
@json_option
def list_(app_id: int | None, as_json: bool) -> None:
    """List people (all, or one application's)."""
    from followup.services.records import person_record

    reader = open_reader()
    histories = list(reader.histories(None if app_id is None else [app_id]))
    if app_id is not None and not histories:
        reader.history(app_id)  # raises the not-found error
    found = [p for h in histories for p in h.people]
    if as_json:
        print_json([person_record(p) for p in found])
        return
    table(
        None,
        ["id", "app", "name", "role", "email", "phone"],
        [
            [str(p.id), str(p.app_id), p.name, p.role.value, p.email or "", p.phone or ""]
            for p in found
        ],
    )


@person.command("set")
@click.argument("person_id", type=int)
@click.option("--name", help="Full name.")
@click.option("--email", help="Email address; `none` to clear.")
@click.option("--phone", help="Phone number; `none` to clear.")
@click.option("--role", type=ROLES, help="What they are in the process.")
@click.option(
    "--connection/--no-connection", default=None, help="Whether you felt a real connection."
)
@click.option("--tz", help="IANA time zone; `none` to clear.")
@click.option("--country", help="ISO country code; `none` to clear.")
@click.option("--title", help="Job title; `none` to clear.")
@click.option("--linkedin", help="LinkedIn profile URL; `none` to clear.")
@json_option
def set_(person_id: int, as_json: bool, **options: Any) -> None:
    """Change fields of a person (only those given)."""
    from followup.services.people import update_person
    from followup.services.records import person_record

    changes: dict[str, Any] = {}
    for key, value in options.items():
        if value is None:
            continue
        clearable = key not in ("name", "role", "connection")
        cleared = clearable and str(value).strip().lower() in ("", "none", "-")
        changes[key] = None if cleared else value
    updated = update_person(open_store(), person_id, changes)
    if as_json:
        print_json(person_record(updated))
    else:
        click.echo(f"person {updated.id} updated")
