"""The plans of every application, kept between requests of a long-running front end (the
web app) until the data changes or the minute turns.

Planning every application is the cost of Today and the board (about 0.4 s for 500
applications). The plans depend on the data and on the time: they are kept while the
store's change probe (followup.store.changes) reports no write and the owner's clock is in
the same minute, so a status may lag the clock by under a minute, never the data. Where
the database cannot tell (PostgreSQL), nothing is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from followup.app.context import Context
    from followup.app.planning import PlannedApplication, Today
    from followup.store.changes import ChangeProbe


class PlanCache:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._probe: ChangeProbe | None = None
        self._key: tuple[int, datetime] | None = None
        self._planned: list[PlannedApplication] = []
        self._by_id: dict[int, PlannedApplication] = {}
        self._today: Today | None = None

    def _current_key(self) -> tuple[int, datetime] | None:
        if self._probe is None:
            from followup.store.changes import ChangeProbe

            self._probe = ChangeProbe(self.ctx.settings.database_url)
            self.ctx._closers.append(self._probe.close)
        version = self._probe.version()
        if version is None:
            return None
        return version, self.ctx.now().replace(second=0, microsecond=0)

    def _fresh(self, key: tuple[int, datetime] | None) -> bool:
        """Plan again unless `key` (the data's version and the minute) is the kept plans';
        True if they hold."""
        from followup.app.planning import plan_applications

        if key is not None and key == self._key:
            return True
        self._planned = plan_applications(self.ctx)
        self._by_id = {p.history.application.id: p for p in self._planned}
        self._today = None
        self._key = key
        return False

    def planned(self) -> list[PlannedApplication]:
        """Every application with its plan, as `plan_applications(ctx)` answers now."""
        self._fresh(self._current_key())
        return list(self._planned)

    def one(self, app_id: int) -> PlannedApplication:
        """One application with its plan, as `plan_applications(ctx, app_id)` answers now
        (its NotFoundError for an id that names none)."""
        from followup.app.planning import plan_applications

        key = self._current_key()
        if key is not None:  # else planning one is cheaper than planning all
            self._fresh(key)
            found = self._by_id.get(app_id)
            if found is not None:
                return found
        (planned,) = plan_applications(self.ctx, app_id)
        return planned

    def today(self) -> Today:
        """`planning.today(ctx)` over the kept plans (itself kept with them: the outbox's
        held messages are in the same database, so a change to them is a change too)."""
        from followup.app.planning import today

        if not self._fresh(self._current_key()) or self._today is None:
            self._today = today(self.ctx, self._planned)
        return self._today
