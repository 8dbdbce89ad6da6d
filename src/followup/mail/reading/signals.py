"""The observations one message offers, computed once: who sent it (a person, a robot, a
mailing list, an ATS, a meeting tool), which marker headers it carries and what its new
text is. The classes that read them (bounces, automated mail, out-of-office notes, words)
extend `Signals`; `facts.Facts.decide` puts them in order. Pure."""

from __future__ import annotations

import re
from bisect import bisect_left

from followup.mail.reading.parse import Address, ParsedMessage
from followup.mail.reading.rules import ClassifyRules, HeaderRule, domain_owner, local_part_matches
from followup.mail.reading.subjects import (
    SPACE_BEFORE_COLON,
    leading_tags,
    own_name_words,
    prefixes_without_marks,
    strip_tags,
    trailing_tag,
    without_marks,
    without_words,
)
from followup.mail.reading.text import reply_text

# a link to follow, as a challenge-response filter's note always gives one
_LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)


class Signals:
    """A parsed message's senders, markers and text, each read at most once."""

    def __init__(
        self, parsed: ParsedMessage, rules: ClassifyRules, mine: frozenset[str], raw: bytes | None
    ) -> None:
        self.parsed = parsed
        self.raw = raw
        self._flufl_cache: tuple[str, ...] | None = None
        self._automated_cache: list[str] | None = None
        self._strong_cache: list[str] | None = None
        self.unmarked_auto_reply = False  # read as an out-of-office without a program's marks
        self.outcome_doubt: str | None = None  # outcome wording in a message about no application
        self._names = sorted((name.lower(), i) for i, (name, _) in enumerate(parsed.headers[:500]))
        self.rules = rules
        sender = parsed.from_ or Address("", "")
        self.sender = sender
        self.from_user = bool(sender.email) and sender.email in mine
        self.to_addresses = [a.email for a in (*parsed.to, *parsed.cc) if a.email in mine]
        self.to_user = bool(self.to_addresses)
        self.new_text = reply_text(parsed.text)[:20_000]
        self.subject = parsed.subject.lower()
        self.ats_vendor = self._ats_vendor()
        self.robot = local_part_matches(sender.local_part, rules.robot_local_parts)
        self.program = local_part_matches(sender.local_part, rules.program_local_parts)
        self.listed = parsed.header("List-Id") is not None or (
            parsed.header("List-Unsubscribe") is not None
        )
        # the user's own name is no recruiting word ("New Event: Alice Candidate")
        self.own_words = own_name_words(parsed, mine)
        subject = without_words(parsed.subject, self.own_words)
        recruiting = rules.recruiting_words.search(subject) is not None
        self.job_board = rules.job_board_words.search(subject) is not None or (
            self.listed and rules.job_alert_phrases.search(self.new_text[:3000]) is not None
        )
        # a mailing list's post (List-Id) is a newsletter, whatever its topic
        self.list_post = parsed.header("List-Id") is not None
        # a program writing from an ordinary address (Auto-Submitted: auto-generated) to start
        # a thread; one answering a message (an inbox rule's out-of-office) is no ATS notice
        head, colon, _ = strip_tags(self.subject).partition(":")
        answering = bool(colon) and head.strip() in rules.reply_prefixes  # "Re:" kept by a rule
        threaded = bool(parsed.in_reply_to or parsed.references) or answering
        programmed = not threaded and any(self._marks(r) for r in rules.ats_program_headers)
        # a page built from a template: HTML alone (a mail client writes a text part beside
        # it) around a linked image (a banner, a logo), starting no reply
        html = parsed.html
        templated = not threaded and html is not None and html.alone and bool(html.linked_images)
        robot_or_list = (
            self.robot or programmed or templated or (self.listed and not self.list_post)
        )
        # a meeting tool's mail (a reminder, a recording) names the interview, not the application
        self.meeting_tool = any(
            domain_owner(d, rules.meeting_tool_domains) for d in self._sender_domains() if d
        )
        # a program's own address (news@, newsletter@, digest@) writes to many, not to one
        # candidate about an application; a robot's post to a mailing list (a build's "test
        # job" relayed to a project's list) is the list's mail
        self.ats_robot = (
            self.ats_vendor is None
            and robot_or_list
            and recruiting
            and not (self.job_board or self.meeting_tool or self.program or self.list_post)
        )
        # an ATS vendor's own newsletter, report or webinar: it writes of offers and
        # interviews, for all (a mailing from a program's address: news@, marketing@...)
        self.vendor_marketing = self.ats_vendor is not None and (
            self.list_post or (self.listed and (self.job_board or self.program))
        )

    def _challenge(self) -> str | None:
        """A challenge-response filter's note: its wording ("put your address on the
        recipient's allowed list"), unless a person answering in a thread tells of their own
        filter ("our spam blocker may ask you to confirm"): such an answer has no link to
        follow, no delivery report around it and no program's Auto-Submitted mark."""
        text = self.new_text[:3000]
        found = self.rules.challenge_phrases.search(text)
        if found is None:
            return None
        marked = (self.parsed.header("Auto-Submitted") or "no").strip().lower() != "no"
        filtered = _LINK.search(text) or self.parsed.report_type or marked
        if self.parsed.in_reply_to and not filtered:
            return None
        return found.group(0)

    # --- marker headers ---------------------------------------------------------------------

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
            rules = self.rules.automated_headers
            if self._reply_in_thread():  # Exchange's X-Auto-Response-Suppress on a person's reply
                rules = tuple(r for r in rules if r.header.lower() not in self.rules.thread_headers)
            found = (self._marks(rule) for rule in rules)
            self._automated_cache = [f for f in found if f]
        return self._automated_cache

    def _reply_in_thread(self) -> bool:
        """Does the message answer another (In-Reply-To) under a reply's or forward's subject
        prefix ("Re:", "AW:"), without out-of-office wording (an inbox rule's answer keeps
        the "RE:" of the mail it answers)?"""
        if not self.parsed.in_reply_to:
            return False
        head, colon, _ = strip_tags(self.subject).partition(":")
        if not colon or head.strip() not in self.rules.reply_prefixes:
            return False
        return self.rules.auto_body.search(self.new_text[:3000]) is None

    def _strong_auto_markers(self) -> list[str]:
        if self._strong_cache is None:
            found = [self._marks(rule) for rule in self.rules.strong_auto_headers]
            head, colon, _ = strip_tags(self.subject).partition(":")
            if not (colon and head.strip() in self.rules.forward_prefixes):
                found.extend(self._marks(rule) for rule in self.rules.rule_auto_headers)
            self._strong_cache = [f for f in found if f]
        return self._strong_cache

    def _weak_auto_markers(self) -> list[str]:
        rules = self.rules.weak_auto_headers
        if self._reply_in_thread():  # a person's reply carries Exchange's marks too
            rules = tuple(r for r in rules if r.header.lower() not in self.rules.thread_headers)
        return [f for f in (self._marks(rule) for rule in rules) if f]

    def _auto_subject(self) -> str | None:
        """The out-of-office subject prefix this subject starts with, with or without its
        bracketed tags ("[EXT] Automatic reply:", "[Auto-Reply] ..."), "Absence : ..."."""
        subject = SPACE_BEFORE_COLON.sub(":", self.subject.strip())
        # a tag may be the prefix itself: "[Out of Office] Re: ..."
        for text in (subject, strip_tags(subject), *leading_tags(subject)):
            for prefix in self.rules.auto_subjects:
                if text.startswith(prefix):
                    return prefix
        # the same prefix with its accents dropped ("Automaticka odpoved:", "Arpus biroja")
        plain = without_marks(strip_tags(subject))
        for prefix in prefixes_without_marks(self.rules.auto_subjects):
            if plain.startswith(prefix):
                return prefix
        return self._auto_subject_after()

    def _auto_subject_after(self) -> str | None:
        """An out-of-office word in a tag after the subject ("Re: Budget (Away)", "... [auto-
        reply]"): the tag is that word alone, or with "reply", "notice" or "message" after
        it ("(Out of Office reply)"); "(out of office party)" is a person's subject."""
        tag = trailing_tag(self.subject)
        if tag is None:
            return None
        for prefix in self.rules.auto_subjects:
            word = prefix.strip(" :[]")
            if tag == word or (
                tag.startswith(word + " ") and tag[len(word) + 1 :] in self.rules.auto_tag_tails
            ):
                return prefix
        return None

    # --- senders ----------------------------------------------------------------------------

    def _sender_domains(self) -> list[str]:
        """From, Reply-To, Sender, Return-Path and Message-ID domains, lower-cased."""
        domains = [a.domain for a in (self.parsed.from_, *self.parsed.reply_to) if a is not None]
        for name in ("Sender", "Return-Path"):
            value = self.parsed.header(name) or ""
            domains.append(value.rpartition("@")[2].strip(" <>").lower())
        message_id = self.parsed.message_id or ""
        domains.append(message_id.rpartition("@")[2].strip("<>").lower())
        return domains

    def _ats_vendor(self) -> str | None:
        for domain in self._sender_domains():
            vendor = domain_owner(domain, self.rules.ats_vendor_by_domain) if domain else None
            if vendor is not None:
                return vendor
        return None
