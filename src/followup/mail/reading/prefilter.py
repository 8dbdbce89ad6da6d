"""Could a message concern the job search? A cheap look at its raw header fields, before any
parsing, so that the many unrelated messages of a mailbox are skipped at header-fetch speed
(and never parsed at all).

It says yes to anything the matcher could tie to an application: a Message-ID we know in
In-Reply-To/References, a known contact, a company's domain, an applicant-tracking vendor, a
robot sender (bounces, ATS notices), a company name or a recruiting word in the subject or
the sender's name, a calendar or a delivery report. Only a message with none of these is
skipped; the matcher would find no evidence in it either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup.mail.reading.limits import MAX_HEADER_CHARS
from followup.mail.reading.text import decode_words

if TYPE_CHECKING:
    from followup.mail.reading.phrases import Phrases

_FIELD = re.compile(
    rb"(?im)^(from|reply-to|sender|to|cc|subject|in-reply-to|references):(.*(?:\r?\n[ \t].*)*)"
)
# the lookbehind starts a match only at the start of a run: linear on "aaaa...a"
_ADDRESS = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_MSGID = re.compile(r"<[^<>\s]+>")
_SPECIAL_TYPES = frozenset(
    {
        "text/calendar",
        "multipart/report",
        "message/delivery-status",
        "message/global-delivery-status",
    }
)


def header_fields(headers: bytes) -> dict[str, str]:
    """Unfolded From/Reply-To/Sender/Subject/In-Reply-To/References, lower-cased text
    (encoded words decoded: a company name may hide in one). Each field keeps at most
    MAX_HEADER_CHARS characters, decoded in linear time."""
    found: dict[str, str] = {}
    for match in _FIELD.finditer(headers):
        name = match.group(1).decode().lower()
        if len(found.get(name, "")) >= MAX_HEADER_CHARS:
            continue
        raw = match.group(2)[: MAX_HEADER_CHARS * 2]
        value = re.sub(rb"\r?\n[ \t]+", b" ", raw).decode("utf-8", "replace").strip()
        value = value[:MAX_HEADER_CHARS]
        if "=?" in value:
            value = decode_words(value)
        found[name] = f"{found.get(name, '')} {value}".strip().lower()[:MAX_HEADER_CHARS]
    return found


@dataclass(frozen=True, slots=True)
class JobSearchFilter:
    message_ids: frozenset[str]  # sent and received Message-IDs recorded as touches
    contacts: frozenset[str]  # e-mail addresses of people, lower case
    domains: frozenset[str]  # company and ATS vendor domains
    robot_prefixes: tuple[str, ...]  # local parts such as no-reply, mailer-daemon
    robot_infixes: tuple[str, ...]  # found anywhere in a local part: jobalerts-noreply
    company_words: re.Pattern[str] | None  # company names, whole words
    recruiting_words: Phrases

    @classmethod
    def build(
        cls,
        *,
        message_ids: Iterable[str],
        contacts: Iterable[str],
        company_domains: Iterable[str],
        company_names: Iterable[str],
    ) -> JobSearchFilter:
        from followup.mail.reading.rules import load_rules

        rules = load_rules()
        vendor_domains = {d for domains in rules.ats_vendors.values() for d in domains}
        names = sorted({n.strip().lower() for n in company_names if len(n.strip()) >= 2})
        robots = (*rules.robot_local_parts, *rules.daemon_local_parts, "postmaster*")
        return cls(
            message_ids=frozenset(m.lower() for m in message_ids),
            contacts=frozenset(c.lower() for c in contacts),
            domains=frozenset({d.lower() for d in company_domains} | vendor_domains),
            robot_prefixes=tuple(p.lower().strip("*") for p in robots if not p.startswith("*")),
            robot_infixes=tuple(p.lower().strip("*") for p in robots if p.startswith("*")),
            company_words=re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
            if names
            else None,
            recruiting_words=rules.recruiting_words,
        )

    def might_concern(self, headers: bytes, content_types: frozenset[str]) -> bool:
        if content_types & _SPECIAL_TYPES:
            return True
        fields = header_fields(headers)
        threads = f"{fields.get('in-reply-to', '')} {fields.get('references', '')}"
        if any(mid in self.message_ids for mid in _MSGID.findall(threads)):
            return True
        senders = " ".join(fields.get(k, "") for k in ("from", "reply-to", "sender"))
        for address in _ADDRESS.findall(senders):
            local, _, domain = address.partition("@")
            if address in self.contacts or self._known_domain(domain):
                return True
            if local.startswith(self.robot_prefixes):
                return True
            if any(infix in local for infix in self.robot_infixes):
                return True
        text = f"{fields.get('subject', '')} {senders}"
        if self.company_words is not None and self.company_words.search(text):
            return True
        return self.recruiting_words.search(fields.get("subject", "")) is not None

    def might_concern_sent(self, headers: bytes) -> bool:
        """A message the user sent: to a known person or company, or in a known thread."""
        fields = header_fields(headers)
        threads = f"{fields.get('in-reply-to', '')} {fields.get('references', '')}"
        if any(mid in self.message_ids for mid in _MSGID.findall(threads)):
            return True
        recipients = f"{fields.get('to', '')} {fields.get('cc', '')}"
        return any(
            a in self.contacts or self._known_domain(a.partition("@")[2])
            for a in _ADDRESS.findall(recipients)
        )

    def _known_domain(self, domain: str) -> bool:
        parts = domain.split(".")
        return any(".".join(parts[i:]) in self.domains for i in range(len(parts) - 1))
