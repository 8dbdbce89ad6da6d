"""`followup outcome`: how an application ended."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.app_options import OFFER_KEYS, offer_options, take
from followup.cli.common import ROW_ID, context, emit, json_option, parse_datetime
from followup.domain.model import Outcome


@click.command()
@click.option("--app", "app_id", type=ROW_ID, required=True, help="The application's id.")
@click.argument("result", type=click.Choice([*(o.value for o in Outcome), "none"]))
@click.option("--at", metavar="DATETIME", help="When it happened (default: now).")
@offer_options
@json_option
def outcome(app_id: int, result: str, at: str | None, **options: Any) -> None:
    """Record the outcome: rejected, offer, withdrawn, hired or declined (none: reopen).

    A rejection plans a gracious reply and a stay-in-touch note; an offer an
    acknowledgement and, with --offer-deadline, a reminder to decide before it;
    declined (you turn the offer down) plans the decline note; hired (you accept)
    withdraws every other live application, each with a courteous note to send.
    """
    from followup.app.applications import OutcomeInput, closed_by_hire, set_outcome
    from followup.app.records import application_record

    chosen = None if result == "none" else Outcome(result)
    offer = take(options, OFFER_KEYS)
    updated = set_outcome(
        context(), OutcomeInput(app_id, chosen, at=parse_datetime(at, "--at"), offer=offer)
    )
    closed = closed_by_hire(context(), updated.id) if chosen is Outcome.HIRED else []
    record = application_record(updated) | {"closed": [application_record(a) for a in closed]}

    def human() -> None:
        click.echo(f"application {updated.id}: {result}")
        for other in closed:
            if other.saved:
                click.echo(f"application {other.id} ({other.company}): closed, not applied for")
                continue
            what = "offer declined" if other.outcome is Outcome.DECLINED else "withdrawn"
            click.echo(
                f"application {other.id} ({other.company}): {what}; the note to send is "
                "planned (see `followup today`)"
            )

    emit(record, human)
