r"""The outbox: every message followup sends goes through a row here, so it is sent at most once.

States (mail.md "Sending: never twice"):

    pending --claim--> (MAIL, RCPT accepted) --commit--> sending --DATA--> sent    (250)
                                                                     \--> failed  (5xx)
                                                                     \--> retry   (4xx, or
                                                                          any error before DATA)
                                                                     \--> unknown (connection
                                                                          lost after DATA)
    unknown / sending left behind by a crash --verify--> sent | needs-confirmation
    sent, copy pending --claim--> copying --APPEND to Sent (unless there)--> done

A row holds the exact message bytes with a Message-ID made once and an `X-Followup-Key`
header. Verification searches Sent and INBOX for that header before anything is sent again;
what can't be verified waits for the user (`confirm`), never resent blindly. Drafts mode
APPENDs to the Drafts folder instead, searching it first so a crash can't leave two drafts.

The rows live in the store: every read and write goes through the owner's unit of work
(`db.uow()`, `uow.outbox`), and every change of state is a compare-and-set on the states
the change starts from, in a short writer transaction of its own (never open across a
conversation with a server): two processes can't both move one row, and a sent row never
goes back. A step that keeps a row for a while claims it first, with a lease
(`claimed_until`), in the same compare-and-set: sending a due row, checking an unsure one
(a `sending` row only once its sender's lease has run out: a row just sent has left
`sending`, so it is not mistaken for an abandoned one), and copying a sent one to Sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.errors import UserError
from followup.mail.outbox.compose import (
    NoRecipient,
    OutgoingMessage,
    build_message,
    envelope_addresses,
    idempotency_key,
)
from followup.mail.outbox.row import OutboxRow
from followup.mail.outbox.states import DUE_STATES, HELD_STATES, MAYBE_SENT, OutboxState

if TYPE_CHECKING:
    from followup.mail.accounts.account import Account
    from followup.mail.accounts.secrets import Secret
    from followup.store.store import Store
    from followup.store.uow import UnitOfWork

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # a claimed row belongs to its sender (checker, copier) this long
# A sent row's copy to Sent still to make: pending, or "copying" by a copier whose lease may
# have run out (the claim decides).
COPY_TO_MAKE = ("pending", "copying")
# A row in these may go out or has: one per action (the store keeps its `live_action_id`).
LIVE_STATES = (*MAYBE_SENT, *DUE_STATES)

# What records a sent row as a contact, inside the transaction that marks it recorded.
Recorder = Callable[["UnitOfWork", OutboxRow], None]


class OutboxError(UserError):
    """A request the outbox refuses; nothing was changed."""

    default_code = "outbox.refused"


class Outbox:
    """The outbox of one account over the owner's database `db` (a `Store`)."""

    def __init__(
        self,
        db: Store,
        account: Account,
        secret: Callable[[], Secret],
        record: Recorder | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.db = db
        self.account = account
        self._secret_source = secret
        self._secret: Secret | None = None
        self.record = record
        # The clock leases are taken by (the caller's, e.g. the context's): a long run still
        # holds each row a whole LEASE from the moment it claims it, not from the run's start.
        self._clock = clock

    # ------------------------------------------------------------------ queueing

    def enqueue(
        self,
        message: OutgoingMessage,
        now: datetime,
        *,
        drafts: bool = False,
        force_reason: str | None = None,
    ) -> OutboxRow:
        """Queue a message; queueing the same request again returns the existing row, and
        an action that may have gone out already is refused (also from two processes)."""
        key = idempotency_key(message)
        try:
            rcpts = envelope_addresses(message.to)
        except NoRecipient as exc:
            raise OutboxError(str(exc), code="outbox.no-recipient") from None
        mode = "draft" if drafts else "send"
        with self.db.uow() as uow:
            outbox = uow.outbox
            outbox.lock(message.action_id or key)  # one queuer of an action at a time
            existing = outbox.by_key(key, for_update=True)
            if existing is not None and existing["state"] != OutboxState.CANCELLED:
                if existing["mode"] != mode:
                    raise OutboxError(
                        f"this message is already in the outbox as {existing['mode']!r} "
                        f"(message {existing['id']}, {existing['state']})",
                        code="outbox.other-mode",
                        params={
                            "id": existing["id"],
                            "mode": existing["mode"],
                            "state": existing["state"],
                        },
                    )
                return OutboxRow.from_mapping(existing)
            _refuse_second_send(uow, message.action_id)
            if existing is not None:  # the same words again after a cancel: queue that row
                outbox.update(
                    existing["id"],
                    {
                        "state": OutboxState.PENDING,
                        "mode": mode,
                        "send_after": message.send_after,
                        "claimed_until": None,
                        "attempts": 0,
                        "last_error": "",
                        "updated_at": now,
                        "force_reason": force_reason,
                    },
                    where_state=[OutboxState.CANCELLED],
                )
                row_id = int(existing["id"])
            else:
                data, message_id = build_message(self.account, message, key, now)
                row_id = outbox.insert(
                    {
                        "key": key,
                        "account": self.account.name,
                        "action_id": message.action_id,
                        "app_id": message.app_id,
                        "person_id": message.person_id,
                        "mode": mode,
                        "state": OutboxState.PENDING,
                        "message": data,
                        "message_id": message_id,
                        "mail_from": self.account.address,
                        "rcpt_tos": _json_list(rcpts),
                        "send_after": message.send_after,
                        "attempts": 0,
                        "last_error": "",
                        "created_at": now,
                        "updated_at": now,
                        "copy_state": "none",
                        "recorded": False,
                        "force_reason": force_reason,
                        "touch_kind": message.kind,
                    }
                )
            found = outbox.get(row_id)
            assert found is not None
            return OutboxRow.from_mapping(found)

    # ------------------------------------------------------------------ reading

    def get(self, row_id: int) -> OutboxRow:
        """A row of this account (OutboxError "outbox.not-found" for any other id)."""
        with self.db.uow(write=False) as uow:
            return self._mine(uow, row_id)

    def _mine(self, uow: UnitOfWork, row_id: int, *, for_update: bool = False) -> OutboxRow:
        row = uow.outbox.get(row_id, for_update=for_update)
        if row is None or row["account"] != self.account.name:
            raise OutboxError(
                f"no outbox message {row_id} for the mail account {self.account.name!r}",
                code="outbox.not-found",
                params={"id": row_id, "account": self.account.name},
            )
        return OutboxRow.from_mapping(row)

    def rows(self, states: Sequence[OutboxState] | None = None) -> list[OutboxRow]:
        with self.db.uow(write=False) as uow:
            found = uow.outbox.rows(self.account.name, states)
        return [OutboxRow.from_mapping(r) for r in found]

    # ------------------------------------------------------------------ running

    def run(self, now: datetime) -> list[OutboxRow]:
        """Verify what a crash left behind, send what is due, finish what was sent."""
        self.recover(now)
        self.send_due(now)
        self.finish(now)
        return self.rows()

    def secret(self) -> Secret:
        if self._secret is None:
            self._secret = self._secret_source()
        return self._secret

    def change(
        self,
        row_id: int,
        now: datetime,
        *,
        expect: Sequence[str],
        where: Mapping[str, Any] | None = None,
        lease_free: bool = False,
        **values: Any,
    ) -> bool:
        """Set `values` on a row still in one of the `expect`ed states (and whose columns
        hold `where`; with `lease_free`, that nobody holds now), in a writer transaction of
        its own (a compare-and-set: False when another process moved it)."""
        with self.db.uow() as uow:
            changed = uow.outbox.update(
                row_id,
                {"updated_at": now, **values},
                where_state=expect,
                where=where,
                lease_free_at=self.lease_time(now) if lease_free else None,
            )
        if not changed:
            log.info("outbox %s: moved by another process meanwhile; left as it is", row_id)
        return changed

    def lease_time(self, now: datetime) -> datetime:
        """The instant a lease is taken or judged at: the run's `now`, or the clock's
        if that is later (a run that has been going for a while)."""
        return now if self._clock is None else max(now, self._clock())

    def _claim(self, row_id: int, states: Sequence[OutboxState], now: datetime) -> OutboxRow | None:
        """Take the row for this process if it is (still) in `states`, due, and nobody holds
        it: a conditional UPDATE, so two processes can't both win. The row as claimed."""
        at = self.lease_time(now)
        with self.db.uow() as uow:
            if not uow.outbox.claim(row_id, states, at, at + LEASE):
                return None
            found = uow.outbox.get(row_id)
        assert found is not None
        return OutboxRow.from_mapping(found)

    def send_due(self, now: datetime) -> list[OutboxRow]:
        """Send (or draft) every due row this process can claim."""
        from followup.mail.outbox import send as outbox_send

        done = []
        for listed in self.rows(DUE_STATES):
            if listed.send_after > now:
                continue
            row = self._claim(listed.id, DUE_STATES, now)
            if row is None:
                continue  # taken by another process, or sent, cancelled or put off meanwhile
            if row.mode == "draft":
                outbox_send.save_draft(self, row, now)
            else:
                outbox_send.send_row(self, row, now)
            done.append(self.get(row.id))
        return done

    def recover(self, now: datetime) -> list[OutboxRow]:
        """Rows a dead sender left in `sending` (its lease has run out), and `unknown` rows
        nobody is checking: look for them in the mailbox; found -> sent, not found ->
        needs-confirmation. Never resent from here.

        Each is claimed first, by its state and its lease in one statement: a row whose
        sender still holds it, or that was sent meanwhile, is left alone."""
        from followup.mail.outbox import send as outbox_send

        unsure = (OutboxState.SENDING, OutboxState.UNKNOWN)
        checked = []
        for listed in self.rows(unsure):
            row = self._claim(listed.id, unsure, now)
            if row is None:
                continue  # its sender (or another checker) is still on it, or it is settled
            outbox_send.verify(self, row, now)
            checked.append(self.get(row.id))
        return checked

    def finish(self, now: datetime) -> None:
        """Put a copy of each sent message in Sent (once: the copy is claimed like a send)
        and record it as a touch (once)."""
        from followup.mail.outbox import send as outbox_send

        with self.db.uow(write=False) as uow:
            found = uow.outbox.to_finish(self.account.name, [OutboxState.SENT])
        for row in [OutboxRow.from_mapping(r) for r in found]:
            if row.copy_state in COPY_TO_MAKE and self._claim_copy(row.id, now):
                outbox_send.copy_to_sent(self, row, now)
            if not row.recorded and self.record is not None:
                self._record(row)

    def _claim_copy(self, row_id: int, now: datetime) -> bool:
        """Take a sent row's copy to Sent for this process (pending, or left "copying" by a
        copier whose lease has run out): only the winner APPENDs."""
        return self.change(
            row_id,
            now,
            expect=[OutboxState.SENT],
            where={"copy_state": COPY_TO_MAKE},
            lease_free=True,
            copy_state="copying",
            claimed_until=self.lease_time(now) + LEASE,
        )

    def _record(self, row: OutboxRow) -> None:
        """Mark the row recorded and record its touch in one transaction: whoever flips
        `recorded` records it, so a sent message is one contact however many runs see it."""
        assert self.record is not None
        when = row.sent_at or row.send_after
        with self.db.uow() as uow:
            mine = uow.outbox.update(
                row.id,
                {"recorded": True, "updated_at": when},
                where_state=[OutboxState.SENT],
                where={"recorded": False},
            )
            if mine:
                self.record(uow, row)

    # ------------------------------------------------------------------ the user decides

    def confirm(self, row_id: int, now: datetime, *, was_sent: bool) -> OutboxRow:
        """The user says whether a held message arrived: sent, or queue it again."""
        if was_sent:
            values: dict[str, Any] = {
                "state": OutboxState.SENT,
                "sent_at": now,
                "claimed_until": None,
                "copy_state": "none" if self.account.server_files_sent else "pending",
            }
        else:
            values = {"state": OutboxState.PENDING, "claimed_until": None, "send_after": now}
        return self._decide(
            row_id,
            now,
            [OutboxState.NEEDS_CONFIRMATION],
            values,
            code="outbox.not-confirmable",
            why="not needs-confirmation: nothing to confirm",
        )

    def cancel(self, row_id: int, now: datetime) -> OutboxRow:
        """Withdraw a message that has not gone out (or a draft): the action may be sent anew."""
        return self._decide(
            row_id,
            now,
            [*DUE_STATES, OutboxState.FAILED, OutboxState.DRAFTED],
            {"state": OutboxState.CANCELLED, "claimed_until": None},
            code="outbox.not-cancellable",
            why="and can't be cancelled: it may have gone out",
        )

    def retry(self, row_id: int, now: datetime) -> OutboxRow:
        """Queue a failed (or waiting) message again, due now."""
        return self._decide(
            row_id,
            now,
            [OutboxState.FAILED, OutboxState.RETRY],
            {"state": OutboxState.PENDING, "claimed_until": None, "send_after": now},
            code="outbox.not-retryable",
            why="only failed or retry messages can be retried",
        )

    def _decide(
        self,
        row_id: int,
        now: datetime,
        expect: Sequence[OutboxState],
        values: dict[str, Any],
        *,
        code: str,
        why: str,
    ) -> OutboxRow:
        """The user's decision on one of this account's rows, if it is still in a state the
        decision applies to (checked and changed in one writer transaction, the row locked
        while it is decided, and its action's queuers kept out)."""
        with self.db.uow() as uow:
            row = self._mine(uow, row_id)
            uow.outbox.lock(row.action_id or row.key)  # as `enqueue`: one at a time per action
            row = self._mine(uow, row_id, for_update=True)
            if row.state in expect and values["state"] in LIVE_STATES:
                _refuse_second_send(uow, row.action_id, but=row_id)
            changed = row.state in expect and uow.outbox.update(
                row_id, {"updated_at": now, **values}, where_state=expect
            )
            if not changed:
                raise OutboxError(
                    f"outbox message {row_id} is {row.state}, {why}",
                    code=code,
                    params={"id": row_id, "state": str(row.state), "account": row.account},
                )
            return self._mine(uow, row_id)


def _json_list(values: Sequence[str]) -> str:
    import json

    return json.dumps(list(values))


def _refuse_second_send(uow: UnitOfWork, action_id: str | None, but: int | None = None) -> None:
    """An action has one live message (one that may go or has gone out): refuse another."""
    if action_id is None:
        return
    other = uow.outbox.of_action(action_id, LIVE_STATES)
    if other is not None and other["id"] != but:
        raise OutboxError(
            f"action {action_id} already has outbox message {other['id']} ({other['state']})",
            code="outbox.action-queued",
            params={"action_id": action_id, "id": other["id"], "state": other["state"]},
        )


def row_by_key(uow: UnitOfWork, key: str) -> OutboxRow | None:
    row = uow.outbox.by_key(key)
    return None if row is None else OutboxRow.from_mapping(row)


def mark_draft_sent(uow: UnitOfWork, row_id: int, at: datetime) -> bool:
    """The user sent a followup draft from their own client: the row is done (the client
    kept its copy in Sent, and the sync records the touch in the same transaction)."""
    return uow.outbox.update(
        row_id,
        {
            "state": OutboxState.SENT,
            "sent_at": at,
            "updated_at": at,
            "copy_state": "done",
            "recorded": True,
        },
        where_state=[OutboxState.DRAFTED],
    )


class OutboxDrafts:
    """The drafts followup left in the user's Drafts folder, as the sync needs them: the
    application hands this to `followup.mail.sync.apply.StoreHandler`, which does not import
    the outbox. Both work inside the sync's transaction (`uow`)."""

    def drafted(self, uow: UnitOfWork, key: str) -> OutboxRow | None:
        """The row of the draft with this `X-Followup-Key`, while it waits in Drafts."""
        row = row_by_key(uow, key)
        return row if row is not None and row.state is OutboxState.DRAFTED else None

    def mark_sent(self, uow: UnitOfWork, row_id: int, at: datetime) -> bool:
        return mark_draft_sent(uow, row_id, at)


def held_messages(db: Store) -> list[OutboxRow]:
    """Messages of every account of the owner that wait for the user (needs-confirmation,
    failed): for `followup today` and the like. Needs no account and no secret."""
    with db.uow(write=False) as uow:
        return [OutboxRow.from_mapping(r) for r in uow.outbox.rows(states=HELD_STATES)]
