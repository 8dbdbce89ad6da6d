"""`followup plan` and `followup today`: what to do, when, and why.

Speed matters here (`today` answers in well under half a second): the store is read through
the fast SQLite reader when it can, and human output uses click only (no Rich).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import click

from followup.cli.common import ROW_ID, context_at, emit, json_option
from followup.domain.model import Action, ActionStatus, History

if TYPE_CHECKING:
    from followup.app.planning import NextAction, PlannedApplication, Today
    from followup.mail.outbox.held import HeldMessage

AS_OF_HELP = (
    "Plan as of this time instead of now, e.g. 2026-03-16T09:00 (without an offset: your zone)."
)
STATUS_COLOURS = {
    ActionStatus.OVERDUE: "red",
    ActionStatus.DUE: "yellow",
    ActionStatus.OPEN: "green",
    ActionStatus.BLOCKED: "magenta",
}


@click.command()
@click.option("--app", "app_id", type=ROW_ID, help="Only this application.")
@click.option("--as-of", "as_of_text", metavar="DATETIME", help=AS_OF_HELP)
@json_option
def plan(app_id: int | None, as_of_text: str | None) -> None:
    """Every planned action, with its window (earliest, due, latest) and rules."""
    from followup.app.planning import plan_applications, plan_record

    ctx = context_at(as_of_text)
    playbook = ctx.playbook
    planned = plan_applications(ctx, app_id)
    emit(plan_record(planned, playbook), lambda: _print_plan(planned))


def _print_plan(planned: list[PlannedApplication]) -> None:
    for p in planned:
        app = p.history.application
        click.echo(
            click.style(f"#{app.id} {app.company} - {app.role}", bold=True)
            + f"  [{p.plan.stage.value}]"
        )
        for action in p.plan.actions:
            _print_action(action, p.history)
        for note in p.plan.notes:
            click.echo(f"  note: {note}")


@click.command()
@click.option("--as-of", "as_of_text", metavar="DATETIME", help=AS_OF_HELP)
@json_option
def today(as_of_text: str | None) -> None:
    """What is due or overdue now (and what opens today), by application, and why."""
    from followup.app.planning import today as todays_view
    from followup.app.planning import today_record

    view = todays_view(context_at(as_of_text))
    emit(today_record(view), lambda: _print_today(view))


def _print_today(view: Today) -> None:
    if view.held:
        _print_held(list(view.held), view.companies)
    click.echo(
        f"Today, {_day(view.as_of)}: " + (f"{view.count} to do" if view.groups else "nothing due.")
    )
    if view.next is not None:
        _print_next(view.next)
    if view.missed:
        click.echo("")
        click.echo(click.style(f"Missed ({len(view.missed)}):", bold=True))
        for m in view.missed:
            app = m.history.application
            click.echo(f"  #{app.id} {app.company}: {m.action.kind.value} ({m.action.id})")
            click.echo(f"            {m.advice}")
    for g in view.groups:
        app = g.history.application
        click.echo("")
        click.echo(
            click.style(f"#{app.id} {app.company} - {app.role}", bold=True)
            + f"  [{g.plan.stage.value}]"
        )
        for action in g.actions:
            _print_action(action, g.history, explain=view.playbook.explain)


def _print_held(held: list[HeldMessage], companies: dict[int, str]) -> None:
    """Outbox messages only the user can settle, each with the command that does it."""
    click.echo(click.style(f"Needs your attention ({len(held)}):", bold=True))
    for h in held:
        company = companies.get(h.app_id) if h.app_id is not None else None
        to = f" to {', '.join(h.to)}" if h.to else ""
        of = f" ({company})" if company else ""
        state = click.style(h.state, fg="red")
        click.echo(f"  outbox {h.id}: {h.kind}{to}{of} - {state}: {h.what_happened}")
        if h.subject:
            click.echo(f"            subject: {h.subject}")
        if h.problem:
            click.echo(f"            problem: {h.problem}")
        for choice, command in h.choices:
            click.echo(f"            {choice + ':':15s} {command}")
    click.echo("")


def _print_next(upcoming: NextAction) -> None:
    """With nothing due, say when the next thing is (so an empty day is not a mystery)."""
    action, history = upcoming.action, upcoming.history
    click.echo(
        f"Next: {action.kind.value} for {history.application.company}, "
        f"from {_when(action.earliest)} (id {action.id})."
    )


def _day(moment: datetime) -> str:
    return f"{moment:%A %d %B %Y %H:%M} ({moment.tzname()})"


def _print_action(
    action: Action,
    history: History,
    explain: Callable[[tuple[str, ...]], list[str]] | None = None,
) -> None:
    """An action in a few lines; times in the recipient's zone, where they matter."""
    person = history.person(action.person_id) if action.person_id is not None else None
    to = f" to {person.name}" if person else ""
    via_person = history.person(action.via_person_id) if action.via_person_id is not None else None
    via = f" via {via_person.name}" if via_person else ""
    status = click.style(f"{action.status.value:>8}", fg=STATUS_COLOURS.get(action.status))
    click.echo(f"  {status}  {action.kind.value} by {action.channel.value}{to}{via}")
    click.echo(
        f"            due {_when(action.due)}  "
        f"(window {_when(action.earliest)} - {_when(action.latest)})"
    )
    click.echo(f"            id: {action.id}")
    if action.why:
        click.echo(f"            why: {action.why}")
    if explain is None:
        click.echo(f"            rules: {', '.join(action.rule_ids)}")
        return
    for line in explain(action.rule_ids):
        click.echo(f"            - {line}")


def _when(moment: datetime) -> str:
    return f"{moment:%a %d %b %H:%M} {moment.tzname()}"
