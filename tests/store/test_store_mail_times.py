"""Timestamps of the mail tables keep their instant whatever zone the caller used.

SQLite stores an aware datetime's wall-clock time and drops its zone; an outbox claim or a
send-later time written in the user's zone would then move by hours."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select

from followup.store import open_store
from followup.store.mail_tables import mail_seen

ZONES = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "UTC"]


@pytest.mark.parametrize("zone", ZONES)
def test_an_instant_in_any_zone_reads_back_as_the_same_instant(
    database_url: str, zone: str
) -> None:
    store = open_store(database_url)
    try:
        written = datetime(2026, 12, 4, 8, 0, tzinfo=ZoneInfo(zone))
        with store.engine.begin() as conn:
            conn.execute(
                insert(mail_seen).values(
                    owner_id=store.owner_id,
                    account="default",
                    folder="INBOX",
                    uidvalidity=1,
                    uid=7,
                    message_id="<a@example.org>",
                    outcome="reply",
                    seen_at=written,
                )
            )
        with store.engine.connect() as conn:
            read = conn.execute(select(mail_seen.c.seen_at)).scalar_one()
            earlier = conn.execute(
                select(mail_seen.c.id).where(mail_seen.c.seen_at < written)
            ).all()
    finally:
        store.close()
    assert read == written and read.tzinfo == UTC
    assert earlier == []  # comparisons in SQL see the same instant too
