"""The digest: its period at the user's hour in their zone, its caps and order, nothing when
nothing matched; and de-duplication by id, URL, title and company, and near-identical text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from followup.alerts.dedup import Deduper, seen_of, url_key
from followup.alerts.digest import Delivery, Frequency, Item, compose, period_key
from followup.alerts.model import Posting

NOW = datetime(2026, 12, 2, 13, 30, tzinfo=UTC)  # 08:30 in New York, 14:30 in Berlin


def job(n: int, company: str, days_ago: int, **extra: str) -> Posting:
    values = {
        "source": "greenhouse:acme",
        "source_id": str(n),
        "title": f"Engineer {n}",
        "company": company,
        "url": f"https://jobs.example/{n}",
        **extra,
    }
    return Posting(**values, posted_at=NOW - timedelta(days=days_ago))  # type: ignore[arg-type]


def test_the_period_starts_at_the_users_hour_in_their_zone() -> None:
    daily = Delivery(Frequency.DAILY, hour=9, tz="America/New_York")
    assert period_key(daily, NOW) is None  # 08:30 there
    assert period_key(daily, NOW + timedelta(hours=1)) == "daily:2026-12-02"
    assert period_key(Delivery(hour=9, tz="Europe/Berlin"), NOW) == "daily:2026-12-02"
    weekly = Delivery(Frequency.WEEKLY, hour=8, tz="Europe/Berlin", weekday=2)
    assert period_key(weekly, NOW) == "weekly:2026-W49"  # Wednesday
    assert period_key(weekly, NOW - timedelta(days=1)) is None  # Tuesday: not yet
    instant = Delivery(Frequency.INSTANT, hour=23, tz="UTC")
    assert period_key(instant, NOW) == "instant:2026-12-02T13:30"


def test_newest_first_capped_per_company_and_in_all() -> None:
    items = [
        Item(n, job(n, company, days), ("Data",), NOW)
        for n, company, days in [
            (1, "Acme", 5),
            (2, "Acme", 1),
            (3, "Acme", 2),
            (4, "Globex", 3),
            (5, "Initech", 0),
        ]
    ]
    digest = compose(items, Delivery(max_items=3, per_company=2), "https://u.example/t")
    assert digest is not None
    assert [i.posting_id for i in digest.items] == [5, 2, 3]
    assert digest.left_out == 2
    assert digest.subject == "3 new jobs for your saved searches"
    assert digest.text.index("Engineer 5") < digest.text.index("Engineer 2")
    assert "https://u.example/t" in digest.text and "https://u.example/t" in digest.html
    assert compose([], Delivery(), "https://u.example/t") is None


def test_the_html_escapes_what_the_boards_wrote() -> None:
    item = Item(1, job(1, "<b>Acme</b> & Co", 0, title='Dev "<script>"'), ("A&B",), NOW)
    digest = compose([item], Delivery(), "https://u.example/t")
    assert digest is not None
    assert "<script>" not in digest.html and "&lt;b&gt;Acme&lt;/b&gt; &amp; Co" in digest.html


DESCRIPTION = (
    "we build the ledger small shops use to see where their money goes and need a data "
    "engineer for the streaming pipelines that feed the daily reports our customers read "
    "every morning with python kafka and dbt across us time zones fully remote"
)


def test_duplicates_by_id_url_title_and_text() -> None:
    first = job(1, "Acme Inc.", 0, title="Data Engineer", description=DESCRIPTION)
    dedup = Deduper([seen_of(first, NOW)])
    assert dedup.duplicate_of(seen_of(first, NOW)) == (first.key, "same job")
    tracked = job(2, "Other", 0, url="https://www.jobs.example/1/?utm_source=x&gh_src=y")
    assert dedup.duplicate_of(seen_of(tracked, NOW)) == (first.key, "same URL")
    retitled = job(3, "ACME", 3, title="data engineer")
    assert dedup.duplicate_of(seen_of(retitled, NOW)) == (first.key, "same title and company")
    much_later = job(4, "ACME", 30, title="Data Engineer")
    assert dedup.duplicate_of(seen_of(much_later, NOW)) is None
    agency = job(5, "Talentbridge", 0, title="Senior Data Engineer", description=DESCRIPTION)
    assert dedup.duplicate_of(seen_of(agency, NOW)) == (first.key, "nearly the same text")
    other = job(6, "Globex", 0, description=" ".join(reversed(DESCRIPTION.split())))
    assert dedup.duplicate_of(seen_of(other, NOW)) is None


def test_url_keys_drop_tracking_but_keep_what_names_the_job() -> None:
    assert url_key("https://WWW.Jobs.example/a/?utm_medium=x&id=7#top") == "//jobs.example/a?id=7"
    assert url_key("https://jobs.example/a?id=7") != url_key("https://jobs.example/a?id=8")
