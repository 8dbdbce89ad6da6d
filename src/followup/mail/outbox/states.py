"""The states of an outbox row, declared once for the whole outbox.

Light on purpose (only `enum`): `followup today` reads the held states on its fast path.
The transitions are in `machine` (see its docstring); `held` shows the rows that wait for
the user.
"""

from __future__ import annotations

from enum import StrEnum


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    RETRY = "retry"
    UNKNOWN = "unknown"
    NEEDS_CONFIRMATION = "needs-confirmation"
    DRAFTED = "drafted"
    CANCELLED = "cancelled"  # the user withdrew it before it went out


# States in which a row is sent (or drafted) once its time has come.
DUE_STATES = (OutboxState.PENDING, OutboxState.RETRY)
# States in which the message may have left: the same action must not be queued again.
MAYBE_SENT = (
    OutboxState.SENDING,
    OutboxState.SENT,
    OutboxState.UNKNOWN,
    OutboxState.NEEDS_CONFIRMATION,
    OutboxState.DRAFTED,
)
# States that wait for the user: followup can't settle them alone (`followup today` lists them).
HELD_STATES = (OutboxState.NEEDS_CONFIRMATION, OutboxState.FAILED)
