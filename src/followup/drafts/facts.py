"""The facts a draft is made of, gathered from the history; pure.

Everything a template may use is put in one mapping here, so that the built-in
templates, the user's own and the AI prompt all see the same facts. Missing data is
reported with the command that adds it: `blocking` items stop the body from being
written (it would be vague without them), `address` items only stop sending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.domain.model import (
    Action,
    ActionKind,
    Application,
    Channel,
    Direction,
    History,
    Interview,
    InterviewKind,
    Person,
    PersonRole,
    Touch,
    TouchKind,
)
from followup.drafts import hints
from followup.drafts.model import Profile, Recipient
from followup.drafts.phrasing import display_company, fit_subject, note_sentence
from followup.drafts.strengths import Strength, best_strength, parse_strengths

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
    def of(cls, person: Person) -> PersonView:
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


@lru_cache(maxsize=64)
def date_patterns(country: str | None) -> tuple[str, str]:
    """How the recipient's country writes a date in a letter (CLDR, through babel): "EEEE d
    MMMM" ("Thursday 5 March") where the day comes first, else "EEEE, MMMM d"."""
    from babel import Locale, UnknownLocaleError

    code = (country or "US").strip().upper()
    try:
        locale = Locale.parse(f"en_{code}")
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en_001")  # English as most of the world writes it
    if locale.date_formats["long"].pattern.lstrip().startswith("d"):
        return "EEEE d MMMM", "d MMMM"
    return "EEEE, MMMM d", "MMMM d"


def long_date(d: date, country: str | None = None) -> str:
    """ "Thursday, March 5" (US), "Thursday 5 March" (UK and most of the world)."""
    from babel.dates import format_date

    return str(format_date(d, format=date_patterns(country)[0], locale="en"))


def short_date(d: date, country: str | None = None) -> str:
    """ "March 5" (US), "5 March" (UK and most of the world)."""
    from babel.dates import format_date

    return str(format_date(d, format=date_patterns(country)[1], locale="en"))


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_date(at: datetime, zone_name: str | None) -> date:
    zone = _zone(zone_name)
    return (at.astimezone(zone) if zone else at).date()


def _interview_for(action: Action, history: History) -> Interview | None:
    live = [iv for iv in history.interviews if not iv.cancelled]
    if action.interview_id is not None:
        for iv in live:
            if iv.id == action.interview_id:
                return iv
    # The latest interview that has begun before the action's window opens.
    held = [iv for iv in live if iv.start <= action.earliest] or live
    return max(held, key=lambda iv: iv.start, default=None)


def _person_for(action: Action, history: History, interview: Interview | None) -> Person | None:
    if action.person_id is not None:
        return history.person(action.person_id)
    order = (PersonRole.HIRING_MANAGER, PersonRole.RECRUITER, PersonRole.INTERVIEWER)
    ranked = sorted(
        history.people,
        key=lambda p: (order.index(p.role) if p.role in order else len(order), p.id),
    )
    if interview is not None:
        met = [p for p in ranked if p.id in interview.person_ids]
        if met:
            return met[0]
    return ranked[0] if ranked else None


INTERVIEW_PHRASES: dict[InterviewKind, str] = {
    InterviewKind.ON_SITE: "meeting",
    InterviewKind.PHONE: "phone conversation",
    InterviewKind.VIDEO: "video call",
    InterviewKind.PANEL: "panel interview",
}

THREAD_KINDS: dict[ActionKind, tuple[TouchKind, ...]] = {
    ActionKind.REJECTION_REPLY: (TouchKind.REJECTION,),
    ActionKind.OFFER_ACK: (TouchKind.OFFER,),
}


