"""The facts a draft is made of, gathered from the history; pure.

Everything a template may use is put in one mapping here, so that the built-in
templates, the user's own and the AI prompt all see the same facts. Missing data is
reported with the command that adds it: `blocking` items stop the body from being
written (it would be vague without them), `address` items only stop sending.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.domain import model as m
from followup.drafts import hints
from followup.drafts.fit import fit_sentence
from followup.drafts.model import Profile, Recipient
from followup.drafts.notes import note_topic, read_note
from followup.drafts.phrasing import display_company
from followup.drafts.spelling import respell
from followup.drafts.strengths import best_strength, parse_strengths
from followup.drafts.wording import (
    context_facts,
    interview_phrase,
    local_date,
    long_date,
    short_date,
    subjects,
)

# A name written with a title is greeted with it: "Dear Dr. Wei," (SEED-BY-NAME).
HONORIFICS = frozenset({"mr", "ms", "mrs", "mx", "miss", "dr", "prof"})


@dataclass(frozen=True, slots=True)
class PersonView:
    """A person as templates see them."""

    id: int
    name: str
    first_name: str
    salutation: str  # how a greeting names them: "Dana", or "Dr. Wei" for "Dr. Li Wei"
    title: str
    email: str
    phone: str
    linkedin: str

    @classmethod
    def of(cls, person: m.Person) -> PersonView:
        name = " ".join(person.name.split())
        words = name.split()
        if person.call_me:
            # the name they go by, as the user wrote it: name order is never guessed
            first = salutation = " ".join(person.call_me.split())
        elif len(words) >= 2 and words[0].rstrip(".").casefold() in HONORIFICS:
            first, salutation = words[1], f"{words[0]} {words[-1]}"
        else:
            first = salutation = words[0] if words else ""
        return cls(
            id=person.id,
            name=name,
            first_name=first,
            salutation=salutation,
            title=person.title or "",
            email=person.email or "",
            phone=person.phone or "",
            linkedin=person.linkedin or "",
        )


@dataclass(slots=True)
class Facts:
    context: dict[str, object]
    recipient: Recipient | None
    blocking: list[str] = field(default_factory=list)
    address: list[str] = field(default_factory=list)
    in_reply_to: str | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        return (*self.blocking, *self.address)


def _interview_for(action: m.Action, history: m.History) -> m.Interview | None:
    live = [iv for iv in history.interviews if not iv.cancelled]
    if action.interview_id is not None:
        for iv in live:
            if iv.id == action.interview_id:
                return iv
    # The latest interview that has begun before the action's window opens.
    held = [iv for iv in live if iv.start <= action.earliest] or live
    return max(held, key=lambda iv: iv.start, default=None)


def _person_for(
    action: m.Action, history: m.History, interview: m.Interview | None
) -> m.Person | None:
    if action.person_id is not None:
        return history.person(action.person_id)
    order = (m.PersonRole.HIRING_MANAGER, m.PersonRole.RECRUITER, m.PersonRole.INTERVIEWER)
    ranked = sorted(
        history.people,
        key=lambda p: (order.index(p.role) if p.role in order else len(order), p.id),
    )
    if interview is not None:
        met = [p for p in ranked if p.id in interview.person_ids]
        if met:
            return met[0]
    return ranked[0] if ranked else None


THREAD_KINDS: dict[m.ActionKind, tuple[m.TouchKind, ...]] = {
    m.ActionKind.REJECTION_REPLY: (m.TouchKind.REJECTION,),
    m.ActionKind.OFFER_ACK: (m.TouchKind.OFFER,),
}


def _thread_touch(action: m.Action, history: m.History, person: m.Person | None) -> m.Touch | None:
    """The message this draft answers: the rejection or offer it replies to, or the last
    reply from the person when the next note belongs in that conversation."""
    if action.channel is not m.Channel.EMAIL or action.kind is m.ActionKind.THANK_YOU:
        return None
    inbound = [
        t
        for t in history.touches
        if t.direction is m.Direction.IN and t.channel is m.Channel.EMAIL and t.message_id
    ]
    wanted = THREAD_KINDS.get(action.kind)
    if wanted is not None:
        candidates = [t for t in inbound if t.kind in wanted]
    else:
        candidates = [
            t
            for t in inbound
            if t.kind is m.TouchKind.REPLY and person is not None and t.person_id == person.id
        ]
    return max(candidates, key=lambda t: t.at, default=None)


def reply_subject(touch: m.Touch | None) -> str:
    """Keep the thread's subject (stored as the touch's summary for inbound mail)."""
    if touch is None or not touch.summary.strip():
        return ""
    subject = touch.summary.strip().splitlines()[0]
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def panel_position(person: m.Person | None, interview: m.Interview | None) -> int:
    """Which of an interview's people this is: drafts to a panel vary by it."""
    if person is None or interview is None or person.id not in interview.person_ids:
        return 0
    return interview.person_ids.index(person.id)


