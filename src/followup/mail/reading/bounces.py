"""Bounces and delay warnings: a mail system speaking, and the addresses that failed.

The observations `classify` reads first (see `facts.Facts.decide`): a delivery report (RFC 3464,
or RFC 6533 for internationalised addresses) with a failed action, X-Failed-Recipients, a
mail-system sender, or a failure notice known by its wording, a permanent SMTP code and a
program's markers. Delay warnings are never failures. Failed recipients are only real
addresses: never the user's own, a pipe, a file path or a Message-ID.
"""

from __future__ import annotations

import re
from email.message import Message
from email.utils import getaddresses

from followup.mail.reading.addresses import ANY_ADDRESS, valid_address
from followup.mail.reading.kinds import MessageClass
from followup.mail.reading.parse import (
    MAX_MESSAGE_BYTES,
    ParsedMessage,
    RecipientStatus,
    bare_message_id,
    read_mime,
)
from followup.mail.reading.rules import local_part_matches
from followup.mail.reading.signals import Signals
from followup.mail.reading.subjects import strip_tags
from followup.mail.reading.text import header_text, reply_text

_PASTED_MESSAGE_ID = re.compile(r"(?im)^\s*message-id:\s*(<[^<>\s]+>)")
# words of a From header, for a mail system written without an address ("MAILER-DAEMON <>")
_FROM_WORDS = re.compile(r"[\w.+-]+")
# an address alone on a line, as bounces list failed recipients ("<bob@x.example>:", "  bob@x")
_LISTED_ADDRESS = re.compile(r"(?m)^[ \t]*<?([^\s<>@:,;]{1,64}@[\w.-]{1,253})>?:?[ \t\r]*$")
_STATUS_REPORTS = frozenset(("delivery-status", "global-delivery-status"))
# where a bounce starts quoting the returned message: addresses past it are not failures
_RETURNED_COPY = re.compile(
    r"(?im)^.{0,20}(?:below this line is a copy|this is a copy of the message"
    r"|original message(?! was received)"  # sendmail's first line: "The original message was..."
    r"|returned message|message headers follow|^from:|^to:)"
)
# a mailto: link's address in HTML, and where a returned message's part starts
_MAILTO = re.compile(r"(?i)mailto:([^\s\"'<>?]{1,254})")
_RETURNED_PART = re.compile(r"(?i)content-type:\s*(?:message/rfc822|text/rfc822-headers)")
# a forward's subject prefix, in the languages mail clients write it
_FORWARD_PREFIX = re.compile(r"(?i)^\s*(?:fwd?|wg|tr|rv|enc|doorst|vb|转发|轉寄|転送)\s*[:：]")
# the To and Cc lines of a returned copy pasted into a notice
_COPY_RECIPIENTS = re.compile(r"(?im)^[ \t>]*(?:to|cc):[ \t]*([^\n]{1,1000})")
# a word of a person's name as a display name spells it: "Tom", "O'Hara", "Lind-Berg"
_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?$")
# the envelope recipient a notice quotes from its SMTP dialogue or its message details
# ("RCPT TO:<bob@x>", ">>> RCPT To:<bob@x>", "  RCPT TO: bob@x")
_ENVELOPE_RECIPIENT = re.compile(r"(?im)^[ \t>]*rcpt to:[ \t]*<?([^\s<>]{1,254})>?[ \t\r]*$")
# an SMTP reply or enhanced status code of a permanent failure, in a bounce's text
_PERMANENT_CODE = re.compile(r"(?<![\w.])(?:5\d\d[ -]|5\.\d{1,3}\.\d{1,3}(?![\w.]))")