def _thread_touch(action: Action, history: History, person: Person | None) -> Touch | None:
    """The message this draft answers: the rejection or offer it replies to, or the last
    reply from the person when the next note belongs in that conversation."""
    if action.channel is not Channel.EMAIL or action.kind is ActionKind.THANK_YOU:
        return None
    inbound = [
        t
        for t in history.touches
        if t.direction is Direction.IN and t.channel is Channel.EMAIL and t.message_id
    ]
    wanted = THREAD_KINDS.get(action.kind)
    if wanted is not None:
        candidates = [t for t in inbound if t.kind in wanted]
    else:
        candidates = [
            t
            for t in inbound
            if t.kind is TouchKind.REPLY and person is not None and t.person_id == person.id
        ]
    return max(candidates, key=lambda t: t.at, default=None)


def reply_subject(touch: Touch | None) -> str:
    """Keep the thread's subject (stored as the touch's summary for inbound mail)."""
    if touch is None or not touch.summary.strip():
        return ""
    subject = touch.summary.strip().splitlines()[0]
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def panel_position(person: Person | None, interview: Interview | None) -> int:
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
    text = " ".join(note.split()).rstrip(".!;, ")
    first, _, rest = text.partition(" ")
    if first.lower() in PHRASE_STARTS and first[:1].isupper() and not first.isupper():
        return f"{first.lower()} {rest}".rstrip()
    return text


def _profile_gaps(action: Action, profile: Profile) -> list[str]:
    if action.kind is ActionKind.FIND_CONTACT or action.channel is Channel.TASK:
        return []
    needed = ["name"]
    if action.channel is Channel.EMAIL:
        needed.append("email")
    if action.channel in (Channel.PHONE, Channel.VOICEMAIL) or action.kind in (
        ActionKind.CALL,
        ActionKind.VOICEMAIL,
    ):
        needed.append("phone")  # the voicemail says it twice
    if action.kind is ActionKind.THANK_YOU:
        needed.append("qualifications")
    gaps = [f for f in needed if not str(getattr(profile, f)).strip()]
    if not gaps:
        return []
    return [f"your {', '.join(gaps)} for the message: run `{hints.profile_set(*gaps)}`"]


def _recipient(action: Action, person: Person | None) -> tuple[Recipient | None, list[str]]:
    if person is None:
        return None, []
    if action.kind is ActionKind.FIND_CONTACT:
        return Recipient(person.name, None, person.id), []
    if action.channel is Channel.EMAIL:
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
    if action.channel in (Channel.PHONE, Channel.VOICEMAIL):
        if not person.phone:
            return Recipient(person.name, None, person.id), [
                f"a phone number for {person.name}: run `{hints.person_phone(person)}`"
            ]
        return Recipient(person.name, person.phone, person.id), []
    if action.channel is Channel.LINKEDIN:
        if not person.linkedin:
            return Recipient(person.name, None, person.id), [
                f"the LinkedIn profile of {person.name}: run `{hints.person_linkedin(person)}`"
            ]
        return Recipient(person.name, person.linkedin, person.id), []
    return Recipient(person.name, None, person.id), []


def _content_gaps(
    action: Action, history: History, person: Person | None, interview: Interview | None
) -> list[str]:
    app = history.application
    gaps: list[str] = []
    if person is None and action.kind is not ActionKind.OFFER_DECISION:
        gaps.append(f"a contact person for {app.company}: run `{hints.add_person(app.id)}`")
    if action.kind is ActionKind.THANK_YOU:
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
    if action.kind is ActionKind.COMPETING_OFFER and app.competing_offer_by is None:
        gaps.append(f"the date the other offer expires: run `{hints.competing_offer(app.id)}`")
    return gaps


