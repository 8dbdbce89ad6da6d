"""Row ids: what can name a row (no SQLAlchemy here: the fast paths check ids too)."""

from __future__ import annotations

MAX_ROW_ID = 2**31 - 1  # PostgreSQL's INTEGER; no row has a larger id


def is_row_id(value: int) -> bool:
    """Whether `value` can be the id of a row (a larger one names nothing: it is not found,
    not an error of the database)."""
    return 0 < value <= MAX_ROW_ID
