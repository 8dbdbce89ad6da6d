"""Owner isolation at the store level, generated from the code: every public method of every
repository, every one-call method of `Store` and every method of the fast sqlite3 reader is
run as owner B with owner A's ids and natural keys. B finds nothing of A's, and nothing of
A's changes (a snapshot of every row A owns, and of what A's repositories return, is the same
before and after). A method added without a probe here fails `test_every_..._has_a_probe`.

Each probe says what B must get: `expect(b)` where b is B's own search (the twin variant) or
None (B has no data). `test_each_probe_notices_a_broken_scope` breaks the scope on purpose
and checks that every probe notices, so none of them passes vacuously.

`claim_due`, the one statement that crosses owners by design, is tested at the end.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import pkgutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from app_databases import TwoOwnerCopies
from builder import (
    ACCOUNT,
    ALERT_KEY,
    ALERT_PERIOD,
    ALERT_SOURCE,
    DANA_EMAIL,
    DUE_ACTION,
    FIXED_NOW,
    FOLDER,
    ICAL_UID,
    NEXT_DUE,
    OUTBOX_ACTION,
    OUTBOX_KEY,
    OUTBOX_LEASE_EXPIRED,
    OUTBOX_STATE,
    PROFILE_KEY,
    QUARANTINE_MESSAGE_ID,
    REMINDER_LEASE,
    REMINDER_SENDING,
    REMINDER_SENT,
    REVIEW_MESSAGE_ID,
    SEEN_MESSAGE_IDS,
    SKIP_ACTION,
    TOUCH_ACTION,
    TOUCH_MESSAGE_ID,
    Search,
    TwoOwners,
    ask_about_a_reply,
    outbox_values,
    owned_rows,
    settings_for,
)
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

import followup.store
from followup.domain.model import (
    Channel,
    Direction,
    InterviewKind,
    Outcome,
    PersonRole,
)
from followup.store import StoreError, mail_repos, open_reader, open_store
from followup.store.alert_repos import Alerts
from followup.store.dump import Dump, owned_tables
from followup.store.engine import create_store_engine
from followup.store.fastread import FastReader
from followup.store.mail_repos import FolderRow, FoundAt, Outbox, SyncState
from followup.store.owners import create_owner
from followup.store.reminder_repos import Questions, Reminders
from followup.store.removal import Removals
from followup.store.repositories import (
    Applications,
    Histories,
    Interviews,
    People,
    Repository,
    Settings,
    Skips,
    Touches,
)
from followup.store.schedule import Due, Schedule, claim_due, release
from followup.store.scope import Scope
from followup.store.store import Store
from followup.store.uow import UnitOfWork

REPOSITORIES: tuple[type[Repository], ...] = (
    Applications,
    People,
    Interviews,
    Touches,
    Skips,
    Histories,
    Settings,
    Outbox,
    SyncState,
    Schedule,
    Alerts,
    Reminders,
    Questions,
    Dump,
    Removals,
)
STORE_PLUMBING = frozenset({"close", "uow", "as_owner"})  # not reads or writes of data
READER_PLUMBING = frozenset({"close"})

NOT_FOUND = "NotFoundError"
ACCEPTED = "accepted"
LATER = FIXED_NOW + timedelta(days=30)  # every scheduled row is due by then
ALL_OUTBOX_STATES = (
    "pending",
    "sending",
    "sent",
    "failed",
    "retry",
    "unknown",
    "needs-confirmation",
    "drafted",
    "cancelled",
)


# ---- helpers of the probes ----------------------------------------------------------------


def refused(uow: UnitOfWork, attempt: Callable[[], object]) -> str:
    """The name of the error that refused `attempt`, or "accepted". In a savepoint, so a
    refusal by the database leaves the unit of work usable (PostgreSQL aborts otherwise)."""
    try:
        with uow.scope.connection.begin_nested():
            attempt()
    except (StoreError, IntegrityError) as error:
        return type(error).__name__
    return ACCEPTED


def store_refused(attempt: Callable[[], object]) -> str:
    try:
        attempt()
    except StoreError as error:
        return type(error).__name__
    return ACCEPTED


def ids(values: Any) -> list[int]:
    return [v.id for v in values]


def row_ids(rows: Any) -> list[int]:
    return [r["id"] for r in rows]


def id_or_none(value: Any) -> int | None:
    if value is None:
        return None
    return int(value["id"]) if hasattr(value, "keys") else int(value.id)


def shape(histories: Any) -> list[tuple[int, list[int], list[int], list[int], list[str]]]:
    """What a history holds, by id: the application, people, interviews, touches, skips."""
    return [
        (
            h.application.id,
            ids(h.people),
            ids(h.interviews),
            ids(h.touches),
            [s.action_id for s in h.skips],
        )
        for h in histories
    ]


def own_shape(b: Search | None) -> list[tuple[int, list[int], list[int], list[int], list[str]]]:
    if b is None:
        return []
    return [(b.app_id, [b.dana_id, b.lee_id], [b.interview_id], [b.touch_id], [SKIP_ACTION])]


def own_app(uow: UnitOfWork) -> int:
    """A new application of B's (in both variants): something of B's to point from."""
    return uow.applications.add("Initech", "Platform Engineer", created_at=FIXED_NOW).id


def own_interview(uow: UnitOfWork) -> int:
    app_id = own_app(uow)
    robin = uow.people.add(app_id, "Robin Ng", email="robin@initech.example")
    start = FIXED_NOW + timedelta(days=2)
    return uow.interviews.add(app_id, start, InterviewKind.VIDEO, person_ids=[robin.id]).id


def mine(value: Callable[[Search], object], otherwise: object = None) -> Callable[..., object]:
    """Expect `value(b)` when B has its twin search, else `otherwise`."""
    return lambda b: otherwise if b is None else value(b)


@dataclass(frozen=True)
class Probe:
    """How to call a method as owner B with owner A's ids, and what B must get."""

    call: Callable[[Any, Search], object]  # (B's uow, store or reader; A's search) -> result
    expect: Callable[[Search | None], object]  # B's search (or None) -> the expected result


def nothing(value: object) -> Callable[[Search | None], object]:
    return lambda _b: value


def not_found(call: Callable[[UnitOfWork, Search], object]) -> Probe:
    """B's `call` with A's ids is refused: nothing of that id is B's."""
    return Probe(lambda uow, a: refused(uow, lambda: call(uow, a)), nothing(NOT_FOUND))


def store_not_found(call: Callable[[Any, Search], object]) -> Probe:
    """The same through B's store or fast reader."""
    return Probe(lambda s, a: store_refused(lambda: call(s, a)), nothing(NOT_FOUND))


# ---- repositories: (class, method) -> probe ----------------------------------------------


def _applications_add(uow: UnitOfWork, a: Search) -> object:
    new = uow.applications.add("Acme", "Data Engineer", created_at=FIXED_NOW, country="US")
    return new.id != a.app_id, new.id in ids(uow.applications.all())


