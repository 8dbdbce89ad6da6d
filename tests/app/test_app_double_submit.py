"""A planned action recorded twice is one touch (a double submit, a retried request, `done`
after `send`), at the store level: one writer after another, and four writers at once, each
on its own engine, as threads and as processes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from builder import FIXED_NOW, TOUCH_ACTION, Search, SearchBuilder
from sqlalchemy import func, select

from followup.domain.model import Channel, Direction, TouchKind
from followup.store import open_store
from followup.store.engine import create_store_engine
from followup.store.owners import create_owner
from followup.store.store import Store
from followup.store.tables import touches
from followup.store.uow import UnitOfWork

SRC = Path(__file__).resolve().parents[2] / "src"
ACTION = "i1-status-check-lee"
WRITERS = 4
ROUNDS = 3


def touches_of(store: Store, app_id: int, action_id: str) -> int:
    """How many rows of the touches table claim the action (plain SQL, every owner)."""
    with store.engine.connect() as connection:
        return int(
            connection.execute(
                select(func.count())
                .select_from(touches)
                .where(touches.c.app_id == app_id, touches.c.action_id == action_id)
            ).scalar_one()
        )


def record(uow: UnitOfWork, app_id: int, action_id: str, summary: str, minutes: int = 0) -> int:
    touch = uow.touches.add(
        app_id,
        FIXED_NOW + timedelta(minutes=minutes),
        Channel.EMAIL,
        Direction.OUT,
        kind=TouchKind.STATUS_CHECK,
        action_id=action_id,
        summary=summary,
    )
    return touch.id


def test_recording_an_action_twice_returns_the_first_touch(database_url: str) -> None:
    store = open_store(database_url)
    a = SearchBuilder(store).build()
    with store.uow() as uow:
        first = uow.touches.add(
            a.app_id,
            FIXED_NOW,
            Channel.EMAIL,
            Direction.OUT,
            kind=TouchKind.STATUS_CHECK,
            person_id=a.lee_id,
            action_id=ACTION,
            summary="asked Lee for news",
        )
    with store.uow() as uow:  # the double submit, a minute later, with other words
        again = record(uow, a.app_id, ACTION, "asked again", minutes=1)
        in_the_same_unit = record(uow, a.app_id, ACTION, "and again", minutes=2)
    assert again == in_the_same_unit == first.id
    history = store.history(a.app_id)
    assert [t for t in history.touches if t.action_id == ACTION] == [first]  # the first words
    assert len(history.touches) == 2  # the builder's thank-you, and this one
    assert touches_of(store, a.app_id, ACTION) == 1

    # The same action id elsewhere is another action: another application, another owner.
    with store.uow() as uow:
        other_app = uow.applications.add("Initech", "SRE", created_at=FIXED_NOW).id
        assert record(uow, other_app, ACTION, "elsewhere") != first.id
    owner_b = store.as_owner(create_owner(store.engine, "B", FIXED_NOW).id)
    b = SearchBuilder(owner_b, company="Globex").build()
    with owner_b.uow() as uow:
        assert record(uow, b.app_id, ACTION, "B's own") not in (first.id, again)
    assert touches_of(store, a.app_id, ACTION) == 1
    store.close()


def _search(database_url: str) -> tuple[Store, Search]:
    store = open_store(database_url)
    return store, SearchBuilder(store).build()


def _threads(url: str, owner_id: int, app_id: int, actions: list[str]) -> list[list[int]]:
    """Each writer (a thread with its own engine) records each action; all start together."""
    ids: list[list[int]] = [[] for _ in actions]
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        engine = create_store_engine(url)
        try:
            with engine.connect():
                pass  # connected before the race starts
            for round_, action in enumerate(actions):
                start.wait(timeout=60)
                with UnitOfWork(engine, owner_id) as uow:
                    ids[round_].append(record(uow, app_id, action, f"writer {n}"))
        except BaseException as error:
            errors.append(error)
            start.abort()
        finally:
            engine.dispose()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return ids


WRITER_PROCESS = """
import sys
from datetime import datetime

from followup.domain.model import Channel, Direction, TouchKind
from followup.store.engine import create_store_engine
from followup.store.uow import UnitOfWork

url, owner_id, app_id, at, *actions = sys.argv[1:]
engine = create_store_engine(url)
with engine.connect():
    pass  # connected before the race starts
for action in actions:
    print("ready", flush=True)
    sys.stdin.readline()  # "go"
    with UnitOfWork(engine, int(owner_id)) as uow:
        touch = uow.touches.add(
            int(app_id), datetime.fromisoformat(at), Channel.EMAIL, Direction.OUT,
            kind=TouchKind.STATUS_CHECK, action_id=action, summary="a process",
        )
    print(touch.id, flush=True)
engine.dispose()
"""


def _processes(url: str, owner_id: int, app_id: int, actions: list[str]) -> list[list[int]]:
    """Each writer (a process with its own engine) records each action; a round starts
    when every writer is ready for it."""
    command = [sys.executable, "-c", WRITER_PROCESS, url, str(owner_id), str(app_id)]
    command += [FIXED_NOW.isoformat(), *actions]
    env = {"PYTHONPATH": str(SRC), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    writers = [
        subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(WRITERS)
    ]
    ids: list[list[int]] = []
    try:
        for _action in actions:
            for w in writers:
                assert w.stdout is not None
                line = w.stdout.readline()
                assert line == "ready\n", (line, w.stderr.read() if w.stderr else "")
            for w in writers:  # as close together as a parent can
                assert w.stdin is not None
                w.stdin.write("go\n")
                w.stdin.flush()
            ids.append([int(w.stdout.readline()) for w in writers if w.stdout is not None])
    finally:
        for w in writers:
            _out, err = w.communicate(timeout=120)
            assert w.returncode == 0, err
    return ids


@pytest.mark.parametrize("run", [_threads, _processes], ids=["threads", "processes"])
def test_concurrent_double_submits_record_one_touch(
    database_url: str, run: Callable[[str, int, int, list[str]], list[list[int]]]
) -> None:
    store, a = _search(database_url)
    actions = [f"{ACTION}-{n}" for n in range(ROUNDS)]
    ids = run(database_url, a.owner_id, a.app_id, actions)
    for action, round_ids in zip(actions, ids, strict=True):
        assert len(round_ids) == WRITERS
        assert len(set(round_ids)) == 1, f"{action}: writers got different touches {round_ids}"
        assert touches_of(store, a.app_id, action) == 1
    history = store.history(a.app_id)
    assert sorted(t.action_id or "" for t in history.touches) == sorted([*actions, TOUCH_ACTION])
    store.close()
