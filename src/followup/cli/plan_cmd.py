"""`followup plan` and `followup today`: what to do, when, and why.

Speed matters here (`today` answers in well under half a second): the store is read through
the fast SQLite reader when it can, and human output uses click only (no Rich).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import click

from followup.cli.common import as_of, current_settings, json_option, open_reader, print_json
from followup.domain.model import Action, ActionStatus, History

if TYPE_CHECKING:
    from followup.mail.held import HeldMessage
    from followup.services.planning import PlannedApplication

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
@click.option("--app", "app_id", type=int, help="Only this application.")
@click.option("--as-of", "as_of_text", metavar="DATETIME", help=AS_OF_HELP)
@json_option
def plan(app_id: int | None, as_of_text: str | None, as_json: bool) -> None:
    """Every planned action, with its window (earliest, due, latest) and rules."""
    from followup.services.planning import action_record, active_playbook, plan_applications

    settings = current_settings()
    playbook = active_playbook(settings)
    moment = as_of(as_of_text)
    planned = plan_applications(open_reader(), settings, moment, app_id, playbook)
    if as_json:
        print_json([action_record(a, p.history, playbook) for p in planned for a in p.plan.actions])
        return
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
def today(as_of_text: str | None, as_json: bool) -> None:
    """What is due or overdue now (and what opens today), by application, and why."""
    from followup.services.planning import (
        action_record,
        active_playbook,
        held_messages,
        held_record,
        plan_applications,
    )
    from followup.services.planning import (
        today as todays_groups,
    )

    settings = current_settings()
    playbook = active_playbook(settings)
    moment = as_of(as_of_text)
    reader = open_reader()
    planned = plan_applications(reader, settings, moment, None, playbook)
    groups = todays_groups(planned, moment, settings.user_tz)
    held = held_messages(reader)
    companies = {p.history.application.id: p.history.application.company for p in planned}
    if as_json:
        print_json(
            {
                "as_of": moment.isoformat(),
                "held_messages": [held_record(h, companies) for h in held],
                "applications": [
                    {
                        "app_id": g.history.application.id,
                        "company": g.history.application.company,
                        "role": g.history.application.role,
                        "stage": g.plan.stage.value,
                        "actions": [action_record(a, g.history, playbook) for a in g.actions],
                    }
                    for g in groups
                ],
            }
        )
        return
    if held:
        _print_held(held, companies)
    click.echo(
        f"Today, {_day(moment)}: "
        + (f"{sum(len(g.actions) for g in groups)} to do" if groups else "nothing due.")
    )
    if not groups:
        _print_next(planned)
    for g in groups:
        app = g.history.application
        click.echo("")
        click.echo(
            click.style(f"#{app.id} {app.company} - {app.role}", bold=True)
            + f"  [{g.plan.stage.value}]"
        )
        for action in g.actions:
            _print_action(action, g.history, explain=playbook.explain)


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


def _print_next(planned: list[PlannedApplication]) -> None:
    """With nothing due, say when the next thing is (so an empty day is not a mystery)."""
    upcoming = [(a, p.history) for p in planned for a in p.plan.actions]
    if not upcoming:
        return
    action, history = min(upcoming, key=lambda item: item[0].earliest)
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
