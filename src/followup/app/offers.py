"""The open offers, side by side (read-only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from followup.domain.model import Stage

if TYPE_CHECKING:
    from followup.app.context import Context


def open_offers(ctx: Context) -> list[dict[str, Any]]:
    """Every application whose stage is `offer`, soonest deadline first (none: last)."""
    from followup.app.planning import plan_applications

    found = []
    for item in plan_applications(ctx):
        if item.plan.stage is not Stage.OFFER:
            continue
        app = item.history.application
        offer = app.offer
        base = offer.base if offer else None
        bonus = offer.bonus if offer else None
        found.append(
            {
                "app_id": app.id,
                "company": app.display_name or app.company,
                "role": app.role,
                "deadline": offer.deadline.isoformat() if offer and offer.deadline else None,
                "base": base,
                "bonus": bonus,
                "total": None if base is None else base + (bonus or 0),
                "currency": offer.currency if offer else None,
                "notes": offer.notes if offer else "",
                "location": app.location,
                "work_mode": app.work_mode.value if app.work_mode else None,
            }
        )
    found.sort(key=lambda o: (o["deadline"] is None, o["deadline"] or "", o["app_id"]))
    return found
