"""The stdlib sqlite3 reader returns exactly what the SQLAlchemy store returns."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from followup.domain.model import Channel, Direction, InterviewKind, TouchKind
from followup.store import open_reader, open_store
from followup.store.fastread import FastReader


def test_the_fast_reader_reads_what_the_store_wrote(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.db'}"
    store = open_store(url)
    ny = ZoneInfo("America/New_York")
    for n in range(3):
        app = store.add_application(
            f"Company {n}",
            "Role",
            tz="America/New_York",
            country="US",
            created_at=datetime(2026, 3, 1, tzinfo=UTC),
            competing_offer_by=date(2026, 4, n + 1),
        )
        a = store.add_person(app.id, "A", email="a@x.example", connection=True)
        b = store.add_person(app.id, "B")
        start = datetime(2026, 3, 3, 10, tzinfo=ny)
        store.add_interview(
            app.id,
            start,
            InterviewKind.PANEL,
            end=start + timedelta(hours=1),
            person_ids=[b.id, a.id],
            notes={a.id: "note a", b.id: "note b"},
            decision_by=date(2026, 3, 13),
            no_follow_up=n == 1,
        )
        store.add_touch(
            app.id,
            datetime(2026, 3, 4, 9, tzinfo=timezone(timedelta(hours=-3))),
            Channel.EMAIL,
            Direction.OUT,
            kind=TouchKind.THANK_YOU,
            person_id=a.id,
            return_date=date(2026, 3, 9),
        )
        store.add_skip(app.id, f"{app.id}-x", datetime(2026, 3, 5, tzinfo=ny), "no")
    store.set_setting("profile.name", "Sam")
    expected = list(store.histories())
    store.close()

    reader = open_reader(url)
    assert isinstance(reader, FastReader)
    assert list(reader.histories()) == expected
    assert reader.history(2) == expected[1]
    assert list(reader.histories([3])) == [expected[2]]
    assert reader.applications() == [h.application for h in expected]
    assert reader.settings() == {"profile.name": "Sam"}
    assert reader.get_setting("profile.name") == "Sam"
    touch = reader.history(1).touches[0]
    assert touch.at.utcoffset() == timedelta(hours=-3)
    reader.close()


def test_a_missing_database_is_created_through_the_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'f.db'}"
    reader = open_reader(url)
    assert not isinstance(reader, FastReader)  # the store created and migrated it
    assert reader.applications() == []
    reader.close()
    assert isinstance(open_reader(url), FastReader)
