"""`followup outcome`: how an application ended."""

from __future__ import annotations

import click

from followup.cli.common import current_settings, now, open_store, parse_datetime
from followup.domain.model import Outcome


@click.command()
@click.option("--app", "app_id", type=int, required=True, help="The application's id.")
@click.argument("result", type=click.Choice([*(o.value for o in Outcome), "none"]))
@click.option("--at", metavar="DATETIME", help="When it happened (default: now).")
def outcome(app_id: int, result: str, at: str | None) -> None:
    """Record the outcome: rejected, offer, withdrawn or hired (none: reopen).

    A rejection plans a gracious reply and a stay-in-touch note; an offer an
    acknowledgement; withdrawn and hired end the plan.
    """
    from followup.services.applications import set_outcome

    updated = set_outcome(
        open_store(),
        current_settings(),
        app_id,
        None if result == "none" else Outcome(result),
        now=now(),
        at=parse_datetime(at, "--at"),
    )
    click.echo(f"application {updated.id}: {result}")
