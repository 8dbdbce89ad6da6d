"""First contact from strangers: spam and mass mail in a person's shape, known by what a
mail program would never write (a Date in no zone, a subject padded for every copy, a From
numbered from its Reply-To), by a crowd or a harvest of addresses, a greeting or a link that
carries the reader's address, or a drop box for answers at another free-mail provider. Read
by `automated.AutomatedFacts`; the words and domains are data in classify.yaml. Pure."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from followup.mail.reading.broadcast import BroadcastFacts
from followup.mail.reading.rules import domain_in
from followup.mail.reading.subjects import strip_tags

# a local part no one is called by: "alice.candidate", "bob_1987"
_ADDRESS_LIKE = re.compile(r"[._\d]")
_NOT_LETTER = re.compile(r"[\W\d_]+")
# a greeting's first word: "Dear alice@example.org:" ends in a colon as an attribution does
_GREETING = re.compile(r"(?:dear|hello|hi|hey|greetings|good\s+\w+)\b")
# a line that is one made-up token, to make each copy of a mailing unlike the others for a
# spam filter: random lower-case letters ("qwhvtrplmzkdnbsyaoqcgx..."), or letters and digits
# in both cases joined by hyphens ("4417GHkr2-118TpWq9935LmBn4-702xaRc...")
_FILLER_LINE = re.compile(
    r"(?m)^[ \t]*(?:[a-z]{26,60}|(?=[\w-]*[0-9])(?=[\w-]*[A-Z])(?=[\w-]*[g-z])"
    r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+){2,})[ \t]*$"
)
# a subject's last word that a mailing program made up for each copy: a long run of digits
# ("7712054433221110009"), or letters in both cases and digits in runs joined by a hyphen
# ("7710prQz4-118HkWv"); a requisition's "REQ-2026-00418" is in one case
_SUBJECT_TOKEN = re.compile(
    r"(?:\d{15,}|(?=[\w-]*[a-z])(?=[\w-]*[A-Z])(?=[\w-]*\d[A-Za-z]+\d)[A-Za-z0-9]+-[A-Za-z0-9-]+)"
)
# a Date header's time and zone ("03:30:23 -1900") and its year ("23 Aug 0102 03:30"): a mail
# program writes the zone its clock is set to, from -12:00 to +14:00 in quarter hours
_DATE_ZONE = re.compile(r"\d:\d\d(?::\d\d)?\s+([+-])(\d\d)(\d\d)\b")
_DATE_YEAR = re.compile(r"(?i)\b\d{1,2}\s+[a-z]{3}\s+(\d{3,4})\s+\d{1,2}:\d")
_ZONE_HOURS = 14
# a time followed by a zone as mail writes one: an offset, or a name RFC 5322 keeps ("UT",
# "GMT", "EST"... "PDT", a military letter); "22:02:47" alone, "GMT+1", "Eastern Daylight",
# "10:05:15 PM", "+-0500" or "16:54:6" is a mailing program's own make
_DATE_ZONED = re.compile(
    r"(?i)\d:\d\d(?::\d\d)?\s*(?:[+-]\d{4}|ut|gmt|[ecmp][sd]t|[a-ik-z])(?![\w+-])"
)
# spaces that pad a subject to one width for every copy of a mailing ("Lower rates now
#           QXLTR"): a person's stray spaces are one or two
_SUBJECT_PADDING = 5
# digits added to a Reply-To's box to make a From for each copy ("deals4417023")
_NUMBERED_DIGITS = 4
_DIGIT_RUN = re.compile(r"\d{5,}")
# a link in a message's text
_LINK = re.compile(r"https?://[^\s<>\"')]{1,400}", re.IGNORECASE)
# addresses and their domains in To and Cc past which a message went to a crowd of strangers
_CROWD = 8
_CROWD_DOMAINS = 6


def _same_name(one: str, other: str) -> bool:
    """Do two local parts spell one name ("olga.savina" and "olgasavina.work"): most of the
    shorter one's letters in a row in the longer ("k.mensah.chambers" and
    "mensah.trust.desk" share a surname, not a box's owner)."""
    first, second = (_NOT_LETTER.sub("", part.lower())[:64] for part in (one, other))
    shorter = min(len(first), len(second))
    if not shorter:
        return True
    match = SequenceMatcher(None, first, second, autojunk=False).find_longest_match()
    return match.size >= max(5, 0.6 * shorter) or match.size == shorter


