"""The order in which a message's observations decide its class, and what its words say.

Order matters and follows mail.md: a bounce first (a mail system speaking), then a ticket or
verification system, then a marked auto-reply, then a calendar message, then what the words
say (rejection, offer), then ATS notifications, then automated mail, then unmarked
out-of-office notes, then human replies. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from followup.mail.reading.absence import AutoReplyFacts
from followup.mail.reading.automated import AutomatedFacts
from followup.mail.reading.bounces import BounceFacts
from followup.mail.reading.ics import Invite
from followup.mail.reading.kinds import MessageClass
from followup.mail.reading.outcomes import (
    about_something_else,
    chosen_other,
    filled,
    negation_before,
    offer_cues,
    offers_something_else,
    rejection_cues,
    stopped,
)
from followup.mail.reading.rules import ClassifyRules

Decision = tuple[MessageClass, list[str]]

_FILE_NAME = re.compile(
    r"[\"'“‘«][^\"'”’»\n]{1,120}\.(?:pdf|docx?|odt|rtf|txt|pages|xlsx?)[\"'”’»]", re.IGNORECASE
)
# outcomes in words no phrase list holds, read in this order from two cues or a clause's shape
_CUE_READERS: tuple[
    tuple[Callable[[str, ClassifyRules], tuple[str, ...] | None], MessageClass, str], ...
] = (
    (rejection_cues, MessageClass.REJECTION, "regret {!r} and turned down {!r}"),
    (chosen_other, MessageClass.REJECTION, "chose {!r} someone else {!r}"),
    (stopped, MessageClass.REJECTION, "the application stopped: {!r}"),
    (filled, MessageClass.REJECTION, "the post {!r} filled {!r}"),
    (offer_cues, MessageClass.OFFER, "good news {!r} and joining {!r}"),
)


class Facts(AutomatedFacts, AutoReplyFacts, BounceFacts):
    """All observations of one message, and the decision they make."""

    def decide(self, invites: tuple[Invite, ...]) -> Decision:
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
        return self._automated_or_person()

    def _automated_or_person(self) -> Decision:
        automated = [*self._automated_markers(), *self._bulk_markers(), *self._envelope_robot()]
        if self.meeting_tool:  # a reminder from its own sender ("messenger@webex.com")
            automated.append("sent by a meeting tool")
        weak = self._weak_auto_markers()
        if self.from_user:
            return MessageClass.OTHER, ["written by the user"]
        # Precedence: bulk and an empty Return-Path are both: an old vacation program's marks
        strong = [marker for marker in automated if marker not in weak]
        person = not (strong or self.robot or self.program or self.listed)
        # an old vacation program: Precedence: bulk or an empty Return-Path, and the wording,
        # which a note says first (a notification may name an absence further down)
        wording = person and self.rules.auto_body.search(self.new_text[:800]) is not None
        if weak and wording:
            return MessageClass.AUTO_REPLY, [*weak, "out-of-office wording"]
        # no marker at all: a short out-of-office note under a subject that is no reply's
        # (a legal disclaimer under it is the company's, not the note's length)
        short = len(self._without_disclaimers()) < 600
        if wording and short and not (automated or weak) and self._prefixed_not_as_a_reply():
            return MessageClass.AUTO_REPLY, ["out-of-office wording under no reply's subject"]
        if wording and short and not (automated or weak) and self._unquoted_absence_note():
            self.unmarked_auto_reply = True
            return MessageClass.AUTO_REPLY, ["a short out-of-office note that quotes nothing"]
        if self._relayed_absence_note(strong, short):
            self.unmarked_auto_reply = True
            return MessageClass.AUTO_REPLY, ["an out-of-office note a mailing list relayed"]
        if automated or weak or self.robot or self.program or self.listed:
            sender = ["a robot or mailing-list sender"] if self.robot or self.program else []
            reasons = list(dict.fromkeys([*automated, *weak, *sender]))
            return MessageClass.OTHER, ["automated mail, not a person", *reasons]
        if not self.sender.email:
            return MessageClass.OTHER, ["no sender address"]
        return MessageClass.REPLY, ["written by a person"]

    def _relayed_absence_note(self, strong: list[str], short: bool) -> bool:
        """A member's out-of-office note sent back through a mailing list: the list's
        headers are its only marks, and its words are an absence notice's."""
        if not self.listed or self.robot or self.program or not short:
            return False
        beyond_list = [m for m in strong if not m.lower().startswith(("list-", "precedence:"))]
        return not beyond_list and self._unquoted_absence_note()

    def _calendar(self, invites: tuple[Invite, ...]) -> Decision | None:
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

    def _words(self) -> Decision | None:
        if self.from_user:
            return None
        newsletter = self.ats_vendor is None and (self.list_post or self.job_board)
        if newsletter or self.vendor_marketing:
            return None  # a newsletter or a job alert may write of offers; it makes none
        # a quoted file's name is no statement ('shared "Offer letter.pdf" with you')
        text = _FILE_NAME.sub('"a file"', f"{self.parsed.subject}\n{self.new_text}")
        rejection = self._rejection_phrase(text.lower())
        if rejection is not None:
            return MessageClass.REJECTION, [f"rejection wording: {rejection!r}"]
        offer = self._offer_phrase(text.lower())
        if offer is not None:
            negation = negation_before(text.lower(), offer.start(), self.rules)
            if negation is not None:  # "we won't be extending an offer"
                return MessageClass.REJECTION, [f"a negated offer: {negation!r} {offer.group(0)!r}"]
            return MessageClass.OFFER, [f"offer wording: {offer.group(0)!r}"]
        head = self.new_text[:5000]
        for read, kind, wording in _CUE_READERS:
            found = read(head, self.rules)
            if found is not None:
                return kind, [wording.format(*found)]
        return None

    def _rejection_phrase(self, lowered: str) -> str | None:
        """The first rejection phrase whose clause is about the application, or None."""
        for found in self.rules.rejection.pattern.finditer(lowered):
            if not about_something_else(found.group(0), lowered, found.end(), self.rules):
                return found.group(0)
        return None

    def _offer_phrase(self, lowered: str) -> re.Match[str] | None:
        """The first offer phrase that offers the role, not something else, or None."""
        for found in self.rules.offer.pattern.finditer(lowered):
            if not offers_something_else(found.group(0), lowered, found.end(), self.rules):
                return found
        return None

    def possible_outcome(self) -> list[str]:
        """Wording that may be a rejection or an offer without saying so plainly."""
        found = self.rules.uncertain_outcome.search(f"{self.parsed.subject}\n{self.new_text}")
        if found is None:
            return []
        return [f"may be a rejection or an offer: {found.group(0)!r}"]
