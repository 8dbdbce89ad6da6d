"""Use cases of playbooks: the owner's playbook (or another one) and checking a file."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.playbook import Playbook


def show_playbook(ctx: Context, name: str | None = None) -> Playbook:
    """A built-in playbook or a file by `name`; None: the owner's, with their overrides
    (PlaybookError if invalid)."""
    if name is None:
        return ctx.playbook
    from followup.playbook import load_playbook

    return load_playbook(name)


def check_playbook(path: str) -> list[str]:
    """Every problem of a playbook file, one a line (empty: valid)."""
    from followup.playbook import check_playbook_file

    return check_playbook_file(path)
