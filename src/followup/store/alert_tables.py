"""Tables of the job alerts: the sources polled, the saved searches, the postings kept (for
de-duplication across runs), which search matched which posting, and the digests sent.

The columns must match the migration `migrations/versions/0007_alerts.py` (a test compares
them: tests/store/test_schema.py)."""

from __future__ import annotations

import sqlalchemy as sa

from followup.store.mail_tables import UTCDateTime
from followup.store.tables import _owned_by, metadata, owned_keys, owner

alert_sources = sa.Table(
    "alert_sources",
    metadata,
    *owned_keys(),
    sa.Column("spec", sa.String(500), nullable=False),  # greenhouse:acme, or a feed's URL
    sa.Column("etag", sa.String(300)),
    sa.Column("last_modified", sa.String(100)),
    sa.Column("checked_at", UTCDateTime()),
    sa.Column("last_error", sa.Text, nullable=False, default=""),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.UniqueConstraint("owner_id", "spec", name="uq_alert_sources_spec"),
)

alert_searches = sa.Table(
    "alert_searches",
    metadata,
    *owned_keys(public=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("filters", sa.Text, nullable=False),  # JSON of followup.alerts.filters.Filters
    sa.Column("paused", sa.Boolean, nullable=False, default=False),
    # The opaque token of the one-click unsubscribe link (RFC 8058): no login needed.
    sa.Column("unsubscribe_token", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.UniqueConstraint("owner_id", "id", name="uq_alert_searches_owner_id"),
)

alert_postings = sa.Table(
    "alert_postings",
    metadata,
    *owned_keys(),
    sa.Column("key", sa.String(600), nullable=False),  # source#source_id
    sa.Column("url_key", sa.String(1000), nullable=False),
    sa.Column("title_key", sa.String(600), nullable=False),
    sa.Column("data", sa.Text, nullable=False),  # JSON of the normalised posting
    sa.Column("signature", sa.LargeBinary),  # MinHash of its text, for near-duplicates
    sa.Column("at", UTCDateTime(), nullable=False),  # posted, else first seen
    sa.Column("seen_at", UTCDateTime(), nullable=False),
    sa.Column("duplicate_of", sa.String(600)),  # the key of the job it repeats; NULL: a new job
    sa.UniqueConstraint("owner_id", "key", name="uq_alert_postings_key"),
    sa.UniqueConstraint("owner_id", "id", name="uq_alert_postings_owner_id"),
)
sa.Index("ix_alert_postings_owner_seen", alert_postings.c.owner_id, alert_postings.c.seen_at)

alert_digests = sa.Table(
    "alert_digests",
    metadata,
    *owned_keys(),
    sa.Column("period", sa.String(40), nullable=False),  # daily:2026-12-02, weekly:2026-W49...
    sa.Column("items", sa.Integer, nullable=False),
    sa.Column("outbox_key", sa.String(200)),  # the outbox row that sends it (NULL: dry run)
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.UniqueConstraint("owner_id", "period", name="uq_alert_digests_period"),
    sa.UniqueConstraint("owner_id", "id", name="uq_alert_digests_owner_id"),
)

# Which saved search matched which (new) posting, and the digest that carried it.
alert_matches = sa.Table(
    "alert_matches",
    metadata,
    owner(),
    sa.Column("search_id", sa.Integer, nullable=False),
    sa.Column("posting_id", sa.Integer, nullable=False),
    sa.Column("reasons", sa.Text, nullable=False, default=""),
    sa.Column("matched_at", UTCDateTime(), nullable=False),
    sa.Column("digest_id", sa.Integer),
    sa.PrimaryKeyConstraint("owner_id", "search_id", "posting_id", name="pk_alert_matches"),
    _owned_by(["search_id"], "alert_searches", "fk_alert_matches_search"),
    _owned_by(["posting_id"], "alert_postings", "fk_alert_matches_posting"),
    _owned_by(["digest_id"], "alert_digests", "fk_alert_matches_digest"),
)
sa.Index("ix_alert_matches_owner_digest", alert_matches.c.owner_id, alert_matches.c.digest_id)

ALERT_TABLES = (alert_sources, alert_searches, alert_postings, alert_digests, alert_matches)
