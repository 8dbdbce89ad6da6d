"""Which application (and person) an incoming message belongs to, with the evidence used.

Evidence, strongest first (mail.md): In-Reply-To/References naming a Message-ID we sent
(or the Message-ID a bounce returned); Gmail's thread id; the sender being a known contact;
the sender's domain being the company's (never a free-mail or ATS domain); the normalised
subject, as weak support only. One employer can have many applications and a subject like
"Schedule your phone screen" names none, so when the evidence does not single out one
application the result says `needs_review` with the reason: never a silent guess. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from followup.domain.model import Direction, History
from followup.mail.reading.classify import MessageClass, MessageInfo
from followup.mail.reading.parse import bare_message_id
from followup.mail.reading.rules import ClassifyRules, domain_in, load_rules
from followup.mail.reading.text import normalize_subject

# Confidence of each kind of evidence when it points at exactly one application.
WEIGHTS = {
    "returned-message-id": 0.99,
    "in-reply-to": 0.99,
    "references": 0.97,
    "thread": 0.95,
    "contact": 0.85,
    "invite-contact": 0.8,
    "company-domain": 0.7,
    "company-name": 0.4,
    "subject": 0.3,
}
_ACCEPT = 0.7  # below this, a single candidate is still shown for review
# classes that matter to an application: unmatched, they go to the review queue
_RELEVANT = frozenset(
    {
        MessageClass.REPLY,
        MessageClass.REJECTION,
        MessageClass.OFFER,
        MessageClass.INVITATION,
        MessageClass.CANCELLATION,
        MessageClass.ATS,
        MessageClass.BOUNCE,
        MessageClass.AUTO_REPLY,
    }
)


@dataclass(frozen=True, slots=True)
class SentMessage:
    """A message the user sent for an application (from the outbox or the Sent folder)."""

    message_id: str
    app_id: int
    action_id: str | None = None
    person_id: int | None = None
    thread_id: str | None = None  # Gmail X-GM-THRID
    subject: str = ""
    sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    email: str
    app_id: int
    person_id: int | None = None


@dataclass(frozen=True, slots=True)
class ApplicationRef:
    app_id: int
    company: str
    role: str = ""
    domain: str | None = None
    created_at: datetime | None = None
    closed: bool = False  # an outcome is recorded; still matchable, but less likely


@dataclass(frozen=True, slots=True)
class Candidates:
    sent: tuple[SentMessage, ...] = ()
    contacts: tuple[Contact, ...] = ()
    applications: tuple[ApplicationRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str  # a key of WEIGHTS
    detail: str  # what matched, for the user
    app_ids: tuple[int, ...]
    person_id: int | None = None
    action_id: str | None = None

    @property
    def weight(self) -> float:
        return WEIGHTS[self.kind]


@dataclass(frozen=True, slots=True)
class Match:
    app_id: int | None
    person_id: int | None = None
    action_id: str | None = None  # the sent action this message answers
    confidence: float = 0.0
    evidence: tuple[Evidence, ...] = ()  # strongest first
    needs_review: bool = False
    reason: str = ""


def candidates_from_histories(
    histories: Iterable[History], sent: Sequence[SentMessage] = ()
) -> Candidates:
    """Candidate data from the store's histories: sent touches, people, company domains."""
    messages = list(sent)
    contacts: list[Contact] = []
    apps: list[ApplicationRef] = []
    for history in histories:
        app = history.application
        apps.append(
            ApplicationRef(
                app_id=app.id,
                company=app.company,
                role=app.role,
                domain=app.company_domain,
                created_at=app.created_at,
                closed=app.outcome is not None,
            )
        )
        for person in history.people:
            if person.email:
                contacts.append(Contact(person.email.strip().lower(), app.id, person.id))
        for touch in history.touches:
            if touch.message_id and touch.direction is Direction.OUT:
                messages.append(
                    SentMessage(
                        message_id=touch.message_id,
                        app_id=app.id,
                        action_id=touch.action_id,
                        person_id=touch.person_id,
                        subject=touch.summary,  # the sync stores a sent mail's subject here
                        sent_at=touch.at,
                    )
                )
    return Candidates(tuple(messages), tuple(contacts), tuple(apps))


