"""Tables of the mail adapters: the outbox, per-folder sync state, the messages
seen, the review queue and quarantined items. SQLAlchemy Core, portable to PostgreSQL.

Datetimes are stored as UTC whatever zone the caller's value is in (`UTCDateTime` converts on
the way in: SQLite would otherwise keep an aware value's wall-clock time and drop its zone),
and come back aware, in UTC.
The columns must match the migration `migrations/versions/0002_mail.py` (a test compares
them: tests/mail/test_sync_schema.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from followup.store.tables import (  # one schema: the mail tables join the store's
    metadata,
    owned_keys,
    owner,
)
from followup.store.values import as_utc

__all__ = ["as_utc"]  # imported from here by the mail repositories


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp column: any aware value is converted to UTC before it is stored (a naive
    one is taken as UTC), and every value read back is aware, in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return as_utc(value)


def _mail_place() -> list[Column[str]]:
    """Where a message is: the account and the folder."""
    return [
        Column("account", String(100), nullable=False),
        Column("folder", String(300), nullable=False),
    ]


# One row per message followup sends or drafts. State machine (see followup.mail.outbox):
# pending -> sending -> sent | failed | retry | unknown -> sent | needs-confirmation
mail_outbox = Table(
    "mail_outbox",
    metadata,
    *owned_keys(public=True),
    Column("key", String(200), nullable=False),  # action id + content hash
    Column("account", String(100), nullable=False),
    Column("action_id", String(200)),
    Column("app_id", Integer),
    Column("person_id", Integer),
    Column("mode", String(10), nullable=False),  # send | draft
    Column("state", String(30), nullable=False),
    Column("message", LargeBinary, nullable=False),  # the exact bytes, Message-ID included
    Column("message_id", String(300), nullable=False),
    Column("mail_from", String(300), nullable=False),
    Column("rcpt_tos", Text, nullable=False),  # JSON list
    Column("send_after", UTCDateTime(), nullable=False),
    # The lease of whoever holds the row for a step (sending it, checking an unsure one,
    # copying it to Sent); NULL when nobody does.
    Column("claimed_until", UTCDateTime()),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("sent_at", UTCDateTime()),
    # none | pending | copying (claimed, with a lease) | done
    Column("copy_state", String(10), nullable=False, default="none"),
    Column("recorded", Boolean, nullable=False, default=False),  # the Touch is in the store
    Column("force_reason", Text),  # the user sent despite lint errors, and why
    Column("touch_kind", String(40), nullable=False, default="message"),  # a TouchKind value
    # The action while this row may still go out (NULL once cancelled or failed): one live
    # message per action, however many processes queue it at once.
    Column("live_action_id", String(200)),
    UniqueConstraint("owner_id", "key", name="uq_mail_outbox_key"),
    UniqueConstraint("owner_id", "live_action_id", name="uq_mail_outbox_live_action"),
)
Index("ix_mail_outbox_state", mail_outbox.c.state, mail_outbox.c.send_after)
Index("ix_mail_outbox_owner_action", mail_outbox.c.owner_id, mail_outbox.c.action_id)

mail_folder_state = Table(
    "mail_folder_state",
    metadata,
    owner(),
    *_mail_place(),
    Column("uidvalidity", BigInteger, nullable=False),
    Column("last_uid", BigInteger, nullable=False, default=0),
    Column("uidnext", BigInteger, nullable=False, default=0),
    Column("highestmodseq", BigInteger),
    Column("synced_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("owner_id", "account", "folder", name="pk_mail_folder_state"),
)

# Every message the sync has handled; after a UIDVALIDITY change the UID map of the folder is
# dropped and messages are recognised again by Message-ID.
mail_seen = Table(
    "mail_seen",
    metadata,
    *owned_keys(),
    *_mail_place(),
    Column("uidvalidity", BigInteger, nullable=False),
    Column("uid", BigInteger),
    Column("message_id", String(300), nullable=False),
    Column("outcome", String(40), nullable=False),  # what the sync did with it
    Column("seen_at", UTCDateTime(), nullable=False),
    UniqueConstraint("owner_id", "account", "folder", "message_id", name="uq_mail_seen_message"),
)
Index(
    "ix_mail_seen_uid",
    mail_seen.c.owner_id,
    mail_seen.c.account,
    mail_seen.c.folder,
    mail_seen.c.uid,
)

mail_review = Table(
    "mail_review",
    metadata,
    *owned_keys(public=True),
    *_mail_place(),
    Column("uid", BigInteger),
    Column("message_id", String(300), nullable=False),
    Column("sender", String(300), nullable=False, default=""),
    Column("subject", Text, nullable=False, default=""),
    Column("kind", String(40), nullable=False, default=""),
    Column("reason", Text, nullable=False),
    Column("candidates", Text, nullable=False, default="[]"),  # JSON list of app ids
    Column("created_at", UTCDateTime(), nullable=False),
    Column("resolved_at", UTCDateTime()),
    Column("resolution", Text),
    # the message of one handed in as a file (0009; NULL: it is in the mailbox's folder)
    Column("raw", LargeBinary),
    UniqueConstraint("owner_id", "account", "message_id", name="uq_mail_review_message"),
)

mail_quarantine = Table(
    "mail_quarantine",
    metadata,
    *owned_keys(),
    *_mail_place(),
    Column("uid", BigInteger),
    Column("message_id", String(300), nullable=False, default=""),
    Column("reason", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

MAIL_TABLES = (
    mail_outbox,
    mail_folder_state,
    mail_seen,
    mail_review,
    mail_quarantine,
)
