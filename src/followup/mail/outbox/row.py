"""One row of the outbox as the outbox and its steps read it (a plain value)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from followup.mail.outbox.states import OutboxState


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    key: str
    account: str
    action_id: str | None
    app_id: int | None
    person_id: int | None
    mode: str
    state: OutboxState
    message: bytes
    message_id: str
    mail_from: str
    rcpt_tos: tuple[str, ...]
    send_after: datetime
    attempts: int
    last_error: str
    sent_at: datetime | None
    copy_state: str
    recorded: bool
    force_reason: str | None
    touch_kind: str = "message"
    claimed_until: datetime | None = None  # the lease of the process that holds it, if any

    @classmethod
    def from_mapping(cls, row: Any) -> OutboxRow:
        """The row as `uow.outbox` returns it (columns by name)."""
        send_after = _utc(row["send_after"])
        assert send_after is not None
        return cls(
            id=row["id"],
            key=row["key"],
            account=row["account"],
            action_id=row["action_id"],
            app_id=row["app_id"],
            person_id=row["person_id"],
            mode=row["mode"],
            state=OutboxState(row["state"]),
            message=bytes(row["message"]),
            message_id=row["message_id"],
            mail_from=row["mail_from"],
            rcpt_tos=tuple(json.loads(row["rcpt_tos"])),
            send_after=send_after,
            attempts=row["attempts"],
            last_error=row["last_error"],
            sent_at=_utc(row["sent_at"]),
            copy_state=row["copy_state"],
            recorded=bool(row["recorded"]),
            force_reason=row["force_reason"],
            touch_kind=row["touch_kind"],
            claimed_until=_utc(row["claimed_until"]),
        )

    def held_by_someone(self, now: datetime) -> bool:
        """Whether a process holds the row at `now` for a step (sending it, checking it,
        copying it to Sent): its outcome is on its way."""
        return self.claimed_until is not None and self.claimed_until > now


def _utc(value: datetime | None) -> datetime | None:
    """The store gives aware UTC values; a naive one (an older row) is taken as UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
