"""`followup draft ACTION_ID`: the words for a planned follow-up, checked by the linter."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from followup.cli.common import context_at, emit, json_option
from followup.cli.errors import UsageProblem, one_line

if TYPE_CHECKING:
    from followup.drafts.service import DraftView


@click.command("draft")
@click.argument("action_id")
@json_option
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
    help=(
        "Rewrite the draft with the AI model (default: the profile's setting). The rewrite "
        "must keep every fact (names, company, role, dates) and pass the linter, else the "
        "template draft is used."
    ),
)
@click.option("--model", "model_id", help="The llm model id for --ai.")
def draft(
    action_id: str,
    *,
    as_of_text: str | None,
    edit: bool,
    reset: bool,
    use_ai: bool | None,
    model_id: str | None,
) -> None:
    """Write the draft of ACTION_ID (from `followup today` or `followup plan`).

    Drafts come from templates you can replace with your own wording: see
    `followup template --help` (e.g. `followup template set thank-you.email.j2 mine.j2`).
    """
    from followup.app.drafts import DraftRequest, draft_of, save_draft

    ctx = context_at(as_of_text)
    view = draft_of(ctx, DraftRequest(action_id, use_ai=use_ai, model_id=model_id, reset=reset))
    _refuse_unwritten(view)
    changed = False
    if edit:
        original = view.draft.text()
        data, where = _edit_in_editor(original, action_id)
        changed = data != original.encode("utf-8")
        if changed:
            view = save_draft(ctx, view, data, where)
    emit(view.to_json(), lambda: _print_view(view, saved=changed))
    if edit and not changed:
        click.echo("No change: nothing saved.", err=True)


def _refuse_unwritten(view: DraftView) -> None:
    """No body means data is missing: one line naming it and the command that adds it, exit
    2, so that a script can tell (an address alone missing still shows the draft)."""
    draft = view.draft
    if draft.body.strip() or not draft.missing:
        return
    problems, fixes = [], []
    for item in draft.missing:
        problem, _, fix = item.partition(": run ")
        problems.append(problem)
        if fix:
            fixes.append(f"run {fix}")
    fix = f" (fix: {'; '.join(fixes)})" if fixes else ""
    raise UsageProblem(
        one_line(f"cannot write {draft.action_id} without {'; '.join(problems)}{fix}")
    )


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
