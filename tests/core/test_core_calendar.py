"""The business calendar: holidays, send hours, the evening exception, quiet period."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from followup import calendar
from followup.playbook import load_playbook

SETTINGS = load_playbook("seed").calendar
NY = ZoneInfo("America/New_York")


def us() -> calendar.BusinessCalendar:
    return calendar.calendar_for("US", "America/New_York", SETTINGS)


def test_weekends_and_us_holidays_are_not_business_days() -> None:
    cal = us()
    assert cal.is_business_day(date(2026, 3, 3))  # Tuesday
    assert not cal.is_business_day(date(2026, 3, 7))  # Saturday
    assert not cal.is_business_day(date(2026, 5, 25))  # Memorial Day
    assert cal.next_business_day(date(2026, 5, 22)) == date(2026, 5, 26)


def test_holidays_are_the_recipients_country() -> None:
    germany = calendar.calendar_for("DE", "Europe/Berlin", SETTINGS)
    assert germany.is_business_day(date(2026, 5, 25)) is False  # Whit Monday in Germany
    assert germany.is_business_day(date(2026, 7, 3))  # a US holiday only
    assert not us().is_business_day(date(2026, 7, 3))


def test_add_business_days_counts_from_the_day_after() -> None:
    cal = us()
    assert cal.add_business_days(date(2026, 3, 13), 1) == date(2026, 3, 16)  # Fri + 1 = Mon
    assert cal.add_business_days(date(2026, 3, 7), 2) == date(2026, 3, 10)  # Sat + 2 = Tue
    assert cal.add_business_days(date(2026, 3, 7), 0) == date(2026, 3, 9)


def test_next_slot_inside_hours_is_unchanged() -> None:
    moment = datetime(2026, 3, 3, 10, 15, tzinfo=NY)
    assert us().next_slot(moment) == moment


def test_next_slot_before_opening_moves_to_eight() -> None:
    assert us().next_slot(datetime(2026, 3, 3, 6, 0, tzinfo=NY)) == datetime(
        2026, 3, 3, 8, 0, tzinfo=NY
    )


def test_evening_is_allowed_only_for_the_thank_you() -> None:
    cal = us()
    evening = datetime(2026, 3, 3, 19, 30, tzinfo=NY)
    assert cal.next_slot(evening, evening=True) == evening
    assert cal.next_slot(evening) == datetime(2026, 3, 4, 8, 0, tzinfo=NY)
    late = datetime(2026, 3, 3, 20, 30, tzinfo=NY)
    assert cal.next_slot(late, evening=True) == datetime(2026, 3, 4, 8, 0, tzinfo=NY)


def test_next_slot_skips_a_long_weekend() -> None:
    friday_night = datetime(2026, 5, 22, 21, 0, tzinfo=NY)
    assert us().next_slot(friday_night, evening=True) == datetime(2026, 5, 26, 8, 0, tzinfo=NY)


def test_next_slot_is_in_the_recipients_zone() -> None:
    berlin = calendar.calendar_for("DE", "Europe/Berlin", SETTINGS)
    # 03:00 in New York is 09:00 in Berlin: inside Berlin's send hours
    moment = datetime(2026, 3, 3, 3, 0, tzinfo=NY)
    slot = berlin.next_slot(moment)
    assert slot == moment
    assert berlin.is_allowed(slot)
    assert not us().is_allowed(slot)


def test_quiet_period_moves_to_the_first_business_day_after() -> None:
    cal = us()
    assert cal.in_quiet_period(date(2026, 12, 24))
    assert cal.in_quiet_period(date(2027, 1, 1))
    assert not cal.in_quiet_period(date(2026, 12, 23))
    assert cal.after_quiet_period(date(2026, 12, 28)) == date(2027, 1, 4)  # 2 Jan is Saturday
    assert cal.after_quiet_period(date(2026, 12, 23)) == date(2026, 12, 23)


def test_opening_and_closing_are_local_wall_clock() -> None:
    cal = us()
    summer = cal.closing(date(2026, 7, 1))
    assert summer.time() == time(17, 0)
    assert summer.utcoffset() is not None and summer.utcoffset().total_seconds() == -4 * 3600


def test_unknown_zone_is_a_clear_error() -> None:
    with pytest.raises(
        calendar.UnknownTimeZone, match="unknown time zone 'Mars/Olympus' - use an IANA"
    ):
        calendar.calendar_for("US", "Mars/Olympus", SETTINGS)


def test_unknown_country_is_a_clear_error() -> None:
    with pytest.raises(calendar.UnknownCountry, match="unknown country 'XX' - use an ISO 3166-1"):
        calendar.calendar_for("XX", "Europe/Paris", SETTINGS)
    assert issubclass(calendar.UnknownCountry, calendar.CalendarError)


def test_holiday_sets_are_cached_per_country_and_year() -> None:
    assert calendar.holiday_dates("US", 2026) is calendar.holiday_dates("US", 2026)
    assert date(2026, 1, 1) in calendar.holiday_dates("US", 2026)


def test_shipped_holiday_table_matches_the_holidays_package() -> None:
    from followup.calendar.holiday_data import TABLE
    from followup.calendar.holiday_table import COUNTRIES, YEARS, generate

    assert sorted(TABLE) == sorted(COUNTRIES)
    assert all(sorted(years) == list(YEARS) for years in TABLE.values())
    assert generate() == TABLE, "regenerate: python -m followup.calendar.holiday_table"


def test_countries_outside_the_table_use_the_holidays_package() -> None:
    from followup.calendar.holiday_data import TABLE

    assert "KE" not in TABLE
    kenya = calendar.calendar_for("KE", "Africa/Nairobi", SETTINGS)
    assert not kenya.is_business_day(date(2026, 6, 1))  # Madaraka Day
    assert date(2040, 7, 4) in calendar.holiday_dates("US", 2040)  # a year outside the table