def _people_add(uow: UnitOfWork, a: Search) -> object:
    return (
        refused(uow, lambda: uow.people.add(a.app_id, "Mallory", email=DANA_EMAIL)),
        refused(uow, lambda: uow.people.add(own_app(uow), "Robin Ng", role=PersonRole.RECRUITER)),
    )


def _interviews_add(uow: UnitOfWork, a: Search) -> object:
    start = FIXED_NOW + timedelta(days=1)
    return (
        refused(uow, lambda: uow.interviews.add(a.app_id, start, InterviewKind.PHONE)),
        refused(
            uow,
            lambda: uow.interviews.add(
                own_app(uow), start, InterviewKind.PHONE, person_ids=[a.dana_id]
            ),
        ),
        refused(
            uow,
            lambda: uow.interviews.add(
                own_app(uow), start, InterviewKind.PHONE, ical_uid=ICAL_UID, video_link="x"
            ),
        ),
    )


def _interviews_update(uow: UnitOfWork, a: Search) -> object:
    return (
        refused(uow, lambda: uow.interviews.update(a.interview_id, {"cancelled": True})),
        refused(
            uow, lambda: uow.interviews.update(own_interview(uow), {"person_ids": [a.dana_id]})
        ),
    )


def _touches_add(uow: UnitOfWork, a: Search) -> object:
    mine_ = own_app(uow)

    def again() -> bool:
        touch = uow.touches.add(
            mine_, FIXED_NOW, Channel.EMAIL, Direction.OUT, action_id=TOUCH_ACTION
        )
        return touch.id != a.touch_id and touch.app_id == mine_

    return (
        refused(uow, lambda: uow.touches.add(a.app_id, FIXED_NOW, Channel.EMAIL, Direction.OUT)),
        refused(
            uow,
            lambda: uow.touches.add(
                mine_, FIXED_NOW, Channel.EMAIL, Direction.IN, person_id=a.dana_id
            ),
        ),
        refused(
            uow,
            lambda: uow.touches.add(
                a.app_id, FIXED_NOW, Channel.EMAIL, Direction.OUT, action_id=TOUCH_ACTION
            ),
        ),
        again(),
    )


def _skips_add(uow: UnitOfWork, a: Search) -> object:
    return (
        refused(uow, lambda: uow.skips.add(a.app_id, "i1-final-note", FIXED_NOW, "no")),
        refused(uow, lambda: uow.skips.add(own_app(uow), SKIP_ACTION, FIXED_NOW, "done by phone")),
    )


def _settings_set(uow: UnitOfWork, _a: Search) -> object:
    uow.settings.set(PROFILE_KEY, "Mallory")
    return uow.settings.all()


def _settings_delete(uow: UnitOfWork, _a: Search) -> object:
    uow.settings.delete(PROFILE_KEY)
    uow.settings.delete("drafts.ai")
    return uow.settings.all()


def _outbox_insert(uow: UnitOfWork, a: Search) -> object:
    """A's key and A's live action are free for B (both are per owner), unless B has that
    message already (the twin): then B queues a copy that is not live."""
    first = uow.outbox.by_key(OUTBOX_KEY) is None
    key = OUTBOX_KEY if first else OUTBOX_KEY + "#2"
    new = uow.outbox.insert(outbox_values(key=key, state="pending", claimed_until=None, live=first))
    return new != a.outbox_id, [r["key"] for r in uow.outbox.rows()]


def _outbox_update(uow: UnitOfWork, a: Search) -> object:
    return (
        uow.outbox.update(a.outbox_id, {"state": "cancelled"}, where_state=[OUTBOX_STATE]),
        uow.outbox.update(a.outbox_id, {"last_error": "", "attempts": 0}),
        uow.outbox.update(a.outbox_id, {"attempts": 2}, where={"attempts": 1}),
    )


def _save_folder(uow: UnitOfWork, _a: Search) -> object:
    uow.sync_state.save_folder(ACCOUNT, FOLDER, FolderRow(7, 1, 2, None), FIXED_NOW)
    return uow.sync_state.folder(ACCOUNT, FOLDER)


def _reset_folder(uow: UnitOfWork, _a: Search) -> object:
    uow.sync_state.reset_folder(ACCOUNT, FOLDER)
    return uow.sync_state.folder_names(ACCOUNT)


def _forget_uids(uow: UnitOfWork, _a: Search) -> object:
    uow.sync_state.forget_uids(ACCOUNT, FOLDER)
    return uow.sync_state.known_ids(ACCOUNT, FOLDER, list(SEEN_MESSAGE_IDS))


def _remember(uow: UnitOfWork, _a: Search) -> object:
    first, second = SEEN_MESSAGE_IDS
    uow.sync_state.remember(
        ACCOUNT,
        FOLDER,
        fresh=[
            {
                "uidvalidity": 7,
                "uid": 1,
                "message_id": first,
                "outcome": "ignored",
                "seen_at": FIXED_NOW,
            }
        ],
        known=[{"message_id": second, "uid": 99, "uidvalidity": 7}],
    )
    return uow.sync_state.known_ids(ACCOUNT, FOLDER, list(SEEN_MESSAGE_IDS))


def _quarantine(uow: UnitOfWork, _a: Search) -> object:
    broken = FoundAt(FOLDER, 1, QUARANTINE_MESSAGE_ID)
    uow.sync_state.quarantine(ACCOUNT, broken, reason="bad", now=FIXED_NOW)
    return [q.message_id for q in uow.sync_state.quarantined(ACCOUNT)]


def _add_review(uow: UnitOfWork, a: Search) -> object:
    """Asked once per owner: A's review of the message doesn't stop B's being asked."""
    ask_about_a_reply(uow.sync_state, REVIEW_MESSAGE_ID, 1, "which application?", [])
    found = ids(uow.sync_state.reviews(ACCOUNT))
    return len(found), a.review_id in found


def lock_state(engine: Any, owner_id: int, take: Callable[[UnitOfWork], None]) -> str:
    """Whether another transaction of `owner_id` gets the lock `take` takes: "free" or
    "held" (waiting a second for it; PostgreSQL only, SQLite's writer lock is the lock)."""
    try:
        with UnitOfWork(engine, owner_id, write=False) as other:
            if other.scope.dialect == "postgresql":
                other.scope.execute(text("SET LOCAL lock_timeout = '1s'"))
            take(other)
    except OperationalError:
        return "held"
    return "free"


def _lock_probe(take: Callable[[UnitOfWork], None]) -> Callable[[UnitOfWork, Search], object]:
    """B holds the lock: A still gets the lock of the same name; B itself doesn't (the
    control, on PostgreSQL)."""

    def call(uow: UnitOfWork, a: Search) -> object:
        take(uow)
        same = lock_state(uow.engine, uow.owner_id, take)
        return (
            lock_state(uow.engine, a.owner_id, take),
            same == ("held" if uow.scope.dialect == "postgresql" else "free"),
        )

    return call


