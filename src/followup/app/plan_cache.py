"""The plans of every application, kept between requests of a long-running front end (the
web app) until the data changes or the minute turns.

Planning every application is the cost of Today and the board (about 0.4 s for 500
applications). The plans depend on the data and on the time: they are kept while the
store's change probe (followup.store.changes) reports no write and the owner's clock is in
the same minute, so a status may lag the clock by under a minute, never the data. Where
the database cannot tell (PostgreSQL), nothing is kept.

A write is planned at once, but only the applications it touched: every write plans its
applications again and stores their schedule with a new stamp (followup.store.schedule), so
those whose stamp changed are the ones to plan; a setting written, or a change undone (the
change log says), plans every application.

With `background=True` (the web app), a turn of the minute does not make a request wait:
the kept plans are served while every application is planned again in the background, with
the views made from them (Today, the statistics: `view`), and replace them when done (a
status may then lag by the time a planning takes). A write that plans nothing again (a
restore) is seen at the next turn of the minute.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime

    from followup.app.context import Context
    from followup.app.planning import PlannedApplication, Today
    from followup.store.changelog import Since
    from followup.store.changes import ChangeProbe
    from followup.store.uow import UnitOfWork

Key = tuple[int, "datetime"]  # the data's version, the minute
CHUNK = 5  # applications planned at a turn of the minute between two requests (~5 ms)
Planned = tuple["PlannedApplication", ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """Where the data stood as plans were made: the change log, and each application's
    schedule stamp."""

    log: Since
    stamps: dict[int, int]

    @staticmethod
    def read(uow: UnitOfWork, change_id: int | None = None) -> Mark:
        return Mark(uow.changes.since(change_id), uow.schedule.stamps())

    def touched_since(self, earlier: Mark) -> set[int] | None:
        """The applications written to since `earlier` (None: every plan may have changed)."""
        if self.log.settings or self.log.undone != earlier.log.undone:
            return None
        ids = self.stamps.keys() | earlier.stamps.keys()
        return {i for i in ids if self.stamps.get(i) != earlier.stamps.get(i)}


@dataclass(slots=True)
class Kept:
    """Every application's plan as of `key` (None: made for one request, not kept), where
    the data stood as they were made (`mark`), and the views made from them (Today, the
    statistics) once asked for."""

    key: Key | None
    planned: Planned
    by_id: dict[int, PlannedApplication]
    mark: Mark | None = None
    views: dict[str, Any] = field(default_factory=dict)


def _kept(key: Key | None, planned: Planned, mark: Mark | None) -> Kept:
    return Kept(key, planned, {p.history.application.id: p for p in planned}, mark)


def _run(steps: Iterator[None]) -> None:
    for _ in steps:
        pass


async def _drive(steps: Iterator[None]) -> None:
    """Run `steps` on the event loop, letting requests in between two steps."""
    import asyncio
    import logging

    try:
        for _ in steps:
            await asyncio.sleep(0)
    except Exception as exc:  # the next turn of the minute tries again; requests go on
        logging.getLogger(__name__).error("planning for the minute failed: %r", exc)


class PlanCache:
    def __init__(self, ctx: Context, *, background: bool = False) -> None:
        self.ctx = ctx
        self.background = background
        self._probe: ChangeProbe | None = None
        self._kept: Kept | None = None
        self._planning: Callable[[], bool] | None = None  # whether one is under way
        self._threads: list[threading.Thread] = []
        # the views asked for so far, by name: made again with the plans in the background
        self._makers: dict[str, Callable[[Planned], Any]] = {}

    def _current_key(self) -> Key | None:
        if self._probe is None:
            from followup.store.changes import ChangeProbe

            self._probe = ChangeProbe(self.ctx.settings.database_url)
            self.ctx._closers.append(self._probe.close)
        version = self._probe.version()
        if version is None:
            return None
        return version, self.ctx.now().replace(second=0, microsecond=0)

    def _mark(self, change_id: int | None = None) -> Mark:
        with self.ctx.uow(write=False) as uow:
            return Mark.read(uow, change_id)

    def _plan(self, key: Key | None) -> Kept:
        from followup.app.planning import plan_applications

        # The mark first: a write while planning is found after it, and planned again.
        mark = None if key is None else self._mark()
        return _kept(key, tuple(plan_applications(self.ctx)), mark)

    def _patched(self, kept: Kept, key: Key) -> Kept | None:
        """The kept plans with only the applications written to since planned again (None:
        a setting was written or a change undone, which any plan may depend on). Kept under
        the plans' minute: a turn of the minute is planned as such (in the background)."""
        from followup.app.planning import plan_histories

        if kept.mark is None or kept.key is None:
            return None
        mark = self._mark(kept.mark.log.last_id)
        touched = mark.touched_since(kept.mark)
        if touched is None:
            return None
        by_id = {i: p for i, p in kept.by_id.items() if i not in touched}
        histories = self.ctx.reader().histories(sorted(touched))
        by_id.update((p.history.application.id, p) for p in plan_histories(self.ctx, histories))
        planned = tuple(by_id[i] for i in sorted(by_id))
        return Kept((key[0], kept.key[1]), planned, by_id, mark)

    def kept(self, key: Key | None = None) -> Kept:
        """The plans to serve now (made afresh each time where the database cannot tell).
        `key`: the current key if just probed."""
        key = self._current_key() if key is None else key
        kept = self._kept
        if key is None:
            return self._plan(None)
        if kept is not None and kept.key is not None and kept.key[0] != key[0]:
            kept = self._kept = self._patched(kept, key)  # a write: what it touched
        if kept is not None and kept.key == key:
            return kept
        if self.background and kept is not None and kept.key and kept.key[0] == key[0]:
            self._plan_later(key)  # only the minute turned
            return kept
        self._kept = self._plan(key)
        return self._kept

    def _plan_later(self, key: Key) -> None:
        """Plan every application again for the new minute, in the background: on the
        event loop a chunk at a time where one runs here (the web app: a thread would
        take turns with the loop for the interpreter's lock, and each request would wait
        out the thread's turns), else on a thread."""
        import asyncio

        if self._planning is not None and self._planning():
            return
        steps = self._planning_steps(key)
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            task = loop.create_task(_drive(steps))
            self._planning = lambda: not task.done()
            return
        thread = threading.Thread(target=_run, args=(steps,), name="followup-plans", daemon=True)
        self._threads.append(thread)
        self._planning = thread.is_alive
        thread.start()

    def _planning_steps(self, key: Key) -> Iterator[None]:
        """The kept histories planned again (only the minute turned: they still hold), a
        chunk at a time, then the views asked for so far; swapped in unless a write was
        planned meanwhile."""
        from followup.app.planning import plan_histories

        kept = self._kept
        assert kept is not None
        histories = [p.history for p in kept.planned]
        planned: list[PlannedApplication] = []
        for start in range(0, len(histories), CHUNK):
            planned.extend(plan_histories(self.ctx, histories[start : start + CHUNK]))
            yield
        fresh = _kept(key, tuple(planned), kept.mark)
        for name, make in list(self._makers.items()):
            fresh.views[name] = make(fresh.planned)
            yield
        if self._kept is kept:
            self._kept = fresh

    def settle(self) -> None:
        """Wait for a planning under way on a thread (tests, shutdown)."""
        for thread in self._threads:
            thread.join()

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

    def view(self, name: str, make: Callable[[Planned], Any]) -> Any:
        """`make(plans)` over the kept plans, kept with them; made again with them when the
        minute turns, in the background, so a request never waits for it then."""
        self._makers.setdefault(name, make)
        kept = self.kept()
        if name not in kept.views:
            kept.views[name] = make(kept.planned)
        return kept.views[name]

    def today(self) -> Today:
        """`planning.today(ctx)` over the kept plans (kept with them: the outbox's held
        messages are in the same database, so a change to them is a change too)."""
        from followup.app.planning import today

        found: Today = self.view("today", lambda planned: today(self.ctx, planned))
        return found
