"""Automated mail that is no bounce and no out-of-office: ticket systems, challenge-response
filters, bulk and campaign mail known by its platform, its envelope or its footer, spam in a
person's name known by its wording, a To that names no one, a bulk mailer's X-Mailer or a
service writing "via" a person; first contact from strangers in strangers.py. Read by
`facts.Facts.decide`; the words and domains are data in classify.yaml. Pure."""

from __future__ import annotations

import re

from followup.mail.reading.broadcast import worded
from followup.mail.reading.kinds import MessageClass
from followup.mail.reading.rules import domain_owner, local_part_matches
from followup.mail.reading.strangers import StrangerFacts
from followup.mail.reading.subjects import strip_tags

# a help desk's ticket number in a subject: "[Ticket #48213]", "Case 00123456:",
# "[Request ID :##RE-9921##]", "[rt.example.org #8841]"
_TICKET_REFERENCE = re.compile(
    r"(?i)(?:\b(?:ticket|case|request|incident)\s*(?:id|no\.?|number)?\s*:?\s*[#\[]*\s*"
    r"#*[a-z]{0,4}-?\d{3,}|\[[\w.-]*\s*#\d{3,}\]|##\s*\d{3,}\s*##"
    # Kayako's and HappyFox's "[#QZX-418-55207]", "[#LUM00931]"
    r"|\[#[a-z]{2,6}-?[\d-]*\d{3,}\])"
)
# a help desk's thread token in the text it sends, which routes a reply back to its case:
# Salesforce's "ref:_00D5g8K2.5004R3aB:ref", Zendesk's "##- Please type your reply above
# this line -##"
_TICKET_TOKEN = re.compile(
    r"(?i)\bref:_00d\w+\.\w+:ref\b|##-\s*please type your reply above this line\s*-##"
)

# a display name a service gives a person it writes for: "Tom Reyes (via Drive)"
_VIA_SERVICE = re.compile(r"(?i)\S\s+\(?via\s+\w")
# a To of groups that list no member ("WG-Announce:;", "Valued Customers:;"): an
# announcement's or a list's way of naming its readers without naming one of them
_GROUP_NAME = r'"[^"]{0,100}"|[^":;<>@,\s](?:[^":;<>@,]{0,98}[^":;<>@,\s])?'
_EMPTY_GROUPS = re.compile(rf"(?:\s*(?:{_GROUP_NAME})\s*:\s*;\s*,?)+")


# a word with letters swapped for look-alike symbols ("p@ckets", "n0w", "sh!pping",
# "l|nk", "st0(ked"): letters on both sides of each symbol; an address, a link or a file name
# (a dot, a slash) is no such word, nor a word with other digits ("b2b", "q3")
_LOOKALIKE = re.compile(r"[a-z]+(?:[@|$!(013]+[a-z]+)+")
# a spammer writes many; a person's password example or product name is one or two
_LOOKALIKE_WORDS = 4


def _lookalike_words(text: str) -> list[str]:
    found: list[str] = []
    for token in text.lower().split()[:2000]:
        word = token.strip(".,;:!?\"'()[]<>*")
        if any(c in word for c in "./\\_-=&#%+") or not word:
            continue
        if _LOOKALIKE.fullmatch(word) and word not in found:
            found.append(word)
    return found


