"""`followup plan` and `followup today`: what to do, when, and why.

Speed matters here (`today` answers in well under half a second): the store is read through
the fast SQLite reader when it can, and human output uses click only (no Rich). Times are
shown on the user's clock, with the recipient's beside them (followup.cli.timeshow).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from followup.cli.common import ROW_ID, context_at, emit, json_option
from followup.cli.timeshow import Clockface, clockface
from followup.domain.model import Action, ActionStatus, History

if TYPE_CHECKING:
    from followup.app.planning import NextAction, PlannedApplication, Today
    from followup.mail.outbox.held import HeldMessage

AS_OF_HELP = (
    "Show the plan as it was at this time, from what was recorded by then, e.g. "
    "2026-03-16T09:00 (without an offset: your zone)."
)
STATUS_COLOURS = {
    ActionStatus.OVERDUE: "red",
    ActionStatus.DUE: "yellow",
    ActionStatus.OPEN: "green",
    ActionStatus.BLOCKED: "magenta",
}
Explain = Callable[[tuple[str, ...]], list[str]]


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
    emit(plan_record(planned, playbook), lambda: _print_plan(planned, clockface(ctx)))


def _print_plan(planned: list[PlannedApplication], face: Clockface) -> None:
    for p in planned:
        click.echo(_heading(p.history, p.plan.stage.value))
        for action in p.plan.actions:
            _print_action(action, p.history, face)
        for note in p.plan.notes:
            click.echo(f"  note: {note}")


@click.command()
@click.option("--as-of", "as_of_text", metavar="DATETIME", help=AS_OF_HELP)
@click.option("--why", is_flag=True, help="Add the rule ids and the rules' texts to each action.")
@json_option
def today(as_of_text: str | None, why: bool) -> None:
    """What is due or overdue now (and what opens today), one line per action with the
    reason for it, grouped by application (rule ids and texts with --why, and in --json)."""
    from followup.app.planning import today as todays_view
    from followup.app.planning import today_record

    ctx = context_at(as_of_text)
    view = todays_view(ctx)
    explain = view.playbook.explain if why else None
    emit(today_record(view), lambda: _print_today(view, clockface(ctx), explain))


def _print_today(view: Today, face: Clockface, explain: Explain | None) -> None:
    if view.held:
        _print_held(list(view.held), view.companies)
    click.echo(
        f"Today, {face.full_day(view.as_of)}: "
        + (f"{view.count} to do" if view.groups else "nothing due.")
    )
    if view.next is not None:
        _print_next(view.next, face)
    import shutil  # only here: `plan` needs no terminal width

    width = min(shutil.get_terminal_size((100, 24)).columns, 120)
    if view.missed:
        click.echo("")
        click.echo(click.style(f"Missed ({len(view.missed)}):", bold=True))
        for m in view.missed:
            app = m.history.application
            click.echo(f"  #{app.id} {app.company}: {m.action.kind.value} ({m.action.id})")
            click.echo(f"            {m.advice}")
    for g in view.groups:
        click.echo("")
        click.echo(_heading(g.history, g.plan.stage.value))
        for action in g.actions:
            _print_line(action, g.history, face, width, explain)


def _heading(history: History, stage: str) -> str:
    app = history.application
    return click.style(f"{app.company} - {app.role}", bold=True) + f"  [{stage}]  (app {app.id})"


def _print_line(
    action: Action, history: History, face: Clockface, width: int, explain: Explain | None
) -> None:
    """One action in one sentence, wrapped at word boundaries under its first word."""
    status = action.status.value
    text = f"{status}: {_what(action, history)}, due {face.when(action.due)}."
    if action.why:
        text += f" {action.why}"
    text += f" [{action.id}]"
    lines = textwrap.wrap(
        text,
        width=width,
        initial_indent="  ",
        subsequent_indent="      ",
        break_long_words=False,
        break_on_hyphens=False,
    )
    colour = STATUS_COLOURS.get(action.status)
    first = lines[0]
    lines[0] = "  " + click.style(status, fg=colour) + first[2 + len(status) :]
    for line in lines:
        click.echo(line)
    if explain is not None:
        click.echo(f"      rules: {', '.join(action.rule_ids)}")
        for rule in explain(action.rule_ids):
            for line in textwrap.wrap(
                rule, width=width, initial_indent="      - ", subsequent_indent="        "
            ):
                click.echo(line)


def _what(action: Action, history: History) -> str:
    person = history.person(action.person_id) if action.person_id is not None else None
    via_person = history.person(action.via_person_id) if action.via_person_id is not None else None
    to = f" to {person.name}" if person else ""
    via = f" via {via_person.name}" if via_person else ""
    return f"{action.kind.value} by {action.channel.value}{to}{via}"


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


def _print_next(upcoming: NextAction, face: Clockface) -> None:
    """With nothing due, say when the next thing is (so an empty day is not a mystery)."""
    action, history = upcoming.action, upcoming.history
    click.echo(
        f"Next: {action.kind.value} for {history.application.company}, "
        f"from {face.when(action.earliest)} (id {action.id})."
    )


def _print_action(action: Action, history: History, face: Clockface) -> None:
    """An action in a few lines (`plan`): its window on the user's clock, and its rules."""
    status = click.style(f"{action.status.value:>8}", fg=STATUS_COLOURS.get(action.status))
    click.echo(f"  {status}  {_what(action, history)}")
    click.echo(
        f"            due {face.when(action.due)}  "
        f"(window {face.mine(action.earliest)} - {face.mine(action.latest)})"
    )
    click.echo(f"            id: {action.id}")
    if action.why:
        click.echo(f"            why: {action.why}")
    click.echo(f"            rules: {', '.join(action.rule_ids)}")
