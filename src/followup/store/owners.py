"""Owners: whose job search a row belongs to. The embedded mode has one, LOCAL_OWNER_ID,
made by the migration that introduced owners; server mode adds one per user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, insert, select

from followup.store import LOCAL_OWNER_ID
from followup.store.engine import WRITE_OPTION
from followup.store.errors import InvalidDataError, NotFoundError
from followup.store.tables import owners
from followup.store.values import new_public_id

__all__ = ["LOCAL_OWNER_ID", "Owner", "create_owner", "owner", "owner_ids"]


@dataclass(frozen=True, slots=True)
class Owner:
    id: int
    public_id: str
    name: str


def create_owner(engine: Engine, name: str, now: datetime) -> Owner:
    if not name.strip():
        raise InvalidDataError("the owner's name is empty", "give a name")
    public_id = new_public_id()
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        key = conn.execute(
            insert(owners).values(public_id=public_id, name=name.strip(), created_at=now)
        ).inserted_primary_key
    assert key is not None
    return Owner(int(key[0]), public_id, name.strip())


def owner(engine: Engine, owner_id: int) -> Owner:
    with engine.connect() as conn:
        row = conn.execute(select(owners).where(owners.c.id == owner_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"no owner with id {owner_id}", "check the owner id")
    return Owner(row["id"], row["public_id"], row["name"])


def owner_ids(engine: Engine) -> list[int]:
    """Every owner, in id order (a worker serves them all)."""
    with engine.connect() as conn:
        return [int(i) for i in conn.execute(select(owners.c.id).order_by(owners.c.id)).scalars()]
