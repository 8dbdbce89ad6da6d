"""The demo search tells the same story whatever day it is run."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cli_support import DEMO_STAGES

from followup.app.clock import FixedClock
from followup.app.demo import create_demo
from followup.app.planning import plan_applications, today_groups
from followup.app.root import build_context
from followup.config import load_settings

MONDAY = datetime(2026, 6, 1, 7, 30, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize("hours", [0, 12.5], ids=["morning", "evening"])
@pytest.mark.parametrize(
    "days", range(7), ids=lambda d: (MONDAY + timedelta(days=d)).strftime("%a")
)
def test_the_demo_on_every_day_of_the_week(tmp_path: Path, days: int, hours: float) -> None:
    now = MONDAY + timedelta(days=days, hours=hours)
    settings = load_settings({"FOLLOWUP_HOME": str(tmp_path), "FOLLOWUP_USER_TZ": "UTC"})
    ctx = build_context(settings, clock=FixedClock(now))
    create_demo(ctx)
    ctx.close()  # planned again through the fast reader, as `followup today` does
    planned = plan_applications(ctx)
    ctx.close()
    assert {p.history.application.company: p.plan.stage.value for p in planned} == DEMO_STAGES
    for p in planned:
        history = p.history
        moments = [i.start for i in history.interviews if i.start <= now]
        moments += [t.at for t in history.touches]
        assert all(m <= now for m in moments)
        assert all(t.at >= history.interviews[0].start for t in history.touches)
    due = {
        g.history.application.company: [a.kind.value for a in g.actions]
        for g in today_groups(planned, now, "UTC")
    }
    assert {"Acme", "Globex", "Umbrella"} <= due.keys()
    assert due["Globex"] == ["thank-you"] * 3