def gather_facts(action: Action, history: History, profile: Profile) -> Facts:
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
    chosen = best_strength(strengths, note) if note.strip() else None
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
        "interview_phrase": INTERVIEW_PHRASES[interview.kind] if interview else "",
        "interview_date": long_date(iv_date, country) if iv_date else "",
        "interview_day": short_date(iv_date, country) if iv_date else "",
        "panel_size": len(interview.person_ids) if interview else 0,
        # Whether the recipient was at the interview ("our meeting") or not ("my interview").
        "met": met,
        **conversation_phrases(interview, met, zone, country),
        **subjects(role, company, iv_date, country),
        "highlight": highlight_of(note),
        # The note as a sentence to this person ("his plan" -> "your plan"), or a safe one.
        "highlight_sentence": note_sentence(
            note, (person.name,) if person else (), met=met, variant=variant
        ),
        "qualifications": highlight_of(qualification),
        "fit_sentence": fit_sentence(chosen, variant),
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
        "rejection_enjoyed": rejection_enjoyed(interview, met, company),
        "opening_line": opening_line(interview, met, role, zone, country),
        **history_facts(action, history, person, interview, country),
    }
    blocking = _profile_gaps(action, profile) + _content_gaps(action, history, person, interview)
    return Facts(
        context=context,
        recipient=recipient,
        blocking=blocking,
        address=address_gaps,
        in_reply_to=thread.message_id if thread else None,
    )


def offer_facts(app: Application, country: str | None) -> dict[str, object]:
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


QUALIFICATION_SEPARATORS = re.compile(r"\s*(?:\n|;)\s*")
WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_STEM = 5  # "streaming" and "stream" share "strea"; short words say little


def _stems(text: str) -> set[str]:
    return {w.casefold()[:MIN_STEM] for w in WORD.findall(text) if len(w) >= 4}


def best_qualification(qualifications: str, note: str) -> str:
    """Of the profile's qualification lines (newline or ";" apart), the one closest to
    what stood out in the interview (SEED-HIGHLIGHT: tie the highlight to the fit)."""
    lines = [line for line in QUALIFICATION_SEPARATORS.split(qualifications.strip()) if line]
    if not lines:
        return ""
    wanted = _stems(note)
    return max(lines, key=lambda line: (len(_stems(line) & wanted), -lines.index(line)))


def subjects(
    role: str, company: str, iv_date: date | None, country: str | None = None
) -> dict[str, str]:
    """Subject lines that stay under the linter's length limit (LINT-SUBJECT-LENGTH)."""
    day = f" on {short_date(iv_date, country)}" if iv_date else ""
    return {
        "followup_subject": fit_subject(
            f"Following up: {role} interview{day}" if iv_date else "",
            f"Following up: {role} interview" if iv_date else f"Following up: {role} application",
            f"Following up: {role}",
            "Following up on my interview" if iv_date else "Following up on my application",
        ),
        "thanks_subject": fit_subject(
            f"Thank you - {role} interview", f"Thank you - {role}", "Thank you for the interview"
        ),
        "timing_subject": fit_subject(
            f"Question about timing - {role} role",
            f"Question about timing - {role}",
            "Question about timing",
        ),
        "offer_subject": fit_subject(
            f"Thank you - {role} offer", f"Thank you - {role}", "Thank you for the offer"
        ),
        "rejection_subject": fit_subject(
            f"Thank you - {role} position", f"Thank you - {role}", "Thank you for letting me know"
        ),
        "stay_subject": fit_subject(f"Staying in touch - {company}", "Staying in touch"),
        "decline_subject": fit_subject(f"Your offer - {role}", "Your offer"),
        "withdrawal_subject": fit_subject(
            f"Withdrawing my application - {role}", "Withdrawing my application"
        ),
    }


GENERAL_FIT = (
    "It is the kind of work where my experience fits well, and I would enjoy taking it on.",
    "It is close to the work I enjoy most, and my experience would carry over well.",
    "That is the kind of problem my background fits, and I would be glad to help with it.",
)


def fit_sentence(strength: Strength | None, variant: int = 0) -> str:
    """The sentence tying the conversation to what the candidate brings (SEED-HIGHLIGHT):
    the relevant strength (as written when it is a sentence, framed when a phrase), else a
    general sentence that claims nothing specific."""
    if strength is None:
        return GENERAL_FIT[variant % 3]
    text = strength.text
    if strength.is_sentence:
        return text if text.endswith((".", "!")) else text + "."
    phrase = highlight_of(text)
    return (
        f"It is close to the work I know best: {phrase}.",
        f"It matches my own experience: {phrase}.",
        f"That is exactly where my background fits: {phrase}.",
    )[variant % 3]


