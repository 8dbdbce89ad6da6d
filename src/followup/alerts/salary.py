"""Salaries as sources quote them (per hour, month, year; in cents; "$120k - $150k") made
annual, with their currency."""

from __future__ import annotations

import re

from followup.alerts.model import Period, Salary

# Working time of a full-time year: 52 weeks of 5 days of 8 hours.
_PER_YEAR = {
    Period.YEAR: 1,
    Period.MONTH: 12,
    Period.WEEK: 52,
    Period.DAY: 260,
    Period.HOUR: 2080,
}
_PERIOD_WORDS = {
    "year": Period.YEAR,
    "yearly": Period.YEAR,
    "annual": Period.YEAR,
    "per-year-salary": Period.YEAR,
    "month": Period.MONTH,
    "monthly": Period.MONTH,
    "per-month-salary": Period.MONTH,
    "week": Period.WEEK,
    "weekly": Period.WEEK,
    "day": Period.DAY,
    "daily": Period.DAY,
    "per-day-wage": Period.DAY,
    "hour": Period.HOUR,
    "hourly": Period.HOUR,
    "per-hour-wage": Period.HOUR,
}
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}


def period_of(word: str | None) -> Period:
    """ "HOUR", "per-hour-wage", "monthly"... as a Period (a year when unknown)."""
    return _PERIOD_WORDS.get((word or "year").strip().lower(), Period.YEAR)


def annual(
    low: float | None, high: float | None, currency: str | None, period: Period = Period.YEAR
) -> Salary | None:
    """A range made annual; None when neither end is a positive amount."""
    factor = _PER_YEAR[period]
    ends = [None if v is None or v <= 0 else round(v * factor) for v in (low, high)]
    if ends[0] is None and ends[1] is None:
        return None
    if ends[0] is not None and ends[1] is not None and ends[0] > ends[1]:
        ends.reverse()
    return Salary((currency or "USD").strip().upper()[:3], ends[0], ends[1])


def number(value: object) -> float | None:
    """A JSON amount (number or numeric string) or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "").strip())
        except ValueError:
            return None
    return None


_AMOUNT = re.compile(r"([$€£¥₹])?\s?(\d[\d,.]*)\s?([kK])?")


def from_text(text: str) -> Salary | None:
    """ "$120k - $150k", "€60,000-€75,000 a year", "$45/hour" as an annual range."""
    amounts: list[float] = []
    currency = None
    for symbol, digits, thousands in _AMOUNT.findall(text):
        value = number(digits)
        if value is None:
            continue
        value *= 1000 if thousands else 1
        currency = currency or _SYMBOLS.get(symbol)
        if symbol or thousands or value >= 1000:
            amounts.append(value)
    if not amounts or currency is None:
        return None
    lowered = text.lower()
    period = Period.YEAR
    for word in ("hour", "day", "week", "month"):
        if f"/{word}" in lowered or f"per {word}" in lowered or f"an {word}" in lowered:
            period = Period(word)
    return annual(min(amounts[:2]), max(amounts[:2]), currency, period)
