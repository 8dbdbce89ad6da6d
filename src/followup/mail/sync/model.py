"""What the sync hands around: a message's envelope, a folder's saved state, and the
handler it gives each message to (`followup.mail.sync.apply.StoreHandler` is the real one).

Plain values, no I/O: `state` (the saved sync state) and `apply` import them without the
IMAP adapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class BadMessage(Exception):
    """The handler cannot take this message; the text is the reason kept with it."""


@dataclass(frozen=True, slots=True)
class Envelope:
    """What the sync knows of a message before deciding to read it whole."""

    folder: str
    role: str  # "inbox" or "sent"
    uid: int
    headers: bytes
    message_id: str
    content_types: frozenset[str]  # every MIME type in its BODYSTRUCTURE, lower case


class MessageHandler(Protocol):
    """Turns messages into touches (see followup.mail.sync.apply for the real one)."""

    def wants_body(self, envelope: Envelope) -> bool: ...

    def handle(self, envelope: Envelope, raw: bytes | None, now: datetime) -> str:
        """Record what the message means; returns a short outcome word; raises BadMessage."""
        ...


@dataclass(frozen=True, slots=True)
class FolderState:
    uidvalidity: int
    last_uid: int
    uidnext: int
    highestmodseq: int | None
