"""Use cases of the mailbox sync: one sync, the `sync --watch` loop, the review queue
(messages followup could not tie to one application) and quarantined messages.

The sync writes each message's touch in a transaction of its own (a resumed sync records
nothing twice); the applications it wrote to are planned again after each pass."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup.app.mail.access import (
    DEFAULT_ACCOUNT,
    access_of,
    handler_of,
    outbox_of,
    replan_changed,
    syncer_of,
)
from followup.app.records import fields_record
from followup.errors import UserError

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.domain.model import Touch
    from followup.mail.sync.apply import StoreHandler
    from followup.mail.sync.model import Envelope
    from followup.mail.sync.syncer import SyncReport
    from followup.store.mail_repos import QuarantinedItem, ReviewItem

# sync --watch renews IDLE this often (well under the 29 minutes allowed), so due outbox
# messages go out within 5 minutes of their time.
WATCH_RENEW = 300.0


class ReviewError(UserError):
    """A review item that can't be settled as asked; nothing was changed."""

    default_code = "review.refused"


@dataclass(frozen=True, slots=True)
class SyncRequest:
    account: str = DEFAULT_ACCOUNT
    aliases: tuple[str, ...] = ()  # more of the user's own addresses


def sync_once(
    ctx: Context, data: SyncRequest, on_progress: Callable[[str, int, int], None] | None = None
) -> SyncReport:
    """Read new mail in INBOX and Sent once; replies, out-of-office, bounces and
    invitations become touches and interviews. `on_progress(folder, read, to_read)` is
    called after each batch of messages."""
    access = access_of(ctx, data.account)
    syncer, handler = syncer_of(ctx, access, data.aliases)
    if on_progress is not None:
        syncer.on_progress = on_progress
    try:
        return syncer.sync(ctx.now())
    finally:
        replan_changed(ctx, handler)


def watch_mail(
    ctx: Context,
    data: SyncRequest,
    stop: threading.Event,
    on_report: Callable[[SyncReport], None] = lambda report: None,
    renew: float = WATCH_RENEW,
) -> None:
    """Sync, then wait for new mail (IMAP IDLE) and sync again, until `stop` is set; after
    each pass the outbox sends what has become due."""
    from followup.mail.sync.watch import watch

    access = access_of(ctx, data.account)
    syncer, handler = syncer_of(ctx, access, data.aliases)
    outbox = outbox_of(ctx, access)

    def after_pass(report: SyncReport) -> None:
        replan_changed(ctx, handler)
        on_report(report)
        outbox.run(ctx.now())  # messages whose send-after time has come

    watch(syncer, ctx.now, stop, after_pass, renew=renew)


def sync_record(report: SyncReport) -> list[dict[str, Any]]:
    """A sync's report as JSON-ready data (the contract of `sync --json`)."""
    return [{"folder": f.folder, "new": f.new, "outcomes": f.outcomes} for f in report.folders]


# ---- the review queue -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewAnswer:
    """The user's answer about a review item: it belongs to `app_id` (None: to none)."""

    review_id: int
    app_id: int | None
    account: str = DEFAULT_ACCOUNT


def reviews(ctx: Context, account: str = DEFAULT_ACCOUNT) -> list[ReviewItem]:
    """The open review items of the account, oldest first."""
    with ctx.uow(write=False) as uow:
        return uow.sync_state.reviews(account)


def quarantined(ctx: Context, account: str = DEFAULT_ACCOUNT) -> list[QuarantinedItem]:
    """Messages the sync could not read (malformed mail, broken calendars), and why."""
    with ctx.uow(write=False) as uow:
        return uow.sync_state.quarantined(account)


def _not_open(review_id: int) -> ReviewError:
    return ReviewError(
        f"no open review item {review_id}",
        code="review.not-found",
        params={"id": review_id},
    )


def settle_review(ctx: Context, data: ReviewAnswer) -> Touch | None:
    """Record the item's message for the application the user chose (fetched again from
    the mailbox), or dismiss it; the item is settled in the same transaction."""
    now = ctx.now()
    if data.app_id is None:
        with ctx.uow() as uow:
            if not uow.sync_state.resolve_review(data.review_id, "dismissed", now, data.account):
                raise _not_open(data.review_id)
        return None
    from followup.app.schedule import replan

    with ctx.uow(write=False) as uow:
        item = uow.sync_state.review(data.review_id, data.account)
        if item is None:
            raise _not_open(data.review_id)
        uow.applications.get(data.app_id)  # an unknown application fails here, before any change
        kept = uow.sync_state.review_message(data.review_id)
    if kept is not None:  # handed in as a file: no mailbox holds it
        from followup.app.mail.files import handed_in_envelope, handed_in_handler, my_addresses

        raw, envelope = kept, handed_in_envelope(kept)
        handler = handed_in_handler(ctx, data.account, my_addresses(ctx))
    else:
        raw, envelope, handler = _fetched_again(ctx, data, item)
    with ctx.uow() as uow:
        if not uow.sync_state.resolve_review(
            data.review_id, f"app {data.app_id}", now, data.account
        ):
            raise _not_open(data.review_id)  # settled meanwhile by another process
        handler.apply_to(uow, envelope, raw, data.app_id, now)
        replan(ctx, uow, data.app_id)
        return uow.touches.by_message_id(item.message_id)


def _fetched_again(
    ctx: Context, data: ReviewAnswer, item: ReviewItem
) -> tuple[bytes, Envelope, StoreHandler]:
    """The review item's message fetched again from its folder (ReviewError if gone)."""
    from followup.mail.sync.model import Envelope
    from followup.mail.transport.imap import open_mailbox

    access = access_of(ctx, data.account)
    with open_mailbox(access.account, access.secret()) as mailbox:
        uids = mailbox.search_header(item.folder, "Message-ID", item.message_id)
        found = mailbox.fetch_whole(uids[:1])
    raw = next(iter(found.values()), None)
    if raw is None:
        raise ReviewError(
            f"the message of review item {data.review_id} is no longer in {item.folder}",
            code="review.message-gone",
            params={"id": data.review_id, "folder": item.folder},
        )
    envelope = Envelope(item.folder, "inbox", uids[0], b"", item.message_id, frozenset())
    return raw, envelope, handler_of(ctx, access.account)


def review_record(item: ReviewItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "from": item.sender,
        **fields_record(item, "subject kind reason candidates message_id folder"),
        "at": item.created_at.isoformat(),
    }


def quarantined_record(item: QuarantinedItem) -> dict[str, Any]:
    return {
        **fields_record(item, "id folder uid message_id reason"),
        "at": item.created_at.isoformat(),
    }
