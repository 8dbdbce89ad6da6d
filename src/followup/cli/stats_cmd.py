"""`followup stats`: how the search is going, as tables and bar charts in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from followup.cli.common import console, context_at, emit, json_option
from followup.cli.plan_cmd import AS_OF_HELP

if TYPE_CHECKING:
    from followup.app.stats import Rate, SearchStats

BAR_WIDTH = 30


@click.command()
@click.option("--as-of", "as_of_text", metavar="DATETIME", help=AS_OF_HELP)
@json_option
def stats(as_of_text: str | None) -> None:
    """Applications by stage, the funnel from applying to an offer, the share of follow-ups
    answered (within two weeks) by channel and by the days taken to follow up after an
    interview, and the median time to a first reply."""
    from followup.app.stats import search_stats

    found = search_stats(context_at(as_of_text))
    emit(found.record(), lambda: _print(found))


def _bar(value: float, top: float) -> str:
    cells = round(BAR_WIDTH * value / top) if top else 0
    return "█" * cells or ("▏" if value else "")


def _print(found: SearchStats) -> None:
    from rich.table import Table

    out = console()
    total = sum(found.by_stage.values())
    if not total:
        out.print("No applications yet.")
        return
    stages = Table(title="Applications by stage", title_justify="left", show_edge=False)
    for column in ("stage", "n", ""):
        stages.add_column(column)
    top = max(found.by_stage.values())
    for stage, count in found.by_stage.items():
        stages.add_row(stage, str(count), _bar(count, top))
    out.print(stages)
    funnel = Table(title="Funnel", title_justify="left", show_edge=False)
    for column in ("step", "n", "of applied", ""):
        funnel.add_column(column)
    for step, count in found.funnel:
        funnel.add_row(step, str(count), f"{count / total:.0%}", _bar(count, total))
    out.print(funnel)
    _print_rates(out, "Follow-ups answered, by channel", found.by_channel)
    _print_rates(out, "First follow-up after an interview, by days taken", found.by_days)
    median = found.median_days_to_reply
    out.print(
        "Median time to a first reply: "
        + (
            f"{median} days ({found.replies} applications)"
            if median is not None
            else "no reply yet"
        )
    )


def _print_rates(out: object, title: str, rates: list[Rate]) -> None:
    from rich.table import Table

    view = Table(title=title, title_justify="left", show_edge=False)
    for column in ("", "sent", "answered", "rate", ""):
        view.add_column(column)
    for rate in rates:
        share = rate.rate or 0.0
        view.add_row(rate.label, str(rate.sent), str(rate.answered), f"{share:.0%}", _bar(share, 1))
    if not rates:
        view.add_row("none yet", "", "", "", "")
    out.print(view)  # type: ignore[attr-defined]
