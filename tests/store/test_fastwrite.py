"""The everyday writes on the standard sqlite3 module (followup.store.fastwrite) leave the
database exactly as the SQLAlchemy store does: after each write and after its undo.

Each case copies one demo database twice, runs the same use case at the same moment in
both copies (one through the sqlite3 unit of work, one with the store opened first, which
makes the context use the store's unit of work) and compares every row of every table. Only
public ids differ (they are random): each is checked to be there and unique, then left out.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from followup.app.applications import NewApplication, add_application
from followup.app.changes import undo_last
from followup.app.clock import FixedClock
from followup.app.context import Context
from followup.app.demo import create_demo
from followup.app.planning import plan_applications
from followup.app.root import build_context
from followup.app.touches import DoneInput, NewTouch, add_touch, record_done
from followup.config import load_settings
from followup.domain.model import Channel, Direction, TouchKind
from followup.errors import UserError

NOW = datetime(2026, 6, 3, 13, 30, tzinfo=UTC)  # a Wednesday
LATER = NOW + timedelta(minutes=5)  # when the writes are made (and undone)
Write = Callable[[Context], object]


def _settings(home: Path) -> Any:
    return load_settings({"FOLLOWUP_HOME": str(home), "FOLLOWUP_USER_TZ": "Europe/Berlin"})


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data home holding the demo search, made at NOW."""
    home = tmp_path_factory.mktemp("demo")
    ctx = build_context(_settings(home), clock=FixedClock(NOW))
    create_demo(ctx)
    ctx.close()
    return home


def _due(home: Path, wanted: Callable[[Any], bool]) -> str:
    """The id of an action of the demo's plan at LATER that `wanted` picks."""
    ctx = build_context(_settings(home), clock=FixedClock(LATER))
    try:
        actions = [a for p in plan_applications(ctx) for a in p.plan.actions if a.earliest <= LATER]
    finally:
        ctx.close()
    return next(a.id for a in actions if wanted(a))


def _dump(home: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (and the schema), public ids and schedule stamps left out
    once checked."""
    connection = sqlite3.connect(home / "followup.db")
    try:
        listed = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        tables = [r[0] for r in connection.execute(listed)]
        found: dict[str, list[tuple[Any, ...]]] = {
            "schema": connection.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()
        }
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            if "public_id" in names:
                at = names.index("public_id")
                ids = [r[at] for r in rows]
                assert all(isinstance(i, str) and len(i) >= 16 for i in ids), table
                assert len(set(ids)) == len(ids), table
                rows = [r[:at] + r[at + 1 :] for r in rows]
            if table == "app_schedule":  # a random stamp, new at every plan
                at = names.index("stamp")
                assert all(isinstance(r[at], int) for r in rows)
                rows = [r[:at] + r[at + 1 :] for r in rows]
            if table == "change_rows":  # the rows' images hold their public ids too
                rows = [(*r[:-2], _image(r[-2]), _image(r[-1])) for r in rows]
            found[table] = rows
    finally:
        connection.close()
    return found


def _image(text: str | None) -> dict[str, Any] | None:
    image = None if text is None else json.loads(text)
    if image is not None and "public_id" in image:
        assert len(image.pop("public_id")) >= 16
    return image


def _both(demo: Path, tmp_path: Path, write: Write) -> tuple[Path, Path]:
    """Run `write` in two copies of the demo: through the sqlite3 unit, then the store's."""
    homes = []
    for name, through_store in (("fast", False), ("store", True)):
        home = tmp_path / name
        shutil.copytree(demo, home)
        ctx = build_context(_settings(home), clock=FixedClock(LATER))
        if through_store:
            ctx.store()
        try:
            write(ctx)
            assert ctx.last_change is not None
            opened = ctx._store is not None
            assert opened == through_store, "the write did not take the expected path"
        finally:
            ctx.close()
        homes.append(home)
    return homes[0], homes[1]


def _undo(home: Path) -> None:
    ctx = build_context(_settings(home), clock=FixedClock(LATER + timedelta(minutes=1)))
    try:
        undo_last(ctx)
    finally:
        ctx.close()


def _app_add(ctx: Context) -> object:
    details = {
        "applied_on": date(2026, 6, 1),
        "job_url": "https://jobs.example/hooli/sre",
        "tags": ["remote", "infra"],
        "salary_min": 90000,
        "salary_max": 120000,
        "salary_currency": "EUR",
        "salary_period": "year",
        "work_mode": "remote",
    }
    data = NewApplication(
        " Hooli ", "SRE", country="DE", tz="Europe/Berlin", notes="via a friend", details=details
    )
    return add_application(ctx, data)


def _touch_add(ctx: Context) -> object:
    data = NewTouch(
        1,
        at=datetime(2026, 6, 3, 11, 0),  # naive: the user's zone
        channel=Channel.EMAIL,
        direction=Direction.IN,
        kind=TouchKind.REPLY,
        person_id=1,
        decision_by=date(2026, 6, 12),
        summary="They will decide next week.",
    )
    return add_touch(ctx, data)


def _done(kind: str) -> Write:
    def write(ctx: Context) -> object:
        action = _due(ctx.settings.home, lambda a: a.kind.value == kind)
        return record_done(ctx, DoneInput(action))

    return write


WRITES: dict[str, Write] = {
    "app add": _app_add,
    "touch add": _touch_add,
    "done thank-you": _done("thank-you"),
    "done estimate-request": _done("estimate-request"),
}


@pytest.mark.parametrize("name", WRITES)
def test_both_units_leave_the_same_database(demo: Path, tmp_path: Path, name: str) -> None:
    before = _dump(demo)
    fast, store = _both(demo, tmp_path, WRITES[name])
    after = _dump(fast)
    assert after == _dump(store)
    assert after != before
    assert len(after["change_rows"]) > len(before["change_rows"])
    _undo(fast)
    _undo(store)
    undone = _dump(fast)
    assert undone == _dump(store)
    for table in ("applications", "people", "interviews", "touches", "skips"):
        assert undone[table] == before[table]


def test_a_refused_write_leaves_nothing(demo: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(demo, home)
    before = _dump(home)
    ctx = build_context(_settings(home), clock=FixedClock(LATER))
    with pytest.raises(UserError) as refused:
        add_touch(ctx, NewTouch(1, LATER, Channel.EMAIL, Direction.OUT, person_id=99))
    assert refused.value.code == "person.not-found"
    with pytest.raises(UserError) as refused:
        add_application(ctx, NewApplication("acme", "data engineer "))
    assert refused.value.code == "application.duplicate"
    assert ctx._store is None
    ctx.close()
    assert _dump(home) == before


def test_the_everyday_writes_import_no_sqlalchemy(
    demo: Path, tmp_path: Path, fresh_python: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    shutil.copytree(demo, home)
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code = (
        "import sys; from followup.cli.main import cli; "
        "code = cli.main(['touch', 'add', '--app', '1', '--channel', 'phone', "
        "'--direction', 'in', '--at', '2026-06-02T10:00'], standalone_mode=False); "
        "print(code, 'sqlalchemy' in sys.modules)"
    )
    fresh_python(code)  # the first run compiles the statements and keeps them
    assert fresh_python(code).strip().splitlines()[-1] == "0 False"
