"""What the IMAP sync keeps between runs: folder states, messages seen, quarantined items,
the review queue. Each function is one short transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, delete, insert, select, update

from followup.store.mail_tables import (
    as_utc,
    mail_folder_state,
    mail_quarantine,
    mail_review,
    mail_seen,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from followup.mail.sync import Envelope, FolderState


def load(engine: Engine, account: str, folder: str) -> FolderState | None:
    from followup.mail.sync import FolderState

    t = mail_folder_state
    with engine.connect() as conn:
        row = conn.execute(select(t).where(t.c.account == account, t.c.folder == folder)).first()
    if row is None:
        return None
    return FolderState(row.uidvalidity, row.last_uid, row.uidnext, row.highestmodseq)


def folder_names(engine: Engine, account: str) -> list[str]:
    t = mail_folder_state
    with engine.connect() as conn:
        rows = conn.execute(select(t.c.folder).where(t.c.account == account).order_by(t.c.folder))
        return [r.folder for r in rows]


def save(engine: Engine, account: str, folder: str, state: FolderState, now: datetime) -> None:
    with engine.begin() as conn:
        _save(conn, account, folder, state, now)


def _save(conn: Connection, account: str, folder: str, state: FolderState, now: datetime) -> None:
    t = mail_folder_state
    values = {
        "uidvalidity": state.uidvalidity,
        "last_uid": state.last_uid,
        "uidnext": state.uidnext,
        "highestmodseq": state.highestmodseq,
        "synced_at": now,
    }
    where = (t.c.account == account, t.c.folder == folder)
    if conn.execute(update(t).where(*where).values(**values)).rowcount == 0:
        conn.execute(insert(t).values(account=account, folder=folder, **values))


def forget_uids(engine: Engine, account: str, folder: str) -> None:
    """UIDVALIDITY changed: the UIDs mean nothing now; the Message-IDs still do."""
    t = mail_seen
    with engine.begin() as conn:
        conn.execute(update(t).where(t.c.account == account, t.c.folder == folder).values(uid=None))


def known_ids(engine: Engine, account: str, folder: str, message_ids: Sequence[str]) -> set[str]:
    t = mail_seen
    if not message_ids:
        return set()
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.c.message_id).where(
                t.c.account == account,
                t.c.folder == folder,
                t.c.message_id.in_(list(message_ids)),
            )
        )
        return {r.message_id for r in rows}


def save_batch(
    engine: Engine,
    account: str,
    folder: str,
    *,
    state: FolderState,
    handled: Sequence[tuple[Envelope, str]],
    now: datetime,
) -> None:
    """Remember a batch of messages (new ones with their outcome; known ones get their new
    UID) and the folder state, in one transaction."""
    fresh = [
        {
            "account": account,
            "folder": folder,
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
        {"b_mid": e.message_id, "uid": e.uid, "uidvalidity": state.uidvalidity}
        for e, outcome in handled
        if outcome == "known"
    ]
    from sqlalchemy.exc import IntegrityError

    try:
        _write_batch(engine, account, folder, state=state, fresh=fresh, known=known, now=now)
    except IntegrityError:
        # Another sync of this account recorded some of these meanwhile: theirs stand.
        taken = known_ids(engine, account, folder, [str(r["message_id"]) for r in fresh])
        fresh = [r for r in fresh if r["message_id"] not in taken]
        _write_batch(engine, account, folder, state=state, fresh=fresh, known=known, now=now)


def _write_batch(
    engine: Engine,
    account: str,
    folder: str,
    *,
    state: FolderState,
    fresh: list[dict[str, object]],
    known: list[dict[str, object]],
    now: datetime,
) -> None:
    t = mail_seen
    with engine.begin() as conn:
        if fresh:
            conn.execute(insert(t), fresh)
        if known:
            conn.execute(
                update(t)
                .where(
                    t.c.account == account,
                    t.c.folder == folder,
                    t.c.message_id == bindparam("b_mid"),
                )
                .values(uid=bindparam("uid"), uidvalidity=bindparam("uidvalidity")),
                known,
            )
        _save(conn, account, folder, state, now)


def quarantine(
    engine: Engine, account: str, envelope: Envelope, reason: str, now: datetime
) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(mail_quarantine).values(
                account=account,
                folder=envelope.folder,
                uid=envelope.uid,
                message_id=envelope.message_id,
                reason=reason[:2000],
                created_at=now,
            )
        )


@dataclass(frozen=True, slots=True)
class QuarantinedItem:
    id: int
    folder: str
    uid: int | None
    message_id: str
    reason: str
    created_at: datetime


def quarantined(engine: Engine, account: str) -> list[QuarantinedItem]:
    t = mail_quarantine
    with engine.connect() as conn:
        rows = conn.execute(select(t).where(t.c.account == account).order_by(t.c.id)).all()
    return [
        QuarantinedItem(
            r.id, r.folder, r.uid, r.message_id, r.reason, as_utc(r.created_at) or r.created_at
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class ReviewItem:
    id: int
    folder: str
    message_id: str
    sender: str
    subject: str
    kind: str
    reason: str
    candidates: tuple[int, ...]
    created_at: datetime
    resolution: str | None


def add_review(
    engine: Engine,
    account: str,
    envelope: Envelope,
    *,
    sender: str,
    subject: str,
    kind: str,
    reason: str,
    candidates: Sequence[int],
    now: datetime,
) -> None:
    """Ask the user: the message may belong to one of `candidates` (never guessed silently)."""
    t = mail_review
    with engine.begin() as conn:
        exists = conn.execute(
            select(t.c.id).where(t.c.account == account, t.c.message_id == envelope.message_id)
        ).first()
        if exists is None:
            conn.execute(
                insert(t).values(
                    account=account,
                    folder=envelope.folder,
                    uid=envelope.uid,
                    message_id=envelope.message_id,
                    sender=sender[:300],
                    subject=subject,
                    kind=kind,
                    reason=reason,
                    candidates=json.dumps(list(candidates)),
                    created_at=now,
                )
            )


def reviews(engine: Engine, account: str, *, open_only: bool = True) -> list[ReviewItem]:
    t = mail_review
    query = select(t).where(t.c.account == account).order_by(t.c.id)
    if open_only:
        query = query.where(t.c.resolved_at.is_(None))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        ReviewItem(
            r.id,
            r.folder,
            r.message_id,
            r.sender,
            r.subject,
            r.kind,
            r.reason,
            tuple(json.loads(r.candidates)),
            as_utc(r.created_at) or r.created_at,
            r.resolution,
        )
        for r in rows
    ]


def resolve_review(engine: Engine, review_id: int, resolution: str, now: datetime) -> bool:
    t = mail_review
    with engine.begin() as conn:
        return bool(
            conn.execute(
                update(t)
                .where(t.c.id == review_id, t.c.resolved_at.is_(None))
                .values(resolved_at=now, resolution=resolution)
            ).rowcount
            == 1
        )


def reset_folder(engine: Engine, account: str, folder: str) -> None:
    """Forget a folder entirely (a test or `sync --full` reads it again from the start)."""
    with engine.begin() as conn:
        conn.execute(
            delete(mail_folder_state).where(
                mail_folder_state.c.account == account, mail_folder_state.c.folder == folder
            )
        )
