r"""The outbox: every message followup sends goes through a row here, so it is sent at most once.

States (mail.md "Sending: never twice"):

    pending --claim--> (MAIL, RCPT accepted) --commit--> sending --DATA--> sent    (250)
                                                                     \--> failed  (5xx)
                                                                     \--> retry   (4xx, or
                                                                          any error before DATA)
                                                                     \--> unknown (connection
                                                                          lost after DATA)
    unknown / sending left behind by a crash --verify--> sent | needs-confirmation

A row holds the exact message bytes with a Message-ID made once and an `X-Followup-Key`
header. Verification searches Sent and INBOX for that header before anything is sent again;
what can't be verified waits for the user (`confirm`), never resent blindly. Drafts mode
APPENDs to the Drafts folder instead, searching it first so a crash can't leave two drafts.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from followup.mail.compose import (
    KEY_HEADER,
    NoRecipient,
    OutgoingMessage,
    build_message,
    envelope_addresses,
    idempotency_key,
)
from followup.mail.imap import MailboxError, open_mailbox

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from followup.mail.accounts import Account
    from followup.mail.secrets import Secret

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # a claimed row belongs to its sender this long
MAX_BACKOFF = timedelta(hours=1)


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


DUE_STATES = (OutboxState.PENDING, OutboxState.RETRY)
# States in which the message may have left: the same action must not be queued again.
MAYBE_SENT = (
    OutboxState.SENDING,
    OutboxState.SENT,
    OutboxState.UNKNOWN,
    OutboxState.NEEDS_CONFIRMATION,
    OutboxState.DRAFTED,
)


class OutboxError(Exception):
    """A request the outbox refuses; the message says why and what to do."""


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

    @classmethod
    def from_mapping(cls, row: Any) -> OutboxRow:
        from followup.store.mail_tables import as_utc

        send_after = as_utc(row.send_after)
        assert send_after is not None
        return cls(
            id=row.id,
            key=row.key,
            account=row.account,
            action_id=row.action_id,
            app_id=row.app_id,
            person_id=row.person_id,
            mode=row.mode,
            state=OutboxState(row.state),
            message=bytes(row.message),
            message_id=row.message_id,
            mail_from=row.mail_from,
            rcpt_tos=tuple(json.loads(row.rcpt_tos)),
            send_after=send_after,
            attempts=row.attempts,
            last_error=row.last_error,
            sent_at=as_utc(row.sent_at),
            copy_state=row.copy_state,
            recorded=bool(row.recorded),
            force_reason=row.force_reason,
            touch_kind=row.touch_kind,
        )


class Outbox:
    """The outbox of one account over the database `engine`."""

    def __init__(
        self,
        engine: Engine,
        account: Account,
        secret: Callable[[], Secret],
        record: Callable[[OutboxRow], None] | None = None,
    ) -> None:
        self.engine = engine
        self.account = account
        self._secret_source = secret
        self._secret: Secret | None = None
        self.record = record

    # ------------------------------------------------------------------ queueing

    def enqueue(
        self,
        message: OutgoingMessage,
        now: datetime,
        *,
        drafts: bool = False,
        force_reason: str | None = None,
    ) -> OutboxRow:
        """Queue a message; queueing the same request again returns the existing row."""
        from sqlalchemy import insert, select

        from followup.store.mail_tables import mail_outbox as t

        key = idempotency_key(message)
        try:
            rcpts = envelope_addresses(message.to)
        except NoRecipient as exc:
            raise OutboxError(str(exc)) from None
        with self.engine.begin() as conn:
            existing = conn.execute(select(t).where(t.c.key == key)).first()
            mode = "draft" if drafts else "send"
            if existing is not None and existing.state != OutboxState.CANCELLED:
                if existing.mode != mode:
                    raise OutboxError(
                        f"this message is already in the outbox as {existing.mode!r} "
                        f"(message {existing.id}, {existing.state}); withdraw it first with "
                        f"`followup outbox cancel {existing.id}`"
                    )
                return OutboxRow.from_mapping(existing)
            self._refuse_second_send(conn, message.action_id)
            if existing is not None:  # the same words again after a cancel: queue that row
                return self._requeue(
                    conn, existing.id, mode, message, now=now, force_reason=force_reason
                )
            data, message_id = build_message(self.account, message, key, now)
            result = conn.execute(
                insert(t).values(
                    key=key,
                    account=self.account.name,
                    action_id=message.action_id,
                    app_id=message.app_id,
                    person_id=message.person_id,
                    mode=mode,
                    state=OutboxState.PENDING,
                    message=data,
                    message_id=message_id,
                    mail_from=self.account.address,
                    rcpt_tos=json.dumps(rcpts),
                    send_after=message.send_after,
                    attempts=0,
                    last_error="",
                    created_at=now,
                    updated_at=now,
                    copy_state="none",
                    recorded=False,
                    force_reason=force_reason,
                    touch_kind=message.kind,
                )
            )
            assert result.inserted_primary_key is not None
            row_id = int(result.inserted_primary_key[0])
        return self.get(row_id)

    @staticmethod
    def _requeue(
        conn: Connection,
        row_id: int,
        mode: str,
        message: OutgoingMessage,
        *,
        now: datetime,
        force_reason: str | None,
    ) -> OutboxRow:
        from sqlalchemy import select, update

        from followup.store.mail_tables import mail_outbox as t

        conn.execute(
            update(t)
            .where(t.c.id == row_id)
            .values(
                state=OutboxState.PENDING,
                mode=mode,
                send_after=message.send_after,
                claimed_until=None,
                attempts=0,
                last_error="",
                updated_at=now,
                force_reason=force_reason,
            )
        )
        return OutboxRow.from_mapping(conn.execute(select(t).where(t.c.id == row_id)).one())

    def _refuse_second_send(self, conn: Connection, action_id: str | None) -> None:
        from sqlalchemy import select

        from followup.store.mail_tables import mail_outbox as t

        if action_id is None:
            return
        other = conn.execute(
            select(t.c.id, t.c.state).where(
                t.c.action_id == action_id, t.c.state.in_([*MAYBE_SENT, *DUE_STATES])
            )
        ).first()
        if other is not None:
            raise OutboxError(
                f"action {action_id} already has outbox message {other.id} ({other.state}); "
                "check `followup outbox list` instead of sending it twice"
            )

    # ------------------------------------------------------------------ reading

    def get(self, row_id: int) -> OutboxRow:
        from sqlalchemy import select

        from followup.store.mail_tables import mail_outbox as t

        with self.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.id == row_id)).first()
        if row is None:
            raise OutboxError(f"no outbox message {row_id}; see `followup outbox list`")
        return OutboxRow.from_mapping(row)

    def rows(self, states: Sequence[OutboxState] | None = None) -> list[OutboxRow]:
        from sqlalchemy import select

        from followup.store.mail_tables import mail_outbox as t

        query = select(t).where(t.c.account == self.account.name).order_by(t.c.id)
        if states is not None:
            query = query.where(t.c.state.in_(list(states)))
        with self.engine.connect() as conn:
            return [OutboxRow.from_mapping(r) for r in conn.execute(query)]

    # ------------------------------------------------------------------ running

    def run(self, now: datetime) -> list[OutboxRow]:
        """Verify what a crash left behind, send what is due, finish what was sent."""
        self.recover(now)
        self.send_due(now)
        self.finish()
        return self.rows()

    def secret(self) -> Secret:
        if self._secret is None:
            self._secret = self._secret_source()
        return self._secret

    def _update(
        self, row_id: int, now: datetime, where_state: Sequence[str] | None = None, **values: Any
    ) -> bool:
        from sqlalchemy import update

        from followup.store.mail_tables import mail_outbox as t

        query = update(t).where(t.c.id == row_id).values(updated_at=now, **values)
        if where_state is not None:
            query = query.where(t.c.state.in_(list(where_state)))
        with self.engine.begin() as conn:
            return bool(conn.execute(query).rowcount == 1)

    def _claim(self, row: OutboxRow, now: datetime) -> bool:
        """Take the row for this sender (a conditional UPDATE: two senders can't both win)."""
        from sqlalchemy import or_, update

        from followup.store.mail_tables import mail_outbox as t

        query = (
            update(t)
            .where(t.c.id == row.id, t.c.state.in_(list(DUE_STATES)))
            .where(or_(t.c.claimed_until.is_(None), t.c.claimed_until < now))
            .values(claimed_until=now + LEASE, updated_at=now)
        )
        with self.engine.begin() as conn:
            return bool(conn.execute(query).rowcount == 1)

    def send_due(self, now: datetime) -> list[OutboxRow]:
        """Send (or draft) every due row this process can claim."""
        from followup.mail import outbox_send

        done = []
        for row in self.rows(DUE_STATES):
            if row.send_after > now or not self._claim(row, now):
                continue
            if row.mode == "draft":
                outbox_send.save_draft(self, row, now)
            else:
                outbox_send.send_row(self, row, now)
            done.append(self.get(row.id))
        return done

    def recover(self, now: datetime) -> list[OutboxRow]:
        """Rows a dead sender left in `sending`, and `unknown` rows: look for them in the
        mailbox; found -> sent, not found -> needs-confirmation. Never resent from here."""
        from followup.mail import outbox_send

        checked = []
        for row in self.rows([OutboxState.SENDING, OutboxState.UNKNOWN]):
            if row.state is OutboxState.SENDING and not self._lease_expired(row.id, now):
                continue  # another sender is still on it
            outbox_send.verify(self, row, now)
            checked.append(self.get(row.id))
        return checked

    def _lease_expired(self, row_id: int, now: datetime) -> bool:
        from sqlalchemy import select

        from followup.store.mail_tables import as_utc
        from followup.store.mail_tables import mail_outbox as t

        with self.engine.connect() as conn:
            until = as_utc(conn.execute(select(t.c.claimed_until).where(t.c.id == row_id)).scalar())
        return until is None or until < now

    def finish(self) -> None:
        """Put a copy of each sent message in Sent (once) and record it as a touch (once)."""
        from followup.mail import outbox_send

        for row in self.rows([OutboxState.SENT, OutboxState.DRAFTED]):
            if row.copy_state == "pending":
                outbox_send.copy_to_sent(self, row)
            if not row.recorded and row.state is OutboxState.SENT and self.record is not None:
                self.record(row)
                self._update(row.id, row.sent_at or row.send_after, recorded=True)

    # ------------------------------------------------------------------ the user decides

    def confirm(self, row_id: int, now: datetime, *, was_sent: bool) -> OutboxRow:
        """The user says whether a held message arrived: sent, or queue it again."""
        row = self.get(row_id)
        if row.state is not OutboxState.NEEDS_CONFIRMATION:
            raise OutboxError(
                f"outbox message {row_id} is {row.state}, not needs-confirmation: "
                "nothing to confirm"
            )
        if was_sent:
            self._update(
                row_id,
                now,
                state=OutboxState.SENT,
                sent_at=now,
                copy_state="none" if self.account.server_files_sent else "pending",
            )
        else:
            self._update(row_id, now, state=OutboxState.PENDING, claimed_until=None, send_after=now)
        return self.get(row_id)

    def cancel(self, row_id: int, now: datetime) -> OutboxRow:
        """Withdraw a message that has not gone out (or a draft): the action may be sent anew."""
        cancellable = [*DUE_STATES, OutboxState.FAILED, OutboxState.DRAFTED]
        if not self._update(
            row_id, now, where_state=cancellable, state=OutboxState.CANCELLED, claimed_until=None
        ):
            row = self.get(row_id)
            raise OutboxError(
                f"outbox message {row_id} is {row.state} and can't be cancelled: it may have "
                "gone out (settle needs-confirmation ones with `followup outbox confirm`)"
            )
        return self.get(row_id)

    def retry(self, row_id: int, now: datetime) -> OutboxRow:
        """Queue a failed (or waiting) message again, due now."""
        row = self.get(row_id)
        if row.state not in (OutboxState.FAILED, OutboxState.RETRY):
            raise OutboxError(
                f"outbox message {row_id} is {row.state}; only failed or retry messages can be "
                "retried (use `outbox confirm` for needs-confirmation)"
            )
        self._update(row_id, now, state=OutboxState.PENDING, claimed_until=None, send_after=now)
        return self.get(row_id)


def row_by_key(engine: Engine, key: str) -> OutboxRow | None:
    from sqlalchemy import select

    from followup.store.mail_tables import mail_outbox as t

    with engine.connect() as conn:
        row = conn.execute(select(t).where(t.c.key == key)).first()
    return None if row is None else OutboxRow.from_mapping(row)


def mark_draft_sent(engine: Engine, row_id: int, at: datetime) -> None:
    """The user sent a followup draft from their own client: the row is done (the client
    kept its copy in Sent, and the sync recorded the touch)."""
    from sqlalchemy import update

    from followup.store.mail_tables import mail_outbox as t

    with engine.begin() as conn:
        conn.execute(
            update(t)
            .where(t.c.id == row_id, t.c.state == OutboxState.DRAFTED)
            .values(
                state=OutboxState.SENT, sent_at=at, updated_at=at, copy_state="done", recorded=True
            )
        )


def held_messages(engine: Engine) -> list[OutboxRow]:
    """Messages of every account that wait for the user (needs-confirmation, failed): for
    `followup today` and the like. Needs no account and no secret."""
    from sqlalchemy import select

    from followup.mail.held import HELD_STATES
    from followup.store.mail_tables import mail_outbox as t

    wanted = [OutboxState(state) for state in HELD_STATES]
    with engine.connect() as conn:
        rows = conn.execute(select(t).where(t.c.state.in_(wanted)).order_by(t.c.id))
        return [OutboxRow.from_mapping(r) for r in rows]


def backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


__all__ = [
    "KEY_HEADER",
    "MailboxError",
    "Outbox",
    "OutboxError",
    "OutboxRow",
    "OutboxState",
    "OutgoingMessage",
    "backoff",
    "build_message",
    "held_messages",
    "idempotency_key",
    "open_mailbox",
]
