"""Business days and send hours in the recipient's zone and country.

Pure: no clock is read, datetimes come in as parameters. Public holidays come
from the `holidays` package, imported on first use and cached per
(country, year), so that planning 100,000 applications computes each holiday
set once.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.playbook.model import CalendarSettings, QuietPeriod

ONE_DAY = timedelta(days=1)


class CalendarError(ValueError):
    """A zone or country the calendar cannot use; str() is a one-line message with the fix."""


class UnknownTimeZone(CalendarError):
    pass


class UnknownCountry(CalendarError):
    pass


@functools.cache
def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`; UnknownTimeZone if there is none."""
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownTimeZone(
            f"unknown time zone {name!r} - use an IANA name such as 'America/New_York' "
            "or 'Europe/Berlin'"
        ) from None


_HOLIDAYS: dict[tuple[str, int], frozenset[date]] = {}


def holiday_dates(country: str, year: int) -> frozenset[date]:
    """The national public holidays of `country` (ISO 3166-1 alpha-2) in `year`.

    From the shipped table when it has them (fast start-up), else from the
    `holidays` package.
    """
    key = (country, year)
    found = _HOLIDAYS.get(key)
    if found is None:
        found = _from_table(country, year)
    if found is None:
        import holidays  # slow to import: only for what the table lacks

        try:
            table = holidays.country_holidays(country.upper(), years=year)
        except NotImplementedError:
            raise UnknownCountry(
                f"unknown country {country!r} - use an ISO 3166-1 alpha-2 code such as "
                "'US', 'GB' or 'DE'"
            ) from None
        found = frozenset(table.keys())
    _HOLIDAYS[key] = found
    return found


def _from_table(country: str, year: int) -> frozenset[date] | None:
    from followup.calendar.holiday_data import TABLE
    from followup.calendar.holiday_table import decode

    text = TABLE.get(country, {}).get(year)
    return decode(year, text) if text is not None else None


def is_known_country(country: str) -> bool:
    """Whether holidays exist for `country` (raises UnknownCountry otherwise)."""
    from followup.calendar.holiday_data import TABLE

    if country.upper() not in TABLE:
        holiday_dates(country.upper(), 2026)
    return True


class BusinessCalendar:
    """Working days and hours of one recipient (a country and a zone)."""

    __slots__ = (
        "_known_days",
        "country",
        "end",
        "evening",
        "quiet",
        "start",
        "stretch",
        "tz",
        "use_holidays",
        "weekend",
    )

    def __init__(self, country: str, tz_name: str, settings: CalendarSettings) -> None:
        self.country = country.upper()
        self.tz = zone(tz_name)
        self.weekend = settings.weekend_days.value
        self.use_holidays = settings.public_holidays.value
        self.start = settings.send_hours_start.value
        self.end = settings.send_hours_end.value
        self.evening = settings.thank_you_evening_until.value
        self.stretch = settings.window_stretch_until.value
        self.quiet: QuietPeriod = settings.quiet_period.value
        # the planner asks about the same few days over and over
        self._known_days: dict[date, bool] = {}
        if self.use_holidays:
            is_known_country(self.country)  # fail early on an unknown country

    def is_business_day(self, day: date) -> bool:
        known = self._known_days.get(day)
        if known is None:
            known = day.weekday() not in self.weekend and not (
                self.use_holidays and day in holiday_dates(self.country, day.year)
            )
            if len(self._known_days) > 20_000:
                self._known_days.clear()
            self._known_days[day] = known
        return known

    def on_or_after(self, day: date) -> date:
        """The first business day on or after `day`."""
        while not self.is_business_day(day):
            day += ONE_DAY
        return day

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after `day`."""
        return self.on_or_after(day + ONE_DAY)

    def add_business_days(self, day: date, count: int) -> date:
        """The `count`-th business day after `day` (0: the first business day on or after it).

        Friday + 1 is Monday; Saturday + 2 is Tuesday (Monday is the first).
        """
        if count <= 0:
            return self.on_or_after(day)
        for _ in range(count):
            day = self.next_business_day(day)
        return day

    def at(self, day: date, clock: time) -> datetime:
        """`day` at local wall-clock time `clock`, aware."""
        return datetime.combine(day, clock, tzinfo=self.tz)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def opening(self, day: date) -> datetime:
        """Start of send hours on `day`."""
        return self.at(day, self.start)

    def closing(self, day: date) -> datetime:
        """End of send hours on `day`."""
        return self.at(day, self.end)

    def next_slot(self, moment: datetime, evening: bool = False) -> datetime:
        """The first allowed send time at or after `moment` (local to the recipient).

        Send hours on business days; with `evening`, the same day until the
        thank-you evening limit too.
        """
        here = moment.astimezone(self.tz)
        day, clock = here.date(), here.time()
        if self.is_business_day(day):
            if clock < self.start:
                return self.at(day, self.start)
            if clock <= self.end or (evening and clock <= self.evening):
                return here
        return self.at(self.next_business_day(day), self.start)

    def is_allowed(self, moment: datetime, evening: bool = False) -> bool:
        """Whether `moment` is inside send hours (or the evening) on a business day."""
        here = moment.astimezone(self.tz)
        if not self.is_business_day(here.date()):
            return False
        limit = self.evening if evening else self.end
        return self.start <= here.time() <= limit

    def in_quiet_period(self, day: date) -> bool:
        return self.quiet.contains(day.month, day.day)

    def after_quiet_period(self, day: date) -> date:
        """`day`, or the first business day after the quiet period if `day` falls in it."""
        if not self.in_quiet_period(day):
            return day
        for _ in range(366):  # a period covering the whole year must not loop forever
            if not self.in_quiet_period(day):
                break
            day += ONE_DAY
        return self.on_or_after(day)


_CALENDARS: dict[tuple[str, str, int], tuple[CalendarSettings, BusinessCalendar]] = {}


def calendar_for(country: str, tz_name: str, settings: CalendarSettings) -> BusinessCalendar:
    """A shared calendar per (country, zone, settings).

    Keyed by the identity of `settings`: hashing the nested settings value on
    every lookup costs more than planning an application.
    """
    key = (country, tz_name, id(settings))
    entry = _CALENDARS.get(key)
    if entry is not None and entry[0] is settings:
        return entry[1]
    if len(_CALENDARS) > 1024:
        _CALENDARS.clear()
    calendar = BusinessCalendar(country, tz_name, settings)
    _CALENDARS[key] = (settings, calendar)
    return calendar