def match_message(
    info: MessageInfo,
    candidates: Candidates,
    *,
    user_addresses: Iterable[str] = (),
    rules: ClassifyRules | None = None,
) -> Match:
    """The best application for a classified message, or a review request saying why not."""
    rules = rules or load_rules()
    mine = frozenset(a.strip().lower() for a in user_addresses)
    evidence = [
        *_by_message_id(info, candidates),
        *_by_thread(info, candidates),
        *_by_contact(info, candidates, mine),
        *_by_domain(info, candidates, rules),
        *_by_subject(info, candidates),
    ]
    evidence.sort(key=lambda e: -e.weight)
    return _decide(info, tuple(evidence), candidates)


def _decide(info: MessageInfo, evidence: tuple[Evidence, ...], candidates: Candidates) -> Match:
    if not evidence:
        relevant = info.kind in _RELEVANT and not info.from_user
        reason = "no sent message, contact or company domain matches" if relevant else ""
        return Match(app_id=None, needs_review=relevant, reason=reason)
    strongest = evidence[0]
    if len(strongest.app_ids) == 1:
        app_id = strongest.app_ids[0]
        support = [e for e in evidence if app_id in e.app_ids]
        conflicts = [e for e in evidence if app_id not in e.app_ids and e.weight >= _ACCEPT]
        person = next((e.person_id for e in support if e.person_id is not None), None)
        action = next((e.action_id for e in support if e.action_id is not None), None)
        confidence = _combine([e.weight for e in support])
        review = strongest.weight < _ACCEPT
        reason = f"only weak evidence ({strongest.kind})" if review else ""
        if conflicts and strongest.weight < 0.95:
            review, reason = True, f"{strongest.kind} and {conflicts[0].kind} disagree"
        if info.uncertain and not review:  # which application is clear, what it says is not
            review, reason = True, f"not read for sure: {info.uncertain[0]}"
        return Match(app_id, person, action, confidence, evidence, review, reason)
    # the strongest evidence fits several applications: let weaker evidence narrow it down
    narrowed = _narrow(strongest.app_ids, evidence[1:])
    names = ", ".join(_app_name(a, candidates) for a in strongest.app_ids)
    reason = f"{strongest.kind} fits {len(strongest.app_ids)} applications ({names})"
    if narrowed is None:
        return Match(None, evidence=evidence, needs_review=True, reason=reason)
    person = strongest.person_id if narrowed == strongest.app_ids[0] else None
    weights = [e.weight for e in evidence if narrowed in e.app_ids]
    confidence = min(_combine(weights), 0.6)
    suggestion = f"; {_app_name(narrowed, candidates)} suggested by weaker evidence"
    return Match(narrowed, person, None, confidence, evidence, True, reason + suggestion)


def _narrow(app_ids: tuple[int, ...], weaker: Sequence[Evidence]) -> int | None:
    for item in weaker:
        common = [a for a in item.app_ids if a in app_ids]
        if len(common) == 1:
            return common[0]
    return None


def _combine(weights: Sequence[float]) -> float:
    """Independent pieces of evidence: 1 - product of (1 - w), rounded for display."""
    miss = 1.0
    for weight in weights:
        miss *= 1.0 - weight
    return round(1.0 - miss, 3)


def _app_name(app_id: int, candidates: Candidates) -> str:
    for app in candidates.applications:
        if app.app_id == app_id:
            return f"#{app_id} {app.company} {app.role}".strip()
    return f"#{app_id}"


