"""An account with its secret, and the mail adapters of an account over the context: the
outbox (with what records a sent message as a contact) and the syncer (with what the sync
writes to the store)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup.mail.accounts.account import Account, load_account

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.mail.accounts.secrets import Secret
    from followup.mail.outbox.machine import Outbox
    from followup.mail.outbox.row import OutboxRow
    from followup.mail.sync.apply import StoreHandler
    from followup.mail.sync.syncer import Syncer
    from followup.store.uow import UnitOfWork

DEFAULT_ACCOUNT = "default"


@dataclass(frozen=True, slots=True)
class MailAccess:
    """An account and its secret, fetched from `ctx.secrets` on first use (listing the
    outbox needs no secret; sending does)."""

    account: Account
    secret: Callable[[], Secret]


def account_of(ctx: Context, name: str = DEFAULT_ACCOUNT) -> Account:
    """The owner's stored account `name` (AccountError "account.not-found" if none)."""
    with ctx.uow(write=False) as uow:
        return load_account(uow.settings, name)


def has_account(ctx: Context, name: str = DEFAULT_ACCOUNT) -> bool:
    """Whether the owner has stored the account `name` (a front end offers sending then)."""
    from followup.mail.accounts.account import account_names

    with ctx.uow(write=False) as uow:
        return name in account_names(uow.settings)


def access_of(ctx: Context, name: str = DEFAULT_ACCOUNT) -> MailAccess:
    from followup.mail.accounts.secrets import install_log_filter

    install_log_filter()
    account = account_of(ctx, name)
    found: list[Secret] = []

    def secret() -> Secret:
        if not found:
            found.append(ctx.secrets.get(account))
        return found[0]

    return MailAccess(account, secret)


def outbox_of(ctx: Context, access: MailAccess) -> Outbox:
    from followup.mail.outbox.machine import Outbox

    def record(uow: UnitOfWork, row: OutboxRow) -> None:
        record_sent(ctx, uow, row)

    return Outbox(ctx.store(), access.account, access.secret, record=record, clock=ctx.now)


def record_sent(ctx: Context, uow: UnitOfWork, row: OutboxRow) -> None:
    """A sent outbox row becomes the touch of its action (once: keyed by the action and the
    Message-ID), and its application is planned again, in the outbox's transaction."""
    from followup.app.schedule import replan
    from followup.mail.sync.apply import add_sent_touch

    if row.app_id is None or uow.touches.by_message_id(row.message_id) is not None:
        return
    at = row.sent_at or row.send_after
    add_sent_touch(
        uow, row.app_id, row, at, message_id=row.message_id, summary=_subject_of(row.message)
    )
    replan(ctx, uow, row.app_id)


def _subject_of(message: bytes) -> str:
    from email.parser import BytesHeaderParser
    from email.policy import default

    return str(BytesHeaderParser(policy=default).parsebytes(message).get("Subject", ""))[:200]


def handler_of(ctx: Context, account: Account, aliases: Iterable[str] = ()) -> StoreHandler:
    """What the sync does with each message, over the owner's store."""
    from followup.mail.outbox.machine import OutboxDrafts
    from followup.mail.sync.apply import StoreHandler

    addresses = [account.address, *aliases, *account.extra.get("aliases", "").split()]
    return StoreHandler(ctx.store(), account.name, addresses, drafts=OutboxDrafts())


def syncer_of(
    ctx: Context, access: MailAccess, aliases: Iterable[str] = ()
) -> tuple[Syncer, StoreHandler]:
    """The account's syncer, and its handler (which collects the applications it wrote to)."""
    from followup.mail.sync.syncer import Syncer

    handler = handler_of(ctx, access.account, aliases)
    return Syncer(ctx.store(), access.account, access.secret(), handler), handler


def replan_changed(ctx: Context, handler: StoreHandler) -> None:
    """Plan again the applications the sync wrote to (once each, one transaction)."""
    from followup.app.schedule import replan

    changed = sorted(handler.changed_apps)
    handler.changed_apps.clear()
    if changed:
        with ctx.uow() as uow:
            for app_id in changed:
                replan(ctx, uow, app_id)
