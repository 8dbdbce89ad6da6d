"""`followup offers`: the open offers side by side."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.common import context, emit, json_option

ROWS = (
    ("role", "role"),
    ("deadline", "answer by"),
    ("base", "base"),
    ("bonus", "bonus"),
    ("total", "base + bonus"),
    ("currency", "currency"),
    ("location", "location"),
    ("work_mode", "work mode"),
    ("notes", "notes"),
)


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "-"
    return f"{value:,}" if isinstance(value, int) else str(value)


@click.command()
@json_option
def offers() -> None:
    """Compare the open offers side by side: deadline, amounts and notes.

    An offer is open from `followup outcome --app ID offer` (with --offer-deadline,
    --offer-base, --offer-bonus, --offer-currency, --offer-notes) until you accept it
    (hired) or decline it (declined). Soonest deadline first.
    """
    from followup.app.offers import open_offers

    found = open_offers(context())

    def human() -> None:
        if not found:
            click.echo("No open offers.")
            return
        from followup.cli.common import table

        columns = ["", *(f"#{o['app_id']} {o['company']}" for o in found)]
        rows = [[label, *(_cell(o[key]) for o in found)] for key, label in ROWS]
        table(None, columns, rows)

    emit(found, human)