def _schedule_set(uow: UnitOfWork, a: Search) -> object:
    refusal = refused(uow, lambda: uow.schedule.set(a.app_id, FIXED_NOW, "x", FIXED_NOW))
    mine_ = own_app(uow)
    uow.schedule.set(mine_, FIXED_NOW + timedelta(days=1), "x", FIXED_NOW)
    return refusal, uow.schedule.next_due(mine_)


def _alert_search(token: str) -> dict[str, Any]:
    return {
        "name": "B's",
        "query": "rust",
        "filters": "{}",
        "paused": False,
        "unsubscribe_token": token,
        "created_at": FIXED_NOW,
    }


def _alert_posting() -> dict[str, Any]:
    return {
        "key": ALERT_KEY,
        "url_key": "jobs.example/b",
        "title_key": "b|b",
        "data": "{}",
        "at": FIXED_NOW,
        "seen_at": FIXED_NOW,
    }


def _spec_list(uow: UnitOfWork) -> list[tuple[str, str]]:
    return [(r["spec"], r["last_error"]) for r in uow.alerts.sources()]


ALERTS_CALLS: dict[tuple[str, str], Probe] = {
    ("Alerts", "sources"): Probe(
        lambda uow, a: _spec_list(uow), mine(lambda b: [(ALERT_SOURCE, "")], [])
    ),
    ("Alerts", "add_source"): Probe(
        lambda uow, a: uow.alerts.add_source(ALERT_SOURCE, FIXED_NOW), mine(lambda b: False, True)
    ),
    ("Alerts", "remove_source"): Probe(
        lambda uow, a: uow.alerts.remove_source(ALERT_SOURCE), mine(lambda b: True, False)
    ),
    ("Alerts", "source_checked"): Probe(
        lambda uow, a: (
            uow.alerts.source_checked(ALERT_SOURCE, {"last_error": "B"}),
            _spec_list(uow),
        ),
        mine(lambda b: (None, [(ALERT_SOURCE, "B")]), (None, [])),
    ),
    ("Alerts", "add_search"): Probe(
        lambda uow, a: refused(uow, lambda: uow.alerts.add_search(_alert_search("b-new"))),
        nothing(ACCEPTED),
    ),
    ("Alerts", "search"): Probe(
        lambda uow, a: refused(uow, lambda: uow.alerts.search(a.alert_search_id)),
        nothing(NOT_FOUND),
    ),
    ("Alerts", "searches"): Probe(
        lambda uow, a: row_ids(uow.alerts.searches(active_only=True)),
        mine(lambda b: [b.alert_search_id], []),
    ),
    ("Alerts", "update_search"): Probe(
        lambda uow, a: refused(
            uow, lambda: uow.alerts.update_search(a.alert_search_id, {"paused": True})
        ),
        nothing(NOT_FOUND),
    ),
    ("Alerts", "remove_search"): Probe(
        lambda uow, a: refused(uow, lambda: uow.alerts.remove_search(a.alert_search_id)),
        nothing(NOT_FOUND),
    ),
    ("Alerts", "pause_by_token"): Probe(
        lambda uow, a: uow.alerts.pause_by_token(a.alert_token), nothing(None)
    ),
    ("Alerts", "postings_since"): Probe(
        lambda uow, a: row_ids(uow.alerts.postings_since(FIXED_NOW - timedelta(days=30))),
        mine(lambda b: list(b.alert_postings), []),
    ),
    ("Alerts", "add_posting"): Probe(
        lambda uow, a: refused(uow, lambda: uow.alerts.add_posting(_alert_posting())),
        mine(lambda b: "IntegrityError", ACCEPTED),
    ),
    ("Alerts", "posting"): Probe(
        lambda uow, a: refused(uow, lambda: uow.alerts.posting(a.alert_postings[0])),
        nothing(NOT_FOUND),
    ),
    ("Alerts", "recent_postings"): Probe(
        lambda uow, a: row_ids(uow.alerts.recent_postings(10)),
        mine(lambda b: [b.alert_postings[1], b.alert_postings[0]], []),
    ),
    ("Alerts", "add_matches"): Probe(
        lambda uow, a: refused(
            uow,
            lambda: uow.alerts.add_matches(
                [
                    {
                        "search_id": a.alert_search_id,
                        "posting_id": a.alert_postings[2],
                        "reasons": "",
                        "matched_at": FIXED_NOW,
                    }
                ]
            ),
        ),
        nothing("IntegrityError"),
    ),
    ("Alerts", "undelivered"): Probe(
        lambda uow, a: [r["posting_id"] for r in uow.alerts.undelivered()],
        mine(lambda b: [b.alert_postings[1]], []),
    ),
    ("Alerts", "digest"): Probe(
        lambda uow, a: id_or_none(uow.alerts.digest(ALERT_PERIOD)),
        mine(lambda b: b.alert_digest_id),
    ),
    ("Alerts", "add_digest"): Probe(
        lambda uow, a: refused(
            uow,
            lambda: uow.alerts.add_digest(
                {"period": "daily:2026-03-10", "items": 1, "created_at": FIXED_NOW},
                [a.alert_postings[1]],
            ),
        ),
        nothing(ACCEPTED),
    ),
    ("Alerts", "counts"): Probe(
        lambda uow, a: uow.alerts.counts(),
        mine(
            lambda b: {"postings": 3, "jobs": 2, "undelivered": 1},
            {"postings": 0, "jobs": 0, "undelivered": 0},
        ),
    ),
}


def _title(row: Any) -> str | None:
    return None if row is None else str(row.title)


def _reminders_mark(uow: UnitOfWork, _a: Search) -> object:
    uow.reminders.mark(REMINDER_SENDING, "retry", FIXED_NOW, "refused")
    row = uow.reminders.get(REMINDER_SENDING)
    return None if row is None else row.state


def _dump_load(uow: UnitOfWork, _a: Search) -> object:
    counts = uow.dump.load(
        {"settings": {"columns": ["key", "value"], "rows": [["remind.hour", "9"]]}}
    )
    return counts, uow.settings.get("remind.hour")


