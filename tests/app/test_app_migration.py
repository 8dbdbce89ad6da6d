"""The migration to owners (0003) on a database of the old shape (revision 0002): every row
is carried over to the local owner with its id, rows that appear in URLs get distinct public
ids, a planned action claimed by two touches keeps both touches but is claimed once, and new
rows get fresh ids (PostgreSQL's sequences move past the ids written back)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from builder import FIXED_NOW, outbox_values
from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    LargeBinary,
    bindparam,
    text,
)

from followup.domain.model import Channel, Direction, InterviewKind
from followup.store import LOCAL_OWNER_ID, open_reader, open_store
from followup.store.engine import create_store_engine
from followup.store.fastread import FastReader
from followup.store.mail_repos import FoundAt
from followup.store.owners import create_owner
from followup.store.schema import stored_revision
from followup.store.schema_revisions import HEAD
from followup.store.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
CREATED = datetime(2026, 1, 5, 8, 30, tzinfo=UTC)
ACTION = "5-thank-you-4"  # claimed by touches 10 and 11
OUTBOX_ACTION = "3-status-check"

# Rows of revision 0002, with ids an old database could hold (gaps included).
APPLICATIONS: list[dict[str, Any]] = [
    {"id": 3, "company": "Acme", "role": "Data Engineer", "created_at": CREATED,
     "created_tz": "Europe/Berlin", "country": "US", "tz": "America/New_York",
     "outcome": None, "outcome_at": None, "outcome_tz": None,
     "competing_offer_by": date(2026, 2, 1), "company_domain": "acme.example",
     "notes": "referred"},
    {"id": 7, "company": "Globex", "role": "SRE", "created_at": CREATED + timedelta(days=1),
     "created_tz": "UTC", "country": None, "tz": None, "outcome": "rejected",
     "outcome_at": CREATED + timedelta(days=9), "outcome_tz": "UTC",
     "competing_offer_by": None, "company_domain": None, "notes": ""},
]  # fmt: skip
PEOPLE: list[dict[str, Any]] = [
    {"id": 4, "app_id": 3, "name": "Dana Chen", "email": "dana@acme.example", "phone": None,
     "role": "hiring-manager", "connection": True, "tz": None, "country": None,
     "title": "Engineering Manager", "linkedin": None, "email_bounced": False},
    {"id": 9, "app_id": 7, "name": "Lee Park", "email": "lee@globex.example", "phone": "+1 555",
     "role": "recruiter", "connection": False, "tz": None, "country": None, "title": None,
     "linkedin": None, "email_bounced": True},
]  # fmt: skip
INTERVIEWS: list[dict[str, Any]] = [
    {"id": 5, "app_id": 3, "starts_at": CREATED + timedelta(days=3),
     "ends_at": CREATED + timedelta(days=3, hours=1), "tz": "America/New_York",
     "kind": "video", "decision_by": date(2026, 1, 20), "no_follow_up": False,
     "location": None, "video_link": "https://meet.example/x", "ical_uid": "uid-5@acme",
     "ical_sequence": 2, "cancelled": False},
]  # fmt: skip
INTERVIEW_PEOPLE: list[dict[str, Any]] = [
    {"interview_id": 5, "person_id": 4, "position": 0, "note": "platform"}
]
TOUCH: dict[str, Any] = {
    "channel": "email", "direction": "out", "kind": "thank-you", "person_id": 4,
    "decision_by": None, "return_date": None, "message_id": None, "at_tz": "UTC",
}  # fmt: skip
# 10 and 11 record the same action (written before the constraint existed)
TOUCHES: list[dict[str, Any]] = [
    TOUCH | {"id": 10, "app_id": 3, "at": CREATED + timedelta(days=3, hours=5),
             "action_id": ACTION, "summary": "thanked Dana"},
    TOUCH | {"id": 11, "app_id": 3, "at": CREATED + timedelta(days=3, hours=6),
             "action_id": ACTION, "summary": "thanked Dana (double submit)"},
    TOUCH | {"id": 12, "app_id": 7, "at": CREATED + timedelta(days=9), "kind": "rejection",
             "direction": "in", "person_id": 9, "action_id": None, "summary": "no"},
]  # fmt: skip
SKIPS: list[dict[str, Any]] = [
    {"id": 6, "app_id": 7, "action_id": "7-final-note", "at": CREATED + timedelta(days=10),
     "at_tz": "UTC", "reason": "moved on"},
]  # fmt: skip
SETTINGS: list[dict[str, Any]] = [
    {"key": "profile.name", "value": "Alex Doe"},
    {"key": "drafts.ai", "value": "off"},
]


def _outbox(row_id: int, key: str, state: str) -> dict[str, Any]:
    row = outbox_values(key=key, app_id=3, person_id=4, state=state, claimed_until=None)
    del row["live_action_id"]  # a column of 0003
    return row | {"id": row_id, "action_id": OUTBOX_ACTION}


OUTBOX: list[
    dict[str, Any]
] = [  # the same action queued twice: cancelled, then queued again (live)
    _outbox(2, OUTBOX_ACTION + ":aaaa", "cancelled"),
    _outbox(8, OUTBOX_ACTION + ":bbbb", "retry"),
]
FOLDER_STATE: list[dict[str, Any]] = [
    {"account": "work", "folder": "INBOX", "uidvalidity": 77, "last_uid": 12, "uidnext": 13,
     "highestmodseq": None, "synced_at": FIXED_NOW},
]  # fmt: skip
SEEN: list[dict[str, Any]] = [
    {"id": 21, "account": "work", "folder": "INBOX", "uidvalidity": 77, "uid": 12,
     "message_id": "<m12@acme>", "outcome": "touch", "seen_at": FIXED_NOW},
]  # fmt: skip
REVIEWS: list[dict[str, Any]] = [
    {"id": 2, "account": "work", "folder": "INBOX", "uid": 11, "message_id": "<m11@x>",
     "sender": "jobs@x.example", "subject": "Hello", "kind": "reply", "reason": "which app?",
     "candidates": json.dumps([3, 7]), "created_at": FIXED_NOW, "resolved_at": None,
     "resolution": None},
]  # fmt: skip
QUARANTINE: list[dict[str, Any]] = [
    {"id": 3, "account": "work", "folder": "INBOX", "uid": 10, "message_id": "<m10@x>",
     "reason": "unreadable", "created_at": FIXED_NOW},
]  # fmt: skip

OLD_ROWS: dict[str, list[dict[str, Any]]] = {  # parents first
    "applications": APPLICATIONS,
    "people": PEOPLE,
    "interviews": INTERVIEWS,
    "interview_people": INTERVIEW_PEOPLE,
    "touches": TOUCHES,
    "skips": SKIPS,
    "settings": SETTINGS,
    "mail_outbox": OUTBOX,
    "mail_folder_state": FOLDER_STATE,
    "mail_seen": SEEN,
    "mail_review": REVIEWS,
    "mail_quarantine": QUARANTINE,
}
WITH_PUBLIC_ID = ("applications", "people", "interviews", "mail_outbox", "mail_review")
WITH_ID = [t for t in OLD_ROWS if t not in ("interview_people", "settings", "mail_folder_state")]


def _typed(name: str, value: Any) -> Any:
    """A bound parameter typed like its column, so each dialect stores it its own way."""
    kinds = ((bool, Boolean()), (datetime, DateTime(timezone=True)), (date, Date()),
             (bytes, LargeBinary()))  # fmt: skip
    for python_type, column_type in kinds:
        if isinstance(value, python_type):
            return bindparam(name, value, type_=column_type)
    return bindparam(name, value)


def insert_old(connection: Connection, table: str, row: Mapping[str, Any]) -> None:
    """INSERT INTO table (...) VALUES (...): plain SQL, no table definition of this code."""
    columns = ", ".join(row)
    values = ", ".join(f":{c}" for c in row)
    statement = text(f"INSERT INTO {table} ({columns}) VALUES ({values})")
    connection.execute(statement.bindparams(*[_typed(c, v) for c, v in row.items()]))


def build_at_0002(url: str, rows: Mapping[str, list[dict[str, Any]]]) -> None:
    from alembic import command
    from alembic.config import Config

    engine = create_store_engine(url)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", "followup.store:migrations")
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        assert stored_revision(connection) == "0002"
    with engine.begin() as connection:
        for table, table_rows in rows.items():
            for row in table_rows:
                insert_old(connection, table, row)
    engine.dispose()


@pytest.fixture
def migrated(database_url: str) -> Iterator[Store]:
    build_at_0002(database_url, OLD_ROWS)
    store = open_store(database_url)  # migrates to the head
    yield store
    store.close()


def select_all(store: Store, table: str, order: str) -> list[dict[str, Any]]:
    with store.engine.connect() as connection:
        result = connection.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))
        return [dict(r) for r in result.mappings()]


def _order(table: str) -> str:
    return {"interview_people": "interview_id, person_id", "settings": "key"}.get(
        table, "account, folder" if table == "mail_folder_state" else "id"
    )


def test_every_row_is_carried_over_to_the_local_owner(migrated: Store) -> None:
    with migrated.engine.connect() as connection:
        assert stored_revision(connection) == HEAD
    for table, old in OLD_ROWS.items():
        new = select_all(migrated, table, _order(table))
        assert len(new) == len(old), table
        assert {r["owner_id"] for r in new} == {LOCAL_OWNER_ID}, table
        if table in WITH_ID:
            assert [r["id"] for r in new] == sorted(r["id"] for r in old), table
    owners = select_all(migrated, "owners", "id")
    assert [o["id"] for o in owners] == [LOCAL_OWNER_ID]


def test_rows_that_appear_in_urls_get_distinct_public_ids(migrated: Store) -> None:
    public_ids = [
        r["public_id"] for table in WITH_PUBLIC_ID for r in select_all(migrated, table, "id")
    ]
    assert len(public_ids) == sum(len(OLD_ROWS[t]) for t in WITH_PUBLIC_ID)
    assert all(isinstance(p, str) and len(p) >= 16 for p in public_ids)
    assert len(set(public_ids)) == len(public_ids)
    with migrated.uow(write=False) as uow:
        for app in APPLICATIONS:
            assert uow.applications.id_of(uow.applications.public_id(app["id"])) == app["id"]


def test_the_values_read_back_as_before(migrated: Store) -> None:
    acme = migrated.application(3)
    assert (acme.company, acme.country, acme.tz, acme.notes) == (
        "Acme",
        "US",
        "America/New_York",
        "referred",
    )
    assert acme.created_at == CREATED
    assert acme.created_at.tzinfo == BERLIN  # the zone it was given in
    assert acme.competing_offer_by == date(2026, 2, 1)
    assert migrated.application(7).outcome == "rejected"
    assert migrated.person(4).connection is True
    assert migrated.person(9).email_bounced is True
    interview = migrated.interview(5)
    assert (interview.person_ids, dict(interview.notes)) == ((4,), {4: "platform"})
    assert interview.ical_uid == "uid-5@acme"
    assert [s.action_id for s in migrated.history(7).skips] == ["7-final-note"]
    assert migrated.settings() == {"profile.name": "Alex Doe", "drafts.ai": "off"}
    with migrated.uow(write=False) as uow:
        outbox = uow.outbox.rows()
        assert [(r["id"], r["message"]) for r in outbox] == [
            (o["id"], o["message"]) for o in OUTBOX
        ]
        assert uow.sync_state.known_ids("work", "INBOX", ["<m12@acme>"]) == {"<m12@acme>"}
        assert [(r.id, r.candidates) for r in uow.sync_state.reviews()] == [(2, (3, 7))]
        assert [q.id for q in uow.sync_state.quarantined("work")] == [3]
        folder = uow.sync_state.folder("work", "INBOX")
        assert folder is not None and folder.uidvalidity == 77


def test_an_action_claimed_twice_keeps_both_touches_and_one_claim(migrated: Store) -> None:
    touches = {t.id: t for t in migrated.history(3).touches}
    assert sorted(touches) == [10, 11]  # the history keeps both
    assert touches[10].action_id == ACTION  # the first record claims the action
    assert touches[11].action_id is None
    assert touches[11].summary == "thanked Dana (double submit)"
    with migrated.uow(write=False) as uow:
        found = uow.touches.by_action(3, ACTION)
        assert found is not None and found.id == 10


def test_one_outbox_row_per_action_is_live(migrated: Store) -> None:
    rows = select_all(migrated, "mail_outbox", "id")
    assert [(r["id"], r["live_action_id"]) for r in rows] == [(2, None), (8, OUTBOX_ACTION)]


def test_new_rows_get_fresh_ids(migrated: Store) -> None:
    """PostgreSQL: the ids were written back explicitly; each sequence must move past them."""
    app = migrated.add_application("Initech", "SRE", created_at=FIXED_NOW)
    assert app.id == 8
    person = migrated.add_person(app.id, "Robin Ng")
    assert person.id == 10
    assert migrated.add_interview(app.id, FIXED_NOW, InterviewKind.PHONE).id == 6
    assert migrated.add_touch(app.id, FIXED_NOW, Channel.EMAIL, Direction.OUT).id == 13
    migrated.add_skip(app.id, "8-status-check", FIXED_NOW, "no need")
    assert max(r["id"] for r in select_all(migrated, "skips", "id")) == 7
    with migrated.uow() as uow:
        outbox = outbox_values(key="new:cccc", state="pending", claimed_until=None, live=False)
        assert uow.outbox.insert(outbox) == 9
        uow.sync_state.add_review(
            "work", FoundAt("INBOX", 30, "<m30@x>"), sender="", subject="",
            kind="reply", reason="?", candidates=[], now=FIXED_NOW,
        )  # fmt: skip
        found = FoundAt("INBOX", 31, "<m31@x>")
        uow.sync_state.quarantine("work", found, reason="?", now=FIXED_NOW)
        uow.sync_state.remember(
            "work", "INBOX", known=[],
            fresh=[{"uidvalidity": 77, "uid": 32, "message_id": "<m32@x>", "outcome": "touch",
                    "seen_at": FIXED_NOW}],
        )  # fmt: skip
    assert max(r["id"] for r in select_all(migrated, "mail_review", "id")) == 3
    assert max(r["id"] for r in select_all(migrated, "mail_quarantine", "id")) == 4
    assert max(r["id"] for r in select_all(migrated, "mail_seen", "id")) == 22
    assert create_owner(migrated.engine, "B", FIXED_NOW).id == LOCAL_OWNER_ID + 1


def test_the_fast_reader_reads_an_old_sqlite_database_once_migrated(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    build_at_0002(url, OLD_ROWS)
    first = open_reader(url)  # behind: the store, which migrates
    assert not isinstance(first, FastReader)
    first.close()
    reader = open_reader(url)
    assert isinstance(reader, FastReader)
    with reader:
        assert [a.id for a in reader.applications()] == [3, 7]
        assert reader.get_setting("profile.name") == "Alex Doe"
        assert [t.id for t in reader.history(3).touches] == [10, 11]


def test_the_first_touch_keeps_the_action_whatever_order_the_rows_are_stored_in(
    database_url: str,
) -> None:
    """Touch 10 was edited after touch 11 was written: PostgreSQL now stores it after 11,
    and a SELECT without ORDER BY returns it second. The first record still claims it."""
    build_at_0002(database_url, OLD_ROWS)
    engine = create_store_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE touches SET summary = 'thanked Dana!' WHERE id = 10"))
    engine.dispose()
    store = open_store(database_url)
    claims = {t.id: t.action_id for t in store.history(3).touches}
    store.close()
    assert claims == {10: ACTION, 11: None}
