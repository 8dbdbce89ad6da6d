"""Fixtures for the draft tests: templates, and a real store in a temporary home."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup.domain.model import InterviewKind, PersonRole
from followup.drafts.templates import DraftTemplates
from followup.store import open_store

NY = ZoneInfo("America/New_York")


@pytest.fixture
def user_templates(tmp_path: Path) -> Path:
    path = tmp_path / "templates"
    path.mkdir()
    return path


@pytest.fixture
def templates(user_templates: Path) -> DraftTemplates:
    return DraftTemplates(user_templates)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)  # private, as followup keeps it (no warning to tighten it)
    home.chmod(0o700)
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL", raising=False)
    monkeypatch.setenv("FOLLOWUP_USER_TZ", "America/New_York")
    monkeypatch.setenv("FOLLOWUP_USER_COUNTRY", "US")
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    return home


@pytest.fixture
def acme(home: Path) -> Iterator[dict[str, int]]:
    """Scenario A plus a panel at another company, stored for real."""
    with open_store(f"sqlite:///{home / 'followup.db'}") as store:
        app = store.add_application(
            "Acme", "Data Engineer", created_at=datetime(2026, 2, 1, tzinfo=NY),
            country="US", tz="America/New_York",
        )  # fmt: skip
        dana = store.add_person(app.id, "Dana Chen", email="dana@acme.com", phone="+1 555 0111")
        lee = store.add_person(
            app.id, "Lee Park", email="lee@acme.com", role=PersonRole.HIRING_MANAGER
        )
        kim = store.add_person(app.id, "Kim Ode", title="Team Lead")
        store.add_interview(
            app.id, datetime(2026, 3, 3, 10, tzinfo=NY), InterviewKind.ON_SITE,
            end=datetime(2026, 3, 3, 11, tzinfo=NY), person_ids=(dana.id, lee.id, kim.id),
            notes={dana.id: "the migration of their batch jobs to streaming"},
            decision_by=date(2026, 3, 13),
        )  # fmt: skip
        yield {"app": app.id, "dana": dana.id, "lee": lee.id, "kim": kim.id}
