"""How a draft names the interview, the dates and what came before; pure.

Dates are written as the recipient's country writes them (CLDR, through babel). The
phrases depend on whether the recipient was at the interview, its kind and length, how
many rounds there were, and how long it has been since the last contact.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.domain import model as m
from followup.domain.company import without_legal_form
from followup.drafts.phrasing import fit_subject

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _day_comes_first(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(f"en_{code}")
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en_001")  # English as most of the world writes it
    return bool(locale.date_formats["long"].pattern.lstrip().startswith("d"))


@lru_cache(maxsize=64)
def day_first(country: str | None) -> bool:
    """Whether the recipient's country writes the day before the month in a letter (CLDR,
    through babel). Kept between runs (followup.kept): babel's date module costs more
    start-up than the rest of a draft."""
    from followup import kept

    code = (country or "US").strip().upper()
    if not re.fullmatch(r"[A-Z]{2,3}", code):
        return _day_comes_first(code)
    return kept.kept(f"day-first-{code}", code, [__file__], lambda: _day_comes_first(code))


def long_date(d: date, country: str | None = None) -> str:
    """ "Thursday, March 5" (US), "Thursday 5 March" (UK and most of the world)."""
    day, month = _DAYS[d.weekday()], _MONTHS[d.month - 1]
    return f"{day} {d.day} {month}" if day_first(country) else f"{day}, {month} {d.day}"


def short_date(d: date, country: str | None = None) -> str:
    """ "March 5" (US), "5 March" (UK and most of the world)."""
    month = _MONTHS[d.month - 1]
    return f"{d.day} {month}" if day_first(country) else f"{month} {d.day}"


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


INTERVIEW_PHRASES: dict[m.InterviewKind, str] = {
    m.InterviewKind.ON_SITE: "meeting",
    m.InterviewKind.PHONE: "phone conversation",
    m.InterviewKind.VIDEO: "video call",
    m.InterviewKind.PANEL: "panel interview",
}
SCREEN_MINUTES = 30  # a phone interview this short is a screening call
NUMBERS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def interview_phrase(interview: m.Interview) -> str:
    """ "our call" for a short phone screen, "our video call", "our panel interview"."""
    end = interview.end
    if interview.kind is m.InterviewKind.PHONE and end is not None:
        return (
            "call"
            if (end - interview.start).total_seconds() <= SCREEN_MINUTES * 60
            else (INTERVIEW_PHRASES[interview.kind])
        )
    return INTERVIEW_PHRASES[interview.kind]


def rounds_until(history: m.History, interview: m.Interview | None) -> int:
    """How many interviews, this one included, the candidate has had for the role."""
    if interview is None:
        return 0
    return sum(1 for iv in history.interviews if not iv.cancelled and iv.start <= interview.start)


def since_phrase(days: int) -> str:
    """ "three weeks", "about two months": the time since the last contact, or "" when it
    is too recent to mention."""
    if days < 10:
        return ""
    if days < 24:
        weeks = round(days / 7)
        return f"{NUMBERS[weeks]} weeks" if weeks > 1 else "over a week"
    if days < 45:
        return "about a month"
    if days < 365:
        return f"about {NUMBERS[min(10, round(days / 30))]} months"
    return "over a year"


def last_contact(
    action: m.Action, history: m.History, person: m.Person | None, interview: m.Interview | None
) -> tuple[int, str]:
    """Days from the last contact with this person (or the interview) to the action, and
    how a sentence names it: "my last note", "your last message", or "the interview"."""
    mine = [
        t
        for t in history.touches
        if t.at <= action.due
        and (person is None or t.person_id in (None, person.id))
        and t.channel is not m.Channel.TASK
    ]
    last = max(mine, key=lambda t: t.at, default=None)
    held = interview.end or interview.start if interview else None
    if last is None or (held is not None and held >= last.at):
        if held is None:
            return 0, ""
        return (action.due - held).days, "the interview"
    days = (action.due - last.at).days
    if last.direction is m.Direction.IN:
        return days, "your last message"
    if last.channel in (m.Channel.EMAIL, m.Channel.LINKEDIN):
        return days, "my last note"
    return days, "we last spoke"


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


def history_facts(
    action: m.Action,
    history: m.History,
    person: m.Person | None,
    interview: m.Interview | None,
    country: str | None,
) -> dict[str, object]:
    """What earlier contact tells a draft: the date the employer gave for a decision (a
    status check names it), the date the candidate will answer an offer by, and how many
    calls and voicemails came before (a second voicemail does not repeat the first)."""
    inbound = sorted(
        (t for t in history.touches if t.direction is m.Direction.IN and t.at <= action.due),
        key=lambda t: t.at,
    )
    given = [t for t in inbound if t.decision_by and t.kind is not m.TouchKind.OFFER]
    employer = given[-1].decision_by if given else (interview.decision_by if interview else None)
    # "You mentioned" only to the person who gave the date: in their message, or at an
    # interview they were at; anyone else is told what the candidate understood.
    if given:
        from_you = person is not None and given[-1].person_id == person.id
    else:
        from_you = bool(interview and person and person.id in interview.person_ids)
    offers = [t for t in inbound if t.kind is m.TouchKind.OFFER and t.decision_by]
    calls = [
        t
        for t in history.touches
        if t.direction is m.Direction.OUT
        and t.channel in (m.Channel.PHONE, m.Channel.VOICEMAIL)
        and (person is None or t.person_id in (None, person.id))
        and t.at <= action.due
    ]
    # The offer's own deadline (`outcome ... offer --offer-deadline`) or the one its
    # message gave: the earliest, so that the answer never comes after either.
    own = history.application.offer.deadline if history.application.offer else None
    deadlines = [d for d in (offers[-1].decision_by if offers else None, own) if d]
    answer = min(deadlines, default=None)
    return {
        "employer_date": long_date(employer, country) if employer else "",
        "employer_date_from_you": from_you,
        # The offer's deadline, else a date the candidate proposes: the Friday of next week.
        "answer_by": long_date(answer or candidate_answer_date(action.due.date()), country),
        "answer_by_employer": answer is not None,
        "calls_before": len(calls),
    }


def candidate_answer_date(today: date) -> date:
    """The first Friday at least five days after `today`: time to read an offer well."""
    day = today + timedelta(days=5)
    return day + timedelta(days=(4 - day.weekday()) % 7)


def context_facts(
    action: m.Action,
    history: m.History,
    person: m.Person | None,
    interview: m.Interview | None,
    *,
    met: bool,
    zone: str | None,
    country: str | None,
) -> dict[str, object]:
    """The words that depend on who receives the draft and what came before."""
    app = history.application
    role, company = " ".join(app.role.split()), without_legal_form(app.company)
    rounds = rounds_until(history, interview)
    phrases = conversation_phrases(interview, met, zone, country)
    days, last = last_contact(action, history, person, interview)
    if last == "the interview":
        last = "we spoke" if met else "then"
    since = since_phrase(days) if last else ""
    if rounds > 1:
        follow_up_on = (
            f"my {NUMBERS[min(rounds, 10)]} interviews for the {role} position at {company}, "
            f"most recently {phrases['talk']}"
        )
    else:
        follow_up_on = f"{phrases['talk']} {phrases['about']} the {role} position at {company}"
    earlier = [
        iv
        for iv in history.interviews
        if interview is not None and not iv.cancelled and iv.start < interview.start
    ]
    return {
        **phrases,
        "rounds": rounds,
        # The recipient met the candidate at an earlier round too: thanked "again".
        "met_before": person is not None and any(person.id in iv.person_ids for iv in earlier),
        "follow_up_on": follow_up_on,
        "since": since,
        "since_last": f"It has been {since} since {last}" if since else "",
        "rejection_enjoyed": rejection_enjoyed(interview, met, company),
        "opening_line": opening_line(interview, met, role, zone, country, rounds=rounds),
        **history_facts(action, history, person, interview, country),
    }


def opening_line(
    interview: m.Interview | None,
    met: bool,
    role: str,
    zone: str | None,
    country: str | None = None,
    *,
    rounds: int = 1,
) -> str:
    """The first sentence of a later note: thanks "again" only to someone who was there;
    a later round is named as such ("my second interview")."""
    if interview is None:
        return f"Thank you for considering my application for the {role} role."
    day = long_date(local_date(interview.start, zone), country)
    nth = ORDINALS[rounds] if 1 < rounds < len(ORDINALS) else ""
    if met:
        phrase = interview_phrase(interview)
        if nth:
            return (
                f"Thank you again for our {phrase} on {day}, "
                f"my {nth} interview for the {role} role."
            )
        return f"Thank you again for our {phrase} on {day} about the {role} role."
    if nth:
        return f"I am writing about my {nth} interview for the {role} role, on {day}."
    return f"I am writing about my interview on {day} for the {role} role."


def rejection_enjoyed(interview: m.Interview | None, met: bool, company: str) -> str:
    """What the candidate enjoyed, as a rejection reply says it: "meeting the team" only
    after an interview where they met a team."""
    if interview is None:
        return f"learning about {company}"
    if (
        interview.kind in (m.InterviewKind.PANEL, m.InterviewKind.ON_SITE)
        and len(interview.person_ids) > 1
    ):
        return f"meeting the team and learning about {company}"
    if met:
        return f"our conversation and learning about {company}"
    return f"learning about {company}"


def conversation_phrases(
    interview: m.Interview | None, met: bool, zone: str | None, country: str | None = None
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
    phrase = interview_phrase(interview)
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
