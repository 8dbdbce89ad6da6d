"""Automated mail that is no bounce and no out-of-office: ticket systems, challenge-response
filters, bulk and campaign mail known by its platform, its envelope or its footer, spam in a
person's name known by its wording, a To that names no one, a bulk mailer's X-Mailer, a
service writing "via" a person or a greeting that names an address. Read by
`facts.Facts.decide`; the words and domains are data in classify.yaml. Pure."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from followup.mail.reading.broadcast import BroadcastFacts, worded
from followup.mail.reading.kinds import MessageClass
from followup.mail.reading.rules import domain_in, domain_owner, local_part_matches
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
# a local part no one is called by: "alice.candidate", "bob_1987"
_ADDRESS_LIKE = re.compile(r"[._\d]")
_NOT_LETTER = re.compile(r"[\W\d_]+")
# a To of groups that list no member ("WG-Announce:;", "Valued Customers:;"): an
# announcement's or a list's way of naming its readers without naming one of them
_GROUP_NAME = r'"[^"]{0,100}"|[^":;<>@,\s](?:[^":;<>@,]{0,98}[^":;<>@,\s])?'
_EMPTY_GROUPS = re.compile(rf"(?:\s*(?:{_GROUP_NAME})\s*:\s*;\s*,?)+")
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


class AutomatedFacts(BroadcastFacts):
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
