"""Tables of the job alerts: the sources polled, the saved searches, the postings kept (for
de-duplication across runs), which search matched which posting, and the digests sent.

The columns must match the migration `migrations/versions/0007_alerts.py` (a test compares
them: tests/store/test_schema.py)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from followup.store.mail_tables import UTCDateTime
from followup.store.tables import _owned_by, metadata, owned_keys, owner

alert_sources = Table(
    "alert_sources",
    metadata,
    *owned_keys(),
    Column("spec", String(500), nullable=False),  # greenhouse:acme, or a feed's URL
    Column("etag", String(300)),
    Column("last_modified", String(100)),
    Column("checked_at", UTCDateTime()),
    Column("last_error", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("owner_id", "spec", name="uq_alert_sources_spec"),
)

alert_searches = Table(
    "alert_searches",
    metadata,
    *owned_keys(public=True),
    Column("name", String(200), nullable=False),
    Column("query", Text, nullable=False),
    Column("filters", Text, nullable=False),  # JSON of followup.alerts.filters.Filters
    Column("paused", Boolean, nullable=False, default=False),
    # The opaque token of the one-click unsubscribe link (RFC 8058): no login needed.
    Column("unsubscribe_token", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("owner_id", "id", name="uq_alert_searches_owner_id"),
)

alert_postings = Table(
    "alert_postings",
    metadata,
    *owned_keys(),
    Column("key", String(600), nullable=False),  # source#source_id
    Column("url_key", String(1000), nullable=False),
    Column("title_key", String(600), nullable=False),
    Column("data", Text, nullable=False),  # JSON of the normalised posting
    Column("signature", LargeBinary),  # MinHash of its text, for near-duplicates
    Column("at", UTCDateTime(), nullable=False),  # posted, else first seen
    Column("seen_at", UTCDateTime(), nullable=False),
    Column("duplicate_of", String(600)),  # the key of the job it repeats; NULL: a new job
    UniqueConstraint("owner_id", "key", name="uq_alert_postings_key"),
    UniqueConstraint("owner_id", "id", name="uq_alert_postings_owner_id"),
)
Index("ix_alert_postings_owner_seen", alert_postings.c.owner_id, alert_postings.c.seen_at)

alert_digests = Table(
    "alert_digests",
    metadata,
    *owned_keys(),
    Column("period", String(40), nullable=False),  # daily:2026-12-02, weekly:2026-W49...
    Column("items", Integer, nullable=False),
    Column("outbox_key", String(200)),  # the outbox row that sends it (NULL: dry run)
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("owner_id", "period", name="uq_alert_digests_period"),
    UniqueConstraint("owner_id", "id", name="uq_alert_digests_owner_id"),
)

# Which saved search matched which (new) posting, and the digest that carried it.
alert_matches = Table(
    "alert_matches",
    metadata,
    owner(),
    Column("search_id", Integer, nullable=False),
    Column("posting_id", Integer, nullable=False),
    Column("reasons", Text, nullable=False, default=""),
    Column("matched_at", UTCDateTime(), nullable=False),
    Column("digest_id", Integer),
    PrimaryKeyConstraint("owner_id", "search_id", "posting_id", name="pk_alert_matches"),
    _owned_by(["search_id"], "alert_searches", "fk_alert_matches_search"),
    _owned_by(["posting_id"], "alert_postings", "fk_alert_matches_posting"),
    _owned_by(["digest_id"], "alert_digests", "fk_alert_matches_digest"),
)
Index("ix_alert_matches_owner_digest", alert_matches.c.owner_id, alert_matches.c.digest_id)

ALERT_TABLES = (alert_sources, alert_searches, alert_postings, alert_digests, alert_matches)
