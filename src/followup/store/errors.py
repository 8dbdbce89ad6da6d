"""Errors the store raises for problems the user can fix.

Each carries the problem and the fix separately, so every interface (CLI, web) can show
"problem (fix: ...)" in its own way. Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from followup.errors import UserError


class StoreError(UserError):
    """A request the store refuses; nothing was written."""


class NotFoundError(StoreError):
    """An id that names nothing stored."""

    default_code = "not-found"


class _Kind(NamedTuple):
    """How a not-found error names a table's row: the noun, the error code, the parameter."""

    noun: str
    code: str
    param: str


_KINDS = {
    "applications": _Kind(noun="application", code="application.not-found", param="app_id"),
    "people": _Kind(noun="person", code="person.not-found", param="person_id"),
    "interviews": _Kind(noun="interview", code="interview.not-found", param="interview_id"),
}


def not_found(table: str, row_id: int, **params: Any) -> NotFoundError:
    """The error for an id that names no row of `table`, with `params` besides the id."""
    kind = _KINDS[table]
    return NotFoundError(
        f"no {kind.noun} with id {row_id}", code=kind.code, params={kind.param: row_id, **params}
    )


class InvalidDataError(StoreError):
    """Values that break a rule of the data (end before start, a person of another app...)."""


class ConflictError(InvalidDataError):
    """Two writers raced and this one lost; running it again is safe."""

    default_code = "conflict"


class SchemaTooNewError(StoreError):
    """The database was migrated by a newer followup than this one."""


class UnusableDatabaseError(StoreError):
    """The configured database can't be opened: a bad URL, a missing driver, no server."""
