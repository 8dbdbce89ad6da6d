"""The digest of the period: composed from the matches no digest has carried, sent once
through the mailbox's outbox (to the account's own address), or returned for a dry run.

Once per period: the digest is recorded under its period key ("daily:2026-12-02") in the
transaction that marks its matches carried; the outbox message is keyed by the period too,
so a crash between queueing and recording queues the same message again, not a second one."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.alerts.codec import posting_from_json
from followup.alerts.digest import Digest, Item, compose, period_key, unsubscribe_headers
from followup.app.alerts.delivery import delivery_of
from followup.app.alerts.searches import UNSUBSCRIBE_ALL

if TYPE_CHECKING:
    from followup.app.alerts.runs import RunRequest
    from followup.app.context import Context
    from followup.store.uow import UnitOfWork

DEFAULT_UNSUBSCRIBE = "https://localhost:8000/alerts/unsubscribe"


@dataclass(frozen=True, slots=True)
class DigestOutcome:
    period: str | None
    status: str  # sent, queued, dry-run, nothing-new, already-sent, not-yet
    digest: Digest | None = None
    headers: tuple[tuple[str, str], ...] = ()
    outbox_id: int | None = None

    def record(self) -> dict[str, Any]:
        found: dict[str, Any] = {"period": self.period, "status": self.status}
        if self.digest is not None:
            found |= {
                "subject": self.digest.subject,
                "items": [item_record(i) for i in self.digest.items],
                "left_out": self.digest.left_out,
                "headers": dict(self.headers),
                "text": self.digest.text,
                "html": self.digest.html,
            }
        if self.outbox_id is not None:
            found["outbox_id"] = self.outbox_id
        return found


def item_record(item: Item) -> dict[str, Any]:
    """One job of a digest as data: what the e-mail says of it."""
    posting = item.posting
    salary = posting.salary
    return {
        "job": item.posting_id,
        "title": posting.title,
        "company": posting.company,
        "board": posting.board,
        "url": posting.url,
        "locations": list(posting.locations),
        "work_mode": posting.work_mode.value if posting.work_mode else None,
        "salary": {"currency": salary.currency, "min": salary.annual_min, "max": salary.annual_max}
        if salary
        else None,
        "posted_at": posting.posted_at.isoformat() if posting.posted_at else None,
        "searches": list(item.searches),
    }


def _unsubscribe_token(uow: UnitOfWork) -> str:
    token = uow.settings.get(UNSUBSCRIBE_ALL)
    if token is None:
        token = secrets.token_urlsafe(24)
        uow.settings.set(UNSUBSCRIBE_ALL, token)
    return token


def _items(uow: UnitOfWork) -> list[Item]:
    """Every undelivered match, one item per posting with the names of its searches."""
    by_posting: dict[int, tuple[Any, list[str], datetime]] = {}
    for row in uow.alerts.undelivered():
        posting_id = int(row["posting_id"])
        if posting_id not in by_posting:
            by_posting[posting_id] = (row["data"], [], row["matched_at"])
        by_posting[posting_id][1].append(row["name"])
    return [
        Item(pid, posting_from_json(data), tuple(sorted(set(names))), at)
        for pid, (data, names, at) in by_posting.items()
    ]


def deliver(ctx: Context, data: RunRequest) -> DigestOutcome:
    now = ctx.now()
    with ctx.uow() as uow:
        delivery = delivery_of(ctx, uow)
        period = period_key(delivery, now)
        if period is None and (data.any_hour or data.dry_run):  # a dry run shows it now
            period = period_key(delivery, now.replace(hour=23, minute=59))
        if period is None:
            return DigestOutcome(None, "not-yet")
        if uow.alerts.digest(period) is not None:
            return DigestOutcome(period, "already-sent")
        base = str(ctx.settings.alerts.get("unsubscribe_url") or DEFAULT_UNSUBSCRIBE)
        url = f"{base.rstrip('/')}/{_unsubscribe_token(uow)}"
        digest = compose(_items(uow), delivery, url, lambda pid: f"save it: job {pid}")
    if digest is None:
        return DigestOutcome(period, "nothing-new")
    headers = unsubscribe_headers(url)
    if data.dry_run:
        return DigestOutcome(period, "dry-run", digest, headers)
    return _send(ctx, data, period, digest, headers)


def _send(
    ctx: Context,
    data: RunRequest,
    period: str,
    digest: Digest,
    headers: tuple[tuple[str, str], ...],
) -> DigestOutcome:
    from followup.app.mail.access import access_of, outbox_of
    from followup.mail.outbox.compose import OutgoingMessage
    from followup.mail.outbox.states import OutboxState

    access = access_of(ctx, data.account)
    access.secret()  # a missing secret is refused before anything is queued
    outbox = outbox_of(ctx, access)
    now = ctx.now()
    message = OutgoingMessage(
        to=(access.account.address,),
        subject=digest.subject,
        body=digest.text,
        send_after=now,
        action_id=f"alerts-digest:{period}",
        kind="alerts-digest",
        html=digest.html,
        headers=headers,
    )
    row = outbox.enqueue(message, now)
    with ctx.uow() as uow:
        if uow.alerts.digest(period) is None:
            uow.alerts.add_digest(
                {
                    "period": period,
                    "items": len(digest.items),
                    "outbox_key": row.key,
                    "created_at": now,
                },
                [i.posting_id for i in digest.items],
            )
    outbox.run(now)
    sent = outbox.get(row.id)
    status = "sent" if sent.state is OutboxState.SENT else "queued"
    return DigestOutcome(period, status, digest, headers, sent.id)
