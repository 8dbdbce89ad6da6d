"""Mail written to many that carries no platform's marks: a department's announcement to a
distribution list, a clipping service writing to itself with its readers in Bcc, a list
manager's Sender, and HTML built for a mailing (an unsubscribe link, a tracking pixel, a link
to a bare IP address, white text, linked images with almost no words). Read by
`automated.AutomatedFacts`; the words and local parts are data in classify.yaml. Pure."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from followup.mail.reading.rules import local_part_matches
from followup.mail.reading.signals import Signals
from followup.mail.reading.subjects import leading_tags, without_words

# "outlook.team", "building_services", "market-reports": the words of a local part
_LOCAL_SEPARATORS = re.compile(r"[._+-]+")
# an affiliation after a person's name: "(Physics Department)", " | Facilities", " - Payroll"
_AFFILIATION = re.compile(r"\([^)]*\)?|\s[|/–—-]\s.*|\sat\s.*")
# reply and forward prefixes before a subject's tags ("Re: [jobs-l] ...")
_REPLY_PREFIX = re.compile(r"(?i)^\s*(?:(?:re|fw|fwd|aw|sv|wg|tr)\s*(?:\[\d+\])?\s*:\s*)+")
# a display name in a person's shape: two to four capitalised words ("Ben Okafor", "Mary
# K. Hain"), or "Last, First"
_PERSON_NAME = re.compile(r"[A-Z][\w'.-]*(?:,?\s+[A-Z][\w'.-]*){1,3}")
# the words a link-and-picture mailing carries at most besides its images
_FEW_WORDS = 15
# Han, kana, Hangul, Thai: written without spaces, about two characters a word
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# distinct links beside a tracking pixel that make a mailing's page
_PIXEL_PAGE_LINKS = 4
# distinct links past which HTML is a mailing's page, not a person's note and signature
_MANY_LINKS = 10


class BroadcastFacts(Signals):
    """Observations of mail written to many in a person's shape."""

    def _broadcast_markers(self) -> list[str]:
        return self._html_markers() + worded(
            (
                (self._department_sender, "sent in a department's name: {!r}"),
                (self._distribution_list, "written to a distribution list: {}"),
                (
                    self._to_own_address,
                    "written to the sender's own address, the readers out of sight",
                ),
                (self._list_host, "sent through a list host: {}"),
                (self._bulk_subdomain, "sent from a mailing's host: {}"),
                (self._list_tag, "the subject's tag names the list it went to: [{}]"),
                (self._bulk_subject, "the subject names a mailing: {!r}"),
                (self._department_signature, "signed by a department: {!r}"),
            )
        )

    def _bulk_subdomain(self) -> str | None:
        """A From or Reply-To host whose first label only mailings use, on a message that
        answers nothing ("news." also hosts a newsroom's people)."""
        if self.parsed.in_reply_to or self.parsed.references:
            return None
        for address in (self.sender, *self.parsed.reply_to):
            labels = address.domain.split(".")
            if len(labels) >= 3 and labels[0] in self.rules.bulk_subdomains:
                return address.domain
        return None

    def _list_tag(self) -> str | None:
        """A subject tag that is the name of a list the message was addressed to ("[jobs-l]"
        to jobs-l@...): a list manager put it there."""
        if self.to_user:
            return None
        tags = leading_tags(_REPLY_PREFIX.sub("", self.parsed.subject))
        names = {a.local_part for a in (*self.parsed.to, *self.parsed.cc) if a.local_part}
        for tag in tags:
            if tag.lower() in names:
                return tag
        return None

    def _bulk_subject(self) -> str | None:
        """A subject naming a mailing ("Weekly Newsletter", "Headlines for Monday"), on a
        message that answers nothing."""
        if self.parsed.in_reply_to or self.parsed.references:
            return None
        if _REPLY_PREFIX.match(self.parsed.subject):
            return None
        found = self.rules.bulk_subjects.search(self.parsed.subject)
        return found.group(0) if found else None

    def _department_signature(self) -> str | None:
        """A department signing under a closing ("Sincerely,\nClient Services") or as the
        last paragraph alone ("...\n\nBuilding Services"): a person signs with a name."""
        if _PERSON_NAME.fullmatch(self._sender_name()) is not None:
            return None  # "Ben Okafor" signing as "Okafor Consulting Services" is Ben
        paragraphs = [p.strip() for p in self.new_text[-1500:].split("\n\n") if p.strip()]
        if not paragraphs:
            return None
        lines = paragraphs[-1].splitlines()
        if len(lines) == 1:
            signer = lines[0]
        elif len(lines) == 2 and self.rules.closings.search(lines[0]) is not None:
            signer = lines[1]
        else:
            return None
        signer = _person_part(signer.strip(" -,."))
        if not 0 < len(signer.split()) <= 4 or len(paragraphs) < 2:
            return None
        if self.rules.department_words.search(signer) is None:
            return None
        # an HR team writing of an application is left to the words and the ATS rules
        about = f"{self.parsed.subject}\n{signer}\n{self.new_text[:3000]}"
        if self.rules.recruiting_words.search(without_words(about, self.own_words)) is not None:
            return None
        return signer[:60]

    def _sender_name(self) -> str:
        """The From's display name; old corporate exports keep it in X-From only
        ("Outlook Migration Team@ENRON", "Shackleton, Sara </O=ENRON/OU=NA/...>")."""
        if self.sender.name:
            return self.sender.name
        value = (self.parsed.header("X-From") or "")[:200]
        return value.split("<", 1)[0].split("@", 1)[0].strip(" \"'")

    def _department_sender(self) -> str | None:
        """A sender named as a team, a service or an office ("Outlook Migration Team",
        "building.services@", "Office of the Chairman"), not as a person. A recruiting
        team's name is left to the words and the ATS rules."""
        subject = without_words(self.parsed.subject, self.own_words)
        if self.rules.recruiting_words.search(subject) is not None:
            return None  # "Your interview with Acme" from a People Team: the ATS rules read it
        # a name says who writes ("Maya Chen <team@loop.example>" is Maya); without one,
        # the local part's words do
        text = _person_part(self._sender_name()) or _LOCAL_SEPARATORS.sub(
            " ", self.sender.local_part
        )
        found = self.rules.department_words.search(text) if text else None
        if found is None or self.rules.recruiting_words.search(text) is not None:
            return None
        return text[:60]

    def _distribution_list(self) -> str | None:
        """A To or Cc that is a distribution list ("all.employees@", "dl-houston@"), the
        user not named: the user reads it as one of many."""
        if self.to_user:
            return None
        patterns = self.rules.distribution_local_parts
        for address in (*self.parsed.to, *self.parsed.cc)[:50]:
            if address.email and local_part_matches(address.local_part, patterns):
                return address.email
        # an old corporate export names the list in X-To only: "All ECT Houston"
        for name in (self.parsed.header("X-To") or "")[:300].split(","):
            if name.strip().lower().startswith("all "):
                return name.strip()[:60]
        return None

    def _to_own_address(self) -> bool:
        """From and To the same address and the user not named: a mailing to readers in Bcc
        (a clipping service, an announcement)."""
        if self.to_user or not self.sender.email or not self.parsed.to:
            return False
        return all(a.email == self.sender.email for a in self.parsed.to) and not self.parsed.cc

    def _list_host(self) -> str | None:
        """A Sender or Errors-To on a list server's host ("CORPORA-L@LISTSERV.EXAMPLE.EDU",
        "owner@lists.example.org") other than the From's own address."""
        for name in ("Sender", "Errors-To", "X-BeenThere"):
            value = (self.parsed.header(name) or "")[:300]
            address = value.rpartition("<")[2].strip(" <>").lower() if value else ""
            if "@" not in address or address == self.sender.email:
                continue
            host = address.rpartition("@")[2]
            if host.split(".", 1)[0] in self.rules.list_hosts:
                return f"{name}: {address[:80]}"
        return None

    def _html_markers(self) -> list[str]:
        """What a mailing's HTML is made of; not read when the message quotes another (a
        forward carries the quoted newsletter's links)."""
        html = self.parsed.html
        if html is None or self._quotes():
            return []
        found = []
        if html.unsubscribe_links:
            found.append("an unsubscribe link")
        # a pixel alone may be a person's mail tracker; in a page of links or banners it is a
        # mailing's
        if html.pixels and (html.linked_images or html.links >= _PIXEL_PAGE_LINKS):
            found.append("a tracking image in a page of links")
        if html.ip_links:
            found.append("a link to a bare IP address")
        if html.white_text:
            found.append("white text on no background")
        # a person's client writes a text part beside the HTML, and a signature's logo may be
        # a link under a two-word note
        if html.alone and html.linked_images and _words(self.parsed.text) < _FEW_WORDS:
            found.append("linked images with almost no words")
        # a picture fetched from the web and not one word: a person's picture travels in the
        # message (cid:) under a line of their own
        if html.alone and html.images > html.pixels and not self.parsed.text.split():
            found.append("a web image and no words")
        if html.links >= _MANY_LINKS:
            found.append(f"{html.links} links")
        return found

    def _quotes(self) -> bool:
        """The text goes on below its new part (a quote, a forward)."""
        return len(self.new_text) + 40 < len(self.parsed.text.strip())


def _words(text: str) -> int:
    """About how many words a text holds: runs between spaces, and in a script written
    without spaces (a Chinese notice under its logo) one word for every two characters."""
    return len(text.split()) + len(_UNSPACED.findall(text[:20_000])) // 2


def worded(markers: Iterable[tuple[Callable[[], object], str]]) -> list[str]:
    """The wording of each marker whose reader found something, in order, with what it found
    in place of "{}" (a reader of a yes or no fills in nothing)."""
    return [wording.format(found) for read, wording in markers if (found := read())]


def _person_part(name: str) -> str:
    """A display name without an affiliation a person adds to their own name ("Ann Lee
    (Physics Department)", "Ann Lee, Dept. of Physics"); "Lee, Ann" stays as it is."""
    text = _AFFILIATION.sub("", name).strip()
    before, comma, _ = text.partition(",")
    if comma and len(before.split()) >= 2:
        text = before
    return text.strip()