CALLS: dict[tuple[str, str], Probe] = {
    # Removals: B can delete or merge none of A's records
    ("Removals", "application"): Probe(
        lambda uow, a: refused(uow, lambda: uow.removals.application(a.app_id)),
        nothing(NOT_FOUND),
    ),
    ("Removals", "person"): Probe(
        lambda uow, a: refused(uow, lambda: uow.removals.person(a.dana_id)), nothing(NOT_FOUND)
    ),
    ("Removals", "interview"): Probe(
        lambda uow, a: refused(uow, lambda: uow.removals.interview(a.interview_id)),
        nothing(NOT_FOUND),
    ),
    ("Removals", "touch"): Probe(
        lambda uow, a: refused(uow, lambda: uow.removals.touch(a.touch_id)), nothing(NOT_FOUND)
    ),
    ("Removals", "merge_people"): Probe(
        lambda uow, a: refused(uow, lambda: uow.removals.merge_people(a.dana_id, a.lee_id)),
        nothing(NOT_FOUND),
    ),
    # Applications
    ("Applications", "get"): not_found(lambda uow, a: uow.applications.get(a.app_id)),
    ("Applications", "all"): Probe(
        lambda uow, a: ids(uow.applications.all()), mine(lambda b: [b.app_id], [])
    ),
    ("Applications", "id_of"): not_found(lambda uow, a: uow.applications.id_of(a.app_public_id)),
    ("Applications", "public_id"): not_found(lambda uow, a: uow.applications.public_id(a.app_id)),
    ("Applications", "add"): Probe(_applications_add, nothing((True, True))),
    ("Applications", "update"): not_found(
        lambda uow, a: uow.applications.update(a.app_id, {"notes": "B"})
    ),
    ("Applications", "set_outcome"): not_found(
        lambda uow, a: uow.applications.set_outcome(a.app_id, Outcome.WITHDRAWN, FIXED_NOW)
    ),
    # People
    ("People", "get"): not_found(lambda uow, a: uow.people.get(a.dana_id)),
    ("People", "all"): Probe(
        lambda uow, a: (ids(uow.people.all(a.app_id)), ids(uow.people.all())),
        mine(lambda b: ([], [b.dana_id, b.lee_id]), ([], [])),
    ),
    ("People", "by_email"): Probe(
        lambda uow, a: (
            ids(uow.people.by_email(DANA_EMAIL)),
            ids(uow.people.by_email(" DANA.chen@ACME.example")),
        ),
        mine(lambda b: ([b.dana_id], [b.dana_id]), ([], [])),
    ),
    ("People", "id_of"): not_found(lambda uow, a: uow.people.id_of(a.dana_public_id)),
    ("People", "add"): Probe(_people_add, nothing((NOT_FOUND, ACCEPTED))),
    ("People", "update"): not_found(lambda uow, a: uow.people.update(a.dana_id, {"title": "CTO"})),
    # Interviews
    ("Interviews", "get"): not_found(lambda uow, a: uow.interviews.get(a.interview_id)),
    ("Interviews", "by_ical_uid"): Probe(
        lambda uow, a: id_or_none(uow.interviews.by_ical_uid(ICAL_UID)),
        mine(lambda b: b.interview_id),
    ),
    ("Interviews", "id_of"): not_found(lambda uow, a: uow.interviews.id_of(a.interview_public_id)),
    ("Interviews", "add"): Probe(_interviews_add, nothing((NOT_FOUND, NOT_FOUND, ACCEPTED))),
    ("Interviews", "update"): Probe(_interviews_update, nothing((NOT_FOUND, NOT_FOUND))),
    # Touches
    ("Touches", "by_message_id"): Probe(
        lambda uow, a: id_or_none(uow.touches.by_message_id(TOUCH_MESSAGE_ID)),
        mine(lambda b: b.touch_id),
    ),
    ("Touches", "by_action"): Probe(
        lambda uow, a: id_or_none(uow.touches.by_action(a.app_id, TOUCH_ACTION)), nothing(None)
    ),
    ("Touches", "add"): Probe(_touches_add, nothing((NOT_FOUND, NOT_FOUND, NOT_FOUND, True))),
    # Skips
    ("Skips", "add"): Probe(_skips_add, nothing((NOT_FOUND, ACCEPTED))),
    # Histories
    ("Histories", "get"): not_found(lambda uow, a: uow.histories.get(a.app_id)),
    ("Histories", "many"): Probe(
        lambda uow, a: (shape(uow.histories.many([a.app_id])), shape(uow.histories.many())),
        lambda b: ([], own_shape(b)),
    ),
    # Settings
    ("Settings", "get"): Probe(
        lambda uow, a: uow.settings.get(PROFILE_KEY), mine(lambda b: b.candidate)
    ),
    ("Settings", "all"): Probe(
        lambda uow, a: uow.settings.all(), mine(lambda b: settings_for(b.candidate), {})
    ),
    ("Settings", "set"): Probe(
        _settings_set,
        mine(
            lambda b: settings_for(b.candidate) | {PROFILE_KEY: "Mallory"},
            {PROFILE_KEY: "Mallory"},
        ),
    ),
    ("Settings", "delete"): Probe(
        _settings_delete,
        mine(
            lambda b: {
                k: v
                for k, v in settings_for(b.candidate).items()
                if k not in (PROFILE_KEY, "drafts.ai")
            },
            {},
        ),
    ),
    # Outbox
    ("Outbox", "get"): Probe(lambda uow, a: id_or_none(uow.outbox.get(a.outbox_id)), nothing(None)),
    ("Outbox", "by_key"): Probe(
        lambda uow, a: id_or_none(uow.outbox.by_key(OUTBOX_KEY)), mine(lambda b: b.outbox_id)
    ),
    ("Outbox", "id_of"): not_found(lambda uow, a: uow.outbox.id_of(a.outbox_public_id)),
    ("Outbox", "rows"): Probe(
        lambda uow, a: (
            row_ids(uow.outbox.rows()),
            row_ids(uow.outbox.rows(account=ACCOUNT, states=[OUTBOX_STATE])),
        ),
        mine(lambda b: ([b.outbox_id], [b.outbox_id]), ([], [])),
    ),
    ("Outbox", "of_action"): Probe(
        lambda uow, a: id_or_none(uow.outbox.of_action(OUTBOX_ACTION, ALL_OUTBOX_STATES)),
        mine(lambda b: b.outbox_id),
    ),
    ("Outbox", "insert"): Probe(
        _outbox_insert,
        mine(lambda b: (True, [OUTBOX_KEY, OUTBOX_KEY + "#2"]), (True, [OUTBOX_KEY])),
    ),
    ("Outbox", "update"): Probe(_outbox_update, nothing((False, False, False))),
    ("Outbox", "lock"): Probe(
        _lock_probe(lambda u: u.outbox.lock(OUTBOX_ACTION)), nothing(("free", True))
    ),
    ("Outbox", "to_finish"): Probe(
        lambda uow, a: row_ids(uow.outbox.to_finish(ACCOUNT, [OUTBOX_STATE])),
        mine(lambda b: [b.outbox_id], []),
    ),
    ("Outbox", "claim"): Probe(
        lambda uow, a: uow.outbox.claim(
            a.outbox_id, [OUTBOX_STATE], FIXED_NOW, FIXED_NOW + timedelta(minutes=5)
        ),
        nothing(False),
    ),
    ("Outbox", "claimed_until"): Probe(
        lambda uow, a: uow.outbox.claimed_until(a.outbox_id), nothing(None)
    ),
    # SyncState
    ("SyncState", "folder"): Probe(
        lambda uow, a: uow.sync_state.folder(ACCOUNT, FOLDER),
        mine(lambda b: FolderRow(b.uidvalidity, 42, 43, 9001)),
    ),
    ("SyncState", "folder_names"): Probe(
        lambda uow, a: uow.sync_state.folder_names(ACCOUNT), mine(lambda b: [FOLDER], [])
    ),
    ("SyncState", "save_folder"): Probe(_save_folder, nothing(FolderRow(7, 1, 2, None))),
    ("SyncState", "reset_folder"): Probe(_reset_folder, nothing([])),
    ("SyncState", "forget_uids"): Probe(_forget_uids, mine(lambda b: set(SEEN_MESSAGE_IDS), set())),
    ("SyncState", "known_ids"): Probe(
        lambda uow, a: uow.sync_state.known_ids(ACCOUNT, FOLDER, list(SEEN_MESSAGE_IDS)),
        mine(lambda b: set(SEEN_MESSAGE_IDS), set()),
    ),
    ("SyncState", "remember"): Probe(
        _remember, mine(lambda b: set(SEEN_MESSAGE_IDS), {SEEN_MESSAGE_IDS[0]})
    ),
    ("SyncState", "quarantine"): Probe(
        _quarantine,
        mine(lambda b: [QUARANTINE_MESSAGE_ID] * 2, [QUARANTINE_MESSAGE_ID]),
    ),
    ("SyncState", "quarantined"): Probe(
        lambda uow, a: ids(uow.sync_state.quarantined(ACCOUNT)),
        mine(lambda b: [b.quarantine_id], []),
    ),
    ("SyncState", "add_review"): Probe(_add_review, nothing((1, False))),
    ("SyncState", "reviews"): Probe(
        lambda uow, a: (
            ids(uow.sync_state.reviews()),
            ids(uow.sync_state.reviews(ACCOUNT, open_only=False)),
        ),
        mine(lambda b: ([b.review_id], [b.review_id]), ([], [])),
    ),
    ("SyncState", "resolve_review"): Probe(
        lambda uow, a: (
            uow.sync_state.resolve_review(a.review_id, "dismissed", FIXED_NOW),
            uow.sync_state.resolve_review(a.review_id, "app 1", FIXED_NOW, ACCOUNT),
        ),
        nothing((False, False)),
    ),
    ("SyncState", "review"): Probe(
        lambda uow, a: (
            id_or_none(uow.sync_state.review(a.review_id)),
            id_or_none(uow.sync_state.review(a.review_id, ACCOUNT)),
        ),
        nothing((None, None)),
    ),
    ("SyncState", "review_message"): Probe(
        lambda uow, a: uow.sync_state.review_message(a.review_id), nothing(None)
    ),
    ("SyncState", "lock"): Probe(
        _lock_probe(lambda u: u.sync_state.lock(REVIEW_MESSAGE_ID)), nothing(("free", True))
    ),
    # Schedule
    ("Schedule", "set"): Probe(
        _schedule_set, nothing(("NotFoundError", FIXED_NOW + timedelta(days=1)))
    ),
    ("Schedule", "stamps"): Probe(
        lambda uow, a: sorted(uow.schedule.stamps()), mine(lambda b: [b.app_id], [])
    ),
    ("Schedule", "next_due"): Probe(lambda uow, a: uow.schedule.next_due(a.app_id), nothing(None)),
    ("Schedule", "due"): Probe(
        lambda uow, a: [(d.owner_id, d.app_id) for d in uow.schedule.due(LATER)],
        mine(lambda b: [(b.owner_id, b.app_id)], []),
    ),
    **ALERTS_CALLS,
    # Reminders: A has one sent and one being sent
    ("Reminders", "get"): Probe(
        lambda uow, a: _title(uow.reminders.get(REMINDER_SENT)),
        mine(lambda b: f"reminder for {b.candidate}"),
    ),
    ("Reminders", "rows"): Probe(
        lambda uow, a: [(r.key.target, r.state, r.title) for r in uow.reminders.rows()],
        mine(
            lambda b: [
                ("email", "sending", f"reminder for {b.candidate}"),
                ("phone", "sent", f"reminder for {b.candidate}"),
            ],
            [],
        ),
    ),
    ("Reminders", "claim"): Probe(
        lambda uow, a: uow.reminders.claim(
            REMINDER_SENT, "mine", now=FIXED_NOW, lease=REMINDER_LEASE, max_attempts=5
        ),
        mine(lambda b: False, True),
    ),
    ("Reminders", "mark"): Probe(_reminders_mark, mine(lambda b: "retry")),
    ("Reminders", "expire"): Probe(
        lambda uow, a: uow.reminders.expire(LATER), mine(lambda b: 1, 0)
    ),
    # Questions
    ("Questions", "of"): Probe(lambda uow, a: uow.questions.of(a.interview_id), nothing([])),
    ("Questions", "add"): Probe(
        lambda uow, a: refused(uow, lambda: uow.questions.add(a.interview_id, "Why?")),
        nothing(NOT_FOUND),
    ),
    # Dump (backup and restore)
    ("Dump", "tables"): Probe(
        lambda uow, a: [r[0] for r in uow.dump.tables()["applications"]["rows"]],
        mine(lambda b: [b.app_id], []),
    ),
    ("Dump", "count"): Probe(lambda uow, a: uow.dump.count() == 0, mine(lambda b: False, True)),
    ("Dump", "load"): Probe(_dump_load, nothing(({"settings": 1}, "9"))),
}