def _by_message_id(info: MessageInfo, candidates: Candidates) -> list[Evidence]:
    by_id: dict[str, list[SentMessage]] = {}
    for sent in candidates.sent:
        by_id.setdefault(bare_message_id(sent.message_id), []).append(sent)
    found: list[Evidence] = []
    sources = [
        ("returned-message-id", [info.original_message_id] if info.original_message_id else []),
        ("in-reply-to", list(info.in_reply_to)),
        ("references", list(reversed(info.references))),  # the latest reference first
    ]
    for kind, ids in sources:
        for message_id in ids:
            hits = by_id.get(bare_message_id(message_id), [])
            if hits:
                found.append(_sent_evidence(kind, message_id, hits))
                break
    return found


def _sent_evidence(kind: str, detail: str, hits: list[SentMessage]) -> Evidence:
    apps = tuple(dict.fromkeys(h.app_id for h in hits))
    return Evidence(kind, detail, apps, hits[0].person_id, hits[0].action_id)


def _by_thread(info: MessageInfo, candidates: Candidates) -> list[Evidence]:
    if not info.thread_id:
        return []
    hits = [s for s in candidates.sent if s.thread_id and s.thread_id == info.thread_id]
    return [_sent_evidence("thread", f"Gmail thread {info.thread_id}", hits)] if hits else []


def _by_contact(info: MessageInfo, candidates: Candidates, mine: frozenset[str]) -> list[Evidence]:
    found: list[Evidence] = []
    senders = [a for a in info.sender_addresses() if a not in mine]
    invite_people: list[str] = []
    if info.invite is not None:
        if info.invite.organizer is not None:
            invite_people.append(info.invite.organizer.email)
        invite_people.extend(a.email for a in info.invite.attendees)
    for kind, addresses in (("contact", senders), ("invite-contact", invite_people)):
        for address in dict.fromkeys(a for a in addresses if a and a not in mine):
            hits = [c for c in candidates.contacts if c.email == address]
            if hits:
                apps = tuple(dict.fromkeys(_live_first(hits, candidates)))
                found.append(Evidence(kind, address, apps, hits[0].person_id))
                break
    return found


def _live_first(hits: list[Contact], candidates: Candidates) -> list[int]:
    closed = {a.app_id for a in candidates.applications if a.closed}
    return [h.app_id for h in hits if h.app_id not in closed] or [h.app_id for h in hits]


def _by_domain(info: MessageInfo, candidates: Candidates, rules: ClassifyRules) -> list[Evidence]:
    found: list[Evidence] = []
    ats_domains = tuple(d for ds in rules.ats_vendors.values() for d in ds)
    for address in info.sender_addresses():
        domain = address.rpartition("@")[2]
        if (
            not domain
            or domain_in(domain, rules.free_mail_domains)
            or domain_in(domain, ats_domains)
        ):
            continue
        apps = tuple(
            a.app_id
            for a in candidates.applications
            if a.domain
            and domain_in(domain, (a.domain.lower(),))
            and (info.date is None or a.created_at is None or info.date >= a.created_at)
        )
        if apps:
            found.append(Evidence("company-domain", domain, apps))
            break
    if not found and info.ats:
        found.extend(_by_company_name(info, candidates))
    return found


def _by_company_name(info: MessageInfo, candidates: Candidates) -> list[Evidence]:
    """ATS mail comes from the vendor's domain: the company shows only in names and subjects."""
    sender_name = info.from_.name if info.from_ is not None else ""
    haystack = f" {sender_name} {info.subject} ".casefold()
    apps = tuple(
        a.app_id
        for a in candidates.applications
        if len(a.company) >= 2 and f" {a.company.casefold()}" in haystack
    )
    return [Evidence("company-name", sender_name or info.subject, apps)] if apps else []


def _by_subject(info: MessageInfo, candidates: Candidates) -> list[Evidence]:
    subject = info.normalized_subject or normalize_subject(info.subject)
    if not subject:
        return []
    apps = tuple(
        dict.fromkeys(
            s.app_id
            for s in candidates.sent
            if s.subject and normalize_subject(s.subject) == subject
        )
    )
    return [Evidence("subject", subject, apps)] if apps else []
