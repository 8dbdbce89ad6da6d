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
from followup.mail.reading.returndate import day_names, read_return_date
from followup.mail.reading.signals import Signals
from followup.mail.reading.subjects import strip_tags

# a day as written in any script: "12月14日", "12월 14일", "14.12.", "14/12"
_DAY_WRITTEN = re.compile(
    r"\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]|(?<![\d.])\d{1,2}[./]\d{1,2}(?![\d])"
)
# where one clause of a note ends: a sentence's end or a comma (not inside "21.08." or
# "10:30"), a colon, a line break, a dash between words
_CLAUSE_BREAK = re.compile(r"(?<!\d)[.!;,](?!\d)|,(?!\d)|:(?!\d)|\n|\s[-–—]+(?:\s|$)")
_WORD = re.compile(r"\w+")
# "and" between two clauses of one sentence, and opening a clause after a comma
_AND = re.compile(r"\s\band\b\s")
_AND_OPENS = re.compile(r"\s*and\b")


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
        if self._answers_after_a_but(self.new_text):
            return False  # "on holiday until the 9th, but the offer is ready": a person's
        elsewhere = self._names_another_address()  # "please write to office@..."
        notice = self.rules.absence_notice.search(self.new_text[:1000])
        # a template thanks the sender before it says its writer is away
        thanked = self.rules.thanks_openers.search(self.new_text[: opening.start()]) is not None
        spoken = notice is not None or thanked or self._return_with_absence(opening.end())
        if not elsewhere and not spoken:
            return False  # "I'm on vacation until Friday, but free after": a person's note
        named = self._names_return_day()
        # "will reply next week": the week named in the notice's own words, not elsewhere
        after = self.new_text[notice.end() : notice.end() + 40] if notice else ""
        when = self.rules.return_when.search(after) is not None
        # a day written where the return-date reader has no words for its language ("14.12.")
        return named or elsewhere or when or _DAY_WRITTEN.search(self.new_text[:1000]) is not None

    def _return_with_absence(self, start: int) -> bool:
        """Is the return said after the absence, in the sentence that says the writer is
        away ("out of the office until the 18th, returning Monday", "out of office and will
        be back on Tuesday")? `start` is where the absence's words end."""
        found = _SENTENCE_END.search(self.new_text, start)
        sentence = self.new_text[start : found.start() if found else start + 300]
        return self.rules.return_phrases.search(sentence) is not None

    def _names_return_day(self) -> bool:
        """Does the note name the day its writer is back or answers? A day read both ways
        ("until 07/12/2026") is still a day named."""
        reference = self.parsed.date.date() if self.parsed.date else _ANY_DAY
        found = read_return_date(
            self.new_text, reference, self.rules.return_date, day_first=day_first(self.parsed)
        )
        return found.day is not None or found.uncertain is not None

    def _absence_only_note(self, text: str) -> bool:
        """A short note that says nothing but that its writer is away ("I'm on vacation until
        14 July.", "Hello, currently on parental leave. Mateo"): every clause of it is
        absence wording, a notice's phrase, words of coming back, another address, a date, a
        courtesy or the sender's name; it asks nothing, quotes nothing and speaks of no
        absence already over. A person who mentions an absence says something else too
        ("..., but the contract went out today") and is read as writing a reply. `text`:
        the new text without its legal disclaimer."""
        if "?" in text or len(text) > 400:
            return False
        if len(self.parsed.text.strip()) > len(self.new_text) + 40:
            return False  # it quotes the message it answers: a person wrote it
        rules = self.rules
        if rules.absence_past.search(text) is not None:  # "I was away, back now"
            return False
        away = False
        for _, clause in self._clauses(self._before_signature(text)):
            # "back in the office on Monday and will send the contract then": what follows
            # an "and" is a clause of its own
            for part in _AND.split(clause):
                if rules.auto_body.search(part) or rules.absence_away.search(part):
                    away = True
                elif not self._frames_an_absence(part):
                    return False
        return away

    def _before_signature(self, text: str) -> str:
        """The note up to a line that is a sign-off alone ("Kind regards,"): what follows
        is its writer's signature (a title, a company, a telephone number)."""
        lines = text.splitlines()
        for index, line in enumerate(lines[1:], start=1):
            lowered = line.lower()
            if _WORD.search(lowered) and not _WORD.search(
                self.rules.absence_signoffs.pattern.sub(" ", lowered)
            ):
                return "\n".join(lines[:index])
        return text

    def _answers_after_a_but(self, text: str) -> bool:
        """Does the note go on, after a "but" ("..., ma ti confermo che...", "..., but the
        laptop is ready"), to say something that is neither absence nor a notice's phrase?
        A person mentioning an absence then answers; a vacation program's "but" leads to
        its notice ("but I will reply on my return")."""
        rules = self.rules
        for after_join, piece in self._clauses(text[:1000]):
            opened = _AND_OPENS.match(piece)  # ", and the review is booked for the 4th"
            joined = after_join or opened is not None
            clause = piece[opened.end() :] if opened is not None else piece
            if not joined or rules.auto_body.search(clause) or rules.absence_away.search(clause):
                continue
            if not self._frames_an_absence(clause):
                return True
        return False

    def _clauses(self, text: str) -> list[tuple[bool, str]]:
        """The note's clauses, lower-cased, each with whether a joining word ("but", "so")
        opened it."""
        found = []
        for part in _CLAUSE_BREAK.split(text.lower()):
            found.extend(_split_on(self.rules.absence_joins.pattern, part))
        return found

    def _frames_an_absence(self, clause: str) -> bool:
        """Is this clause of an absence note (lower-cased) one that says nothing of its own:
        a notice's phrase ("for urgent matters"), coming back ("I'll return after that
        date"), an address to write to, a bare date, a greeting, thanks or a sign-off?"""
        rules = self.rules
        if rules.absence_notice.search(clause) or rules.absence_return.search(clause):
            return True
        if ANY_ADDRESS.search(clause):
            return True
        courteous = rules.absence_courtesies.search(clause) is not None
        rest = rules.absence_courtesies.pattern.sub(" ", clause)
        own = {*_WORD.findall(self.sender.name.lower()), *_WORD.findall(self.sender.local_part)}
        words = [w for w in _WORD.findall(rest) if w not in own]
        if not words or (courteous and len(words) <= 2):  # "Hi Alice", "Sent from my iPhone"
            return True
        # a date alone: "Monday 5 October", "through the end of June"
        names = day_names(rules.return_date)
        small = rules.absence_date_words
        dated = [w for w in words if w in names or any(c.isdigit() for c in w)]
        return bool(dated) and all(w in names or w in small or w in dated for w in words)

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


def _split_on(pattern: re.Pattern[str], text: str) -> list[tuple[bool, str]]:
    """The text cut at each match of the pattern, the pieces stripped and empty ones dropped,
    each with whether a match came before it."""
    pieces, start = [], 0
    for match in pattern.finditer(text):
        pieces.append((bool(start), text[start : match.start()]))
        start = match.end()
    pieces.append((bool(start), text[start:]))
    kept = ((joined, piece.strip(" \t-–—*\"'()")) for joined, piece in pieces)
    return [(joined, piece) for joined, piece in kept if piece]
