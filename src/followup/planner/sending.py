"""When a message may leave: never before its action's window opens, always inside send hours.

Pure, like the rest of the planner: the clock comes in as `now`.
"""

from __future__ import annotations

from datetime import datetime

from followup.domain.model import Action, ActionKind, History
from followup.planner.context import Context, PlanDefaults
from followup.playbook.model import Playbook


def send_time(
    action: Action, history: History, playbook: Playbook, now: datetime, defaults: PlanDefaults
) -> datetime:
    """The first moment at or after `now` and the action's `earliest` that falls inside the
    recipient's send hours on a business day (CAL-SEND-HOURS); a thank-you may also go in
    the evening. A message queued early or at night waits in the outbox until then."""
    context = Context(history, playbook, now, defaults)
    calendar = context.calendar(context.person(action.person_id))
    moment = max(now, action.earliest)
    return calendar.next_slot(moment, evening=action.kind is ActionKind.THANK_YOU)
