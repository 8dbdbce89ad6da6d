"""`followup touch`: contacts with the employer, either way."""

from __future__ import annotations

import click

from followup.app.records import touch_record
from followup.cli.changes_cmd import delete_command
from followup.cli.common import ROW_ID, context, emit, json_option, parse_date, parse_datetime
from followup.domain.model import Channel, Direction, TouchKind

CHANNELS = click.Choice([c.value for c in Channel if c is not Channel.TASK])
DIRECTIONS = click.Choice([d.value for d in Direction])
KINDS = click.Choice([k.value for k in TouchKind])


@click.group()
def touch() -> None:
    """Contacts: messages, calls and replies, sent or received (add, list, delete)."""


@touch.command("add")
@click.option("--app", "app_id", type=ROW_ID, required=True, help="The application's id.")
@click.option("--person", "person_id", type=ROW_ID, help="The person it was with.")
@click.option("--channel", type=CHANNELS, required=True, help="How.")
@click.option(
    "--direction",
    type=DIRECTIONS,
    required=True,
    help="out: you contacted them; in: they contacted you.",
)
@click.option("--at", "at", required=True, metavar="DATETIME", help="When it happened.")
@click.option(
    "--kind",
    type=KINDS,
    default=TouchKind.MESSAGE.value,
    show_default=True,
    help="What it was (reply, rejection and offer come from them).",
)
@click.option(
    "--decision-by",
    metavar="DATE",
    help="A reply named a new date: it becomes the new deadline (YYYY-MM-DD).",
)
@click.option(
    "--return-date", metavar="DATE", help="An out-of-office reply's return date (YYYY-MM-DD)."
)
@click.option("--summary", default="", help="A line about what was said.")
@json_option
def add(
    *,
    app_id: int,
    person_id: int | None,
    channel: str,
    direction: str,
    at: str,
    kind: str,
    decision_by: str | None,
    return_date: str | None,
    summary: str,
) -> None:
    """Log a contact and print its id."""
    from followup.app.touches import NewTouch, add_touch

    when = parse_datetime(at, "--at")
    assert when is not None
    data = NewTouch(
        app_id,
        at=when,
        channel=Channel(channel),
        direction=Direction(direction),
        kind=TouchKind(kind),
        person_id=person_id,
        decision_by=parse_date(decision_by, "--decision-by"),
        return_date=parse_date(return_date, "--return-date"),
        summary=summary,
    )
    added = add_touch(context(), data)
    emit(touch_record(added), lambda: click.echo(added.id))


@touch.command("list")
@click.option("--app", "app_id", type=ROW_ID, help="Only the contacts of this application.")
@json_option
def list_(app_id: int | None) -> None:
    """List contacts, oldest first."""
    from followup.app.touches import list_touches
    from followup.cli.common import table
    from followup.cli.timeshow import on_my_clock

    found = list_touches(context(), app_id)

    def human() -> None:
        table(
            None,
            ["id", "company", "at", "way", "kind", "summary"],
            [
                [
                    str(t.id),
                    h.application.company,
                    on_my_clock(t.at),
                    f"{t.direction.value} {t.channel.value}",
                    t.kind.value,
                    t.summary,
                ]
                for h, t in found
            ],
        )

    emit([touch_record(t) for _, t in found], human)


touch.add_command(delete_command("contact", "contact"))
