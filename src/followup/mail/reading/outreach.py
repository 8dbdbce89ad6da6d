"""A person's own outreach sent through a recruiting or sales tool (Gem, Lever Nurture,
Beamery, Outreach, Salesloft, HubSpot's sales mail): the tool adds a tracking envelope, an
unsubscribe link or its own headers, yet a recruiter wrote to the user about a role. Read by
`facts.Facts` before such marks make a message automated. Pure."""

from __future__ import annotations

import re

from followup.mail.reading.automated import AutomatedFacts
from followup.mail.reading.subjects import without_words

# the marks a tool adds to one person's mail; anything else (Precedence: bulk, List-Id,
# Auto-Submitted, spam wording, a hidden To, a department's name) is a mailing's
_TOOL_MARKS = (
    "List-Unsubscribe",
    "Feedback-ID",
    "X-HubSpot",
    "X-Mailgun",
    "X-SG-",
    "X-SES-",
    "X-PM-",
    "X-Entity-ID",
    "Return-Path:",
    "Errors-To:",
    "sent through ",
    "sent from a mailing's host",
    "bulk-mail wording",
)
# a display name of a person: two or three capitalised words ("Hannah Okafor", "Lucía Vega")
_PERSON_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){1,2}$")
_NAME_PART = re.compile(r"[\s'’-]+")
_LOCAL_PART = re.compile(r"[._\-+\d]+")
_SIGNATURE_LINES = 4
# one person's note is short; a mailing of roles or an article runs long
_LONGEST = 1500
_ITEM = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+\S")


class OutreachFacts(AutomatedFacts):
    """Is an automated-looking message a recruiter's own mail to the user?"""

    def _personal_outreach(self, automated: list[str], weak: list[str]) -> str | None:
        """A recruiter writing to the user alone through a tool: a person's name and an
        address made of it, the user greeted by name in the first line, a recruiter's title
        or firm in the signature, and no mark beyond what such a tool adds. Returns the title."""
        if weak or self.from_user or self.list_post or self.robot or self.program:
            return None
        if any(not marker.startswith(_TOOL_MARKS) for marker in automated):
            return None
        if len(self.parsed.to) != 1 or not self.to_user or self.parsed.cc:
            return None
        if self.job_board or len(self._without_disclaimers()) > _LONGEST or self._lists_items():
            return None  # a mailing of roles, a digest or an article: written for many
        if not self._named_person() or not self._greets_the_user():
            return None
        found = self.rules.recruiter_titles.search(self._signature())
        if found is None and self._reply_in_thread():
            # a sequence's next step ("Re: Operations role", "just bumping this") answers the
            # tool's first mail: its subject or words speak of the role
            text = f"{self.parsed.subject}\n{self.new_text[:3000]}"
            found = self.rules.hiring_context.search(without_words(text, self.own_words))
        return found.group(0) if found is not None else None

    def _lists_items(self) -> bool:
        """Three lines or more that start as a list's items ("- Operations Lead, Leeds")."""
        items = [line for line in self.new_text.splitlines() if _ITEM.match(line)]
        return len(items) >= 3

    def _named_person(self) -> bool:
        """A person's name as the display name, and an address made of it ("hannah.okafor",
        "jsmith", "chris" for Chris Doyle)."""
        name = " ".join(self.sender.name.split())
        if _PERSON_NAME.match(name) is None or self.rules.department_words.search(name):
            return False
        parts = [p.lower() for p in _NAME_PART.split(name) if p]
        local = [p for p in _LOCAL_PART.split(self.sender.local_part.lower()) if p]
        if any(part in local for part in parts):
            return True
        joined = "".join(local)
        first, last = parts[0], parts[-1]
        return joined in (first[0] + last, first + last[0], first + last, last + first[0])

    def _greets_the_user(self) -> bool:
        """The first line names the user by a word of their name ("Hi Alice,")."""
        lines = [line.strip() for line in self.new_text.splitlines() if line.strip()]
        if not lines or len(lines[0]) > 60:
            return False
        words = {w.lower() for w in re.findall(r"\w+", lines[0])}
        return bool(words & self.own_words)

    def _signature(self) -> str:
        """The lines from the last that starts with the sender's first name ("Hannah Okafor",
        "Hannah"), before any footer a tool adds ("Unsubscribe ..."); empty without one."""
        lines = [line.strip() for line in self.new_text.splitlines() if line.strip()]
        kept = []
        for line in lines:
            if self.rules.bulk_phrases.search(line.lower()) is not None:
                break
            kept.append(line)
        first = _NAME_PART.split(self.sender.name.strip())[0].lower()
        starts = [i for i, line in enumerate(kept) if line.lower().split(" ")[0] == first]
        if not first or not starts:
            return ""
        return "\n".join(kept[starts[-1] : starts[-1] + _SIGNATURE_LINES])
