"""`followup undo`, `followup log`, the `delete` of each record and `person merge`.

Every writing command's change is kept in the change log by the application layer, so
`undo` takes back any of them; the CLI only asks before deleting (`--yes` for scripts; with
no one to answer, it refuses and says to add `--yes`).
"""

from __future__ import annotations

from typing import Any

import click

from followup.app.records import change_record
from followup.cli.common import ROW_ID, context, emit, json_option


def confirmed(question: str, yes: bool, flag: str = "--yes") -> bool:
    """True when the user said yes (or gave `flag`); with no answer to read (no terminal,
    stdin closed) a refusal that names the flag."""
    if yes:
        return True
    from followup.errors import UserError

    try:
        return click.confirm(question, default=False, err=True)
    except click.Abort:
        raise UserError(
            "no answer to the question (nobody at the keyboard)",
            code="confirm.no-answer",
            params={"flag": flag},
        ) from None


def asked_again(call: Any, code: str, yes: bool) -> Any:
    """`call(False)`; when it is refused with `code` (a duplicate), ask, then
    `call(True)`. `yes`: the user said so already (`--allow-duplicate`)."""
    from followup.errors import UserError

    try:
        return call(yes)
    except UserError as exc:
        if exc.code != code:
            raise
        if not confirmed(f"{exc.problem}. Add another?", False, "--allow-duplicate"):
            raise click.exceptions.Exit(1) from None
        return call(True)


@click.command()
@json_option
def undo() -> None:
    """Take back the last change of any command that wrote (add, set, done, skip, outcome,
    touch, delete, merge...). Run it again to go further back; `followup log` lists them."""
    from followup.app.changes import undo_last

    change = undo_last(context())
    emit(change_record(change), lambda: click.echo(f"undone: {change.summary}"))


@click.command("log")
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="How many."
)
@json_option
def log(limit: int) -> None:
    """The recent changes, newest first (the next `followup undo` takes back the newest
    one not undone)."""
    from followup.app.changes import list_changes
    from followup.cli.timeshow import clockface

    ctx = context()
    found = list_changes(ctx, limit)

    def human() -> None:
        if not found:
            click.echo("no changes yet")
            return
        face = clockface(ctx)
        for change in found:
            mark = " (undone)" if change.undone_at is not None else ""
            click.echo(f"{change.id:>5}  {face.mine(change.at)}  {change.summary}{mark}")

    emit([change_record(c) for c in found], human)


def delete_command(what: str, noun: str) -> click.Command:
    """`followup <group> delete ID` for one kind of record."""

    @click.command("delete", help=f"Delete a {noun} (asks first; `followup undo` brings it back).")
    @click.argument("row_id", type=ROW_ID)
    @click.option("--yes", is_flag=True, help="Don't ask (for scripts).")
    @json_option
    def delete(row_id: int, yes: bool) -> None:
        from followup.app.changes import Deletion, delete_record

        extra = " with its people, interviews and contacts" if what == "application" else ""
        if not confirmed(f"Delete {noun} {row_id}{extra}?", yes):
            emit({"deleted": False}, lambda: click.echo("nothing deleted"))
            return
        delete_record(context(), Deletion(what, row_id))
        emit({"deleted": True, "what": what, "id": row_id}, lambda: None)

    return delete


@click.command("merge")
@click.argument("keep_id", type=ROW_ID)
@click.argument("other_id", type=ROW_ID)
@click.option("--yes", is_flag=True, help="Don't ask (for scripts).")
@json_option
def merge(keep_id: int, other_id: int, yes: bool) -> None:
    """Merge person OTHER_ID into KEEP_ID (two records of one person): OTHER_ID's contacts
    and interviews become KEEP_ID's, missing details are filled in, OTHER_ID goes."""
    from followup.app.changes import Merge, merge_people

    if not confirmed(f"Merge person {other_id} into person {keep_id}?", yes):
        emit({"merged": False}, lambda: click.echo("nothing merged"))
        return
    kept = merge_people(context(), Merge(keep_id, other_id))
    emit({"merged": True, "id": kept}, lambda: None)


def report_change() -> None:
    """After a command: what its use cases changed and how to take it back (stderr, so
    scripts reading an id from stdout are not disturbed; not with --json, whose readers
    have `followup log --json`)."""
    from followup.cli.common import wants_json

    if wants_json():
        return
    root = click.get_current_context().find_root()
    ctx = (root.obj or {}).get("context")
    change_id = getattr(ctx, "last_change", None)
    if ctx is None or change_id is None:
        return
    summary = ctx.reader().change_summary(change_id)
    if summary is not None:
        click.echo(f"changed: {summary} (undo: `followup undo`)", err=True)
