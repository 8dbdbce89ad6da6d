"""Backup and restore on SQLite and PostgreSQL: every table of the owner comes back as it
was (the reminders' and the questions' too), the plan is the same, and new rows written
after a restore get new ids (PostgreSQL's sequences are moved past the restored ones)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from followup.app.applications import NewApplication, add_application
from followup.app.clock import FixedClock
from followup.app.context import Context
from followup.app.planning import plan_applications, plan_record
from followup.app.reminders import QuestionInput, save_question
from followup.app.root import build_context
from followup.app.sample import generate_search
from followup.app.transfer import backup, backup_bytes, restore
from followup.config import load_settings
from followup.store.reminder_repos import ReminderKey

NOW = datetime(2026, 3, 18, 12, tzinfo=UTC)


def _context(url: str, home: Path) -> Context:
    home.mkdir(mode=0o700, exist_ok=True)
    settings = load_settings(
        {"FOLLOWUP_HOME": str(home), "FOLLOWUP_DATABASE_URL": url, "FOLLOWUP_USER_TZ": "UTC"}
    )
    return build_context(settings, clock=FixedClock(NOW))


def _second_database(request: pytest.FixtureRequest, url: str, tmp_path: Path) -> str:
    if url.startswith("sqlite"):
        (tmp_path / "restored").mkdir()  # a folder of its own: no look-alike database beside it
        return f"sqlite:///{tmp_path / 'restored' / 'followup.db'}"
    cluster = request.getfixturevalue("postgres_cluster")
    return str(cluster.new_database())


def test_every_table_comes_back_and_plans_the_same(
    request: pytest.FixtureRequest, database_url: str, tmp_path: Path
) -> None:
    source = _context(database_url, tmp_path / "a")
    generate_search(source, 40)
    save_question(source, QuestionInput(1, "Who would I work with day to day?"))
    with source.uow() as uow:
        key = ReminderKey(date(2026, 3, 18), "phone")
        assert uow.reminders.claim(
            key, "followup: 3 follow-ups", now=NOW, lease=timedelta(minutes=2), max_attempts=5
        )
        uow.reminders.mark(key, "sent", NOW)
    original = backup(source)
    plan = plan_record(plan_applications(source), source.playbook)
    data = backup_bytes(source)
    source.close()

    target = _context(_second_database(request, database_url, tmp_path), tmp_path / "b")
    restored = restore(target, data)
    assert restored.rows["applications"] == 40
    assert restored.rows["reminder_sends"] == 1 and restored.rows["interview_questions"] == 1
    assert backup(target)["tables"] == original["tables"]
    assert plan_record(plan_applications(target), target.playbook) == plan
    added = add_application(target, NewApplication("Tyrell", "Replicant Wrangler"))
    assert added.id == 41
    target.close()
