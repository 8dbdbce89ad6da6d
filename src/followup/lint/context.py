"""What the linter knows about a draft besides its text: who, where, which role, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from followup.domain.model import History, Interview, Outcome, TouchKind


@dataclass(frozen=True, slots=True)
class LintContext:
    """The records a draft is checked against. Unknown values are None and their checks rest."""

    kind: str
    recipient_name: str | None = None
    recipient_call_me: str | None = None  # the name they go by, for greetings ("Wei Ling")
    recipient_title: str | None = None
    people_names: tuple[str, ...] = ()  # everyone known at this application
    company: str | None = None
    company_display: str | None = None  # how letters name it ("Acme" for "Acme Holdings")
    role: str | None = None
    interview_date: date | None = None
    interview_note: str | None = None  # what stood out with this person (SEED-HIGHLIGHT)
    candidate_name: str | None = None
    candidate_phone: str | None = None
    has_offer: bool = False
    employer_raised_pay: bool = False
    attachments_requested: bool = False
    signoffs: tuple[str, ...] | None = None  # the user's list; None: the rules' list
    linkedin_limit: int | None = None  # characters of a connection note; None: the rules' limit
    thread_subject: str | None = None  # the subject of the thread this replies in
    other_companies: tuple[str, ...] = ()  # companies of the user's other applications

    def flag(self, name: str) -> bool:
        """A context flag named in the rules data (`unless:`)."""
        return bool(getattr(self, name))


@dataclass(frozen=True, slots=True)
class CandidateProfile:
    """The user: who signs the drafts."""

    name: str | None = None
    phone: str | None = None
    signoffs: tuple[str, ...] | None = None
    linkedin_limit: int | None = None


def _interview_with(history: History, person_id: int | None) -> Interview | None:
    """The most recent interview that took place with the person (else any at all)."""
    interviews = sorted(
        (i for i in history.interviews if not i.cancelled), key=lambda i: i.start, reverse=True
    )
    for interview in interviews:
        if person_id is not None and person_id in interview.person_ids:
            return interview
    return interviews[0] if interviews else None


def _local_date(interview: Interview, *zones: str | None) -> date:
    """The interview's calendar date where the recipient lives (the person's zone, else
    the company's), as a letter would name it; else the date in its own offset."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    for zone in zones:
        if zone:
            try:
                return interview.start.astimezone(ZoneInfo(zone)).date()
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    return interview.start.date()


def context_for(
    history: History,
    person_id: int | None,
    kind: str,
    profile: CandidateProfile | None = None,
    *,
    interview_id: int | None = None,
    other_companies: tuple[str, ...] = (),
    employer_raised_pay: bool = False,
    attachments_requested: bool = False,
    thread_subject: str | None = None,
) -> LintContext:
    """A LintContext for a draft of `kind` to person `person_id` of this application."""
    profile = profile or CandidateProfile()
    app = history.application
    person = history.person(person_id) if person_id is not None else None
    interview = next((i for i in history.interviews if i.id == interview_id), None)
    if interview is None:
        interview = _interview_with(history, person_id)
    note = interview.notes.get(person_id) if interview and person_id is not None else None
    offer_received = any(t.kind is TouchKind.OFFER for t in history.touches)
    return LintContext(
        kind=kind,
        recipient_name=person.name if person else None,
        recipient_call_me=person.call_me if person else None,
        recipient_title=person.title if person else None,
        people_names=tuple(p.name for p in history.people),
        company=app.company,
        company_display=app.display_name,
        role=app.role,
        interview_date=_local_date(interview, person.tz if person else None, app.tz)
        if interview
        else None,
        interview_note=note,
        candidate_name=profile.name,
        candidate_phone=profile.phone,
        has_offer=offer_received or app.outcome in (Outcome.OFFER, Outcome.HIRED, Outcome.DECLINED),
        employer_raised_pay=employer_raised_pay,
        attachments_requested=attachments_requested,
        signoffs=profile.signoffs,
        linkedin_limit=profile.linkedin_limit,
        thread_subject=thread_subject,
        other_companies=tuple(c for c in other_companies if c.casefold() != app.company.casefold()),
    )
