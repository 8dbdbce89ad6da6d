"""What followup reads in one message, as a JSON-ready dict (`followup inspect FILE.eml`).

The contract fields are fixed; more may be added, none renamed:
class, message_id, in_reply_to, references, from, subject, return_date, failed_recipients,
invite (null or method, uid, sequence, start, end, tz, organizer, attendees [name, email,
role], location, video_link).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from followup.mail.reading.classify import MessageInfo, classify_message
from followup.mail.reading.ics import Invite, interviewers
from followup.mail.reading.parse import ParsedMessage

# headers a receiving server adds naming the mailbox the message was delivered to
_DELIVERY_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To")


def inspect_message(raw: bytes, user_addresses: Iterable[str] = ()) -> dict[str, Any]:
    """Classify raw bytes and describe the result; never raises.

    Without the user's addresses (no account configured, no --me), the message's own
    recipient stands for the user, so the user is never listed among the interviewers.
    """
    from followup.mail.reading.parse import parse_message

    parsed = parse_message(raw)
    mine = tuple(a.strip().lower() for a in user_addresses if a.strip())
    assumed = False
    if not mine:
        mine = recipient_addresses(parsed)
        assumed = bool(mine)
    result = describe(classify_message(raw, user_addresses=mine, parsed=parsed), mine)
    result["user_addresses"] = list(mine)
    result["user_addresses_assumed"] = assumed  # taken from the message, not an account
    return result


def recipient_addresses(parsed: ParsedMessage) -> tuple[str, ...]:
    """The mailbox a message was delivered to: a receiving server's Delivered-To (or the
    like), else the To: address when it names exactly one, else the one recipient outside
    the sender's domain; () when it cannot be told."""
    from followup.mail.reading.addresses import valid_address

    for name in _DELIVERY_HEADERS:
        found = [valid_address(v.strip().strip("<>")) for v in parsed.header_all(name)[:5]]
        kept = tuple(dict.fromkeys(a for a in found if a))
        if kept:
            return kept
    to = [a.email for a in parsed.to if a.email]
    if len(to) == 1:
        return (to[0],)
    return _the_one_outsider(parsed, [*to, *(a.email for a in parsed.cc if a.email)])


def _the_one_outsider(parsed: ParsedMessage, recipients: list[str]) -> tuple[str, ...]:
    """Of several recipients, the one outside the sender's organisation: an invitation goes
    to the candidate and to colleagues of the sender, so when exactly one recipient's domain
    is not the sender's, that is the user; () when none or several are."""
    sender = parsed.from_.email if parsed.from_ is not None and parsed.from_.email else ""
    home = sender.rpartition("@")[2]
    if not home:
        return ()
    outside = {a for a in recipients if not _same_domain(a.rpartition("@")[2], home)}
    return (outside.pop(),) if len(outside) == 1 else ()


def _same_domain(one: str, other: str) -> bool:
    """One domain is the other or below it (mail.acme.example and acme.example)."""
    return one == other or one.endswith("." + other) or other.endswith("." + one)


def describe(info: MessageInfo, user_addresses: Iterable[str] = ()) -> dict[str, Any]:
    sender = info.from_
    return {
        "class": str(info.kind),
        "message_id": info.message_id,
        "in_reply_to": info.in_reply_to[0] if info.in_reply_to else None,
        "references": list(info.references),
        "from": sender.email if sender is not None and sender.email else None,
        "subject": info.subject,
        "return_date": _iso(info.return_date),
        "failed_recipients": list(info.failed_recipients),
        "invite": describe_invite(info.invite, user_addresses) if info.invite else None,
        # additions beyond the contract
        "from_name": sender.name if sender is not None else None,
        "reply_to": [a.email for a in info.reply_to if a.email],
        "date": _iso(info.date),
        "normalized_subject": info.normalized_subject,
        "ats": info.ats,
        "ats_vendor": info.ats_vendor,
        "from_user": info.from_user,
        "delayed_recipients": list(info.delayed_recipients),
        "original_message_id": info.original_message_id,
        "evidence": list(info.evidence),
        "problems": list(info.problems),
        "decision_by": _iso(info.decision_by),  # a new decision date the reply names
        "uncertain": list(info.uncertain),  # not read for sure: the user is asked
    }


def describe_invite(invite: Invite, user_addresses: Iterable[str] = ()) -> dict[str, Any]:
    organizer = invite.organizer
    return {
        "method": invite.method,
        "uid": invite.uid,
        "sequence": invite.sequence,
        "start": _iso(invite.start),
        "end": _iso(invite.end),
        "tz": invite.tz,
        "organizer": organizer.email if organizer is not None and organizer.email else None,
        "attendees": [{"name": a.name, "email": a.email, "role": a.role} for a in invite.attendees],
        "location": invite.location,
        "video_link": invite.video_link,
        # additions beyond the contract
        "tz_iana": invite.tz_iana,
        "all_day": invite.all_day,
        "floating": invite.floating,
        "dtstamp": _iso(invite.dtstamp),
        "status": invite.status,
        "cancelled": invite.cancelled,
        "recurrence_id": _iso(invite.recurrence_id),
        "summary": invite.summary,
        "organizer_sent_by": organizer.sent_by if organizer is not None else None,
        "interviewers": [a.email for a in interviewers(invite, user_addresses)],
        "resources": [a.name or a.email for a in invite.resources],
        "problems": list(invite.problems),
    }


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    return value.isoformat()
