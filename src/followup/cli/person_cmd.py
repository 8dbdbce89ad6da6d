"""`followup person`: the people met during an application."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.changes_cmd import delete_command, merge
from followup.cli.common import ROW_ID, context, emit, json_option, table
from followup.domain.model import PersonRole

ROLES = click.Choice([r.value for r in PersonRole])


@click.group()
def person() -> None:
    """People: recruiters, interviewers, hiring managers (add, list, set, delete, merge)."""


@person.command("add")
@click.option("--app", "app_id", type=ROW_ID, required=True, help="The application's id.")
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
@click.option(
    "--call-me",
    help='The name they go by, for greetings: "Wei Ling" for "Tan Wei Ling" (never guessed).',
)
@click.option(
    "--allow-duplicate", is_flag=True, help="Add them even if a person has that email already."
)
@json_option
def add(app_id: int, name: str, role: str, allow_duplicate: bool, **details: Any) -> None:
    """Add a person to an application and print their id (asks first if a person with the
    same email exists)."""
    from followup.app.people import NewPerson, add_person
    from followup.app.records import person_record
    from followup.cli.changes_cmd import asked_again

    added = asked_again(
        lambda allow: add_person(
            context(),
            NewPerson(app_id, name, role=PersonRole(role), allow_duplicate=allow, **details),
        ),
        "person.duplicate",
        allow_duplicate,
    )
    emit(person_record(added), lambda: click.echo(added.id))


@person.command("list")
@click.option("--app", "app_id", type=ROW_ID, help="Only the people of this application.")
@json_option
def list_(app_id: int | None) -> None:
    """List people (all, or one application's)."""
    from followup.app.people import list_people
    from followup.app.records import person_record

    found = list_people(context(), app_id)

    def human() -> None:
        table(
            None,
            ["id", "app", "name", "role", "email", "phone"],
            [
                [str(p.id), str(p.app_id), p.name, p.role.value, p.email or "", p.phone or ""]
                for p in found
            ],
        )

    emit([person_record(p) for p in found], human)


@person.command("set")
@click.argument("person_id", type=ROW_ID)
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
@click.option("--call-me", help="The name greetings use; `none` to greet by the first name.")
@json_option
def set_(person_id: int, **options: Any) -> None:
    """Change fields of a person (only those given)."""
    from followup.app.people import PersonChanges, update_person
    from followup.app.records import person_record

    changes: dict[str, Any] = {}
    for key, value in options.items():
        if value is None:
            continue
        clearable = key not in ("name", "role", "connection")
        cleared = clearable and str(value).strip().lower() in ("", "none", "-")
        changes[key] = None if cleared else value
    updated = update_person(context(), PersonChanges(person_id, changes))
    emit(person_record(updated), lambda: click.echo(f"person {updated.id} updated"))


person.add_command(set_, "edit")  # the same command by the name most people guess first
person.add_command(delete_command("person", "person"))
person.add_command(merge)
