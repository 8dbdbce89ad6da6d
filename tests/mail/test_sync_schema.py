"""The mail tables: built by migration 0002 exactly as `mail_tables.py` declares them, and
usable on SQLite and PostgreSQL alike (outbox rows with their bytes, sync state, reviews)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine

from followup.mail.accounts.account import Account, Security, ServerSettings
from followup.mail.accounts.secrets import Secret
from followup.mail.outbox import Outbox, OutboxState, OutgoingMessage
from followup.mail.sync import state as sync_state
from followup.mail.sync.model import Envelope, FolderState
from followup.store import open_store
from followup.store.mail_tables import MAIL_TABLES
from followup.store.tables import metadata

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
ACCOUNT = Account(
    address="sam@example.test",
    imap=ServerSettings("127.0.0.1", 1, Security.NONE, "sam"),
    smtp=ServerSettings("127.0.0.1", 1, Security.NONE, "sam"),
)


def test_migration_builds_the_mail_tables_as_declared(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import followup.store.alert_tables  # (every table the migrations build)
    import followup.store.reminder_tables  # noqa: F401

    open_store(database_url).close()
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert all(t.name in metadata.tables for t in MAIL_TABLES)
    assert differences == []


def test_outbox_and_sync_state_round_trip(database_url: str) -> None:
    store = open_store(database_url)
    try:
        outbox = Outbox(store, ACCOUNT, lambda: Secret("password", "unused"))
        row = outbox.enqueue(
            OutgoingMessage(
                to=("Dana <dana@acme.example>",),
                subject="Thanks",
                body="Hi é\n",
                send_after=NOW + timedelta(hours=1),
                action_id="a1",
                kind="thank-you",
            ),
            NOW,
        )
        again = outbox.get(row.id)
        assert again == row
        assert again.state is OutboxState.PENDING and again.send_after == NOW + timedelta(hours=1)
        assert b"X-Followup-Key: a1." in again.message and again.rcpt_tos == ("dana@acme.example",)
        assert outbox.send_due(NOW) == []  # not due yet: nothing is even attempted

        envelope = Envelope("INBOX", "inbox", 7, b"", "<m@x>", frozenset())
        state = FolderState(uidvalidity=2**32 - 1, last_uid=7, uidnext=8, highestmodseq=2**40)
        sync_state.save_batch(
            store, "default", "INBOX", state=state, handled=[(envelope, "reply")], now=NOW
        )
        assert sync_state.load(store, "default", "INBOX") == state
        assert sync_state.known_ids(store, "default", "INBOX", ["<m@x>", "<n@x>"]) == {"<m@x>"}
        with store.uow() as uow:
            uow.sync_state.add_review(
                "default",
                envelope,
                sender="jo@acme.example",
                subject="Screen",
                kind="reply",
                reason="two Acme applications",
                candidates=[1, 2],
                now=NOW,
            )
        (item,) = sync_state.reviews(store, "default")
        assert (item.candidates, item.created_at) == ((1, 2), NOW)
        assert sync_state.resolve_review(store, item.id, "app 1", NOW)
        assert sync_state.reviews(store, "default") == []
    finally:
        store.close()


def test_a_batch_another_sync_recorded_meanwhile_is_kept_once(database_url: str) -> None:
    store = open_store(database_url)
    try:
        first = Envelope("INBOX", "inbox", 1, b"", "<a@x>", frozenset())
        second = Envelope("INBOX", "inbox", 2, b"", "<b@x>", frozenset())
        state = FolderState(uidvalidity=9, last_uid=2, uidnext=3, highestmodseq=None)
        sync_state.save_batch(
            store, "default", "INBOX", state=state, handled=[(first, "reply")], now=NOW
        )
        sync_state.save_batch(
            store,
            "default",
            "INBOX",
            state=state,
            handled=[(first, "ignored"), (second, "reply")],
            now=NOW,
        )
        assert sync_state.known_ids(store, "default", "INBOX", ["<a@x>", "<b@x>"]) == {
            "<a@x>",
            "<b@x>",
        }
        assert sync_state.load(store, "default", "INBOX") == state
    finally:
        store.close()
