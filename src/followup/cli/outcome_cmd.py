"""`followup outcome`: how an application ended."""

from __future__ import annotations

import click

from followup.cli.common import ROW_ID, context, emit, json_option, parse_datetime
from followup.domain.model import Outcome


@click.command()
@click.option("--app", "app_id", type=ROW_ID, required=True, help="The application's id.")
@click.argument("result", type=click.Choice([*(o.value for o in Outcome), "none"]))
@click.option("--at", metavar="DATETIME", help="When it happened (default: now).")
@json_option
def outcome(app_id: int, result: str, at: str | None) -> None:
    """Record the outcome: rejected, offer, withdrawn or hired (none: reopen).

    A rejection plans a gracious reply and a stay-in-touch note; an offer an
    acknowledgement; withdrawn and hired end the plan.
    """
    from followup.app.applications import OutcomeInput, set_outcome
    from followup.app.records import application_record

    chosen = None if result == "none" else Outcome(result)
    updated = set_outcome(context(), OutcomeInput(app_id, chosen, at=parse_datetime(at, "--at")))
    emit(application_record(updated), lambda: click.echo(f"application {updated.id}: {result}"))
