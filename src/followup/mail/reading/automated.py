"""Automated mail that is no bounce and no out-of-office: ticket systems, challenge-response
filters, bulk and campaign mail known by its platform, its envelope or its footer. Read by
`facts.Facts.decide`; the words and domains are data in classify.yaml. Pure."""

from __future__ import annotations

import re

from followup.mail.reading.kinds import MessageClass
from followup.mail.reading.rules import domain_owner, local_part_matches
from followup.mail.reading.signals import Signals

# a help desk's ticket number in a subject: "[Ticket #48213]", "Case 00123456:",
# "[Request ID :##RE-9921##]", "[rt.example.org #8841]"
_TICKET_REFERENCE = re.compile(
    r"(?i)(?:\b(?:ticket|case|request|incident)\s*(?:id|no\.?|number)?\s*:?\s*[#\[]*\s*"
    r"#*[a-z]{0,4}-?\d{3,}|\[[\w.-]*\s*#\d{3,}\]|##\s*\d{3,}\s*##)"
)


class AutomatedFacts(Signals):
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
        challenge = self.rules.challenge_phrases.search(self.new_text[:3000])
        if challenge is not None:  # "click to be added to my approved senders"
            reasons.append(f"challenge wording {challenge.group(0)!r}")
        if not reasons:
            return None
        return MessageClass.OTHER, ["a ticket or verification system, not a person", *reasons]

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

    def _without_disclaimers(self) -> str:
        """The new text without its legal disclaimer's paragraphs ("This e-mail is
        confidential and intended solely for the addressee...")."""
        paragraphs = self.new_text.split("\n\n")
        kept = [p for p in paragraphs if self.rules.disclaimer_words.search(p) is None]
        return "\n\n".join(kept)

    def _envelope_robot(self) -> list[str]:
        """A bulk sender's envelope: a Return-Path or Sender that is a bounce-handling robot
        ("bounces+1234-alice=example@em.shop.example"), whatever the From says."""
        for name in ("Return-Path", "Sender"):
            value = (self.parsed.header(name) or "").strip(" <>")
            local = value.rpartition("@")[0]
            if local and local_part_matches(local, self.rules.envelope_local_parts):
                return [f"{name}: {value[:80]}"]
        return []
