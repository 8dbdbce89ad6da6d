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

    def _current_key(self) -> tuple[int, datetime] | None:
        if self._probe is None:
            from followup.store.changes import ChangeProbe

            self._probe = ChangeProbe(self.ctx.settings.database_url)
            self.ctx._closers.append(self._probe.close)
        version = self._probe.version()
        if version is None:
            return None
        return version, self.ctx.now().replace(second=0, microsecond=0)

    def planned(self) -> list[PlannedApplication]:
        """Every application with its plan, as `plan_applications(ctx)` answers now."""
        from followup.app.planning import plan_applications

        key = self._current_key()
        if key is None or key != self._key:
            self._planned = plan_applications(self.ctx)
            self._key = key
        return list(self._planned)

    def today(self) -> Today:
        """`planning.today(ctx)` over the kept plans."""
        from followup.app.planning import today

        return today(self.ctx, self.planned())
