"""The sources an owner polls: add (by board name or feed URL), list, remove."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.alerts.sources.registry import source_spec
from followup.errors import UserError

if TYPE_CHECKING:
    from followup.app.context import Context


@dataclass(frozen=True, slots=True)
class Source:
    spec: str
    checked_at: datetime | None
    last_error: str

    def record(self) -> dict[str, Any]:
        return {"source": self.spec, "checked_at": self.checked_at, "last_error": self.last_error}


def add_source(ctx: Context, text: str) -> tuple[Source, bool]:
    """The source (checked: `greenhouse:acme`, `remoteok`, `hn`, a URL) and whether it is new."""
    label = source_spec(text).label
    with ctx.uow() as uow:
        added = uow.alerts.add_source(label, ctx.now())
    return Source(label, None, ""), added


def list_sources(ctx: Context) -> list[Source]:
    with ctx.uow(write=False) as uow:
        rows = uow.alerts.sources()
    return [Source(r["spec"], r["checked_at"], r["last_error"]) for r in rows]


def remove_source(ctx: Context, text: str) -> Source:
    label = source_spec(text).label
    with ctx.uow() as uow:
        if not uow.alerts.remove_source(label):
            raise UserError(
                f"no source {label!r}",
                code="alerts.source-not-found",
                params={"source": label},
            )
    return Source(label, None, "")