class BounceFacts(Signals):
    """The bounce observations of `facts.Facts`."""

    def _is_daemon(self) -> bool:
        if local_part_matches(self.sender.local_part, self.rules.daemon_local_parts) or (
            self.sender.name.lower() in self.rules.daemon_names
        ):
            return True
        raw = (self.parsed.header("From") or "")[:200]
        email = self.sender.email
        stood_in = bool(email) and email not in raw.lower()  # the Sender's, for an unread From
        if email and not (
            raw and stood_in and email in (self.parsed.header("Sender") or "").lower()
        ):
            return False
        # no address could be read from the From: "MAILER-DAEMON <>", "<MAILER-DAEMON>", or
        # "postmaster@192.0.2.1" on an address-literal host (then the Sender stands in for it)
        words = _FROM_WORDS.findall(raw)[:10]
        return any(local_part_matches(w, self.rules.daemon_local_parts) for w in words)

    def _failed(self, status: RecipientStatus) -> bool:
        """A permanent failure: "failed", "expired", "failed (bad destination)", a vendor
        word, or any action that is no known non-failure with a 5.x.x Status. A recipient's
        block without an Action whose Status is 4.x.x reports nothing permanent (a
        challenge-response filter holding the mail until its sender asks to be let in)."""
        action = status.action.split("(", 1)[0].split(";", 1)[0].strip()
        if action.startswith("fail") or action in ("expired", "bounced", "undeliverable"):
            return True
        if action in self.rules.not_failed_actions:
            return False
        code = status.status.strip()
        return code.startswith("5") or (not action and not code.startswith("4"))

    def _bounce(self) -> tuple[MessageClass, list[str]] | None:
        """A bounce, or OTHER for a delay warning; None when no mail system is speaking."""
        if self.from_user and _FORWARD_PREFIX.match(self.parsed.subject):
            return None  # the user passing a bounce on ("Fwd: Undeliverable: ...")
        statuses = self.parsed.delivery_status
        failed = [s for s in statuses if self._failed(s)]
        if failed and self._challenge() and not _PERMANENT_CODE.search(self.parsed.text[:20_000]):
            # a challenge-response filter's note dressed as a report: the message waits for
            # the sender to confirm, it did not fail (read as the filter's note below)
            failed = []
            statuses = ()
        if failed:
            action = failed[0].action or "none"
            return MessageClass.BOUNCE, [f"delivery report with Action: {action}"]
        if "@" in (self.parsed.header("X-Failed-Recipients") or ""):  # not "none"
            return MessageClass.BOUNCE, ["X-Failed-Recipients header"]
        delayed = any(s.action.startswith("delay") for s in statuses)
        if delayed or (self._is_daemon() and self._delay_wording()):
            return MessageClass.OTHER, ["delivery delayed: a warning, not a bounce"]
        if statuses:  # a report of successful delivery
            return MessageClass.OTHER, ["delivery report without failures"]
        if self._rejected_on_arrival():
            return MessageClass.BOUNCE, ["a disposition notice: rejected on arrival, not read"]
        report = self.parsed.report_type
        if report and report not in _STATUS_REPORTS:  # a read receipt, a feedback report
            return MessageClass.OTHER, [f"a {report} report, not a reply"]
        notice = self.rules.notice_subjects.search(self.parsed.subject) is not None
        if notice and self._is_daemon() and not self._failure_sign():
            return MessageClass.OTHER, ["a mail system's notice that reports no failure"]
        daemon = self._is_daemon() and (self._daemon_address() or self._failure_sign())
        if daemon and not self._person_at_system_address():
            sender = self.sender.email or (self.parsed.header("From") or "")[:80]
            return MessageClass.BOUNCE, [f"sent by the mail system {sender}"]
        return self._failure_notice()

    def _person_at_system_address(self) -> bool:
        """A person writing from a mail system's address ("Tom Hale <postmaster@x>", the
        administrator answering for it): a name of a person's shape that shares no word with
        a mail system's names, and nothing that says a message came back or that a program
        wrote it."""
        words = self.sender.name.split()
        if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
            return False
        system_words = {w for name in self.rules.daemon_names for w in name.split()}
        if system_words & {w.lower() for w in words}:
            return False
        return not (self._failure_sign() or self._machine_marker())

    def _daemon_address(self) -> bool:
        """The mail system is named by its address, not only by its display name: a "Mail
        Administrator <it-helpdesk@...>" may write of a full mailbox, and return nothing."""
        local = self.sender.local_part
        return not self.sender.email or local_part_matches(local, self.rules.daemon_local_parts)

    def _failure_sign(self) -> bool:
        """Anything that says a message came back: a failure subject or wording, a permanent
        code, or the returned message's id."""
        head = self.parsed.text[:20_000]
        return bool(
            self.rules.failure_subjects.search(self.parsed.subject)
            or self.rules.failure_phrases.search(head[:5000])
            or _PERMANENT_CODE.search(head)
            or returned_id(self.parsed)
        )

    def _rejected_on_arrival(self) -> bool:
        """A disposition notice of a message a filter turned away on arrival (Sieve's reject,
        RFC 5429: "automatic-action/...; deleted" with Auto-Submitted: auto-replied
        (rejected)), not a read receipt nor one of a message deleted unread."""
        if self.parsed.disposition is None:
            return False
        value = self.parsed.disposition[1]
        kind = value.rpartition(";")[2].split("/")[0].strip()
        if not value.startswith("automatic-action") or kind not in ("deleted", "denied", "failed"):
            return False
        submitted = (self.parsed.header("Auto-Submitted") or "").lower()
        return "rejected" in submitted or bool(self.rules.failure_phrases.search(self.new_text))

    def _failure_notice(self) -> tuple[MessageClass, list[str]] | None:
        """A failure notice without a standard report from a sender not named like a mail
        system (Lotus, GroupWise, MDaemon, gateways, filters): three of a failure subject,
        failure wording, a permanent SMTP code and a machine's markers, one of them words. A
        person passing one on ("Fwd: Undeliverable: ...", a reply quoting one) is no mail
        system: the notice stands below their own words. Never a mailing list's post
        (List-Id): members write there about their bounces."""
        if self._passed_on() or self.list_post:
            return None
        subject = self.rules.failure_subjects.search(self.parsed.subject)
        if subject is not None and self._flufl_failures():
            return MessageClass.BOUNCE, ["a bounce in a non-standard format"]
        head = self.parsed.text[:20_000]
        wording = self.rules.failure_phrases.search(head[:5000])
        if subject is None and wording is None:
            return None
        code = _PERMANENT_CODE.search(head)
        if code is None and self._delay_wording():
            # a warning in unusual words: the mail is still being tried; a failure's subject
            # and wording too make it a mail system's warning ("could not be delivered ...
            # delivery attempts will continue"), else nothing is said here
            if subject is not None and wording is not None:
                return MessageClass.OTHER, ["delivery delayed: a warning, not a bounce"]
            return None
        # a second failure, in other words: what happened and why ("not delivered", "mailbox
        # is full"), as an autoresponder writing for a full mailbox puts it
        reason = self._other_failure_phrase(head[:5000], wording) if wording else None
        signs = [
            f"subject {subject.group(0)!r}" if subject else "",
            f"failure wording {wording.group(0)!r}" if wording else "",
            f"and {reason!r}" if reason else "",
            f"permanent status {code.group(0).strip()!r}" if code else "",
            self._machine_marker(),
        ]
        found = [sign for sign in signs if sign]
        if len(found) < 3:
            return None
        return MessageClass.BOUNCE, ["a failure notice from a mail system", *found]

    def _passed_on(self) -> bool:
        """Does a subject with a reply's or forward's prefix ("Fwd:", "Re:", "WG:") come with
        new text of its own that holds neither failure wording nor a permanent code, so that
        the notice is only in the forwarded or quoted part?"""
        head, colon, _ = strip_tags(self.subject).partition(":")
        if not colon or head.strip() not in self.rules.reply_prefixes or not self.new_text:
            return False
        at = self.parsed.attached_text_at  # a notice attached whole stands after their words
        new = (reply_text(self.parsed.text[:at]) if at > 0 else self.new_text)[:5000]
        return self.rules.failure_phrases.search(new) is None and not _PERMANENT_CODE.search(new)

    def _other_failure_phrase(self, head: str, first: re.Match[str]) -> str | None:
        """A failure phrase after `first` that is not the same words."""
        lowered = head.lower()
        for found in self.rules.failure_phrases.pattern.finditer(lowered, first.end()):
            if found.group(0) != first.group(0):
                return found.group(0)
        return None

    def _machine_marker(self) -> str:
        """Why the message looks written by a program (for bounces): "" when nothing does."""
        if self.parsed.header("Return-Path") == "<>":
            return "Return-Path: <>"
        found = [*self._automated_markers(), *self._strong_auto_markers()]
        if found:
            return found[0]
        return "a robot sender" if self.robot or self.program else ""

    def _delay_wording(self) -> bool:
        found = self.rules.delay_subjects.search(self.parsed.subject) or (
            self.rules.delay_phrases.search(self.parsed.text[:5000])
        )
        # a permanent code means the trying is over, whatever else the text says
        return found is not None and not _PERMANENT_CODE.search(self.parsed.text[:20_000])

    def _flufl_failures(self) -> tuple[str, ...]:
        if self._flufl_cache is None:
            self._flufl_cache = _flufl(self.parsed, self.raw)
        return self._flufl_cache

    def failed_recipients(self, mine: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """Real addresses only: never the user's own, a pipe, a file path or a Message-ID."""
        found = [s.recipient for s in self.parsed.delivery_status if self._failed(s)]
        if self.parsed.disposition and self._rejected_on_arrival():
            found.append(self.parsed.disposition[0])
        for value in self.parsed.header_all("X-Failed-Recipients")[:10]:
            found.extend(valid_address(a) or "" for a in value.split(",")[:100])
        ids = {
            bare_message_id(i)
            for i in (
                self.parsed.message_id,
                self.parsed.returned_message_id,
                *self.parsed.attached_message_ids,
            )
            if i
        }
        pasted = _PASTED_MESSAGE_ID.findall(self.parsed.text[:50_000])
        ids.update(bare_message_id(i) for i in pasted[:20])

        def real(addresses: list[str]) -> list[str]:
            return [
                a
                for a in addresses
                if a
                and _untagged(a) not in mine
                and a not in mine
                and bare_message_id(a) not in ids
            ]

        kept = real(found)  # what the report or X-Failed-Recipients names
        if not kept:  # flufl.bounce's detectors of vendor formats
            kept = real(self._no_systems(list(self._flufl_failures())))
        head = self.parsed.text[:20_000]
        copy = _RETURNED_COPY.search(head)
        head = head[: copy.start()] if copy else head
        if not kept:  # an address alone on a line above the returned copy (qmail, Yahoo...)
            listed = [a for a in map(valid_address, _LISTED_ADDRESS.findall(head)[:20]) if a]
            kept = real(self._no_systems(listed))
            if not kept:  # the sender's own address alone listed: a server that writes the
                # notice in its recipient's name ("Marta <marta@x>": "marta@x ... mailbox full")
                kept = real(self._no_systems(listed, keep_sender=True))
        if not kept:  # the envelope's recipient, quoted in the notice ("RCPT TO: bob@x")
            envelope = (valid_address(m) for m in _ENVELOPE_RECIPIENT.findall(head)[:20])
            kept = real(self._no_systems([a for a in envelope if a]))
        if not kept:  # named in a sentence: "User bob (bob@x) not listed", "Recipient: bob@x"
            kept = real(self._named_in_text(head))
        if not kept:  # named nowhere ("Receiver not found: 73344.1201"): the returned copy's
            # one recipient, when it went to one
            tail = self.parsed.text[copy.start() : copy.start() + 3000] if copy else ""
            sent_to = real(self._no_systems(self._sent_to(tail)))
            kept = sent_to if len(set(sent_to)) == 1 else []
        if not kept:  # named in the subject only ("Undeliverable mail to bob@x")
            in_subject = (valid_address(m) for m in ANY_ADDRESS.findall(self.parsed.subject))
            kept = real(self._no_systems([a for a in in_subject if a]))
        if not kept:  # linked only, under a name ("<a href='mailto:bob@x'>Bob</a>")
            kept = real(self._no_systems(self._linked()))
        answering = bool(self._strong_auto_markers() or self.parsed.in_reply_to)
        if not kept and answering and not (self._is_daemon() or self.robot or self.program):
            # a mailbox answering for itself ("This mailbox is full"): its own address failed
            kept = real(self._no_systems([self.sender.email], keep_sender=True))
        return tuple(dict.fromkeys(kept))

    def _no_systems(self, addresses: list[str], keep_sender: bool = False) -> list[str]:
        """Without the sender's address (unless `keep_sender`) and a mail system's or a
        robot's, which a notice names for help ("contact postmaster@...") rather than as a
        failure."""
        # (a program's address such as support@ or billing@ is a mailbox that can fail)
        systems = (*self.rules.daemon_local_parts, *self.rules.robot_local_parts)
        return [
            a
            for a in addresses
            if (keep_sender or a != self.sender.email)
            and not local_part_matches(a.rpartition("@")[0], systems)
        ]

    def _linked(self) -> list[str]:
        """Addresses of mailto: links in the notice's own HTML, before any returned copy."""
        if self.raw is None:
            return []
        head = self.raw[:100_000].decode("latin-1")
        copy = _RETURNED_PART.search(head)
        head = head[: copy.start()] if copy else head
        found = (valid_address(m) for m in _MAILTO.findall(head)[:20])
        return [a for a in found if a]

    def _sent_to(self, copy: str) -> list[str]:
        """The To and Cc addresses of the returned message: its attached headers, or the
        header lines of a copy pasted into the notice's text."""
        headers = self.parsed.returned_headers or next(iter(self.parsed.attached_headers), ())
        values = [v for n, v in headers if n.lower() in ("to", "cc")]
        if not values:
            values = [m.group(1) for m in _COPY_RECIPIENTS.finditer(copy)][:5]
        found = (valid_address(a) for v in values for a in ANY_ADDRESS.findall(v)[:20])
        return [a for a in found if a]

    def _named_in_text(self, head: str) -> list[str]:
        """Addresses a failure notice names in its sentences; only those the returned
        message was sent to, when its headers came back."""
        # "--bob@x" in a signature line: the dashes are no part of the address
        found = (valid_address(m.strip(".").lstrip("-")) for m in ANY_ADDRESS.findall(head)[:50])
        named = self._no_systems([a for a in found if a])
        sent_to = {
            address
            for name, value in self.parsed.returned_headers
            if name.lower() in ("to", "cc")
            for address in (valid_address(v) for v in ANY_ADDRESS.findall(value))
            if address
        }
        return [a for a in named if a in sent_to] if sent_to & set(named) else named

    def delayed_recipients(self) -> tuple[str, ...]:
        statuses = self.parsed.delivery_status
        return tuple(s.recipient for s in statuses if s.action.startswith("delay"))


def _untagged(address: str) -> str:
    """The address without a "+tag" on its local part: the user's alice+jobs@x is alice@x."""
    local, at, domain = address.rpartition("@")
    return local.split("+", 1)[0] + at + domain


def returned_id(parsed: ParsedMessage) -> str | None:
    """The Message-ID of the bounced message: from the report, an attached copy, or a copy
    pasted into the text (qmail and some Exchange servers)."""
    if parsed.returned_message_id:
        return parsed.returned_message_id
    if parsed.attached_message_ids:
        return parsed.attached_message_ids[0]
    pasted = _PASTED_MESSAGE_ID.search(parsed.text)
    return pasted.group(1) if pasted else None


def _plain_headers(message: Message) -> None:
    """From and X-Mailer as text where raw 8-bit bytes made them Header objects: some of
    flufl.bounce's detectors lower-case them and, failing, log a traceback each. A From
    that names no address (missing in old or broken mail) as the null sender "<>": one of
    them takes its first address unchecked."""
    if not getaddresses([str(message.get("From", ""))]):
        del message["From"]
        message["From"] = "<>"
    for name in ("From", "X-Mailer"):
        if isinstance(message.get(name, ""), str):
            continue
        raw = next((v for k, v in message.raw_items() if k.lower() == name.lower()), "")
        message.replace_header(name, header_text(raw))


def _flufl(parsed: ParsedMessage, raw: bytes | None) -> tuple[str, ...]:
    """Permanent failures found by flufl.bounce's detectors (real-world bounce formats)."""
    if not parsed.headers:
        return ()
    try:
        from email import message_from_string

        from flufl.bounce import all_failures
    except ImportError:  # the mail extra is not installed: the DSN reading above still works
        return ()
    try:
        if raw is not None:  # the prefix parse_message read, in bounded time
            message = read_mime(raw[:MAX_MESSAGE_BYTES])
        else:
            text = "\n".join(f"{n}: {v}" for n, v in parsed.headers) + "\n\n" + parsed.text
            message = message_from_string(text)
        _plain_headers(message)
        _, permanent = all_failures(message)
    except Exception:  # its detectors are heuristics over odd input; a miss is no failure
        return ()
    out = []
    for address in sorted(permanent, key=str)[:100]:  # a set: sorted, the same every run
        value = address.decode("utf-8", "replace") if isinstance(address, bytes) else str(address)
        out.append(valid_address(value.strip().strip("<>")) or "")
    return tuple(a for a in out if a)
