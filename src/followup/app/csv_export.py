"""CSV export of applications: one row each, with the headers the built-in `generic`
import mapping reads back (the people in one `Contacts` cell, see followup.app.csv_rows)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from followup.app.csv_rows import format_contact

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.app.planning import PlannedApplication

EXPORT_HEADERS = (
    "Id",
    "Company",
    "Role",
    "Applied",
    "Status",
    "Stage",
    "Outcome date",
    "Country",
    "Time zone",
    "Job URL",
    "Source",
    "Location",
    "Work mode",
    "Salary min",
    "Salary max",
    "Salary currency",
    "Salary period",
    "Tags",
    "Offer deadline",
    "Offer base",
    "Offer bonus",
    "Offer currency",
    "Offer notes",
    "Notes",
    "Contacts",
    "Next action",
    "Next due",
)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _row(planned: PlannedApplication, ctx: Context) -> list[str]:
    from followup.app.app_query import applied_day

    app = planned.history.application
    salary, offer = app.salary, app.offer
    upcoming = min(planned.plan.actions, key=lambda a: a.due, default=None)
    people = [format_contact(p) for p in planned.history.people]
    return [
        str(app.id),
        app.company,
        app.role,
        "" if app.saved else applied_day(planned, ctx.prefs.user_tz).isoformat(),
        app.outcome.value if app.outcome else "saved" if app.saved else "",
        planned.plan.stage.value,
        app.outcome_at.astimezone(ctx.zone).date().isoformat() if app.outcome_at else "",
        _text(app.country),
        _text(app.tz),
        _text(app.job_url),
        _text(app.source),
        _text(app.location),
        app.work_mode.value if app.work_mode else "",
        _text(salary and salary.minimum),
        _text(salary and salary.maximum),
        _text(salary and salary.currency),
        salary.period.value if salary and salary.period else "",
        ", ".join(app.tags),
        _text(offer and offer.deadline),
        _text(offer and offer.base),
        _text(offer and offer.bonus),
        _text(offer and offer.currency),
        offer.notes if offer else "",
        app.notes,
        "\n".join(people),
        upcoming.id if upcoming else "",
        upcoming.due.isoformat() if upcoming else "",
    ]


def export_csv(ctx: Context) -> str:
    """Every application as CSV, headers the built-in import mapping reads back."""
    from followup.app.planning import plan_applications

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_HEADERS)
    for planned in plan_applications(ctx):
        writer.writerow(_row(planned, ctx))
    return out.getvalue()
