"""Tables of the reminders: one row per reminder of a day to a target, claimed before it is
sent, and the questions the user saved for an interview.

A reminder row is the outbox's pattern for one day and one target (the user's own mailbox,
or a notification service): claim (pending -> sending, with a lease, in a committed
transaction of its own), send, mark (sent, or retry with the error). Its primary key
(owner, day, target) is what makes a second copy impossible: two workers, or a worker
started again after a crash, find the row and never claim it twice.

The columns must match `migrations/versions/0006_reminders.py` (tests/store/test_schema.py).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    ForeignKeyConstraint,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from followup.store.mail_tables import UTCDateTime
from followup.store.tables import metadata, owned_keys, owner

# States: pending -> sending (claimed, leased) -> sent | retry (-> sending ...) | failed
# A `sending` row whose lease ran out is `unknown`: it may have arrived, so it is never sent
# again (a second copy is worse than a missing one); the next run reports it.
reminder_sends = Table(
    "reminder_sends",
    metadata,
    owner(),
    Column("day", Date, nullable=False),  # the user's day, in their zone
    Column("target", String(100), nullable=False),  # "email", or a notification target's name
    Column("kind", String(30), nullable=False),  # daily | interview-eve | interview-hour
    Column("subject_key", String(100), nullable=False),  # "" for the daily; the interview id
    Column("state", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("claimed_until", UTCDateTime()),
    Column("last_error", Text, nullable=False, default=""),
    Column("title", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("sent_at", UTCDateTime()),
    PrimaryKeyConstraint(
        "owner_id", "day", "target", "kind", "subject_key", name="pk_reminder_sends"
    ),
)

# What the user wants to ask at an interview, in their order (shown in its preparation).
interview_questions = Table(
    "interview_questions",
    metadata,
    *owned_keys(),
    Column("interview_id", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    UniqueConstraint("owner_id", "id", name="uq_interview_questions_owner_id"),
    ForeignKeyConstraint(
        ["owner_id", "interview_id"],
        ["interviews.owner_id", "interviews.id"],
        name="fk_interview_questions_interview",
    ),
)

REMINDER_TABLES = (reminder_sends, interview_questions)
