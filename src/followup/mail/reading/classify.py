"""What an incoming message is, decided before it is matched to an application.

Order matters and follows mail.md: a bounce first (a mail system speaking), then an
auto-reply, then a calendar message, then what the words say (rejection, offer), then ATS
notifications, then human replies. Being sent by an ATS is a property of the source, not a
class: an ATS message can be a rejection or an invitation and keeps both facts. The marker
headers, phrase lists and domains live in data/classify.yaml. Pure: bytes in, values out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date as CalendarDate
from datetime import datetime

from followup.domain.model import TouchKind
from followup.mail.reading.bounces import BounceFacts, returned_id
from followup.mail.reading.decision_date import find_decision_date
from followup.mail.reading.ics import Invite, calendar_parts
from followup.mail.reading.kinds import MessageClass
from followup.mail.reading.limits import InputTooLarge
from followup.mail.reading.outcomes import negation_before, offer_cues, rejection_cues
from followup.mail.reading.parse import Address, ParsedMessage, parse_message
from followup.mail.reading.returndate import read_return_date
from followup.mail.reading.rules import (
    ClassifyRules,
    HeaderRule,
    domain_owner,
    load_rules,
    local_part_matches,
)
from followup.mail.reading.subjects import (
    SPACE_BEFORE_COLON,
    leading_tags,
    own_name_words,
    strip_tags,
    without_words,
)
from followup.mail.reading.text import reply_text

# a help desk's ticket number in a subject: "[Ticket #48213]", "Case 00123456:",
# "[Request ID :##RE-9921##]", "[rt.example.org #8841]"
_TICKET_REFERENCE = re.compile(
    r"(?i)(?:\b(?:ticket|case|request|incident)\s*(?:id|no\.?|number)?\s*:?\s*[#\[]*\s*"
    r"#*[a-z]{0,4}-?\d{3,}|\[[\w.-]*\s*#\d{3,}\]|##\s*\d{3,}\s*##)"
)
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
    facts = _Facts(parsed, rules, mine, raw)
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
        found = read_return_date(text, reference, rules.return_date, day_first=_day_first(parsed))
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


# English-speaking countries that write the month first; every other locale writes the day
# first ("05/01" is 5 January in Britain, Germany, France, Australia, India...)
_MONTH_FIRST_LANGUAGES = frozenset({"en-us", "en-ph", "en-fm", "en-mh", "en-pw"})
_UNKNOWN_LANGUAGES = frozenset({"en", "en-ca", "en-001", "en-150"})
_MONTH_FIRST_TLDS = frozenset({"us", "ph", "gov", "mil", "edu"})
# country codes used as generic names (a startup's .io is no country)
_GENERIC_CCTLDS = frozenset(
    {"io", "co", "ai", "me", "tv", "fm", "ly", "to", "sh", "gg", "cc", "ws", "la", "am", "so",
     "ca", "vc", "ac", "gl", "is", "it"}
)  # fmt: skip


def _day_first(parsed: ParsedMessage) -> bool | None:
    """The sender's date order from Content-Language, else the sender's country domain;
    None when neither tells."""
    language = (parsed.header("Content-Language") or "").split(",")[0].strip().lower()
    if language:
        if language in _MONTH_FIRST_LANGUAGES:
            return False
        if language not in _UNKNOWN_LANGUAGES:
            return True
    domain = parsed.from_.domain if parsed.from_ is not None else ""
    tld = domain.rpartition(".")[2]
    if tld in _MONTH_FIRST_TLDS:
        return False
    if len(tld) == 2 and tld.isalpha() and tld not in _GENERIC_CCTLDS:
        return True
    return None


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


class _Facts(BounceFacts):
    """The observations one message offers, computed once and read by `decide`."""

    def __init__(
        self, parsed: ParsedMessage, rules: ClassifyRules, mine: frozenset[str], raw: bytes | None
    ) -> None:
        self.parsed = parsed
        self.raw = raw
        self._flufl_cache: tuple[str, ...] | None = None
        self._automated_cache: list[str] | None = None
        self._strong_cache: list[str] | None = None
        self.unmarked_auto_reply = False  # read as an out-of-office without a program's marks
        self._names = sorted((name.lower(), i) for i, (name, _) in enumerate(parsed.headers[:500]))
        self.rules = rules
        sender = parsed.from_ or Address("", "")
        self.sender = sender
        self.from_user = bool(sender.email) and sender.email in mine
        self.new_text = reply_text(parsed.text)[:20_000]
        self.subject = parsed.subject.lower()
        self.ats_vendor = self._ats_vendor()
        self.robot = local_part_matches(sender.local_part, rules.robot_local_parts)
        self.program = local_part_matches(sender.local_part, rules.program_local_parts)
        self.listed = parsed.header("List-Id") is not None or (
            parsed.header("List-Unsubscribe") is not None
        )
        # the user's own name is no recruiting word ("New Event: Alice Candidate")
        subject = without_words(parsed.subject, own_name_words(parsed, mine))
        recruiting = rules.recruiting_words.search(subject) is not None
        self.job_board = rules.job_board_words.search(subject) is not None
        # a mailing list's post (List-Id) is a newsletter, whatever its topic
        self.list_post = parsed.header("List-Id") is not None
        robot_or_list = self.robot or (self.listed and not self.list_post)
        # a meeting tool's mail (a reminder, a recording) names the interview, not the application
        self.meeting_tool = any(
            domain_owner(d, rules.meeting_tool_domains) for d in self._sender_domains() if d
        )
        self.ats_robot = (
            self.ats_vendor is None
            and robot_or_list
            and recruiting
            and not (self.job_board or self.meeting_tool)
        )
        # an ATS vendor's own newsletter or webinar: it writes of offers and interviews, for all
        self.vendor_marketing = self.ats_vendor is not None and (
            self.list_post or (self.listed and self.job_board)
        )

    def decide(self, invites: tuple[Invite, ...]) -> tuple[MessageClass, list[str]]:
        steps = (
            self._bounce,
            self._system,
            self._strong_auto_reply,
            lambda: self._calendar(invites),
        )
        for step in steps:
            found = step()
            if found is not None:
                return found
        words = self._words()
        if words is not None:
            return words
        if (self.ats_vendor is not None and not self.vendor_marketing) or self.ats_robot:
            source = self.ats_vendor or "robot sender"
            return MessageClass.ATS, [f"sent by an applicant-tracking system ({source})"]
        automated = [*self._automated_markers(), *self._bulk_markers(), *self._envelope_robot()]
        if self.meeting_tool:  # a reminder from its own sender ("messenger@webex.com")
            automated.append("sent by a meeting tool")
        weak = self._weak_auto_markers()
        if self.from_user:
            return MessageClass.OTHER, ["written by the user"]
        # Precedence: bulk and an empty Return-Path are both: an old vacation program's marks
        strong = [marker for marker in automated if marker not in weak]
        person = not (strong or self.robot or self.program or self.listed)
        # an old vacation program: Precedence: bulk or an empty Return-Path, and the wording
        wording = person and self.rules.auto_body.search(self.new_text[:3000]) is not None
        if weak and wording:
            return MessageClass.AUTO_REPLY, [*weak, "out-of-office wording"]
        # no marker at all: a short out-of-office note under a subject that is no reply's
        short = len(self.new_text) < 600
        if wording and short and not (automated or weak) and self._prefixed_not_as_a_reply():
            return MessageClass.AUTO_REPLY, ["out-of-office wording under no reply's subject"]
        if wording and short and not (automated or weak) and self._unquoted_absence_note():
            self.unmarked_auto_reply = True
            return MessageClass.AUTO_REPLY, ["a short out-of-office note that quotes nothing"]
        if automated or weak or self.robot or self.program or self.listed:
            sender = ["a robot or mailing-list sender"] if self.robot or self.program else []
            reasons = list(dict.fromkeys([*automated, *weak, *sender]))
            return MessageClass.OTHER, ["automated mail, not a person", *reasons]
        if not self.sender.email:
            return MessageClass.OTHER, ["no sender address"]
        return MessageClass.REPLY, ["written by a person"]

    def _system(self) -> tuple[MessageClass, list[str]] | None:
        """A ticket system or a challenge-response filter: automated, whatever its subject."""
        found = [self._marks(rule) for rule in self.rules.system_headers]
        reasons = [f for f in found if f]
        subject = self.rules.system_subjects.search(self.parsed.subject) or (
            _TICKET_REFERENCE.search(self.parsed.subject)
        )
        # a ticket system's acknowledgement may call itself an auto-reply; an out-of-office
        # answering a mail about a ticket starts with its own prefix
        acknowledged = self._strong_auto_markers() and self._auto_subject() is None
        machine = self._automated_markers() or self.program or self.robot or acknowledged
        if subject is not None and (reasons or machine):
            reasons.append(f"subject {subject.group(0)!r}")
        challenge = self.rules.challenge_phrases.search(self.new_text[:3000])
        if challenge is not None:  # "click to be added to my approved senders"
            reasons.append(f"challenge wording {challenge.group(0)!r}")
        if not reasons:
            return None
        return MessageClass.OTHER, ["a ticket or verification system, not a person", *reasons]

    def _marks(self, rule: HeaderRule) -> str | None:
        if not rule.header.endswith("*"):
            return rule.first_match((), self.parsed.header(rule.header))
        prefix = rule.header[:-1].lower()
        # the names sorted once per message: a prefix is one binary search, not a scan
        start = bisect_left(self._names, (prefix, -1))
        found = []
        for lowered, position in self._names[start:]:
            if not lowered.startswith(prefix):
                break
            found.append(position)
        for position in sorted(found):
            name, value = self.parsed.headers[position]
            if rule.matches(value):
                return f"{name}: {value}"
        return None

    def _automated_markers(self) -> list[str]:
        if self._automated_cache is None:
            found = (self._marks(rule) for rule in self.rules.automated_headers)
            self._automated_cache = [f for f in found if f]
        return self._automated_cache

    # --- auto-replies ------------------------------------------------------------------------

    def _strong_auto_reply(self) -> tuple[MessageClass, list[str]] | None:
        found = self._strong_auto_markers()
        prefix = self._auto_subject()
        if prefix:
            found.append(f"subject starts with {prefix!r}")
        return (MessageClass.AUTO_REPLY, found) if found else None

    def _strong_auto_markers(self) -> list[str]:
        if self._strong_cache is None:
            found = (self._marks(rule) for rule in self.rules.strong_auto_headers)
            self._strong_cache = [f for f in found if f]
        return self._strong_cache

    def _auto_subject(self) -> str | None:
        """The out-of-office subject prefix this subject starts with, with or without its
        bracketed tags ("[EXT] Automatic reply:", "[Auto-Reply] ..."), "Absence : ..."."""
        subject = SPACE_BEFORE_COLON.sub(":", self.subject.strip())
        # a tag may be the prefix itself: "[Out of Office] Re: ..."
        for text in (subject, strip_tags(subject), *leading_tags(subject)):
            for prefix in self.rules.auto_subjects:
                if text.startswith(prefix):
                    return prefix
        return None

    def _bulk_markers(self) -> list[str]:
        """Bulk mail known by its sending platform or by its footer's wording."""
        found = []
        for domain in self._sender_domains():
            platform = domain_owner(domain, self.rules.platform_domains) if domain else None
            if platform:
                found.append(f"sent through {platform}")
                break
        footer = self._footer()  # not a quoted message's
        if footer:
            found.append(f"bulk-mail wording {footer!r}")
        return found

    def _footer(self) -> str | None:
        """Bulk-mail footer wording, outside a legal disclaimer's paragraph ("this message
        was sent to the intended recipient only" closes many a person's mail)."""
        text = self.new_text.lower()
        start = 0
        for _ in range(5):
            match = self.rules.bulk_phrases.pattern.search(text, start)
            if match is None:
                return None
            begin = text.rfind("\n\n", 0, match.start()) + 1
            end = text.find("\n\n", match.end())
            end = len(text) if end < 0 else end
            if self.rules.disclaimer_words.search(text[begin:end]) is None:
                return match.group(0)
            start = end
        return None

    def _sender_domains(self) -> list[str]:
        """From, Reply-To, Sender, Return-Path and Message-ID domains, lower-cased."""
        domains = [a.domain for a in (self.parsed.from_, *self.parsed.reply_to) if a is not None]
        for name in ("Sender", "Return-Path"):
            value = self.parsed.header(name) or ""
            domains.append(value.rpartition("@")[2].strip(" <>").lower())
        message_id = self.parsed.message_id or ""
        domains.append(message_id.rpartition("@")[2].strip("<>").lower())
        return domains

    def _weak_auto_markers(self) -> list[str]:
        return [f for f in (self._marks(rule) for rule in self.rules.weak_auto_headers) if f]

    # --- calendar, words, ATS -------------------------------------------------------------------

    def _calendar(self, invites: tuple[Invite, ...]) -> tuple[MessageClass, list[str]] | None:
        if not invites:
            if self.parsed.calendar_parts:  # a broken calendar is still an invitation to look at
                return MessageClass.INVITATION, ["a calendar part that could not be read"]
            return None
        invite = invites[0]
        if invite.is_response:
            reason = f"calendar {invite.method}: an answer to an invite"
            return MessageClass.CALENDAR_RESPONSE, [reason]
        if invite.cancelled:
            return MessageClass.CANCELLATION, [f"calendar {invite.method} {invite.status}".strip()]
        return MessageClass.INVITATION, [f"calendar {invite.method}"]

    def _words(self) -> tuple[MessageClass, list[str]] | None:
        if self.from_user:
            return None
        newsletter = self.ats_vendor is None and (self.list_post or self.job_board)
        if newsletter or self.vendor_marketing:
            return None  # a newsletter or a job alert may write of offers; it makes none
        text = f"{self.parsed.subject}\n{self.new_text}"
        rejection = self.rules.rejection.search(text)
        if rejection is not None:
            return MessageClass.REJECTION, [f"rejection wording: {rejection.group(0)!r}"]
        offer = self.rules.offer.search(text)
        if offer is not None:
            negation = negation_before(text.lower(), offer.start(), self.rules)
            if negation is not None:  # "we won't be extending an offer"
                return MessageClass.REJECTION, [f"a negated offer: {negation!r} {offer.group(0)!r}"]
            return MessageClass.OFFER, [f"offer wording: {offer.group(0)!r}"]
        head = self.new_text[:5000]
        cues = rejection_cues(head, self.rules)
        if cues is not None:
            return MessageClass.REJECTION, [f"regret {cues[0]!r} and turned down {cues[1]!r}"]
        good = offer_cues(head, self.rules)
        if good is not None:
            return MessageClass.OFFER, [f"good news {good[0]!r} and joining {good[1]!r}"]
        return None

    def _envelope_robot(self) -> list[str]:
        """A bulk sender's envelope: a Return-Path or Sender that is a bounce-handling robot
        ("bounces+1234-alice=example@em.shop.example"), whatever the From says."""
        for name in ("Return-Path", "Sender"):
            value = (self.parsed.header(name) or "").strip(" <>")
            local = value.rpartition("@")[0]
            if local and local_part_matches(local, self.rules.envelope_local_parts):
                return [f"{name}: {value[:80]}"]
        return []

    def _unquoted_absence_note(self) -> bool:
        """A short note that opens with out-of-office wording, speaks as a notice (urgent
        matters, another contact, a reply on return), names the day its writer is back and
        quotes nothing: a vacation program that marks nothing, or a person writing one (so
        the user is asked as well)."""
        if len(self.parsed.text.strip()) > len(self.new_text) + 40:
            return False  # it quotes the message it answers: a person wrote it
        if self.rules.auto_body.search(self.new_text[:300]) is None:
            return False
        if self.rules.absence_notice.search(self.new_text[:1000]) is None:
            return False  # "I'm on vacation until Friday, but free after": a person's note
        reference = self.parsed.date.date() if self.parsed.date else None
        day_first = _day_first(self.parsed)
        found = read_return_date(
            self.new_text, reference, self.rules.return_date, day_first=day_first
        )
        return found.day is not None

    def _prefixed_not_as_a_reply(self) -> bool:
        """Does the subject start with a short prefix ("Fuori ufficio: ...", "不在通知: ...")
        that is no reply's or forward's ("Re:", "AW:", "SV:", "Fwd:")? An out-of-office
        program puts its own word before the subject it answers; a person's new message
        ("Coffee next week?") has none."""
        head, colon, rest = strip_tags(self.subject).partition(":")
        if not colon or not rest.strip() or len(head) > 40:
            return False
        return head.strip().rstrip("[]") not in self.rules.reply_prefixes

    def possible_outcome(self) -> list[str]:
        """Wording that may be a rejection or an offer without saying so plainly."""
        found = self.rules.uncertain_outcome.search(f"{self.parsed.subject}\n{self.new_text}")
        if found is None:
            return []
        return [f"may be a rejection or an offer: {found.group(0)!r}"]

    def _ats_vendor(self) -> str | None:
        for domain in self._sender_domains():
            vendor = domain_owner(domain, self.rules.ats_vendor_by_domain) if domain else None
            if vendor is not None:
                return vendor
        return None
