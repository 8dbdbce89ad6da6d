"""`followup calendar export FILE`: the calendar feed of `followup serve` as a file."""

from __future__ import annotations

import click

from followup.cli.common import context, emit, json_option
from followup.cli.errors import UsageProblem


@click.group("calendar")
def calendar() -> None:
    """Your planned follow-ups and interviews as an iCalendar file."""


@calendar.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@json_option
def export(file: str) -> None:
    """Write every planned action's window and every interview to FILE (.ics), for a
    calendar to import. Events keep their UIDs, so importing again updates them."""
    from pathlib import Path

    from followup.app.calendar_feed import calendar_feed

    data = calendar_feed(context())
    try:
        Path(file).write_bytes(data)
    except OSError as exc:
        raise UsageProblem(
            f"cannot write {file}: {exc.strerror} (fix: name a file in a folder you can write)"
        ) from None
    events = data.count(b"BEGIN:VEVENT")
    emit(
        {"file": file, "events": events},
        lambda: click.echo(f"wrote {events} event{'s' if events != 1 else ''} to {file}"),
    )
