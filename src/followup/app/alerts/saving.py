"""A job of an alert made a tracked application: company, role, and the job's URL,
locations and salary in the notes (applications have no fields of their own for them).
Saving the same job again finds the application made the first time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.alerts.codec import posting_from_json
from followup.app.schedule import replan

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.domain.model import Application


def _saved_key(posting_id: int) -> str:
    return f"alerts.saved.{posting_id}"


def save_posting(ctx: Context, posting_id: int) -> tuple[Application, bool]:
    """The application of the job, and whether it was made now."""
    with ctx.uow() as uow:
        posting = posting_from_json(uow.alerts.posting(posting_id)["data"])
        known = uow.settings.get(_saved_key(posting_id))
        if known is not None:
            return uow.applications.get(int(known)), False
        lines = [f"Job: {posting.url}"]
        if posting.locations:
            lines.append("Location: " + "; ".join(posting.locations))
        if posting.work_mode is not None:
            lines.append(f"Work mode: {posting.work_mode.value}")
        if posting.salary is not None:
            lines.append(f"Salary: {posting.salary.describe()}")
        lines.append(f"Found by a job alert ({posting.source})")
        app = uow.applications.add(
            posting.company[:200] or "(unknown company)",
            posting.title[:200] or "(untitled job)",
            created_at=ctx.now(),
            notes="\n".join(lines),
            # found, not applied for yet: nothing is followed up until the user applies
            details={
                "saved": True,
                "job_url": posting.url[:2048] or None,
                "source": f"job alert ({posting.source})"[:100],
                "location": "; ".join(posting.locations)[:200] or None,
            },
        )
        uow.settings.set(_saved_key(posting_id), str(app.id))
        replan(ctx, uow, app.id)
    return app, True
