"""`followup calendar export FILE`: the calendar feed of `followup serve` as a file."""

from __future__ import annotations

import click

from followup.cli.common import context_at, emit, json_option
from followup.cli.output_file import check_new, force_option, write_private


@click.group("calendar")
def calendar() -> None:
    """Your planned follow-ups and interviews as an iCalendar file."""


@calendar.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@force_option
@click.option(
    "--as-of",
    "as_of_text",
    metavar="DATETIME",
    help="The plan as of this date and time (default: now), e.g. 2026-03-16T09:00.",
)
@json_option
def export(file: str, force: bool, as_of_text: str | None) -> None:
    """Write every planned action's window and every interview to FILE (.ics), for a
    calendar to import. Events keep their UIDs, so importing again updates them. FILE is
    readable by you only; an existing one is replaced only with --force."""
    from pathlib import Path

    from followup.app.calendar_feed import calendar_feed

    check_new(Path(file), force)
    data = calendar_feed(context_at(as_of_text))
    write_private(Path(file), data, force)
    events = data.count(b"BEGIN:VEVENT")
    emit(
        {"file": file, "events": events},
        lambda: click.echo(f"wrote {events} event{'s' if events != 1 else ''} to {file}"),
    )
