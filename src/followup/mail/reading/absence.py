"""Out-of-office notes: a program's strong marks or its subject prefix, and the older
vacation programs and people that mark nothing, known by their wording, a subject that is
no reply's, or a short notice that names the day its writer is back. Read by
`facts.Facts.decide`; the prefixes and words are data in classify.yaml. Pure."""

from __future__ import annotations

import re
from datetime import date

from followup.mail.reading.addresses import ANY_ADDRESS, valid_address
from followup.mail.reading.dateorder import day_first
from followup.mail.reading.kinds import MessageClass
from followup.mail.reading.returndate import read_return_date
from followup.mail.reading.signals import Signals
from followup.mail.reading.subjects import strip_tags

# a day as written in any script: "12月14日", "12월 14일", "14.12.", "14/12"
_DAY_WRITTEN = re.compile(
    r"\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]|(?<![\d.])\d{1,2}[./]\d{1,2}(?![\d])"
)


# where a sentence ends: a full stop before a space, a question or exclamation mark, a line
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")

# a stand-in for a missing Date header, to place "until 12 August" or "until Monday" when all
# that is asked is whether a day is named (which year or week it falls in does not matter)
_ANY_DAY = date(2001, 1, 1)


class AutoReplyFacts(Signals):
    """Observations of out-of-office notes."""

    def _strong_auto_reply(self) -> tuple[MessageClass, list[str]] | None:
        found = self._strong_auto_markers()
        prefix = self._auto_subject()
        if prefix:
            found.append(f"subject starts with {prefix!r}")
        return (MessageClass.AUTO_REPLY, found) if found else None

    def _unquoted_absence_note(self) -> bool:
        """A short note that opens with out-of-office wording, speaks as a notice (urgent
        matters, another contact, a reply on return), names the day its writer is back or
        another address to write to, and quotes nothing: a vacation program that marks
        nothing, or a person writing one (so the user is asked as well)."""
        if len(self.parsed.text.strip()) > len(self.new_text) + 40:
            return False  # it quotes the message it answers: a person wrote it
        opening = self.rules.auto_body.search(self.new_text[:300])
        if opening is None:
            return False
        elsewhere = self._names_another_address()  # "please write to office@..."
        notice = self.rules.absence_notice.search(self.new_text[:1000])
        # a template thanks the sender before it says its writer is away
        thanked = self.rules.thanks_openers.search(self.new_text[: opening.start()]) is not None
        spoken = notice is not None or thanked or self._return_with_absence(opening.end())
        if not elsewhere and not spoken:
            return False  # "I'm on vacation until Friday, but free after": a person's note
        reference = self.parsed.date.date() if self.parsed.date else _ANY_DAY
        found = read_return_date(
            self.new_text, reference, self.rules.return_date, day_first=day_first(self.parsed)
        )
        # a day read both ways ("until 07/12/2026") is still a day named, and so is one
        # written where the return-date reader has no words for its language ("14.12.")
        named = found.day is not None or found.uncertain is not None
        # "will reply next week": the week named in the notice's own words, not elsewhere
        after = self.new_text[notice.end() : notice.end() + 40] if notice else ""
        when = self.rules.return_when.search(after) is not None
        return named or elsewhere or when or _DAY_WRITTEN.search(self.new_text[:1000]) is not None

    def _return_with_absence(self, start: int) -> bool:
        """Is the return said after the absence, in the sentence that says the writer is
        away ("out of the office until the 18th, returning Monday", "out of office and will
        be back on Tuesday")? `start` is where the absence's words end."""
        found = _SENTENCE_END.search(self.new_text, start)
        sentence = self.new_text[start : found.start() if found else start + 300]
        return self.rules.return_phrases.search(sentence) is not None

    def _names_return_day(self) -> bool:
        """Does the note name the day its writer is back or answers?"""
        reference = self.parsed.date.date() if self.parsed.date else _ANY_DAY
        found = read_return_date(
            self.new_text, reference, self.rules.return_date, day_first=day_first(self.parsed)
        )
        return found.day is not None or found.uncertain is not None

    def _names_another_address(self) -> bool:
        """Does the note give an address other than its sender's ("please contact
        talent@...")?"""
        found = (valid_address(m.strip(".")) for m in ANY_ADDRESS.findall(self.new_text[:1000]))
        return any(a and a != self.sender.email for a in found)

    def _prefixed_not_as_a_reply(self) -> bool:
        """Does the subject start with a short prefix ("Fuori ufficio: ...", "不在通知: ...")
        that is no reply's or forward's ("Re:", "AW:", "SV:", "Fwd:")? An out-of-office
        program puts its own word before the subject it answers; a person's new message
        ("Coffee next week?") has none."""
        head, colon, rest = strip_tags(self.subject).partition(":")
        if not colon or not rest.strip() or len(head) > 40:
            return False
        return head.strip().rstrip("[]") not in self.rules.reply_prefixes
