"""The migrations this code ships, in order. Append-only: a new migration under
migrations/versions adds its revision id at the end. Kept apart from `schema` so the fast
reader can compare revisions without importing SQLAlchemy."""

from __future__ import annotations

REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
)
HEAD = REVISIONS[-1]
