"""What an incoming message is, decided before it is matched to an application.

The decision's order is in `facts.Facts.decide` (bounces in `bounces`, automated mail in
`automated`, out-of-office notes in `absence`, the shared observations in `signals`); this
module reads the message, asks for the decision and gathers what the caller keeps. Being sent
by an ATS is a property of the source, not a class: an ATS message can be a rejection or an
invitation and keeps both facts. The marker headers, phrase lists and domains live in
data/classify.yaml. Pure: bytes in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date as CalendarDate
from datetime import datetime

from followup.domain.model import TouchKind
from followup.mail.reading.bounces import returned_id
from followup.mail.reading.dateorder import day_first
from followup.mail.reading.decision_date import find_decision_date
from followup.mail.reading.facts import Facts
from followup.mail.reading.ics import Invite, calendar_parts
from followup.mail.reading.kinds import MessageClass
from followup.mail.reading.limits import InputTooLarge
from followup.mail.reading.parse import Address, ParsedMessage, parse_message
from followup.mail.reading.returndate import read_return_date
from followup.mail.reading.rules import ClassifyRules, load_rules

__all__ = ["MessageClass", "MessageInfo", "classify_message", "classify_parsed"]

_TOUCH_KINDS = {
    MessageClass.BOUNCE: TouchKind.BOUNCE,
    MessageClass.AUTO_REPLY: TouchKind.AUTO_REPLY,
    MessageClass.INVITATION: TouchKind.INVITATION,
    MessageClass.CANCELLATION: TouchKind.INVITATION,
    MessageClass.CALENDAR_RESPONSE: TouchKind.MESSAGE,
    MessageClass.REJECTION: TouchKind.REJECTION,
    MessageClass.OFFER: TouchKind.OFFER,
    MessageClass.ATS: TouchKind.ATS,
    MessageClass.REPLY: TouchKind.REPLY,
    MessageClass.OTHER: TouchKind.MESSAGE,
}


@dataclass(frozen=True, slots=True)
class MessageInfo:
    kind: MessageClass
    message_id: str | None = None
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    from_: Address | None = None
    reply_to: tuple[Address, ...] = ()
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    date: datetime | None = None
    subject: str = ""
    normalized_subject: str = ""
    ats: bool = False  # sent by or through an applicant-tracking system
    ats_vendor: str | None = None  # e.g. "greenhouse"; None for an unknown robot sender
    from_user: bool = False  # the user wrote it (ingested from Sent, or a copy)
    return_date: CalendarDate | None = None  # an out-of-office's first day back
    decision_by: CalendarDate | None = None  # a new decision date named in a reply
    failed_recipients: tuple[str, ...] = ()  # a bounce's permanently failed addresses
    delayed_recipients: tuple[str, ...] = ()  # a delay warning's addresses (not a bounce)
    original_message_id: str | None = None  # the Message-ID a bounce returned
    invites: tuple[Invite, ...] = ()
    thread_id: str | None = None  # Gmail's X-GM-THRID, when the caller fetched it
    evidence: tuple[str, ...] = ()  # why this class, in plain words
    problems: tuple[str, ...] = ()
    # what a cap of `limits` kept from being read (parts, headers, events, attendees, HTML),
    # in plain words; also among `problems`
    set_aside: tuple[str, ...] = ()
    # what could not be read for sure (an ambiguous date, wording that may be a rejection
    # or an offer): the user is asked (review) instead of a guess
    uncertain: tuple[str, ...] = ()

    @property
    def invite(self) -> Invite | None:
        return self.invites[0] if self.invites else None

    @property
    def touch_kind(self) -> TouchKind:
        """The kind of Touch to record for this message."""
        return _TOUCH_KINDS[self.kind]

    def sender_addresses(self) -> tuple[str, ...]:
        """From and Reply-To addresses, lower-cased, without duplicates."""
        found = [a.email for a in (self.from_, *self.reply_to) if a is not None and a.email]
        return tuple(dict.fromkeys(found))


def classify_message(
    raw: bytes,
    *,
    user_addresses: Iterable[str] = (),
    thread_id: str | None = None,
    floating_tz: str = "UTC",
    rules: ClassifyRules | None = None,
    strict: bool = False,
    parsed: ParsedMessage | None = None,
) -> MessageInfo:
    """Classify raw message bytes; never raises on any input, unless `strict`.

    `parsed`: `parse_message(raw)` when the caller already has it (read once).

    With `strict`, a calendar part past a hard cap of `limits` (bytes, events, lines) raises
    `InputTooLarge` (for a caller that quarantines such a message); without it that calendar
    is set aside, with the reason in `set_aside` and `problems`.
    """
    if parsed is None:
        parsed = parse_message(raw)
    try:
        return classify_parsed(
            parsed,
            raw=raw,
            user_addresses=user_addresses,
            thread_id=thread_id,
            floating_tz=floating_tz,
            rules=rules,
            strict=strict,
        )
    except InputTooLarge:
        raise
    except Exception as exc:  # a defect in a rule or a parser: report, don't crash a sync
        return _base(parsed, MessageClass.OTHER, thread_id, (f"not classified: {exc!r}",))


def classify_parsed(
    parsed: ParsedMessage,
    *,
    raw: bytes | None = None,
    user_addresses: Iterable[str] = (),
    thread_id: str | None = None,
    floating_tz: str = "UTC",
    rules: ClassifyRules | None = None,
    strict: bool = False,
) -> MessageInfo:
    """Classify a parsed message; `strict` as in `classify_message`."""
    rules = rules or load_rules()
    mine = frozenset(a.strip().lower() for a in user_addresses if a.strip())
    calendars = calendar_parts(parsed.calendar_parts, floating_tz=floating_tz, strict=strict)
    invites = calendars.invites
    set_aside = tuple(dict.fromkeys((*parsed.set_aside, *calendars.set_aside)))
    facts = Facts(parsed, rules, mine, raw)
    kind, reasons = facts.decide(invites)
    evidence = [" ".join(reason.split()) for reason in reasons]
    problems = [*parsed.problems, *calendars.problems]
    problems.extend(r for r in set_aside if r not in problems)
    info = _base(parsed, kind, thread_id, tuple(problems))
    return_date = None
    uncertain: list[str] = []
    if kind is MessageClass.AUTO_REPLY:
        reference = parsed.date.date() if parsed.date else None
        text = f"{parsed.subject}\n{parsed.text[:20_000]}"  # "Out of office until 16 March"
        found = read_return_date(text, reference, rules.return_date, day_first=day_first(parsed))
        return_date = found.day
        if found.uncertain:
            uncertain.append(found.uncertain)
        if facts.unmarked_auto_reply:
            uncertain.append(
                "an out-of-office note without a program's marks: a person may have written it"
            )
    if kind is MessageClass.REPLY:
        uncertain.extend(facts.possible_outcome())
    decision_by = None
    if kind in (MessageClass.REPLY, MessageClass.ATS) and parsed.date is not None:
        decision_by = find_decision_date(parsed.text, parsed.date.date(), rules)
    failed = facts.failed_recipients(mine) if kind is MessageClass.BOUNCE else ()
    return replace(
        info,
        ats=facts.ats_vendor is not None or facts.ats_robot,
        ats_vendor=facts.ats_vendor,
        from_user=facts.from_user,
        return_date=return_date,
        decision_by=decision_by,
        failed_recipients=failed,
        delayed_recipients=facts.delayed_recipients(),
        original_message_id=returned_id(parsed) if kind is MessageClass.BOUNCE else None,
        invites=invites,
        evidence=tuple(evidence),
        set_aside=set_aside,
        uncertain=tuple(uncertain),
    )


def _base(
    parsed: ParsedMessage, kind: MessageClass, thread_id: str | None, problems: tuple[str, ...]
) -> MessageInfo:
    return MessageInfo(
        kind=kind,
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        references=parsed.references,
        from_=parsed.from_,
        reply_to=parsed.reply_to,
        to=parsed.to,
        cc=parsed.cc,
        date=parsed.date,
        subject=parsed.subject,
        normalized_subject=parsed.normalized_subject,
        thread_id=thread_id,
        problems=problems,
    )
