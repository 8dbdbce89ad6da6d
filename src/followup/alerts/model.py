"""A job posting as every source's parser returns it, normalised."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class WorkMode(StrEnum):
    REMOTE = "remote"
    HYBRID = "hybrid"
    ONSITE = "on-site"


class Period(StrEnum):
    """How a salary is quoted."""

    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    HOUR = "hour"


@dataclass(frozen=True, slots=True)
class Salary:
    """A range normalised to a year, in `currency` (ISO 4217); either end may be unknown."""

    currency: str
    annual_min: int | None
    annual_max: int | None

    def describe(self) -> str:
        low, high = self.annual_min, self.annual_max
        if low is not None and high is not None and low != high:
            return f"{self.currency} {low:,}-{high:,} a year"
        value = low if low is not None else high
        return f"{self.currency} {value:,} a year"


@dataclass(frozen=True, slots=True)
class Posting:
    """One job as a source published it, normalised. `source` names the source
    ("greenhouse:acme", a feed URL) and `source_id` the job in it."""

    source: str
    source_id: str
    title: str
    company: str
    url: str
    description: str = ""  # clean text (HTML converted)
    locations: tuple[str, ...] = ()
    work_mode: WorkMode | None = None  # None: the source did not say
    employment_type: str | None = None  # full-time, part-time, contract, internship, temporary
    seniority: str | None = None
    salary: Salary | None = None
    posted_at: datetime | None = None  # aware
    countries: tuple[str, ...] = field(default=())  # ISO 3166-1 alpha-2 where known
    board: str = ""  # the source's own name (a feed's title): shown when `company` is unknown

    @property
    def key(self) -> str:
        return f"{self.source}#{self.source_id}"

    @property
    def employer_key(self) -> str:
        """Whose job it is, for caps and duplicates: the company, else the source (two
        feeds that name no company are not one employer)."""
        return self.company.casefold() or f"source:{self.source}"

    def heading(self) -> str:
        """ "Role at Company", or "Role (via Board)" when the source names no company."""
        if self.company:
            return f"{self.title} at {self.company}"
        return f"{self.title} (via {self.board or self.source})"
