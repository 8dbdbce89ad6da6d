"""What the IMAP sync keeps between runs: folder states, messages seen, quarantined items,
the review queue. Each function is one short transaction of the owner's unit of work
(`db.uow()`, `uow.sync_state`); the SQL is in the store's `SyncState` repository."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from followup.mail.sync.model import Envelope, FolderState

if TYPE_CHECKING:
    from followup.store.mail_repos import QuarantinedItem, ReviewItem
    from followup.store.store import Store


def load(db: Store, account: str, folder: str) -> FolderState | None:
    with db.uow(write=False) as uow:
        row = uow.sync_state.folder(account, folder)
    if row is None:
        return None
    return FolderState(row.uidvalidity, row.last_uid, row.uidnext, row.highestmodseq)


def folder_names(db: Store, account: str) -> list[str]:
    with db.uow(write=False) as uow:
        return uow.sync_state.folder_names(account)


def save(db: Store, account: str, folder: str, state: FolderState, now: datetime) -> None:
    with db.uow() as uow:
        uow.sync_state.save_folder(account, folder, state, now)


def forget_uids(db: Store, account: str, folder: str) -> None:
    """UIDVALIDITY changed: the UIDs mean nothing now; the Message-IDs still do."""
    with db.uow() as uow:
        uow.sync_state.forget_uids(account, folder)


def known_ids(db: Store, account: str, folder: str, message_ids: Sequence[str]) -> set[str]:
    if not message_ids:
        return set()
    with db.uow(write=False) as uow:
        return uow.sync_state.known_ids(account, folder, message_ids)


def save_batch(
    db: Store,
    account: str,
    folder: str,
    *,
    state: FolderState,
    handled: Sequence[tuple[Envelope, str]],
    now: datetime,
) -> None:
    """Remember a batch of messages (new ones with their outcome; known ones get their new
    UID) and the folder state, in one transaction. A message another sync of this account
    recorded meanwhile is kept once: theirs stands."""
    fresh = [
        {
            "message_id": e.message_id,
            "uid": e.uid,
            "uidvalidity": state.uidvalidity,
            "outcome": outcome,
            "seen_at": now,
        }
        for e, outcome in handled
        if outcome != "known"
    ]
    known = [
        {"message_id": e.message_id, "uid": e.uid, "uidvalidity": state.uidvalidity}
        for e, outcome in handled
        if outcome == "known"
    ]
    with db.uow() as uow:
        uow.sync_state.remember(account, folder, fresh=fresh, known=known)
        uow.sync_state.save_folder(account, folder, state, now)


def quarantine(db: Store, account: str, envelope: Envelope, reason: str, now: datetime) -> None:
    with db.uow() as uow:
        uow.sync_state.quarantine(account, envelope, reason=reason, now=now)


def quarantined(db: Store, account: str | None = None) -> list[QuarantinedItem]:
    with db.uow(write=False) as uow:
        return uow.sync_state.quarantined(account)


def reviews(db: Store, account: str | None = None, *, open_only: bool = True) -> list[ReviewItem]:
    with db.uow(write=False) as uow:
        return uow.sync_state.reviews(account, open_only=open_only)


def resolve_review(
    db: Store, review_id: int, resolution: str, now: datetime, account: str | None = None
) -> bool:
    with db.uow() as uow:
        return uow.sync_state.resolve_review(review_id, resolution, now, account)


def reset_folder(db: Store, account: str, folder: str) -> None:
    """Forget a folder entirely (a test or `sync --full` reads it again from the start)."""
    with db.uow() as uow:
        uow.sync_state.reset_folder(account, folder)