# ---- Store: method -> probe (called on B's store) -----------------------------------------


def _store_add_touch(store: Store, a: Search) -> object:
    app = store.add_application("Initech", "SRE", created_at=FIXED_NOW)
    return (
        store_refused(lambda: store.add_touch(a.app_id, FIXED_NOW, Channel.EMAIL, Direction.OUT)),
        store_refused(
            lambda: store.add_touch(
                app.id, FIXED_NOW, Channel.PHONE, Direction.OUT, person_id=a.dana_id
            )
        ),
    )


def _store_add_interview(store: Store, a: Search) -> object:
    app = store.add_application("Initech", "SRE", created_at=FIXED_NOW)
    start = FIXED_NOW + timedelta(days=1)
    return (
        store_refused(lambda: store.add_interview(a.app_id, start, InterviewKind.VIDEO)),
        store_refused(
            lambda: store.add_interview(app.id, start, InterviewKind.VIDEO, person_ids=[a.lee_id])
        ),
    )


STORE_CALLS: dict[str, Probe] = {
    "change_summary": Probe(
        lambda s, a: _a_change_asked_by_b(_store_sql(s), s.change_summary, a), nothing(None)
    ),
    "application": store_not_found(lambda s, a: s.application(a.app_id)),
    "applications": Probe(lambda s, a: ids(s.applications()), mine(lambda b: [b.app_id], [])),
    "person": store_not_found(lambda s, a: s.person(a.dana_id)),
    "people": Probe(
        lambda s, a: (ids(s.people(a.app_id)), ids(s.people())),
        mine(lambda b: ([], [b.dana_id, b.lee_id]), ([], [])),
    ),
    "people_by_email": Probe(
        lambda s, a: ids(s.people_by_email(DANA_EMAIL)), mine(lambda b: [b.dana_id], [])
    ),
    "interview": store_not_found(lambda s, a: s.interview(a.interview_id)),
    "interview_by_ical_uid": Probe(
        lambda s, a: id_or_none(s.interview_by_ical_uid(ICAL_UID)), mine(lambda b: b.interview_id)
    ),
    "touch_by_message_id": Probe(
        lambda s, a: id_or_none(s.touch_by_message_id(TOUCH_MESSAGE_ID)),
        mine(lambda b: b.touch_id),
    ),
    "history": store_not_found(lambda s, a: s.history(a.app_id)),
    "histories": Probe(
        lambda s, a: (shape(s.histories([a.app_id])), shape(s.histories())),
        lambda b: ([], own_shape(b)),
    ),
    "get_setting": Probe(lambda s, a: s.get_setting(PROFILE_KEY), mine(lambda b: b.candidate)),
    "settings": Probe(lambda s, a: s.settings(), mine(lambda b: settings_for(b.candidate), {})),
    "add_application": Probe(
        lambda s, a: (
            s.add_application("Acme", "Data Engineer", created_at=FIXED_NOW).id != a.app_id
        ),
        nothing(True),
    ),
    "update_application": store_not_found(
        lambda s, a: s.update_application(a.app_id, {"role": "CTO"})
    ),
    "set_outcome": store_not_found(lambda s, a: s.set_outcome(a.app_id, Outcome.OFFER, FIXED_NOW)),
    "add_person": store_not_found(lambda s, a: s.add_person(a.app_id, "Mallory")),
    "update_person": store_not_found(
        lambda s, a: s.update_person(a.lee_id, {"email": "m@evil.example"})
    ),
    "add_interview": Probe(_store_add_interview, nothing((NOT_FOUND, NOT_FOUND))),
    "update_interview": store_not_found(
        lambda s, a: s.update_interview(a.interview_id, {"kind": InterviewKind.PHONE})
    ),
    "add_touch": Probe(_store_add_touch, nothing((NOT_FOUND, NOT_FOUND))),
    "add_skip": store_not_found(lambda s, a: s.add_skip(a.app_id, SKIP_ACTION, FIXED_NOW, "no")),
    "set_setting": Probe(
        lambda s, a: (s.set_setting(PROFILE_KEY, "Mallory"), s.get_setting(PROFILE_KEY)),
        nothing((None, "Mallory")),
    ),
    "delete_setting": Probe(
        lambda s, a: (s.delete_setting(PROFILE_KEY), s.get_setting(PROFILE_KEY)),
        nothing((None, None)),
    ),
}