class StrangerFacts(BroadcastFacts):
    """Observations of first-contact mail that a mailing program, not a person, wrote."""

    def _greets_an_address(self) -> str | None:
        """A greeting that names the user by an address ("Dear alice.candidate,", "Hello
        bob@example.org"): a program filled it in; a person writes a name."""
        # a letter's date line may stand before its greeting ("May 7, 2026", "Dear ...:")
        lines = [line.strip().lower() for line in self.new_text.lstrip()[:400].split("\n")]
        for index, first in enumerate([line for line in lines if line][:3]):
            greeting = _GREETING.match(first) is not None
            # an attribution: "Alice <alice@x.example> writes:"; past the first line, only
            # a greeting is read (a quote's attribution follows a person's first words)
            if (index and not greeting) or (first.endswith(":") and not greeting):
                continue
            found = self._greeting_of_an_address(first[:120])
            if found is not None:
                return found
        return None

    def _greeting_of_an_address(self, first: str) -> str | None:
        for address in self.to_addresses:
            local = address.partition("@")[0]
            names = [address] + ([local] if _ADDRESS_LIKE.search(local) else [])
            for name in names:
                found = re.match(rf"(?:\w+\s+){{1,2}}{re.escape(name)}\b", first)
                if found is not None:
                    return found.group(0)
            # "Dear alice_c (alice.candidate@example.org)," a program filled in both
            if address in first and len(first) < 100:
                return first[:60]
        return None

    def _reply_at_other_free_mail(self) -> str | None:
        """A sender at one free-mail provider asking for replies at another's, or at another
        name's box at the same provider, answering nothing: a stranger's mailing with a drop
        box for answers, not a person writing (a person's Reply-To names their work address,
        or their own name again)."""
        if self.parsed.in_reply_to or self.parsed.references:
            return None
        own = self.sender.domain
        if not own or not domain_in(own, self.rules.free_mail_domains):
            return None
        for address in self.parsed.reply_to:
            other = address.domain
            if not other or _same_name(address.local_part, self.sender.local_part):
                continue
            if domain_in(other, self.rules.free_mail_domains):
                return address.email
        return None

    def _answers_nothing(self) -> bool:
        """No In-Reply-To, no References and no reply prefix in the subject: first contact."""
        if self.parsed.in_reply_to or self.parsed.references:
            return False
        head, colon, _ = strip_tags(self.subject).partition(":")
        return not (colon and " ".join(head.split()).lower() in self.rules.reply_prefixes)

    def _forged_date(self) -> str | None:
        """A Date, in mail that answers nothing, whose zone no clock is set to ("-1900",
        "+0217"), with no zone or one no standard names ("GMT+1", "Eastern Daylight"), or
        whose year has lost a digit or gained a nought ("0102", "102"): a bulk mailer's
        made-up header (a person's mail program writes the time and zone it has)."""
        value = " ".join((self.parsed.header("Date") or "")[:120].split())
        if not value or not self._answers_nothing():
            return None
        zone = _DATE_ZONE.search(value)
        if zone is not None:
            hours, minutes = int(zone.group(2)), int(zone.group(3))
            if hours > _ZONE_HOURS or minutes % 15:
                return value[:40]
        year = _DATE_YEAR.search(value)
        if year is not None and (len(year.group(1)) == 3 or year.group(1).startswith("0")):
            return value[:40]
        return value[:40] if _DATE_ZONED.search(value) is None else None

    def _numbered_sender(self) -> str | None:
        """A From that is the Reply-To's box with a run of digits added ("deals4417023@"
        asking for answers at "deals@"), in mail that answers nothing: a mailing program
        sends each copy from a new box and gathers the answers at one."""
        own = self.sender.local_part.lower()
        if not own or not own[-1].isdigit() or not self._answers_nothing():
            return None
        base = own.rstrip("0123456789")
        if len(own) - len(base) < _NUMBERED_DIGITS or not base:
            return None
        for address in self.parsed.reply_to:
            if address.local_part.lower() == base and address.domain == self.sender.domain:
                return f"{self.sender.email} -> {address.email}"
        return None

    def _numbered_html(self) -> str | None:
        """HTML with no text part beside it, linking out, from a box whose name holds a run
        of five digits or more ("rhoda0412337@"), answering nothing: a mailing program's
        page from a box made for the copy (a person's client writes a text part, and a
        person's box holds a year or a short number at most)."""
        html = self.parsed.html
        if html is None or not html.alone or not html.links or not self._answers_nothing():
            return None
        run = _DIGIT_RUN.search(self.sender.local_part)
        return self.sender.email if run is not None else None

    def _padded_subject(self) -> str | None:
        """A subject, in mail that answers nothing, padded with a run of spaces at its end,
        bare or before a short code: a mailing program's padding, not a person's typing
        (a folded subject goes on in words, and a person's stray spaces are one or two)."""
        if self.parsed.subject_padding < _SUBJECT_PADDING or not self._answers_nothing():
            return None
        return f"{self.parsed.subject[:50]} ({self.parsed.subject_padding} spaces)"

    def _crowd(self) -> str | None:
        """To and Cc naming many addresses at many domains, answering nothing: a mailing sent
        to a crowd in the open (a panel's colleagues share one or two domains)."""
        if self.parsed.in_reply_to or self.parsed.references:
            return None
        addresses = {a.email for a in (*self.parsed.to, *self.parsed.cc) if a.email}
        domains = {address.rpartition("@")[2] for address in addresses}
        if len(addresses) < _CROWD or len(domains) < _CROWD_DOMAINS:
            return None
        return f"{len(addresses)} addresses at {len(domains)} domains"

    def _link_names_reader(self) -> str | None:
        """A link whose address carries the reader's own mail address, or a recipient's
        ("...trim/?alice@example.org|17|3084"), in a message that answers nothing: a
        mailing's tracking or leaving link, made for each reader on its list."""
        if self.parsed.in_reply_to or self.parsed.references:
            return None
        readers = {*self.to_addresses, *(a.email for a in (*self.parsed.to, *self.parsed.cc))}
        readers.discard("")
        for found in _LINK.finditer(self.new_text[:20_000]):
            url = found.group(0).lower()
            for address in readers:
                if address in url or address.replace("@", "%40") in url:
                    return url[:60]
        return None

    def _harvested(self) -> str | None:
        """One local part at several domains in To and Cc ("sam@a.example, sam@b.example,
        sam@c.example"), answering nothing: addresses guessed from a list of domains."""
        if self.parsed.in_reply_to or self.parsed.references:
            return None
        domains: dict[str, set[str]] = {}
        for address in (*self.parsed.to, *self.parsed.cc):
            if address.local_part and address.domain:
                domains.setdefault(address.local_part.lower(), set()).add(address.domain)
        for local, seen in domains.items():
            if len(seen) >= 3:
                return f"{local}@ at {len(seen)} domains"
        return None

    def _subject_token(self) -> str | None:
        """A subject that answers nothing ending in a token made up for each copy."""
        if self.parsed.in_reply_to or self.parsed.references:
            return None
        words = self.parsed.subject.split()
        last = words[-1].strip("()[]{}<>.,;:!?") if len(words) > 1 else ""
        if len(last) < 12 or _SUBJECT_TOKEN.fullmatch(last) is None:
            return None
        return last[:40]

    def _remove_by_mail(self) -> str | None:
        """A way off the sender's own list: "send a message to <the sender's address> with
        'Remove' in the subject line" in one paragraph (a person telling how to leave some
        other list names that list's address)."""
        own = self.sender.email
        if not own:
            return None
        text = self.new_text[:20_000].lower()
        for found in self.rules.spam_phrases.pattern.finditer(text):
            if not found.group(0).startswith("remove"):
                continue
            begin = text.rfind("\n\n", 0, found.start()) + 1
            end = text.find("\n\n", found.end())
            if own in text[begin : len(text) if end < 0 else end]:
                return found.group(0)[:60]
        return None

    def _filler_line(self) -> str | None:
        """A line of one made-up token that a spam filter's checksum would see as new text
        each time; not in a signed message, whose signature lines are letters and digits."""
        text = self.new_text[:20_000]
        if "BEGIN PGP" in text:
            return None
        for found in _FILLER_LINE.finditer(text):
            token = found.group(0).strip()
            vowels = sum(token.count(v) for v in "aeiou")
            if token.islower() and vowels >= 0.3 * len(token):  # a long word, not made up
                continue
            return token[:60]
        return None
