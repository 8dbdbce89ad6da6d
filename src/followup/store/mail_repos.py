"""The repositories of the mail adapters' tables: the outbox and what the sync keeps.

Like every repository they see one owner's rows (followup.store.scope) inside a unit of
work; the mail package reaches them only as `uow.outbox` and `uow.sync_state` and holds no
SQL of its own. They return row mappings (the outbox) or small values; the mail package
turns rows into its own values and holds the state machine.

Every change of an outbox row's state is a compare-and-set on the states the caller expects
(`Outbox.update(..., where_state=...)`), and a step that takes a row for a while (sending it,
checking an unsure one, copying it to Sent) claims a lease on it in the same statement
(`claim`, `update(..., lease_free_at=...)`). Where two writers could both pass a look-up
before either writes (PostgreSQL, two processes), `lock(name)` serialises them: a
transaction-level advisory lock there, and `get(..., for_update=True)` locks the row read;
on SQLite a writer unit of work already holds the database's one write lock (BEGIN
IMMEDIATE).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import RowMapping, bindparam, false, or_, text
from sqlalchemy.exc import IntegrityError

from followup.store.ids import is_row_id
from followup.store.mail_tables import (
    as_utc,
    mail_folder_state,
    mail_outbox,
    mail_quarantine,
    mail_review,
    mail_seen,
)
from followup.store.repositories import Repository
from followup.store.scope import Scope


def lock(scope: Scope, name: str) -> None:
    """Hold `name` for this owner until the transaction ends (PostgreSQL: an advisory lock;
    SQLite: nothing more to do, a writer transaction already excludes every other writer)."""
    if scope.dialect != "postgresql":
        return
    digest = hashlib.blake2b(f"followup:{scope.owner_id}:{name}".encode(), digest_size=8)
    key = int.from_bytes(digest.digest(), "big", signed=True)
    scope.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


# Columns that say which row it is and whose: never changed by an update.
IDENTITY = frozenset({"id", "owner_id", "public_id"})
# States in which a row can't go out without the user: it gives up its action's live slot.
NOT_LIVE = frozenset({"cancelled", "failed"})


# A sent row's copy to Sent that is still to make: pending, or being made by a copier whose
# lease may have run out ("copying", claimed like a send).
COPY_TO_MAKE = ("pending", "copying")


def _live_action(values: dict[str, Any], action_id: Any) -> Any:
    return None if values["state"] in NOT_LIVE else action_id


def _lease_free(now: datetime) -> Any:
    """Nobody holds the row at `now`: no lease, or one that has run out."""
    c = mail_outbox.c
    return or_(c.claimed_until.is_(None), c.claimed_until < now)


class Outbox(Repository):
    """Rows of the mail outbox. State changes are compare-and-set on the expected states.

    One live row per action (`live_action_id`, unique per owner): a row holds its action's
    slot from its insert until it is cancelled or fails, and takes it again when queued
    anew; the repository keeps the column in step with `state` unless told otherwise."""

    def lock(self, name: str) -> None:
        """Serialise the writers that queue `name` (an action id, or a message's key)."""
        lock(self.scope, f"outbox:{name}")

    def get(self, row_id: int, *, for_update: bool = False) -> RowMapping | None:
        """The row; `for_update`: locked until the transaction ends (PostgreSQL's row lock,
        for a read that decides a write; SQLite's writer transaction holds every row)."""
        if not is_row_id(row_id):
            return None
        query = self.scope.select(mail_outbox).where(mail_outbox.c.id == row_id)
        return self._first(query, for_update)

    def by_key(self, key: str, *, for_update: bool = False) -> RowMapping | None:
        query = self.scope.select(mail_outbox).where(mail_outbox.c.key == key)
        return self._first(query, for_update)

    def _first(self, query: Any, for_update: bool) -> RowMapping | None:
        if for_update:
            query = query.with_for_update()
        found: RowMapping | None = self.scope.execute(query).mappings().first()
        return found

    def id_of(self, public_id: str) -> int:
        return self._id_of(mail_outbox, public_id, "outbox message")

    def rows(
        self, account: str | None = None, states: Sequence[str] | None = None
    ) -> list[RowMapping]:
        query = self.scope.select(mail_outbox).order_by(mail_outbox.c.id)
        if account is not None:
            query = query.where(mail_outbox.c.account == account)
        if states is not None:
            query = query.where(mail_outbox.c.state.in_(list(states)))
        return list(self.scope.execute(query).mappings())

    def of_action(self, action_id: str, states: Sequence[str]) -> RowMapping | None:
        """A row of this action in one of `states`, if any."""
        query = self.scope.select(mail_outbox).where(
            mail_outbox.c.action_id == action_id, mail_outbox.c.state.in_(list(states))
        )
        found: RowMapping | None = self.scope.execute(query).mappings().first()
        return found

    def insert(self, values: Mapping[str, Any]) -> int:
        row = dict(values)
        if "live_action_id" not in row:
            row["live_action_id"] = _live_action(row, row.get("action_id"))
        return self.scope.insert(mail_outbox, row)

    def to_finish(self, account: str, states: Sequence[str]) -> list[RowMapping]:
        """Rows in `states` whose copy to Sent is still to make (pending, or being made: its
        copier's lease may have run out) or that are not recorded yet."""
        c = mail_outbox.c
        query = (
            self.scope.select(mail_outbox)
            .where(c.account == account, c.state.in_(list(states)))
            .where(or_(c.copy_state.in_(COPY_TO_MAKE), c.recorded == false()))
            .order_by(c.id)
        )
        return list(self.scope.execute(query).mappings())

    def update(
        self,
        row_id: int,
        values: Mapping[str, Any],
        *,
        where_state: Sequence[str] | None = None,
        where: Mapping[str, Any] | None = None,
        lease_free_at: datetime | None = None,
    ) -> bool:
        """Change a row; with `where_state`, only if it is in one of those states, with
        `where`, only if those columns hold those values (a tuple or list: one of them), and
        with `lease_free_at`, only if nobody holds it then (`claimed_until` NULL or before
        that instant). A compare-and-set in one statement: True when this caller changed it."""
        row = dict(values)
        fixed = IDENTITY & row.keys()
        if fixed:
            raise ValueError(f"an outbox row's {', '.join(sorted(fixed))} can't change")
        if "state" in row and "live_action_id" not in row:
            row["live_action_id"] = _live_action(row, mail_outbox.c.action_id)
        query = self.scope.update(mail_outbox).where(mail_outbox.c.id == row_id).values(row)
        if where_state is not None:
            query = query.where(mail_outbox.c.state.in_(list(where_state)))
        for column, value in (where or {}).items():
            if isinstance(value, tuple | list):
                query = query.where(mail_outbox.c[column].in_(list(value)))
            else:
                query = query.where(mail_outbox.c[column] == value)
        if lease_free_at is not None:
            query = query.where(_lease_free(lease_free_at))
        return bool(self.scope.execute(query).rowcount == 1)

    def claim(self, row_id: int, states: Sequence[str], now: datetime, until: datetime) -> bool:
        """Take a row in `states` that is due by `now` and whose lease is free or has run
        out, until `until` (a conditional UPDATE: two claimers can't both win, and a row
        that left `states` meanwhile, e.g. one just sent, is not taken)."""
        c = mail_outbox.c
        query = (
            self.scope.update(mail_outbox)
            .where(c.id == row_id, c.state.in_(list(states)), c.send_after <= now)
            .where(_lease_free(now))
            .values(claimed_until=until, updated_at=now)
        )
        return bool(self.scope.execute(query).rowcount == 1)

    def claimed_until(self, row_id: int) -> datetime | None:
        query = self.scope.select(mail_outbox, mail_outbox.c.claimed_until).where(
            mail_outbox.c.id == row_id
        )
        return as_utc(self.scope.execute(query).scalar())


class FolderValues(Protocol):
    """What a folder's saved state holds (FolderRow, or the mail package's own value)."""

    @property
    def uidvalidity(self) -> int: ...
    @property
    def last_uid(self) -> int: ...
    @property
    def uidnext(self) -> int: ...
    @property
    def highestmodseq(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class FolderRow:
    uidvalidity: int
    last_uid: int
    uidnext: int
    highestmodseq: int | None


@dataclass(frozen=True, slots=True)
class QuarantinedItem:
    id: int
    folder: str
    uid: int | None
    message_id: str
    reason: str
    created_at: datetime


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


class Found(Protocol):
    """Where the sync found a message (`followup.mail.sync.model.Envelope` is one)."""

    @property
    def folder(self) -> str: ...

    @property
    def uid(self) -> int | None: ...

    @property
    def message_id(self) -> str: ...


@dataclass(frozen=True, slots=True)
class FoundAt:
    """A `Found` given by its values."""

    folder: str
    uid: int | None
    message_id: str


def _found_values(account: str, found: Found) -> dict[str, Any]:
    return {
        "account": account,
        "folder": found.folder,
        "uid": found.uid,
        "message_id": found.message_id,
    }


class SyncState(Repository):
    """Folder states, messages seen, quarantined items and the review queue."""

    def lock(self, name: str) -> None:
        """Serialise this owner's writers of one kind (e.g. "invitations", or one message
        being recorded) until the transaction ends."""
        lock(self.scope, f"sync:{name}")

    def folder(self, account: str, folder: str) -> FolderRow | None:
        t = mail_folder_state
        row = self.scope.execute(
            self.scope.select(t).where(t.c.account == account, t.c.folder == folder)
        ).first()
        if row is None:
            return None
        return FolderRow(row.uidvalidity, row.last_uid, row.uidnext, row.highestmodseq)

    def folder_names(self, account: str) -> list[str]:
        t = mail_folder_state
        query = self.scope.select(t, t.c.folder).where(t.c.account == account).order_by(t.c.folder)
        return [r.folder for r in self.scope.execute(query)]

    def save_folder(self, account: str, folder: str, state: FolderValues, now: datetime) -> None:
        self.scope.upsert(
            mail_folder_state,
            ["account", "folder"],
            {
                "account": account,
                "folder": folder,
                "uidvalidity": state.uidvalidity,
                "last_uid": state.last_uid,
                "uidnext": state.uidnext,
                "highestmodseq": state.highestmodseq,
                "synced_at": now,
            },
        )

    def reset_folder(self, account: str, folder: str) -> None:
        t = mail_folder_state
        self.scope.execute(self.scope.delete(t).where(t.c.account == account, t.c.folder == folder))

    def forget_uids(self, account: str, folder: str) -> None:
        """UIDVALIDITY changed: the UIDs mean nothing now; the Message-IDs still do."""
        t = mail_seen
        self.scope.execute(
            self.scope.update(t)
            .where(t.c.account == account, t.c.folder == folder)
            .values(uid=None)
        )

    def known_ids(self, account: str, folder: str, message_ids: Sequence[str]) -> set[str]:
        t = mail_seen
        if not message_ids:
            return set()
        query = self.scope.select(t, t.c.message_id).where(
            t.c.account == account, t.c.folder == folder, t.c.message_id.in_(list(message_ids))
        )
        return {r.message_id for r in self.scope.execute(query)}

    def remember(
        self,
        account: str,
        folder: str,
        *,
        fresh: Sequence[Mapping[str, Any]],
        known: Sequence[Mapping[str, Any]],
    ) -> None:
        """New messages seen (with their outcome), and known ones under a new UID. A message
        another sync recorded meanwhile is kept once: theirs stands."""
        t = mail_seen
        rows = [dict(r) | {"account": account, "folder": folder} for r in fresh]
        if rows:
            try:
                with self.scope.connection.begin_nested():
                    self.scope.insert_many(t, rows)
            except IntegrityError:
                taken = self.known_ids(account, folder, [str(r["message_id"]) for r in rows])
                self.scope.insert_many(t, [r for r in rows if r["message_id"] not in taken])
        if known:
            self.scope.execute(
                self.scope.update(t)
                .where(
                    t.c.account == account,
                    t.c.folder == folder,
                    t.c.message_id == bindparam("b_mid"),
                )
                .values(uid=bindparam("b_uid"), uidvalidity=bindparam("b_uidvalidity")),
                [
                    {"b_mid": k["message_id"], "b_uid": k["uid"], "b_uidvalidity": k["uidvalidity"]}
                    for k in known
                ],
            )

    def quarantine(self, account: str, found: Found, *, reason: str, now: datetime) -> None:
        self.scope.insert(
            mail_quarantine,
            {**_found_values(account, found), "reason": reason[:2000], "created_at": now},
        )

    def quarantined(self, account: str | None = None) -> list[QuarantinedItem]:
        t = mail_quarantine
        query = self.scope.select(t).order_by(t.c.id)
        if account is not None:
            query = query.where(t.c.account == account)
        return [
            QuarantinedItem(
                r.id, r.folder, r.uid, r.message_id, r.reason, as_utc(r.created_at) or r.created_at
            )
            for r in self.scope.execute(query)
        ]

    def add_review(
        self,
        account: str,
        found: Found,
        *,
        sender: str,
        subject: str,
        kind: str,
        reason: str,
        candidates: Sequence[int],
        now: datetime,
        raw: bytes | None = None,
    ) -> None:
        """Ask the user: the message may belong to one of `candidates` (asked once). `raw`:
        the message, kept for one handed in as a file (no mailbox holds it)."""
        t = mail_review
        exists = self.scope.execute(
            self.scope.select(t, t.c.id).where(
                t.c.account == account, t.c.message_id == found.message_id
            )
        ).first()
        if exists is not None:
            return
        # Another sync may ask the same meanwhile (PostgreSQL): theirs stands.
        with contextlib.suppress(IntegrityError), self.scope.connection.begin_nested():
            self.scope.insert(
                t,
                {
                    **_found_values(account, found),
                    "sender": sender[:300],
                    "subject": subject,
                    "kind": kind,
                    "reason": reason,
                    "candidates": json.dumps(list(candidates)),
                    "created_at": now,
                    "raw": raw,
                },
            )

    def reviews(self, account: str | None = None, *, open_only: bool = True) -> list[ReviewItem]:
        t = mail_review
        query = self.scope.select(t, *_REVIEW_COLUMNS).order_by(t.c.id)
        if account is not None:
            query = query.where(t.c.account == account)
        if open_only:
            query = query.where(t.c.resolved_at.is_(None))
        return [_review_item(r) for r in self.scope.execute(query)]

    def review(self, review_id: int, account: str | None = None) -> ReviewItem | None:
        """One open review item of this owner (and account), else None."""
        t = mail_review
        query = self.scope.select(t, *_REVIEW_COLUMNS).where(
            t.c.id == review_id, t.c.resolved_at.is_(None)
        )
        if account is not None:
            query = query.where(t.c.account == account)
        row = self.scope.execute(query).first()
        return None if row is None else _review_item(row)

    def review_message(self, review_id: int) -> bytes | None:
        """The message kept with a review item handed in as a file (None: the mailbox has
        it)."""
        t = mail_review
        found = self.scope.execute(
            self.scope.select(t, t.c.raw).where(t.c.id == review_id)
        ).scalar_one_or_none()
        return None if found is None else bytes(found)

    def resolve_review(
        self, review_id: int, resolution: str, now: datetime, account: str | None = None
    ) -> bool:
        """Settle an open review item (a compare-and-set: False if it was settled already)."""
        t = mail_review
        query = (
            self.scope.update(t)
            .where(t.c.id == review_id, t.c.resolved_at.is_(None))
            .values(resolved_at=now, resolution=resolution)
        )
        if account is not None:
            query = query.where(t.c.account == account)
        return bool(self.scope.execute(query).rowcount == 1)


# A review item's columns but its message (kept for files handed in: large, read alone)
_REVIEW_COLUMNS = [c for c in mail_review.c if c.name != "raw"]


def _review_item(r: Any) -> ReviewItem:
    return ReviewItem(
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
