"""Errors the store raises for problems the user can fix.

Each carries the problem and the fix separately, so every interface (CLI, web) can show
"problem (fix: ...)" in its own way. Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

from followup.errors import UserError


class StoreError(UserError):
    """A request the store refuses; nothing was written."""


class NotFoundError(StoreError):
    """An id that names nothing stored."""

    default_code = "not-found"


class InvalidDataError(StoreError):
    """Values that break a rule of the data (end before start, a person of another app...)."""


class ConflictError(InvalidDataError):
    """Two writers raced and this one lost; running it again is safe."""

    default_code = "conflict"


class SchemaTooNewError(StoreError):
    """The database was migrated by a newer followup than this one."""


class UnusableDatabaseError(StoreError):
    """The configured database can't be opened: a bad URL, a missing driver, no server."""
