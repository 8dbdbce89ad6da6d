"""The business calendar: working days, send hours and quiet periods per recipient."""

from followup.calendar.business import (
    BusinessCalendar,
    CalendarError,
    UnknownCountry,
    UnknownTimeZone,
    calendar_for,
    holiday_dates,
    zone,
)

__all__ = [
    "BusinessCalendar",
    "CalendarError",
    "UnknownCountry",
    "UnknownTimeZone",
    "calendar_for",
    "holiday_dates",
    "zone",
]
