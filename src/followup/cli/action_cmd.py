"""`followup done` and `followup skip`: close a planned action (both idempotent: doing one
twice records it once)."""

from __future__ import annotations

import click

from followup.cli.common import context, emit, json_option, parse_datetime


@click.command()
@click.argument("action_id")
@click.option("--at", metavar="DATETIME", help="When you did it (default: now).")
@json_option
def done(action_id: str, at: str | None) -> None:
    """Record that you did a planned action (ids from `followup today` or `plan`).

    Logs the contact the action asked for: its kind, channel and person. Doing it again
    changes nothing.
    """
    from followup.app.touches import DoneInput, record_done

    result = record_done(context(), DoneInput(action_id, at=parse_datetime(at, "--at")))

    def human() -> None:
        if result.already:
            if result.touch is not None:
                click.echo(f"already recorded (touch {result.touch.id})")
            else:
                click.echo(f"already closed ({result.skip.reason if result.skip else 'skipped'})")
        elif result.touch is not None and result.action is not None:
            click.echo(
                f"recorded: {result.action.kind.value} by {result.action.channel.value} "
                f"(touch {result.touch.id})"
            )
        elif result.action is not None:
            click.echo(
                f"recorded: {result.action.kind.value} done; add the contact details you "
                "found with `followup person set`"
            )

    emit(
        {
            "action_id": result.action_id,
            "touch_id": result.touch.id if result.touch else None,
            "already": result.already,
        },
        human,
    )


@click.command()
@click.argument("action_id")
@click.option("--reason", required=True, help="Why you won't do it.")
@click.option("--at", metavar="DATETIME", help="When you decided (default: now).")
@json_option
def skip(action_id: str, reason: str, at: str | None) -> None:
    """Decide not to do a planned action; the plan moves on without it. Skipping it again
    changes nothing."""
    from followup.app.records import skip_record
    from followup.app.touches import SkipInput, record_skip

    skipped = record_skip(context(), SkipInput(action_id, reason, at=parse_datetime(at, "--at")))
    emit(skip_record(skipped), lambda: click.echo(f"skipped {skipped.action_id}"))
