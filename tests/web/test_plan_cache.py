"""The plans Today and the board show are kept between requests only while nothing was
written (by this process or another) and the minute has not turned."""

from __future__ import annotations

from datetime import timedelta

import pytest
from webtools import NOW, off_any_event_loop

from followup.app.applications import NewApplication, add_application
from followup.app.clock import FixedClock
from followup.app.context import Context
from followup.app.plan_cache import PlanCache
from followup.app.root import build_context
from followup.config import load_settings


def companies(cache: PlanCache) -> list[str]:
    return [p.history.application.company for p in cache.planned()]


def test_kept_until_another_process_writes_or_the_minute_turns(web_ctx: Context) -> None:
    add_application(web_ctx, NewApplication("Acme", "SRE"))
    web_ctx.store()
    cache = PlanCache(web_ctx)
    first = cache.planned()
    assert [p.history.application.company for p in first] == ["Acme"]
    assert cache.planned()[0] is first[0]  # kept: nothing changed
    # Another writer (the CLI in another process would be the same: its own connection).
    other = build_context(load_settings(), clock=FixedClock(NOW))
    add_application(other, NewApplication("Globex", "SRE"))
    other.close()
    assert companies(cache) == ["Acme", "Globex"]
    # This process's own writes too.
    add_application(web_ctx, NewApplication("Initech", "SRE"))
    kept = cache.planned()
    assert [p.history.application.company for p in kept] == ["Acme", "Globex", "Initech"]
    web_ctx.with_clock(FixedClock(NOW + timedelta(seconds=30)))
    assert cache.planned()[0] is kept[0]  # the same minute
    web_ctx.with_clock(FixedClock(NOW + timedelta(minutes=1)))
    assert cache.planned()[0] is not kept[0]  # planned again


@pytest.mark.postgres
def test_nothing_is_kept_where_the_database_cannot_tell(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("postgres_cluster").new_database()
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", url)
    ctx = build_context(load_settings(), clock=FixedClock(NOW))
    try:
        add_application(ctx, NewApplication("Acme", "SRE"))
        cache = PlanCache(ctx)
        first = cache.planned()
        assert cache.planned()[0] is not first[0]
    finally:
        ctx.close()


def test_a_write_plans_again_only_the_applications_it_touched(web_ctx: Context) -> None:
    from followup.app.applications import ApplicationChanges, update_application
    from followup.app.changes import Deletion, delete_record, undo_last
    from followup.app.planning import plan_applications
    from followup.app.preferences import PreferenceChanges, set_preferences

    ids = [add_application(web_ctx, NewApplication(f"Co {n}", "SRE")).id for n in range(4)]
    web_ctx.store()
    cache = PlanCache(web_ctx)
    first = {p.history.application.id: p for p in cache.planned()}

    update_application(web_ctx, ApplicationChanges(ids[1], {"role": "Staff SRE"}))
    after = {p.history.application.id: p for p in cache.planned()}
    assert [i for i in ids if after[i] is not first[i]] == [ids[1]]
    assert after[ids[1]].history.application.role == "Staff SRE"

    other = build_context(load_settings(), clock=FixedClock(NOW))  # another process
    update_application(other, ApplicationChanges(ids[2], {"role": "Lead SRE"}))
    delete_record(other, Deletion("application", ids[3]))
    other.close()
    again = {p.history.application.id: p for p in cache.planned()}
    assert sorted(again) == ids[:3]
    assert [i for i in ids[:3] if again[i] is not after[i]] == [ids[2]]
    fresh = plan_applications(web_ctx)
    assert [(p.history, p.plan) for p in cache.planned()] == [(p.history, p.plan) for p in fresh]

    undo_last(web_ctx)  # an undo marks an older change: every plan is made again
    undone = {p.history.application.id: p for p in cache.planned()}
    assert sorted(undone) == ids and all(undone[i] is not again.get(i) for i in ids)
    set_preferences(web_ctx, PreferenceChanges(user_country="DE"))  # a setting: every plan too
    assert all(p is not undone[p.history.application.id] for p in cache.planned())


def test_on_an_event_loop_the_minute_is_planned_a_chunk_at_a_time(web_ctx: Context) -> None:
    import asyncio

    from followup.app.plan_cache import CHUNK

    for n in range(2 * CHUNK + 5):
        add_application(web_ctx, NewApplication(f"Co {n}", "SRE"))
    web_ctx.store()
    cache = PlanCache(web_ctx, background=True)
    kept = cache.planned()
    web_ctx.with_clock(FixedClock(NOW + timedelta(minutes=1)))

    async def requests_until_planned() -> int:
        served = 0
        while cache.planned()[0] is kept[0]:  # the kept plans, while the new ones are made
            served += 1
            await asyncio.sleep(0)
        return served

    served = off_any_event_loop(lambda: asyncio.run(requests_until_planned()))
    assert served >= 3  # served between the three chunks
    assert [p.history for p in cache.planned()] == [p.history for p in kept]