A_CHANGE = "A's newest change"


def _a_change_asked_by_b(
    run: Callable[[str, tuple[Any, ...]], Any], ask: Callable[[int], Any], a: Search
) -> object:
    """A change of A's, the newest in the database, asked for by B (then taken away again,
    so A's rows are as they were): B must not get its summary."""
    run(
        "INSERT INTO changes (owner_id, at, summary) VALUES (:o, :at, :s)",
        ({"o": a.owner_id, "at": "2026-03-10 09:00:00", "s": A_CHANGE},),
    )
    newest = run("SELECT max(id) FROM changes", ({},))
    try:
        return ask(newest)
    finally:
        run("DELETE FROM changes WHERE id = :i", ({"i": newest},))


def _store_sql(s: Any) -> Callable[[str, tuple[Any, ...]], Any]:
    def run(sql: str, params: tuple[Any, ...]) -> Any:
        with s.engine.begin() as connection:
            result = connection.execute(text(sql), params[0])
            return result.scalar() if result.returns_rows else None

    return run


def _reader_sql(r: Any) -> Callable[[str, tuple[Any, ...]], Any]:
    def run(sql: str, params: tuple[Any, ...]) -> Any:
        found = r._connection.execute(sql, params[0]).fetchone()
        r._connection.commit()
        return None if found is None else found[0]

    return run


# ---- the fast sqlite3 reader: method -> probe (called on a reader opened for B) -----------


READER_CALLS: dict[str, Probe] = {
    "change_summary": Probe(
        lambda r, a: _a_change_asked_by_b(_reader_sql(r), r.change_summary, a), nothing(None)
    ),
    "load_histories": Probe(
        lambda r, a: (shape(r.load_histories([a.app_id])), shape(r.load_histories(None))),
        lambda b: ([], own_shape(b)),
    ),
    "applications": Probe(lambda r, a: ids(r.applications()), mine(lambda b: [b.app_id], [])),
    "history": store_not_found(lambda r, a: r.history(a.app_id)),
    "histories": Probe(
        lambda r, a: (shape(r.histories([a.app_id])), shape(r.histories())),
        lambda b: ([], own_shape(b)),
    ),
    "settings": Probe(lambda r, a: r.settings(), mine(lambda b: settings_for(b.candidate), {})),
    "get_setting": Probe(lambda r, a: r.get_setting(PROFILE_KEY), mine(lambda b: b.candidate)),
    "outbox_rows": Probe(
        lambda r, a: row_ids(r.outbox_rows(ALL_OUTBOX_STATES)), mine(lambda b: [b.outbox_id], [])
    ),
}


# ---- what A owns, seen through A's own unit of work ---------------------------------------


def snapshot(owners: TwoOwners) -> dict[str, Any]:
    """Every row A owns (each owned table, by primary key) and what A's repositories and
    store return: compared before and after B's call."""
    with owners.store_a.uow(write=False) as uow:
        found: dict[str, Any] = owned_rows(uow)
        found |= {  # the same data as A's repositories return it
            "view:histories": uow.histories.many(),
            "view:settings": uow.settings.all(),
            "view:outbox": [dict(r) for r in uow.outbox.rows()],
            "view:reviews": uow.sync_state.reviews(open_only=False),
            "view:quarantined": uow.sync_state.quarantined(ACCOUNT),
            "view:folder": uow.sync_state.folder(ACCOUNT, FOLDER),
            "view:schedule": uow.schedule.due(LATER),
        }
    return found


def run_probe(owners: TwoOwners, surface: str, name: Any) -> tuple[object, object]:
    """Run one probe as B: (what B got, what B must get)."""
    if surface == "repository":
        probe = CALLS[name]
        with owners.store_b.uow() as uow:
            result = probe.call(uow, owners.a)
    elif surface == "store":
        probe = STORE_CALLS[name]
        result = probe.call(owners.store_b, owners.a)
    else:
        probe = READER_CALLS[name]
        reader = open_reader(owners.store_b.url, owner_id=owners.store_b.owner_id)
        assert isinstance(reader, FastReader), "open_reader fell back to the SQLAlchemy store"
        with reader:
            result = probe.call(reader, owners.a)
    return result, probe.expect(owners.b)


def _label(key: Any) -> str:
    return ".".join(key) if isinstance(key, tuple) else str(key)


