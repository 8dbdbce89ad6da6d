"""The CLI's words for the refusals of checked input: an application's details, an offer's
terms, times, zones, countries, phone numbers, and where the data lives."""

from __future__ import annotations

PIPELINE_FIXES: dict[str, str] = {
    "url.invalid": "give the posting's full address, such as https://jobs.example.com/123",
    "currency.format": "use a three-letter ISO 4217 code such as EUR, USD or SGD",
    "currency.unknown": "use an ISO 4217 code such as EUR, USD or SGD",
    "applied.in-future": "give the day you applied (--applied-on), today or earlier",
    "offer.deadline-past": "give --offer-deadline on or after {day}",
    "linkedin.invalid": "give the profile's address, such as https://www.linkedin.com/in/name",
    "salary.range": "give --salary-min no larger than --salary-max",
    "choice.unknown": "use one of {allowed}",
    "amount.invalid": "give a whole number such as 85000",
    # typed input checked against the calendar, the clock and the numbering plans
    "zone.abbreviation": "give the IANA zone, e.g. --tz {zone}",
    "country.alias": "give the ISO 3166-1 alpha-2 code, e.g. --country {hint}",
    "time.nonexistent": "give a time an hour later, or with its offset",
    "time.ambiguous": "add the offset you mean: {both}",
    "time.in-future": "give the time it happened (--at), or leave --at out for now",
    "date.far": "check the year",
    "interview.too-long": "check --at and --end (the day, and AM/PM)",
    "interview.decision-before": "give a --decision-by on or after the interview day",
    "touch.decision-before": "give a --decision-by on or after the day of the message",
    "touch.return-before": "give the return date the reply names (on or after the message)",
    "home.unusable": "set FOLLOWUP_HOME to a directory you can write in",
    "database.no-directory": "check the path in FOLLOWUP_DATABASE_URL, or create the directory",
    "database.mistyped": "fix FOLLOWUP_DATABASE_URL (a new file there would be an empty search)",
    "phone.invalid": "give the number with its country code, e.g. +1 212 555 0101 ({region})",
}