# Words a note often starts with when written as a phrase ("The migration of ...");
# lower-cased so that the phrase reads well inside a sentence. Names stay as written.
PHRASE_STARTS = frozenset(
    [
        "the",
        "a",
        "an",
        "how",
        "what",
        "why",
        "when",
        "where",
        "which",
        "their",
        "your",
        "our",
        "his",
        "her",
        "its",
        "my",
        "this",
        "that",
        "these",
    ]
)


def highlight_of(note: str) -> str:
    """An interview note as a phrase that fits inside a sentence."""
    text = respell(" ".join(note.split()).rstrip(".!;, "))
    first, _, rest = text.partition(" ")
    if first.lower() in PHRASE_STARTS and first[:1].isupper() and not first.isupper():
        return f"{first.lower()} {rest}".rstrip()
    return text


def _profile_gaps(action: m.Action, profile: Profile) -> list[str]:
    if action.kind is m.ActionKind.FIND_CONTACT or action.channel is m.Channel.TASK:
        return []
    needed = ["name"]
    if action.channel is m.Channel.EMAIL:
        needed.append("email")
    if action.channel in (m.Channel.PHONE, m.Channel.VOICEMAIL) or action.kind in (
        m.ActionKind.CALL,
        m.ActionKind.VOICEMAIL,
    ):
        needed.append("phone")  # the voicemail says it twice
    if action.kind is m.ActionKind.THANK_YOU:
        needed.append("qualifications")
    gaps = [f for f in needed if not str(getattr(profile, f)).strip()]
    if not gaps:
        return []
    return [f"your {', '.join(gaps)} for the message: run `{hints.profile_set(*gaps)}`"]


def _recipient(action: m.Action, person: m.Person | None) -> tuple[Recipient | None, list[str]]:
    if person is None:
        return None, []
    if action.kind is m.ActionKind.FIND_CONTACT:
        return Recipient(person.name, None, person.id), []
    if action.channel is m.Channel.EMAIL:
        if person.email and person.email_bounced:
            return Recipient(person.name, None, person.id), [
                f"a working email address for {person.name} ({person.email} bounced): "
                f"run `{hints.person_email(person)}`"
            ]
        if not person.email:
            return Recipient(person.name, None, person.id), [
                f"an email address for {person.name}: run `{hints.person_email(person)}`"
            ]
        return Recipient(person.name, person.email, person.id), []
    if action.channel in (m.Channel.PHONE, m.Channel.VOICEMAIL):
        if not person.phone:
            return Recipient(person.name, None, person.id), [
                f"a phone number for {person.name}: run `{hints.person_phone(person)}`"
            ]
        return Recipient(person.name, person.phone, person.id), []
    if action.channel is m.Channel.LINKEDIN:
        if not person.linkedin:
            return Recipient(person.name, None, person.id), [
                f"the LinkedIn profile of {person.name}: run `{hints.person_linkedin(person)}`"
            ]
        return Recipient(person.name, person.linkedin, person.id), []
    return Recipient(person.name, None, person.id), []


def _content_gaps(
    action: m.Action, history: m.History, person: m.Person | None, interview: m.Interview | None
) -> list[str]:
    app = history.application
    gaps: list[str] = []
    if person is None and action.kind is not m.ActionKind.OFFER_DECISION:
        gaps.append(f"a contact person for {app.company}: run `{hints.add_person(app.id)}`")
    if action.kind is m.ActionKind.THANK_YOU:
        if interview is None:
            gaps.append(
                "the interview this thank-you is for: "
                f"run `followup interview add --app {app.id} ...`"
            )
        elif person is not None and not interview.notes.get(person.id, "").strip():
            gaps.append(
                f"the topic that stood out in your conversation with {person.name}, in a few "
                'words such as "their move to streaming" (the thank-you makes it a sentence): '
                f"run `{hints.interview_note(interview, person)}`"
            )
    if action.kind is m.ActionKind.COMPETING_OFFER and app.competing_offer_by is None:
        gaps.append(f"the date the other offer expires: run `{hints.competing_offer(app.id)}`")
    return gaps


