"""Checks of typed input that need the clock or several fields together (pure: the time is
a parameter). Each refusal says what is wrong; the CLI words the fix (cli/pipeline_fixes.py).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from followup.app.errors import InputError

MAX_INTERVIEW = timedelta(hours=12)  # longer is a typo (a wrong day or AM/PM)
FAR = timedelta(days=5 * 366)  # a search does not reach this far back or ahead


def check_interview_span(start: datetime, end: datetime | None, decision_by: date | None) -> None:
    if end is not None and end - start > MAX_INTERVIEW:
        hours = (end - start).total_seconds() / 3600
        raise InputError(
            f"the interview would last {hours:.0f} hours ({start.isoformat()} to "
            f"{end.isoformat()})",
            code="interview.too-long",
            params={"hours": round(hours), "start": start.isoformat(), "end": end.isoformat()},
        )
    _not_before(decision_by, start.date(), "decision date", "the interview", "interview")


def check_near(when: datetime, now: datetime, what: str) -> None:
    """Not years away from now (a typed year that is off)."""
    if abs(when - now) > FAR:
        raise InputError(
            f"the {what} {when.date().isoformat()} is more than five years from today",
            code="date.far",
            params={"what": what, "day": when.date().isoformat()},
        )


def check_not_future(when: datetime, now: datetime, what: str) -> None:
    """What already happened (a contact, an outcome) can't be later than now."""
    if when > now:
        raise InputError(
            f"the {what} {when.isoformat()} is in the future",
            code="time.in-future",
            params={"what": what, "at": when.isoformat()},
        )


def check_return_date(
    return_date: date | None, at: datetime, decision_by: date | None = None
) -> None:
    """An out-of-office reply names a day after it was sent, and so does a reply that says
    when they will decide."""
    _not_before(return_date, at.date(), "return date", "the message", "touch")
    _not_before(decision_by, at.date(), "decision date", "the message", "touch-decision")


def check_applied_on(day: date | None, today: date) -> None:
    """The day applied is not ahead of today, nor years back (a mistyped year)."""
    if day is None:
        return
    if day > today:
        raise InputError(
            f"the date applied {day.isoformat()} is after today ({today.isoformat()})",
            code="applied.in-future",
            params={"date": day.isoformat(), "day": today.isoformat()},
        )
    midnight = datetime.min.time()
    check_near(datetime.combine(day, midnight), datetime.combine(today, midnight), "date applied")


def check_offer_deadline(deadline: date | None, floor: date, of: str = "the offer") -> None:
    """An offer is answered by a day on or after the day it was made, and a deadline
    recorded later is not already past (`of`: "today")."""
    _not_before(deadline, floor, "offer deadline", of, "offer")


def _not_before(day: date | None, floor: date, what: str, of: str, area: str) -> None:
    if day is not None and day < floor:
        codes = {
            "interview": "interview.decision-before",
            "touch": "touch.return-before",
            "touch-decision": "touch.decision-before",
            "offer": "offer.deadline-past",
        }
        raise InputError(
            f"the {what} {day.isoformat()} is before {of} ({floor.isoformat()})",
            code=codes[area],
            params={"date": day.isoformat(), "day": floor.isoformat()},
        )


def check_phone(text: str | None, region: str | None) -> str | None:
    """A phone number that can exist in the numbering plan (a local number is read in
    `region`, the person's or the company's country); kept as typed."""
    if text is None or not text.strip():
        return text
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region or "US")
        possible = phonenumbers.is_possible_number(number)
    except phonenumbers.NumberParseException:
        possible = False
    if not possible:
        raise InputError(
            f"{text!r} is not a phone number",
            code="phone.invalid",
            params={"phone": text, "region": region or "US"},
        )
    return text.strip()


def check_linkedin(text: str | None) -> str | None:
    """A LinkedIn profile's web address (https://www.linkedin.com/in/...), kept as typed."""
    from urllib.parse import urlsplit

    if text is None or not text.strip():
        return text
    url = text.strip()
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").lower()
    on_linkedin = host == "linkedin.com" or host.endswith(".linkedin.com")
    if (
        parts.scheme not in ("http", "https")
        or not on_linkedin
        or len(parts.path) < 2
        or " " in url
    ):
        raise InputError(
            f"{text!r} is not a LinkedIn profile address",
            code="linkedin.invalid",
            params={"url": text},
        )
    return url
