"""The composition root: the one place a context is built, for the CLI, the web app and
workers alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.app.clock import Clock, SystemClock
from followup.app.context import LOCAL_OWNER_ID, Context

if TYPE_CHECKING:
    from followup.config import Settings


def build_context(
    settings: Settings | None = None,
    *,
    owner_id: int = LOCAL_OWNER_ID,
    clock: Clock | None = None,
    local: bool = True,
) -> Context:
    """A context over the configured database for one owner.

    `settings` default to the environment and config file; `local` is True for the embedded
    mode (one person on their own machine), where a mail account's token command may run."""
    if settings is None:
        from followup.config import load_settings

        settings = load_settings()
    if local:
        from followup.app.places import check_database_place, usable_home

        usable_home(settings.home)
        check_database_place(settings.database_url, settings.sources.get("database_url"))
    return Context(settings=settings, owner_id=owner_id, clock=clock or SystemClock(), local=local)