# ---- 1. every method has a probe ----------------------------------------------------------


def public_methods(cls: type, plumbing: frozenset[str] = frozenset()) -> set[str]:
    return {
        name
        for name, _ in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and name not in plumbing
    }


def _store_modules() -> Iterator[Any]:
    for module in pkgutil.iter_modules(followup.store.__path__, "followup.store."):
        if module.name.endswith(".migrations"):
            continue
        yield importlib.import_module(module.name)


def test_every_repository_class_is_probed() -> None:
    """A new repository (a subclass of Repository anywhere in followup.store) is listed."""
    found = {
        cls
        for module in _store_modules()
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Repository) and cls is not Repository
    }
    assert found == set(REPOSITORIES)


def test_every_repository_of_a_unit_of_work_is_probed(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    with store.uow(write=False) as uow:
        exposed = {
            type(value)
            for name in dir(uow)
            if not name.startswith("_") and isinstance(value := getattr(uow, name), Repository)
        }
    store.close()
    assert exposed == set(REPOSITORIES)


def test_every_repository_method_has_a_probe() -> None:
    methods = {(cls.__name__, name) for cls in REPOSITORIES for name in public_methods(cls)}
    assert sorted(methods - CALLS.keys()) == [], "repository methods without a probe in CALLS"
    assert sorted(CALLS.keys() - methods) == [], "probes of methods that don't exist"


def test_every_store_method_has_a_probe() -> None:
    methods = public_methods(Store, STORE_PLUMBING)
    assert sorted(methods - STORE_CALLS.keys()) == [], "Store methods without a probe"
    assert sorted(STORE_CALLS.keys() - methods) == [], "probes of methods that don't exist"


def test_every_fast_reader_method_has_a_probe() -> None:
    methods = public_methods(FastReader, READER_PLUMBING)
    assert sorted(methods - READER_CALLS.keys()) == [], "FastReader methods without a probe"
    assert sorted(READER_CALLS.keys() - methods) == [], "probes of methods that don't exist"


# ---- 2. B finds nothing of A's and changes nothing of A's ---------------------------------


def test_a_sees_its_own_search(two_owners: TwoOwners) -> None:
    """The ids B is given name real rows of A's: A finds every one of them."""
    a = two_owners.a
    with two_owners.store_a.uow(write=False) as uow:
        assert shape(uow.histories.many()) == [
            (a.app_id, [a.dana_id, a.lee_id], [a.interview_id], [a.touch_id], [SKIP_ACTION])
        ]
        assert uow.applications.id_of(a.app_public_id) == a.app_id
        assert uow.people.id_of(a.dana_public_id) == a.dana_id
        assert uow.interviews.id_of(a.interview_public_id) == a.interview_id
        assert uow.interviews.get(a.interview_id).notes[a.dana_id]
        assert uow.outbox.id_of(a.outbox_public_id) == a.outbox_id
        assert uow.outbox.claimed_until(a.outbox_id) == OUTBOX_LEASE_EXPIRED
        assert ids(uow.sync_state.reviews(ACCOUNT)) == [a.review_id]
        assert (uow.sync_state.review_message(a.review_id) or b"").startswith(b"Message-ID: ")
        assert ids(uow.sync_state.quarantined(ACCOUNT)) == [a.quarantine_id]
        assert uow.sync_state.known_ids(ACCOUNT, FOLDER, SEEN_MESSAGE_IDS) == set(SEEN_MESSAGE_IDS)
        assert uow.settings.all() == settings_for(a.candidate)
        assert uow.schedule.next_due(a.app_id) == NEXT_DUE
    rows = snapshot(two_owners)
    # The builder writes through the store, which logs no change (the application layer
    # does): the change log's owner scope is probed through undo_last in the use cases' test.
    unlogged = {"changes", "change_rows"}
    for table in owned_tables():
        if table.name in unlogged:
            assert rows[table.name] == []
            continue
        assert rows[table.name], f"the builder wrote no {table.name} row"
        assert {r["owner_id"] for r in rows[table.name]} == {a.owner_id}


def _finds_and_changes_nothing_of_a(world: TwoOwners, kind: str, name: Any) -> None:
    """B's call of the probe `name` answers what the probe expects and writes nothing."""
    before = snapshot(world)
    result, expected = run_probe(world, kind, name)
    assert result == expected
    assert snapshot(world) == before


@pytest.mark.parametrize("name", sorted(CALLS), ids=_label)
def test_a_repository_method_run_by_b_finds_and_changes_nothing_of_a(
    two_owners: TwoOwners, name: tuple[str, str]
) -> None:
    _finds_and_changes_nothing_of_a(two_owners, "repository", name)


@pytest.mark.parametrize("name", sorted(STORE_CALLS))
def test_a_store_method_run_by_b_finds_and_changes_nothing_of_a(
    two_owners: TwoOwners, name: str
) -> None:
    _finds_and_changes_nothing_of_a(two_owners, "store", name)


@pytest.mark.parametrize("name", sorted(READER_CALLS))
def test_the_fast_reader_opened_for_b_finds_nothing_of_a(
    sqlite_two_owners: TwoOwners, name: str
) -> None:
    _finds_and_changes_nothing_of_a(sqlite_two_owners, "reader", name)


def test_the_fast_reader_opened_for_a_finds_a_search(sqlite_two_owners: TwoOwners) -> None:
    """The control of the test above: the same reads as A find A's rows."""
    a = sqlite_two_owners.a
    reader = open_reader(sqlite_two_owners.store_a.url)
    assert isinstance(reader, FastReader)
    with reader:
        assert ids(reader.applications()) == [a.app_id]
        assert shape(reader.histories()) == own_shape(a)
        assert shape([reader.history(a.app_id)]) == own_shape(a)
        assert reader.settings() == settings_for(a.candidate)
        assert reader.get_setting(PROFILE_KEY) == a.candidate
        assert row_ids(reader.outbox_rows([OUTBOX_STATE])) == [a.outbox_id]


@pytest.mark.parametrize("column", ["owner_id", "id", "public_id"])
def test_b_cannot_hand_its_outbox_row_to_a(twin_owners: TwoOwners, column: str) -> None:
    """The values of an update are B's too: a row can't be moved to another owner, nor take
    the id or public id of A's."""
    a, b = twin_owners.a, twin_owners.b
    assert b is not None
    before = snapshot(twin_owners)
    taken = {"owner_id": a.owner_id, "id": a.outbox_id, "public_id": a.outbox_public_id}
    with twin_owners.store_b.uow() as uow, contextlib.suppress(StoreError, ValueError):
        uow.outbox.update(b.outbox_id, {column: taken[column]})
    assert snapshot(twin_owners) == before


# ---- 3. the probes notice a scope that forgets its owner ----------------------------------


@contextmanager
def forgetful(mutation: str, owner_a: int) -> Iterator[None]:
    """Break the owner scoping one way, for the time of the block."""
    with pytest.MonkeyPatch.context() as patch:
        if mutation == "statements-of-every-owner":  # SELECT/UPDATE/DELETE lose their WHERE
            patch.setattr(
                Scope, "select", lambda _s, t, *cols: select(*cols) if cols else select(t)
            )
            patch.setattr(Scope, "update", lambda _s, t: update(t))
            patch.setattr(Scope, "delete", lambda _s, t: delete(t))
        elif mutation == "rows-written-as-a":  # INSERT and upsert stamp the wrong owner
            owned = Scope.owned
            patch.setattr(Scope, "owned", lambda s, t, v: owned(s, t, v) | {"owner_id": owner_a})
        elif mutation == "one-lock-for-every-owner":  # lock names lose their owner
            take = mail_repos.lock
            patch.setattr(mail_repos, "lock", lambda scope, n: take(Scope(scope.connection, 0), n))
        elif mutation == "reader-of-every-owner":  # the fast reader drops `owner_id = ?`
            run = FastReader._select
            patch.setattr(
                FastReader,
                "_select",
                lambda r, sql, params=(): run(r, sql.replace("owner_id = ?", "? > 0"), params),
            )
        else:
            raise AssertionError(mutation)
        yield


def isolated_under(
    copies: TwoOwnerCopies, backend: str, surface: str, name: Any, mutation: str, twin: bool
) -> bool:
    """Whether the probe finds B isolated with the scope broken (it must not)."""
    owners = copies.make(backend, twin=twin)
    before = snapshot(owners)
    try:
        with forgetful(mutation, owners.a.owner_id):
            result, expected = run_probe(owners, surface, name)
    except Exception:  # a crash is noticed too
        return False
    return result == expected and snapshot(owners) == before


SCOPE_MUTATIONS = ("statements-of-every-owner", "rows-written-as-a")


def mutation_plan() -> list[Any]:
    """(surface, name, backend, mutations) of every probe. SQLite, but for the locks: those
    exist on PostgreSQL only."""
    plan = []
    for name in sorted(CALLS):
        if name[1] == "lock":
            plan.append(
                pytest.param(
                    "repository",
                    name,
                    "postgresql",
                    ("one-lock-for-every-owner",),
                    id=_label(name),
                    marks=pytest.mark.postgres,
                )
            )
        else:
            plan.append(
                pytest.param("repository", name, "sqlite", SCOPE_MUTATIONS, id=_label(name))
            )
    plan += [
        pytest.param("store", n, "sqlite", SCOPE_MUTATIONS, id=f"Store.{n}")
        for n in sorted(STORE_CALLS)
    ]
    plan += [
        pytest.param("reader", n, "sqlite", ("reader-of-every-owner",), id=f"FastReader.{n}")
        for n in sorted(READER_CALLS)
    ]
    return plan


@pytest.mark.parametrize(("surface", "name", "backend", "mutations"), mutation_plan())
def test_each_probe_notices_a_broken_scope(
    two_owner_copies: TwoOwnerCopies,
    surface: str,
    name: Any,
    backend: str,
    mutations: tuple[str, ...],
) -> None:
    """Mutation test of the probes: with the scope broken, each probe fails (in one of the
    variants, for one of the ways to break it); a probe that can't fail proves nothing."""
    noticed = any(
        not isolated_under(two_owner_copies, backend, surface, name, mutation, twin)
        for mutation in mutations
        for twin in (False, True)
    )
    assert noticed, f"{_label(name)}: the probe passes with the owner scope broken"


# ---- claim_due: crosses owners by design --------------------------------------------------


LEASE = timedelta(minutes=5)


def _keys(claimed: list[Due]) -> list[tuple[int, int]]:
    return sorted((d.owner_id, d.app_id) for d in claimed)


def test_claim_due_claims_every_owners_due_rows_once_until_the_lease_ends(
    twin_owners: TwoOwners,
) -> None:
    store_a, store_b, a, b = twin_owners
    assert b is not None
    engine = store_a.engine
    with store_a.uow() as uow:  # A's rows that are not due: later, and nothing planned
        for next_due in (NEXT_DUE + timedelta(days=1), None):
            app = uow.applications.add("Hooli", "SRE", created_at=FIXED_NOW)
            uow.schedule.set(app.id, next_due, None, FIXED_NOW)
    now = NEXT_DUE + timedelta(hours=1)

    first = claim_due(engine, now, "w1", lease=LEASE, limit=1)
    second = claim_due(engine, now, "w2", lease=LEASE)
    assert len(first) == 1
    assert _keys(first + second) == [(a.owner_id, a.app_id), (b.owner_id, b.app_id)]
    assert {(d.next_due_at, d.next_action_id) for d in first + second} == {(NEXT_DUE, DUE_ACTION)}

    during = now + LEASE - timedelta(seconds=1)
    assert claim_due(engine, during, "w3", lease=LEASE) == []  # leased: not claimed again
    release(engine, first[0], "w2")  # not w2's: stays claimed
    assert claim_due(engine, during, "w3", lease=LEASE) == []
    release(engine, first[0], "w1")
    assert _keys(claim_due(engine, during, "w3", lease=LEASE)) == _keys(first)

    after = during + LEASE + timedelta(seconds=1)  # every lease has run out
    assert _keys(claim_due(engine, after, "w4", lease=LEASE)) == _keys(first + second)
    with store_b.uow(write=False) as uow:  # claiming doesn't change what B planned
        assert uow.schedule.next_due(b.app_id) == NEXT_DUE


def test_concurrent_claimers_claim_each_due_row_exactly_once(database_url: str) -> None:
    """Four workers, each with its own engine, race for 18 due rows of three owners."""
    store = open_store(database_url)
    due: list[tuple[int, int]] = []
    for n in range(3):
        owner_id = store.owner_id if n == 0 else create_owner(store.engine, f"{n}", FIXED_NOW).id
        owner = store.as_owner(owner_id)
        with owner.uow() as uow:
            for m in range(7):
                app = uow.applications.add(f"Company {n}-{m}", "SRE", created_at=FIXED_NOW)
                next_due = None if m == 6 else FIXED_NOW - timedelta(minutes=m)
                uow.schedule.set(app.id, next_due, f"action-{m}", FIXED_NOW)
                if next_due is not None:
                    due.append((owner.owner_id, app.id))
    store.close()

    start = threading.Barrier(4)
    claimed: list[list[Due]] = [[] for _ in range(4)]
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        engine = create_store_engine(database_url)
        try:
            with engine.connect():
                pass  # connected before the race starts
            start.wait(timeout=60)
            while batch := claim_due(engine, FIXED_NOW, f"w{n}", lease=LEASE, limit=2):
                claimed[n].extend(batch)
        except BaseException as error:
            errors.append(error)
            start.abort()
        finally:
            engine.dispose()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    everything = [d for batch in claimed for d in batch]
    assert _keys(everything) == sorted(due)  # each due row once: none twice, none missed
    assert len(due) == 18
