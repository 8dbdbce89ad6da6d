"""Every draft for the demo job search (`followup demo`) passes the linter."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from drafts_data import PROFILE

from followup.app.clock import FixedClock
from followup.app.demo import create_demo
from followup.app.planning import plan_applications
from followup.app.root import build_context
from followup.config import load_settings
from followup.domain.model import ActionKind
from followup.drafts.checking import error_messages, lint_draft, lint_drafts_as_panel
from followup.drafts.render import render_draft
from followup.drafts.templates import DraftTemplates
from followup.drafts.workflow import panel_siblings

NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    "now", [datetime(2026, 3, 16, 10, tzinfo=NY), datetime(2026, 11, 27, 9, tzinfo=NY)], ids=str
)
def test_demo_drafts_pass_the_linter(now: datetime, tmp_path: Path) -> None:
    settings = load_settings(
        {"FOLLOWUP_HOME": str(tmp_path), "FOLLOWUP_USER_TZ": "America/New_York"}
    )
    ctx = build_context(settings, clock=FixedClock(now))
    create_demo(ctx)
    templates = DraftTemplates(tmp_path / "templates")
    kinds: set[ActionKind] = set()
    panels = 0
    planned = plan_applications(ctx)
    ctx.close()
    for item in planned:
        for act in item.plan.actions:
            draft = render_draft(act, item.history, PROFILE, templates)
            assert draft.complete, (act.id, draft.missing)
            assert error_messages(lint_draft(draft, item.history, PROFILE)) == [], draft.text()
            kinds.add(act.kind)
            siblings = panel_siblings(item.plan.actions, act, item.history)
            if siblings:
                panels += 1
                drafts = [render_draft(a, item.history, PROFILE, templates) for a in siblings]
                assert len({d.body for d in drafts}) == len(drafts)
                per_draft = lint_drafts_as_panel(drafts, item.history, PROFILE)
                assert [error_messages(f) for f in per_draft] == [[]] * len(drafts)
    assert ActionKind.THANK_YOU in kinds
    assert panels >= 3  # the demo's panel interview: one thank-you per interviewer
