"""`followup draft ACTION_ID`: the words for a planned follow-up, checked by the linter."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from followup.cli.common import as_of, current_settings, open_store
from followup.cli.errors import UsageProblem

if TYPE_CHECKING:
    from followup.drafts.service import DraftView


@click.command("draft")
@click.argument("action_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option(
    "--as-of",
    "as_of_text",
    metavar="DATETIME",
    help="Plan as of this date and time (default: now), e.g. 2026-03-16T09:00.",
)
@click.option(
    "--edit", is_flag=True, help="Open the draft in $EDITOR and keep your text for sending."
)
@click.option(
    "--reset", is_flag=True, help="Forget your edited text and go back to the template's."
)
@click.option(
    "--ai/--no-ai",
    "use_ai",
    default=None,
    help="Draft with the AI model (default: the profile's setting).",
)
@click.option("--model", "model_id", help="The llm model id for --ai.")
def draft(
    action_id: str,
    *,
    as_json: bool,
    as_of_text: str | None,
    edit: bool,
    reset: bool,
    use_ai: bool | None,
    model_id: str | None,
) -> None:
    """Write the draft of ACTION_ID (from `followup today` or `followup plan`).

    Drafts come from templates you can override: put a file with the same name in
    $FOLLOWUP_HOME/templates/ (e.g. thank-you.email.j2).
    """
    from followup.drafts.model import DraftProblem
    from followup.drafts.service import prepare_draft, save_edit

    now = as_of(as_of_text)
    unchanged = False
    store = open_store()
    if reset:
        from followup.drafts.profile import discard_text

        if not discard_text(store, action_id):
            raise UsageProblem(f"no edited text is kept for {action_id} (fix: nothing to reset)")
    try:
        view = prepare_draft(
            store, current_settings(), action_id, now, use_ai=use_ai, model_id=model_id
        )
        if edit:
            original = view.draft.text()
            data, where = _edit_in_editor(original, action_id)
            unchanged = data == original.encode("utf-8")
            if not unchanged:
                view = save_edit(store, view, data, where)
    except DraftProblem as exc:
        raise UsageProblem(str(exc)) from None
    if as_json:
        click.echo(json.dumps(view.to_json(), indent=2, ensure_ascii=False))
    else:
        _print_view(view, saved=edit and not unchanged)
    if edit and unchanged:
        click.echo("No change: nothing saved.", err=True)


def _edit_in_editor(text: str, action_id: str) -> tuple[bytes, str]:
    """The bytes the user saved after editing `text` in $EDITOR."""
    handle, name = tempfile.mkstemp(prefix=f"followup-{action_id}-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        try:
            click.edit(filename=str(path))
        except click.ClickException as exc:
            raise UsageProblem(
                f"{exc.format_message()} (fix: set $EDITOR to your editor)"
            ) from None
        return path.read_bytes(), "the edited draft"
    finally:
        path.unlink(missing_ok=True)


def _print_view(view: DraftView, saved: bool) -> None:
    draft = view.draft
    if draft.to is not None:
        click.echo(f"To: {draft.to.display()}")
    if draft.body:
        click.echo(draft.text().rstrip("\n"))
    for item in draft.missing:
        click.echo(f"Missing: {item}")
    for finding in view.findings:
        hint = f" ({finding.hint})" if finding.hint else ""
        click.echo(f"{finding.severity.value}: {finding.rule}: {finding.message}{hint}")
    for note in (*draft.notes, *view.notes):
        click.echo(f"Note: {note}")
    if saved:
        click.echo(f"Saved your text for {draft.action_id}; sending will use it.")
