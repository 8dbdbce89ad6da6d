"""The owner's digest settings (frequency, hour, zone, caps), kept with their data."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from followup.alerts.digest import Delivery, Frequency
from followup.app.validate import check_zone
from followup.errors import UserError

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.store.uow import UnitOfWork

DELIVERY_KEY = "alerts.delivery"


@dataclass(frozen=True, slots=True)
class DeliveryChanges:
    frequency: str | None = None
    hour: int | None = None
    tz: str | None = None
    max_items: int | None = None
    per_company: int | None = None


def delivery_of(ctx: Context, uow: UnitOfWork) -> Delivery:
    stored: dict[str, Any] = json.loads(uow.settings.get(DELIVERY_KEY) or "{}")
    stored.setdefault("tz", ctx.prefs.user_tz)
    stored["frequency"] = Frequency(stored.get("frequency", Frequency.DAILY))
    return Delivery(**stored)


def show_delivery(ctx: Context) -> Delivery:
    with ctx.uow(write=False) as uow:
        return delivery_of(ctx, uow)


def set_delivery(ctx: Context, data: DeliveryChanges) -> Delivery:
    changes: dict[str, Any] = {k: v for k, v in asdict(data).items() if v is not None}
    if "frequency" in changes and changes["frequency"] not in Frequency._value2member_map_:
        raise UserError(
            f"unknown frequency {changes['frequency']!r}",
            code="alerts.frequency",
            params={"choices": ", ".join(Frequency)},
        )
    if "hour" in changes and not 0 <= changes["hour"] <= 23:
        raise UserError("the hour must be 0-23", code="alerts.hour", params={})
    for name in ("max_items", "per_company"):
        if name in changes and changes[name] < 1:
            raise UserError(
                f"{name.replace('_', ' ')} must be at least 1",
                code="alerts.cap",
                params={"what": name},
            )
    if "tz" in changes:
        changes["tz"] = check_zone(changes["tz"])
    with ctx.uow() as uow:
        current = asdict(delivery_of(ctx, uow))
        merged = current | changes
        merged["frequency"] = str(merged["frequency"])
        uow.settings.set(DELIVERY_KEY, json.dumps(merged, sort_keys=True))
        return delivery_of(ctx, uow)