def history_facts(
    action: Action,
    history: History,
    person: Person | None,
    interview: Interview | None,
    country: str | None,
) -> dict[str, object]:
    """What earlier contact tells a draft: the date the employer gave for a decision (a
    status check names it), the date the candidate will answer an offer by, and how many
    calls and voicemails came before (a second voicemail does not repeat the first)."""
    inbound = sorted(
        (t for t in history.touches if t.direction is Direction.IN and t.at <= action.due),
        key=lambda t: t.at,
    )
    given = [t.decision_by for t in inbound if t.decision_by and t.kind is not TouchKind.OFFER]
    employer = given[-1] if given else (interview.decision_by if interview else None)
    offers = [t for t in inbound if t.kind is TouchKind.OFFER and t.decision_by]
    calls = [
        t
        for t in history.touches
        if t.direction is Direction.OUT
        and t.channel in (Channel.PHONE, Channel.VOICEMAIL)
        and (person is None or t.person_id in (None, person.id))
        and t.at <= action.due
    ]
    return {
        "employer_date": long_date(employer, country) if employer else "",
        "answer_by": long_date(offers[-1].decision_by, country)
        if offers and offers[-1].decision_by
        else "",
        "calls_before": len(calls),
    }


def opening_line(
    interview: Interview | None, met: bool, role: str, zone: str | None, country: str | None = None
) -> str:
    """The first sentence of a later note: thanks "again" only to someone who was there."""
    if interview is None:
        return f"Thank you for considering my application for the {role} role."
    day = long_date(local_date(interview.start, zone), country)
    if met:
        phrase = INTERVIEW_PHRASES[interview.kind]
        return f"Thank you again for our {phrase} on {day} about the {role} role."
    return f"I am writing about my interview on {day} for the {role} role."


def rejection_enjoyed(interview: Interview | None, met: bool, company: str) -> str:
    """What the candidate enjoyed, as a rejection reply says it: "meeting the team" only
    after an interview where they met a team."""
    if interview is None:
        return f"learning about {company}"
    if (
        interview.kind in (InterviewKind.PANEL, InterviewKind.ON_SITE)
        and len(interview.person_ids) > 1
    ):
        return f"meeting the team and learning about {company}"
    if met:
        return f"our conversation and learning about {company}"
    return f"learning about {company}"


def conversation_phrases(
    interview: Interview | None, met: bool, zone: str | None, country: str | None = None
) -> dict[str, str]:
    """How a message refers to the interview: "our meeting on ..." to someone who was
    there, "my interview on ..." to someone who was not, "my application" with none."""
    if interview is None:
        return {
            "on_date": "",
            "on_day": "",
            "talk": "my application",
            "talk_day": "my application",
            "thanks_for": "considering my application",
            "about": "for",
            "spoke": "I applied for",
            "enjoyed": "learning about the role",
        }
    day = local_date(interview.start, zone)
    on_date, on_day = f" on {long_date(day, country)}", f" on {short_date(day, country)}"
    phrase = INTERVIEW_PHRASES[interview.kind]
    if met:
        return {
            "on_date": on_date,
            "on_day": on_day,
            "talk": f"our {phrase}{on_date}",
            "talk_day": f"our {phrase}{on_day}",
            "thanks_for": f"the {phrase}{on_date}",
            "about": "about",
            "spoke": f"We spoke{on_day} about",
            "enjoyed": "our conversation",
        }
    return {
        "on_date": on_date,
        "on_day": on_day,
        "talk": f"my interview{on_date}",
        "talk_day": f"my interview{on_day}",
        "thanks_for": f"considering me after my interview{on_date}",
        "about": "for",
        "spoke": f"I interviewed{on_day} for",
        "enjoyed": "meeting the team",
    }
