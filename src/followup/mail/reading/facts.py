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
    asked_before,
    chosen_other,
    filled,
    negation_before,
    offer_cues,
    offers_something_else,
    rejection_cues,
    sentence_around,
    stopped,
)
from followup.mail.reading.rules import ClassifyRules
from followup.mail.reading.subjects import strip_tags, without_words
from followup.mail.reading.text import quoted_text
from followup.mail.reading.tnef import meeting_by_shape

Decision = tuple[MessageClass, list[str]]

_TNEF_CLASSES = {
    "request": MessageClass.INVITATION,
    "response": MessageClass.CALENDAR_RESPONSE,
    "cancel": MessageClass.CANCELLATION,
}

# a calendar's METHOD line, read from a part that could not be parsed as a whole
_METHOD_LINE = re.compile(rb"(?im)^METHOD:[ \t]*([A-Z-]{1,20})[ \t]*\r?$")
# a note's wording that calls itself automatic, in the languages of bulk_phrases
_AUTOMATIC = re.compile(r"(?i)automat|generated|自动|自動|автоматическ")
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
        receipt = self._receipt()
        return receipt if receipt is not None else self._automated_or_person()

    def _receipt(self) -> Decision | None:
        """A program's confirmation that what the user sent arrived: short, asking nothing,
        quoting nothing. An application's, outside any thread of the user's, is ATS mail
        (careers@ without an ATS's domain); a message's, answering the user's mail, is an
        automatic reply, else a notice ("Thanks for getting in touch" after a web form)."""
        text = self.new_text[:1500]
        if self.from_user or len(self.new_text) > 1200 or "?" in text:
            return None
        if len(self.parsed.text.strip()) > len(self.new_text) + 40:
            return None  # it quotes the message it answers: a person wrote it
        found = self.rules.read_receipts.search(text)
        if found is not None:  # a read receipt, answering the user's mail or not
            return MessageClass.OTHER, [f"a read receipt in words: {found.group(0)!r}"]
        head, colon, _ = strip_tags(self.subject).partition(":")
        answers = bool(self.parsed.in_reply_to) or (
            bool(colon) and " ".join(head.split()) in self.rules.reply_prefixes
        )
        found = self.rules.application_receipts.search(text)
        if found is not None and not answers:
            return MessageClass.ATS, [f"an application's receipt confirmed: {found.group(0)!r}"]
        found = self.rules.message_receipts.search(text)
        if found is None:
            return None
        if answers:
            return MessageClass.AUTO_REPLY, [f"an automatic receipt: {found.group(0)!r}"]
        return MessageClass.OTHER, [f"a receipt, not a person's mail: {found.group(0)!r}"]

    def _automated_or_person(self) -> Decision:
        automated = [*self._automated_markers(), *self._bulk_markers(), *self._envelope_robot()]
        if self.meeting_tool:  # a reminder from its own sender ("messenger@webex.com")
            automated.append("sent by a meeting tool")
        if self._is_daemon() and not self._person_at_system_address():
            # "Mail Administrator" writing of a full mailbox, no bounce
            automated.append("sent in a mail system's name")
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
        if (
            person
            and not (automated or weak)
            and self._absence_only_note(self._without_disclaimers())
        ):
            self.unmarked_auto_reply = True
            return MessageClass.AUTO_REPLY, ["a note that says only that its writer is away"]
        if self._self_declared_absence_note(automated, short):
            return MessageClass.AUTO_REPLY, [*automated, "out-of-office wording"]
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

    def _self_declared_absence_note(self, automated: list[str], short: bool) -> bool:
        """A short out-of-office note whose only mark is its own "this is an automated
        response" (read as a notification's footer wording), from a person's address: it
        says its writer is away, or names the day they answer ("I will reply after 4 May")."""
        if not short or not automated or self.robot or self.program or self.listed:
            return False
        if not all(marker.startswith("bulk-mail wording") for marker in automated):
            return False
        # the wording calls the note automatic; a way out of a mailing ("if you do not wish
        # to continue receiving ... by email, follow the link") is a mailing's footer
        if not any(_AUTOMATIC.search(marker) for marker in automated):
            return False
        if self.rules.auto_body.search(self.new_text[:800]) is not None:
            return True
        return self._names_return_day()

    def _relayed_absence_note(self, strong: list[str], short: bool) -> bool:
        """A member's out-of-office note sent back through a mailing list: the list's
        headers are its only marks, and its words are an absence notice's."""
        if not self.listed or self.robot or self.program or not short:
            return False
        beyond_list = [m for m in strong if not m.lower().startswith(("list-", "precedence:"))]
        return not beyond_list and self._unquoted_absence_note()

    def _calendar(self, invites: tuple[Invite, ...]) -> Decision | None:
        if not invites:
            if self.parsed.calendar_parts:  # a broken calendar: what its method says it is
                return self._unreadable_calendar()
            return self._tnef_meeting() or self._calendar_in_words()
        invite = invites[0]
        if invite.is_response:
            reason = f"calendar {invite.method}: an answer to an invite"
            return MessageClass.CALENDAR_RESPONSE, [reason]
        if invite.cancelled:
            return MessageClass.CANCELLATION, [f"calendar {invite.method} {invite.status}".strip()]
        return MessageClass.INVITATION, [f"calendar {invite.method}"]

    def _unreadable_calendar(self) -> Decision:
        """A calendar part that could not be read is still a calendar program's message: an
        answer or a cancellation when its method says so (the part's method= parameter, or
        the METHOD line it carries), else an invitation to look at."""
        methods = []
        for part in self.parsed.calendar_parts:
            found = _METHOD_LINE.search(part.data[:20_000])
            methods.append(part.method or (found.group(1).decode().upper() if found else ""))
        if any(m in ("REPLY", "COUNTER", "DECLINECOUNTER") for m in methods):
            return MessageClass.CALENDAR_RESPONSE, ["an unreadable calendar that says it answers"]
        if "CANCEL" in methods:
            return MessageClass.CANCELLATION, ["an unreadable calendar that says it cancels"]
        return MessageClass.INVITATION, ["a calendar part that could not be read"]

    def _calendar_in_words(self) -> Decision | None:
        """A calendar program's message without its calendar part: Outlook's meeting text
        ("When: ... Where: ... *~*~*~*~*~*~*~*~*~*"), an answer under "Accepted:" with
        at most a short note, Google's invitation under "Invitation:" with its footer. Read
        in the new text only: a person quoting or forwarding one writes a reply."""
        if self.ats_vendor is not None or self.from_user:
            return None
        rules = self.rules
        head, colon, _ = strip_tags(self.subject).partition(":")
        head = " ".join(head.split()) if colon else ""
        text = self.new_text[:5000].lower()
        marker = next((m for m in rules.meeting_markers if m in text), None)
        if head in rules.calendar_cancel_subjects and marker is not None:
            return MessageClass.CANCELLATION, [f"a meeting's text under {head!r}: no calendar"]
        if head in rules.calendar_response_subjects and (marker or len(text) < 600):
            return MessageClass.CALENDAR_RESPONSE, [f"an answer to an invitation: {head!r}"]
        if marker is not None and head not in rules.reply_prefixes | rules.forward_prefixes:
            return MessageClass.INVITATION, ["a meeting request's text without its calendar"]
        footer = next((f for f in rules.invitation_footers if f in text), None)
        if footer is not None and head in rules.calendar_invitation_subjects:
            return MessageClass.INVITATION, [f"{footer!r} under {head!r}: no calendar"]
        if footer is not None and head in rules.calendar_cancel_subjects:
            return MessageClass.CANCELLATION, [f"{footer!r} under {head!r}: no calendar"]
        return None

    def _tnef_meeting(self) -> Decision | None:
        """A meeting item Outlook sent in its TNEF container instead of a calendar part."""
        parsed = self.parsed
        if not parsed.tnef_meetings:
            return None
        kind = next((k for k in parsed.tnef_meetings if k), None)
        reason = f"an Outlook meeting {kind} in a TNEF part"
        if kind is None:
            rules = self.rules
            answers, cancels = rules.calendar_response_subjects, rules.calendar_cancel_subjects
            kind = meeting_by_shape(parsed.subject, self.new_text, answers, cancels)
            reason = f"an Outlook meeting {kind} by its shape, beside a TNEF part"
        if kind is None:
            return None
        return _TNEF_CLASSES[kind], [reason]

    def _words(self) -> Decision | None:
        if self.from_user:
            return None
        newsletter = self.ats_vendor is None and (self.list_post or self.job_board)
        if newsletter or self.vendor_marketing:
            return None  # a newsletter or a job alert may write of offers; it makes none
        threaded = self.parsed.in_reply_to or self.parsed.references
        if self.ats_vendor is None and not threaded and self._spam_wording():
            return None  # spam offers jobs and loans ("pleased to offer you... act now")
        found = self._outcome_in(f"{self.parsed.subject}\n{self.new_text}", self.new_text[:5000])
        return found if found is not None else self._passed_on_outcome()

    def _passed_on_outcome(self) -> Decision | None:
        """A forward ("FW:", "Fwd:") of an outcome that names the user: a recruiter passing
        on the employer's decision ("We've decided not to proceed with Alice"). The user's
        name is read as "you"; a forward that names someone else says nothing of the user."""
        head, colon, _ = strip_tags(self.subject).partition(":")
        rules = self.rules
        # a word of the user's name that is also a word of hiring ("candidate") names no one
        own = sorted(
            word
            for word in self.own_words
            if not (rules.hiring_context.search(word) or rules.application_words.search(word))
        )
        if not colon or head.strip() not in rules.forward_prefixes or not own:
            return None
        passed = quoted_text(self.parsed.text[:20_000])
        names = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in own) + r")\b", re.IGNORECASE)
        if names.search(passed) is None:
            return None
        passed = names.sub("you", passed)
        found = self._outcome_in(passed, passed[:5000])
        if found is None:
            return None
        kind, reasons = found
        return kind, [f"a forward naming the user: {reason}" for reason in reasons]

    def _outcome_in(self, text: str, head: str) -> Decision | None:
        """What the words of `text` say (phrases), or of `head` (two cues), or None."""
        # a quoted file's name is no statement ('shared "Offer letter.pdf" with you')
        text = _FILE_NAME.sub('"a file"', text)
        text, head = self._without_others_outcomes(text), self._without_others_outcomes(head)
        rejection = self._rejection_phrase(text.lower())
        if rejection is not None and self._placed(rejection.group(0), sentence_around(rejection)):
            return MessageClass.REJECTION, [f"rejection wording: {rejection.group(0)!r}"]
        offer = self._offer_phrase(text.lower())
        if offer is not None:
            negation = negation_before(text.lower(), offer.start(), self.rules)
            if negation is not None:  # "we won't be extending an offer"
                return MessageClass.REJECTION, [f"a negated offer: {negation!r} {offer.group(0)!r}"]
            return MessageClass.OFFER, [f"offer wording: {offer.group(0)!r}"]
        for read, kind, wording in _CUE_READERS:
            found = read(head, self.rules)
            # a word of regret beside "someone else" names no choice of a person by itself
            people = read is not rejection_cues
            if found is not None and (
                kind is not MessageClass.REJECTION or self._placed(*found, people=people)
            ):
                return kind, [wording.format(*found)]
        return None

    def _without_others_outcomes(self, text: str) -> str:
        """`text` with the sentences blanked that tell of someone else turned down, not the
        reader: a rejection phrase in a sentence that addresses no reader and names the one
        turned down as the writer or a third person ("our bid was not selected", "notre
        candidature n'a pas été retenue", "the other two were told that they were
        unsuccessful"). Business news of that kind stays a reply; the user is asked."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a case change that moved characters: left as it is
            return text
        rules = self.rules
        for found in list(rules.rejection.pattern.finditer(lowered))[:20]:
            sentence = sentence_around(found)
            if rules.reader_words.search(sentence) is not None:
                continue
            whose = self._owned_before(sentence, found.group(0))
            offset = max(0, found.start() - 30)
            edge = found.start() - offset  # "they were" reaching the phrase or just before it
            subjects = rules.third_persons.pattern.finditer(lowered[offset : found.end()])
            subject = next((m.group(0) for m in subjects if m.start() < edge <= m.end() + 1), None)
            named = whose or subject
            if named is None:
                continue
            start = lowered.find(sentence, max(0, found.start() - len(sentence)))
            if start < 0:
                continue
            blank = " " * len(sentence)
            text = text[:start] + blank + text[start + len(sentence) :]
            lowered = lowered[:start] + blank + lowered[start + len(sentence) :]
            self.outcome_doubt = self.outcome_doubt or (
                f"may be a rejection ({found.group(0)!r}), but said of {named!r}, not the reader"
            )
        return text

    def _owned_before(self, sentence: str, phrase: str) -> str | None:
        """An application owned by the writer or a third person ("our bid", "notre
        candidature") standing before the rejection phrase in its sentence, as its subject,
        and not a thing of the process ("our application portal"); or None."""
        rules = self.rules
        end = sentence.find(phrase)
        for owned in rules.someone_elses.pattern.finditer(sentence[: max(end, 0)]):
            following = " ".join(sentence[owned.end() :].split()[:1])
            if rules.process_words.search(following) is None:
                return owned.group(0)
        return None

    def _placed(self, *said: str, people: bool = True) -> bool:
        """Is a rejection's wording about an application: do its words or its sentence name
        the application or a person ("not to proceed with your candidacy", "you were
        unsuccessful", "another candidate"), or does the message speak of a hiring process
        somewhere (its subject, its text, the quoted thread, an ATS sender)? "We decided not
        to proceed with the vendor" in a message about gas contracts is business mail: it
        stays a reply, and the user is asked (`possible_outcome`)."""
        words = " ".join(said).lower()
        rules = self.rules
        named = [m.group(0) for m in rules.application_words.pattern.finditer(words)]
        if not people:  # "unfortunately someone else booked the room"
            named = [word for word in named if rules.people_words.search(word) is None]
        if named or (people and rules.others_cues.search(words)):
            return True
        words = said[0]
        if self.ats_vendor is not None or self.ats_robot:
            return True
        # the user's own name is no hiring word ("Alice Candidate a écrit :"); the sender's
        # address and name may be one ("careers@", "Talent Acquisition")
        sender = f"{self.sender.name} {self.sender.local_part.replace('.', ' ')}"
        text = f"{sender}\n{self.parsed.subject}\n{self.parsed.text[:20_000]}"
        if rules.hiring_context.search(without_words(text, self.own_words)) is not None:
            return True
        if rules.title_words.search(without_words(self.parsed.subject, self.own_words)):
            return True
        self.outcome_doubt = self.outcome_doubt or (
            f"may be a rejection ({words!r}), but nothing in the message names an application"
        )
        return False

    def _rejection_phrase(self, lowered: str) -> re.Match[str] | None:
        """The first rejection phrase whose clause is about the application, or None."""
        for found in self.rules.rejection.pattern.finditer(lowered):
            if not about_something_else(found.group(0), lowered, found.end(), self.rules):
                return found
        return None

    def _offer_phrase(self, lowered: str) -> re.Match[str] | None:
        """The first offer phrase that offers the role, not something else, or None; None
        as well when the reader is asked to make the offer ("could you prepare the offer
        letter for Ana?"): the message is written on the hiring side, and the user is asked."""
        first = None
        for found in list(self.rules.offer.pattern.finditer(lowered))[:20]:
            asked = asked_before(lowered, found.start(), self.rules.made_by_reader)
            if asked is not None:
                self.outcome_doubt = self.outcome_doubt or (
                    f"may be an offer ({found.group(0)!r}), but the reader is asked to make it "
                    f"({asked!r})"
                )
                return None
            if first is None and not offers_something_else(
                found.group(0), lowered, found.end(), self.rules
            ):
                first = found
        return first

    def possible_outcome(self) -> list[str]:
        """Wording that may be a rejection or an offer without saying so plainly."""
        if self.outcome_doubt is not None:
            return [self.outcome_doubt]
        found = self.rules.uncertain_outcome.search(f"{self.parsed.subject}\n{self.new_text}")
        if found is None:
            return []
        return [f"may be a rejection or an offer: {found.group(0)!r}"]
