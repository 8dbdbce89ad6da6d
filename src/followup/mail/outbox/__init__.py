"""The outbox: every message followup sends or drafts goes through a row, sent at most once.

`states` declares the row states, `row` the row value, `compose` makes the exact bytes,
`machine` is the state machine over the database, `send` its steps that talk to the servers,
`held` the rows that wait for the user, as `followup today` shows them.

The public names below are loaded on first use, so importing `followup.mail.outbox.held` or
`.states` (the `today` fast path) does not import the machine, the composer or the servers.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.mail.outbox.compose import KEY_HEADER, OutgoingMessage
    from followup.mail.outbox.held import HeldMessage
    from followup.mail.outbox.machine import (
        LEASE,
        Outbox,
        OutboxDrafts,
        OutboxError,
        held_messages,
        mark_draft_sent,
        row_by_key,
    )
    from followup.mail.outbox.row import OutboxRow
    from followup.mail.outbox.send import backoff
    from followup.mail.outbox.states import DUE_STATES, HELD_STATES, MAYBE_SENT, OutboxState

_HOMES = {
    "KEY_HEADER": "compose",
    "OutgoingMessage": "compose",
    "HeldMessage": "held",
    "LEASE": "machine",
    "Outbox": "machine",
    "OutboxDrafts": "machine",
    "OutboxError": "machine",
    "held_messages": "machine",
    "mark_draft_sent": "machine",
    "row_by_key": "machine",
    "OutboxRow": "row",
    "backoff": "send",
    "DUE_STATES": "states",
    "HELD_STATES": "states",
    "MAYBE_SENT": "states",
    "OutboxState": "states",
}

__all__ = [
    "DUE_STATES",
    "HELD_STATES",
    "KEY_HEADER",
    "LEASE",
    "MAYBE_SENT",
    "HeldMessage",
    "Outbox",
    "OutboxDrafts",
    "OutboxError",
    "OutboxRow",
    "OutboxState",
    "OutgoingMessage",
    "backoff",
    "held_messages",
    "mark_draft_sent",
    "row_by_key",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