def gather_facts(action: m.Action, history: m.History, profile: Profile) -> Facts:
    app = history.application
    interview = _interview_for(action, history)
    person = _person_for(action, history, interview)
    via = history.person(action.via_person_id) if action.via_person_id is not None else None
    zone = (person.tz if person and person.tz else None) or app.tz
    # Dates as the recipient's country writes them.
    country = (person.country if person and person.country else None) or app.country
    recipient, address_gaps = _recipient(action, via if via is not None else person)
    thread = _thread_touch(action, history, person)
    note = interview.notes.get(person.id, "") if interview and person else ""
    iv_date = local_date(interview.start, zone) if interview else None
    company = app.display_name or display_company(app.company)
    role = " ".join(app.role.split())
    met = bool(interview and person and person.id in interview.person_ids)
    variant = panel_position(person, interview)
    strengths = parse_strengths(profile.qualifications)
    names = (person.name,) if person else ()
    sentence, note_kind = read_note(note, names, met=met, variant=variant)
    # A strength follows talk about the work (or questions about it), never pay or logistics.
    fits = note_kind in ("work", "questions", "exercise")
    chosen = best_strength(strengths, note) if note.strip() and fits else None
    # `qualifications` keeps its old meaning for user templates: the chosen strength, else
    # the first; `fit_sentence` uses a strength only when it is relevant to the note.
    qualification = chosen.text if chosen else (strengths[0].text if strengths else "")
    context: dict[str, object] = {
        "action_id": action.id,
        "kind": action.kind.value,
        "channel": action.channel.value,
        "me": profile,
        "signoff": profile.signoff.strip() or "Best regards",
        "company": company,
        "legal_company": app.company,
        "role": role,
        "person": PersonView.of(person) if person else None,
        "via": PersonView.of(via) if via else None,
        "interview_kind": interview.kind.value if interview else "",
        "interview_phrase": interview_phrase(interview) if interview else "",
        "interview_date": long_date(iv_date, country) if iv_date else "",
        "interview_day": short_date(iv_date, country) if iv_date else "",
        "panel_size": len(interview.person_ids) if interview else 0,
        # Whether the recipient was at the interview ("our meeting") or not ("my interview").
        "met": met,
        **subjects(role, company, iv_date, country),
        "highlight": highlight_of(note),
        # The note as a sentence to this person ("his plan" -> "your plan"), or a safe one.
        "highlight_sentence": sentence,
        "qualifications": highlight_of(qualification),
        "fit_sentence": fit_sentence(chosen, variant) if note_kind == "work" or chosen else "",
        "strength_relevant": chosen is not None,
        "decision_by": (
            long_date(interview.decision_by, country) if interview and interview.decision_by else ""
        ),
        "offer_deadline": long_date(app.competing_offer_by, country)
        if app.competing_offer_by
        else "",
        **offer_facts(app, country),
        "reply_subject": reply_subject(thread),
        "variant": variant,
        **context_facts(action, history, person, interview, met=met, zone=zone, country=country),
        # What the conversation was about, for a later note ("" unless a work topic).
        "topic": note_topic(sentence) if note_kind == "work" else "",
    }
    blocking = _profile_gaps(action, profile) + _content_gaps(action, history, person, interview)
    return Facts(
        context=context,
        recipient=recipient,
        blocking=blocking,
        address=address_gaps,
        in_reply_to=thread.message_id if thread else None,
    )


def offer_facts(app: m.Application, country: str | None) -> dict[str, object]:
    """The application's own offer: its deadline and terms as a sentence's parts."""
    offer = app.offer
    terms = []
    if offer is not None:
        money = offer.currency or ""
        if offer.base is not None:
            terms.append(f"base {offer.base:,} {money}".strip())
        if offer.bonus is not None:
            terms.append(f"bonus {offer.bonus:,} {money}".strip())
        if offer.notes:
            terms.append(" ".join(offer.notes.split()))
    return {
        "app_id": app.id,
        "offer_due": long_date(offer.deadline, country) if offer and offer.deadline else "",
        "offer_terms": "; ".join(terms),
    }
