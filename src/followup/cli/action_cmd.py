"""`followup done` and `followup skip`: close a planned action."""

from __future__ import annotations

import click

from followup.cli.common import (
    current_settings,
    json_option,
    now,
    open_store,
    parse_datetime,
    print_json,
)


@click.command()
@click.argument("action_id")
@click.option("--at", metavar="DATETIME", help="When you did it (default: now).")
@json_option
def done(action_id: str, at: str | None, as_json: bool) -> None:
    """Record that you did a planned action (ids from `followup today` or `plan`).

    Logs the contact the action asked for: its kind, channel and person.
    """
    from followup.services.touches import record_done

    result = record_done(
        open_store(), current_settings(), action_id, now=now(), at=parse_datetime(at, "--at")
    )
    if as_json:
        print_json(
            {"action_id": result.action.id, "touch_id": result.touch.id if result.touch else None}
        )
    elif result.touch is not None:
        click.echo(
            f"recorded: {result.action.kind.value} by {result.action.channel.value} "
            f"(touch {result.touch.id})"
        )
    else:
        click.echo(
            f"recorded: {result.action.kind.value} done; add the contact details you "
            "found with `followup person set`"
        )


@click.command()
@click.argument("action_id")
@click.option("--reason", required=True, help="Why you won't do it.")
@click.option("--at", metavar="DATETIME", help="When you decided (default: now).")
def skip(action_id: str, reason: str, at: str | None) -> None:
    """Decide not to do a planned action; the plan moves on without it."""
    from followup.services.touches import record_skip

    skipped = record_skip(
        open_store(),
        current_settings(),
        action_id,
        reason,
        now=now(),
        at=parse_datetime(at, "--at"),
    )
    click.echo(f"skipped {skipped.action_id}")
