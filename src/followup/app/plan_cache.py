"""The plans of every application, kept between requests of a long-running front end (the
web app) until the data changes or the minute turns.

Planning every application is the cost of Today and the board (about 0.4 s for 500
applications). The plans depend on the data and on the time: they are kept while the
store's change probe (followup.store.changes) reports no write and the owner's clock is in
the same minute, so a status may lag the clock by under a minute, never the data. Where
the database cannot tell (PostgreSQL), nothing is kept.

With `background=True` (the web app), a turn of the minute alone does not make a request
wait: the kept plans are served while a thread plans again, and replace them when done (a
status may then lag by the time a planning takes). A write is always planned at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from followup.app.context import Context
    from followup.app.planning import PlannedApplication, Today
    from followup.store.changes import ChangeProbe

Key = tuple[int, "datetime"]  # the data's version, the minute


@dataclass(slots=True)
class Kept:
    """Every application's plan, and the Today view over them once asked for, as of `key`
    (None: made for one request, not kept)."""

    key: Key | None
    planned: tuple[PlannedApplication, ...]
    by_id: dict[int, PlannedApplication]
    today: Today | None = None


class PlanCache:
    def __init__(self, ctx: Context, *, background: bool = False) -> None:
        self.ctx = ctx
        self.background = background
        self._probe: ChangeProbe | None = None
        self._kept: Kept | None = None
        self._planning: threading.Thread | None = None

    def _current_key(self) -> Key | None:
        if self._probe is None:
            from followup.store.changes import ChangeProbe

            self._probe = ChangeProbe(self.ctx.settings.database_url)
            self.ctx._closers.append(self._probe.close)
        version = self._probe.version()
        if version is None:
            return None
        return version, self.ctx.now().replace(second=0, microsecond=0)

    def _plan(self, key: Key | None) -> Kept:
        from followup.app.planning import plan_applications

        planned = tuple(plan_applications(self.ctx))
        return Kept(key, planned, {p.history.application.id: p for p in planned})

    def kept(self, key: Key | None = None) -> Kept:
        """The plans to serve now (made afresh each time where the database cannot tell).
        `key`: the current key if just probed."""
        key = self._current_key() if key is None else key
        kept = self._kept
        if key is None:
            return self._plan(None)
        if kept is not None and kept.key == key:
            return kept
        if self.background and kept is not None and kept.key and kept.key[0] == key[0]:
            self._plan_later(key)  # only the minute turned
            return kept
        self._kept = self._plan(key)
        return self._kept

    def _plan_later(self, key: Key) -> None:
        if self._planning is not None and self._planning.is_alive():
            return

        def plan() -> None:
            from followup.app.planning import today

            fresh = self._plan(key)
            fresh.today = today(self.ctx, fresh.planned)
            kept = self._kept
            if kept is None or kept.key is None or (kept.key[0] == key[0] and kept.key < key):
                self._kept = fresh  # unless a write was planned meanwhile

        self._planning = threading.Thread(target=plan, name="followup-plans", daemon=True)
        self._planning.start()

    def settle(self) -> None:
        """Wait for a planning under way in the background (tests, shutdown)."""
        if self._planning is not None:
            self._planning.join()

    def key(self) -> Key | None:
        """The key of the plans served now (None: nothing is kept). What is made from them
        alone (a rendered page) may be kept under it too."""
        key = self._current_key()
        return None if key is None else self.kept(key).key

    def planned(self) -> list[PlannedApplication]:
        """Every application with its plan, as `plan_applications(ctx)` answers now."""
        return list(self.kept().planned)

    def one(self, app_id: int) -> PlannedApplication:
        """One application with its plan, as `plan_applications(ctx, app_id)` answers now
        (its NotFoundError for an id that names none)."""
        from followup.app.planning import plan_applications

        key = self._current_key()
        if key is not None:  # else planning one is cheaper than planning all
            found = self.kept(key).by_id.get(app_id)
            if found is not None:
                return found
        (planned,) = plan_applications(self.ctx, app_id)
        return planned

    def today(self) -> Today:
        """`planning.today(ctx)` over the kept plans (kept with them: the outbox's held
        messages are in the same database, so a change to them is a change too)."""
        from followup.app.planning import today

        kept = self.kept()
        if kept.today is None:
            kept.today = today(self.ctx, kept.planned)
        return kept.today
