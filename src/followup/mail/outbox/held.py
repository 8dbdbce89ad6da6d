"""Outbox messages that wait for the user, as `followup today` shows them.

A message is held when followup can't settle it alone: it may have gone out although the
server never confirmed it (needs-confirmation), or the server refused it (failed). Each one
comes with the command that settles it.

Light on purpose: `today` must answer fast, so this module imports neither SQLAlchemy nor
the outbox's machine (which brings the mail composer and the servers' steps): only its
states. It turns rows of `mail_outbox` read by either reader (the sqlite3 fast reader or the
outbox itself) into plain values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from followup.mail.outbox.states import HELD_STATES, OutboxState

if TYPE_CHECKING:
    from followup.mail.outbox.row import OutboxRow

__all__ = ["HELD_STATES", "HeldMessage", "held_from_columns", "held_from_outbox_row"]

DEFAULT_ACCOUNT = "default"  # the account the outbox commands use without --account


class Columns(Protocol):
    """A row read by column name: a `sqlite3.Row` or a SQLAlchemy row mapping."""

    def __getitem__(self, key: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class HeldMessage:
    id: int
    account: str
    state: str  # one of HELD_STATES
    app_id: int | None
    action_id: str | None
    kind: str  # the touch kind the message carries out, e.g. "thank-you"
    to: tuple[str, ...]
    subject: str
    problem: str  # the server's answer or what went wrong, as the outbox recorded it

    @property
    def what_happened(self) -> str:
        if self.state == OutboxState.FAILED:
            return "the server refused it"
        return "it may have gone out, but the server never confirmed it"

    @property
    def choices(self) -> tuple[tuple[str, str], ...]:
        """(what the user says, the command that settles it) for each way out."""
        account = "" if self.account == DEFAULT_ACCOUNT else f" --account {self.account}"
        if self.state == OutboxState.FAILED:
            return (("send it again", f"followup outbox retry {self.id}{account}"),)
        return (
            ("it arrived", f"followup outbox confirm {self.id} --sent{account}"),
            ("it did not", f"followup outbox confirm {self.id} --resend{account}"),
        )

    @property
    def commands(self) -> tuple[str, ...]:
        return tuple(command for _, command in self.choices)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (the contract of `today --json`'s "held_messages": extend, don't rename)."""
        return {
            "id": self.id,
            "account": self.account,
            "state": self.state,
            "app_id": self.app_id,
            "action_id": self.action_id,
            "kind": self.kind,
            "to": list(self.to),
            "subject": self.subject,
            "problem": self.problem,
            "what_happened": self.what_happened,
            "commands": list(self.commands),
        }


def held_from_columns(row: Columns) -> HeldMessage:
    """A held message from the stored columns of `mail_outbox` (rcpt_tos as stored: JSON)."""
    return HeldMessage(
        id=int(row["id"]),
        account=str(row["account"]),
        state=str(row["state"]),
        app_id=row["app_id"],
        action_id=row["action_id"],
        kind=str(row["touch_kind"]),
        to=tuple(json.loads(row["rcpt_tos"])),
        subject=_subject(bytes(row["message"])),
        problem=str(row["last_error"] or ""),
    )


def held_from_outbox_row(row: OutboxRow) -> HeldMessage:
    return HeldMessage(
        id=row.id,
        account=row.account,
        state=str(row.state),
        app_id=row.app_id,
        action_id=row.action_id,
        kind=row.touch_kind,
        to=row.rcpt_tos,
        subject=_subject(row.message),
        problem=row.last_error,
    )


def _subject(message: bytes) -> str:
    # Imported here: only a day with held messages pays for the mail parser.
    from followup.mail.reading.parse import parse_message

    return parse_message(message).subject
