"""Errors the store raises for problems the user can fix.

Each carries the problem and the fix separately, so every interface (CLI, web) can show
"problem (fix: ...)" in its own way. Nothing here imports SQLAlchemy.
"""

from __future__ import annotations


class StoreError(Exception):
    """A request the store refuses; nothing was written."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(f"{problem} (fix: {fix})")
        self.problem = problem
        self.fix = fix


class NotFoundError(StoreError):
    """An id that names nothing stored."""


class InvalidDataError(StoreError):
    """Values that break a rule of the data (end before start, a person of another app...)."""


class SchemaTooNewError(StoreError):
    """The database was migrated by a newer followup than this one."""


class UnusableDatabaseError(StoreError):
    """The configured database can't be opened: a bad URL, a missing driver, no server."""