class AutomatedFacts(StrangerFacts):
    """Observations of automated mail: systems, platforms, envelopes and footers."""

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
        token = _TICKET_TOKEN.search(self.new_text)
        if token is not None and not self.from_user:
            reasons.append(f"a help desk's thread token {token.group(0)!r}")
        report = self._complaint_report()
        if report is not None:
            reasons.append(report)
        challenge = self._challenge()
        if challenge is not None:  # "click to be added to my approved senders"
            reasons.append(f"challenge wording {challenge!r}")
        if not reasons:
            return None
        return MessageClass.OTHER, ["a ticket or verification system, not a person", *reasons]

    def _complaint_report(self) -> str | None:
        """A complaint or abuse report under its subject ("complaint about message from
        192.0.2.1") that carries the message complained of, attached whole or as headers,
        and answers nothing: a person passing one on writes "Fwd:" and words of their own."""
        found = self.rules.report_subjects.search(self.parsed.subject)
        if found is None or self.parsed.in_reply_to or self.from_user:
            return None
        if not (self.parsed.attached_headers or self.parsed.returned_headers):
            return None
        head, colon, _ = strip_tags(self.subject).partition(":")
        prefixes = self.rules.reply_prefixes | self.rules.forward_prefixes
        if colon and " ".join(head.split()).lower() in prefixes:
            return None
        return f"a complaint report {found.group(0)!r} about the message it carries"

    def _bulk_markers(self) -> list[str]:
        """Bulk mail known by its sending platform or by its footer's wording."""
        found = worded(
            (
                (self._platform, "sent through {}"),
                (self._footer, "bulk-mail wording {!r}"),  # not a quoted message's
                (self._spam_wording, "spam wording {!r}"),
                (self._undisclosed, "To: {}"),
                (self._crowd, "written to many strangers: {}"),
                (self._link_names_reader, "a link that carries the reader's address: {!r}"),
                (self._remove_by_mail, "asks for 'remove' sent to its own address: {!r}"),
                (self._harvested, "one local part at many domains: {}"),
                (self._subject_token, "the subject ends in a tracking token: {!r}"),
                (self._filler_line, "a line of made-up letters that sets each copy apart: {!r}"),
                (self._bulk_mailer, "{}"),
                (self._via_service, "sent by a service in a person's name: {!r}"),
                (self._greets_an_address, "greets an address: {!r}"),
                (self._reply_at_other_free_mail, "replies asked at another free-mail box: {}"),
                (self._forged_date, "a Date no mail program writes: {!r}"),
                (self._padded_subject, "a subject padded with spaces: {!r}"),
                (self._numbered_sender, "sent from a numbered copy of its Reply-To: {}"),
                (self._numbered_html, "HTML alone with links from a numbered box: {}"),
            )
        )
        return found + self._broadcast_markers()

    def _platform(self) -> str | None:
        """The bulk-mail platform one of the sender's domains belongs to."""
        for domain in self._sender_domains():
            platform = domain_owner(domain, self.rules.platform_domains) if domain else None
            if platform:
                return platform
        return None

    def _bulk_mailer(self) -> str | None:
        """An X-Mailer or User-Agent naming a bulk mailer, as "name: value"."""
        for name in ("X-Mailer", "User-Agent"):
            value = (self.parsed.header(name) or "")[:200]
            program = self.rules.mailer_programs.search(value) if value else None
            if program is not None:
                return f"{name}: {value[:80]}"
        return None

    def _via_service(self) -> str | None:
        """A sender's name a service wrote for a person ("Tom Reyes (via Drive)", "Greta Lind
        via Inkwell Sign")."""
        if _VIA_SERVICE.search(self.sender.name) is None:
            return None
        return self.sender.name[:60]

    def _spam_wording(self) -> str | None:
        """Two different phrases of unsolicited mail ("pre-approved", "dear friend", "to be
        removed"): a person may write one of them, a spammer writes several; or one word
        of spam's own, in the subject, the new text or the sender's name ("Cialis Express
        Pharmacy")."""
        # a forward's subject is the forwarded message's ("Fwd: Act now..."), its text below
        head, colon, _ = strip_tags(self.subject).partition(":")
        forwarded = bool(colon) and head.strip() in self.rules.forward_prefixes and self._quotes()
        subject = "" if forwarded else self.parsed.subject
        text = f"{subject}\n{self.new_text[:5000]}".lower()
        word = self.rules.spam_words.pattern.search(f"{self.sender.name[:200].lower()}\n{text}")
        if word is not None:  # words no one writes to a job seeker ("v1agra", "see my pics")
            return word.group(0)
        swapped = _lookalike_words(self.new_text[:5000])
        if len(swapped) >= _LOOKALIKE_WORDS:  # "p@ckets n0w $39, fr3e sh!pping": filter bait
            return "letters swapped for look-alike symbols: " + " ".join(swapped[:3])
        seen: list[str] = []
        for match in self.rules.spam_phrases.pattern.finditer(text):
            if match.group(0) not in seen:
                seen.append(match.group(0))
            if len(seen) == 2:
                return " / ".join(seen)
        return None

    def _undisclosed(self) -> str | None:
        """A To that names no one ("undisclosed-recipients:;", or only groups without
        members: "WG-Announce:;") and does not name the user, or no To and no Cc at all:
        written to a list held out of sight, not to one person."""
        if self.to_user:
            return None
        # a message that travelled (a Received or a Message-ID header) with no To and no Cc
        travelled = self.parsed.header("Received") or self.parsed.message_id
        named = " ".join([*self.parsed.header_all("To")[:5], *self.parsed.header_all("Cc")[:5]])
        if travelled and not named.strip():  # no To nor Cc, or only empty ones
            return "none, nor Cc"
        value = " ".join(self.parsed.header_all("To")[:5])[:300]
        found = self.rules.undisclosed_recipients.search(value) if value else None
        if found is not None:
            return found.group(0)
        group = value.strip()
        if group.endswith(";") and _EMPTY_GROUPS.fullmatch(group):
            return f"a group that lists no one ({' '.join(value.split())[:60]!r})"
        return None

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

    def _without_disclaimers(self) -> str:
        """The new text without its legal disclaimer's paragraphs ("This e-mail is
        confidential and intended solely for the addressee...")."""
        paragraphs = self.new_text.split("\n\n")
        kept = [p for p in paragraphs if self.rules.disclaimer_words.search(p) is None]
        return "\n\n".join(kept)

    def _envelope_robot(self) -> list[str]:
        """A bulk sender's envelope: a Return-Path, Sender or Errors-To that is a bounce robot
        ("bounces+1234-alice=example@em.shop.example"), whatever the From says."""
        programs = (*self.rules.robot_local_parts, *self.rules.program_local_parts)
        for name in ("Return-Path", "Sender", "Errors-To"):
            value = (self.parsed.header(name) or "").strip(" <>")
            local = value.rpartition("@")[0]
            if local and local_part_matches(local, self.rules.envelope_local_parts):
                return [f"{name}: {value[:80]}"]
            # a survey or mailing platform sending in a person's name ("Sender: feedback@...")
            if name == "Sender" and local and local_part_matches(local, programs):
                return [f"{name}: {value[:80]}"]
        return []
