"""The structured filters of a saved search, and whether a posting passes them.

A value the posting does not state (no salary, no work mode, no location) passes by default:
a job is not hidden because its board left a field out (`include_unknown_salary` turns that
off for salaries)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from difflib import SequenceMatcher

from followup.alerts.model import Posting, WorkMode
from followup.alerts.text import fold, tokens

# Legal-form words dropped before company names are compared ("Acme Inc." is "ACME").
_LEGAL = frozenset(
    ("inc", "llc", "ltd", "gmbh", "ag", "sa", "sas", "bv", "plc", "co", "corp", "limited", "the")
)
FUZZY_COMPANY = 0.85


@dataclass(frozen=True, slots=True)
class Filters:
    locations: tuple[str, ...] = ()  # any of these words in a location ("berlin", "london")
    countries: tuple[str, ...] = ()  # ISO alpha-2
    work_modes: tuple[WorkMode, ...] = ()
    seniorities: tuple[str, ...] = ()
    employment_types: tuple[str, ...] = ()
    min_salary: int | None = None  # annual
    currency: str = "USD"
    include_unknown_salary: bool = True
    companies: tuple[str, ...] = ()  # only these (fuzzy)
    exclude_companies: tuple[str, ...] = ()  # never these (fuzzy)
    posted_within_days: int | None = None

    def canonical(self) -> str:
        return repr(self)


def company_key(name: str) -> str:
    return " ".join(w for w in tokens(name) if w not in _LEGAL)


def same_company(a: str, b: str) -> bool:
    ka, kb = company_key(a), company_key(b)
    if not ka or not kb:
        return False
    return ka == kb or SequenceMatcher(None, ka, kb).ratio() >= FUZZY_COMPANY


def passes(filters: Filters, posting: Posting, now: datetime) -> bool:
    return all(check(filters, posting, now) for check in _CHECKS)


Check = Callable[[Filters, Posting, datetime], bool]


def active_checks(filters: Filters) -> tuple[Check, ...]:
    """The checks a filter set needs (the others pass every posting): what a matcher keeps
    to test many postings against it."""
    needed = {
        _place: bool(filters.locations or filters.countries),
        _kind: bool(filters.work_modes or filters.seniorities or filters.employment_types),
        _salary: filters.min_salary is not None,
        _company: bool(filters.companies or filters.exclude_companies),
        _recent: filters.posted_within_days is not None,
    }
    return tuple(check for check in _CHECKS if needed[check])


def _place(filters: Filters, posting: Posting, _now: datetime) -> bool:
    if filters.locations and posting.locations:
        text = fold(" ".join(posting.locations))
        if not any(fold(place) in text for place in filters.locations):
            return False
    if filters.countries and posting.countries:
        return bool(set(filters.countries) & set(posting.countries))
    return True


def _kind(filters: Filters, posting: Posting, _now: datetime) -> bool:
    return (
        (
            not filters.work_modes
            or posting.work_mode is None
            or posting.work_mode in filters.work_modes
        )
        and (
            not filters.seniorities
            or posting.seniority is None
            or posting.seniority in filters.seniorities
        )
        and (
            not filters.employment_types
            or posting.employment_type is None
            or posting.employment_type in filters.employment_types
        )
    )


def _salary(filters: Filters, posting: Posting, _now: datetime) -> bool:
    if filters.min_salary is None:
        return True
    pay = posting.salary
    if pay is None or pay.currency != filters.currency:
        return filters.include_unknown_salary  # no rates offline: another currency is unknown
    top = pay.annual_max if pay.annual_max is not None else pay.annual_min
    return top is not None and top >= filters.min_salary


def _company(filters: Filters, posting: Posting, _now: datetime) -> bool:
    if filters.companies and not any(same_company(c, posting.company) for c in filters.companies):
        return False
    return not any(same_company(c, posting.company) for c in filters.exclude_companies)


def _recent(filters: Filters, posting: Posting, now: datetime) -> bool:
    if filters.posted_within_days is None or posting.posted_at is None:
        return True
    return posting.posted_at >= now - timedelta(days=filters.posted_within_days)


_CHECKS = (_place, _kind, _salary, _company, _recent)
