"""The words of an outgoing message made into the exact bytes the outbox keeps: headers
(Message-ID made once, the idempotency key in `X-Followup-Key`, the thread's In-Reply-To and
References) and a plain-text body."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.mail.accounts.account import Account

KEY_HEADER = "X-Followup-Key"


class NoRecipient(ValueError):
    """The message names no address to send to."""


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """A message to queue: who to, what, in which thread, not before when."""

    to: tuple[str, ...]
    subject: str
    body: str
    send_after: datetime
    action_id: str | None = None
    app_id: int | None = None
    person_id: int | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    kind: str = "message"  # the TouchKind recorded once it is sent, e.g. "thank-you"
    html: str | None = None  # an HTML alternative of the body (the alerts' digest)
    headers: tuple[tuple[str, str], ...] = ()  # more headers, e.g. List-Unsubscribe


def idempotency_key(message: OutgoingMessage) -> str:
    """The action id plus a hash of what is said to whom: the same request maps to one row."""
    content = "\x00".join(
        [*message.to, message.subject, message.body, message.in_reply_to or "", *message.references]
    )
    digest = hashlib.sha256(content.encode()).hexdigest()[:20]
    return f"{message.action_id or 'manual'}.{digest}"


def build_message(
    account: Account, message: OutgoingMessage, key: str, now: datetime
) -> tuple[bytes, str]:
    """The exact bytes to send, and the Message-ID made for them (once, at queueing)."""
    from email import policy
    from email.message import EmailMessage
    from email.utils import format_datetime, formataddr, make_msgid

    domain = account.address.rpartition("@")[2] or "localhost"
    message_id = make_msgid(domain=domain)
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = formataddr((account.display_name, account.address))
    msg["To"] = ", ".join(message.to)
    msg["Subject"] = message.subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id
    msg[KEY_HEADER] = key
    if message.in_reply_to:
        msg["In-Reply-To"] = message.in_reply_to
    refs = list(message.references)
    if message.in_reply_to and message.in_reply_to not in refs:
        refs.append(message.in_reply_to)
    if refs:
        msg["References"] = " ".join(refs)
    for name, value in message.headers:
        msg[name] = value
    msg.set_content(message.body)
    if message.html is not None:
        msg.add_alternative(message.html, subtype="html")
    return msg.as_bytes(), message_id


def envelope_addresses(to: Sequence[str]) -> list[str]:
    from email.utils import getaddresses

    addresses = [addr for _, addr in getaddresses(list(to)) if addr]
    if not addresses:
        raise NoRecipient("the message has no recipient address; add the person's e-mail first")
    return addresses
