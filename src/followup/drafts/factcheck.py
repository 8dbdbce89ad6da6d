"""The facts check of an AI rewrite: every fact of the template draft is still there and
unchanged. Pure.

The linter judges the voice; this judges the facts: the recipient's name, the company, the
role, the candidate's name (and phone, where the template gives it) must appear, and every
date must be one of the template's dates with the same weekday. A rewrite that drops or
changes one is sent back to the model with the problem, like a linter error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from followup.domain.company import without_legal_form
from followup.drafts.model import Draft

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?P<month{n}>" + "|".join(m.capitalize() for m in MONTHS) + r")"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(d.capitalize() for d in WEEKDAYS) + r"),?\s+(?:the\s+)?)?"
# "Tuesday, March 3", "March 3rd", "Tuesday 3 March", "3rd of March"
DATE_RE = re.compile(
    _WEEKDAY
    + r"(?:"
    + _MONTH.format(n=1)
    + r"\s+(?P<day1>\d{1,2})(?:st|nd|rd|th)?|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.format(n=2)
    + r")\b"
)

MonthDay = tuple[int, int]


def dates_in(text: str) -> dict[MonthDay, set[str]]:
    """Each (month, day) the text names, with the weekdays said with it."""
    found: dict[MonthDay, set[str]] = {}
    for match in DATE_RE.finditer(text):
        month = match.group("month1") or match.group("month2")
        day = int(match.group("day1") or match.group("day2"))
        weekdays = found.setdefault((MONTHS.index(month.lower()) + 1, day), set())
        if match.group("weekday"):
            weekdays.add(match.group("weekday"))
    return found


def _has(text: str, phrase: str) -> bool:
    words = [re.escape(w) for w in phrase.split()]
    if not words:
        return True
    pattern = r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _person_named(text: str, person: object) -> bool:
    forms = {getattr(person, k, "") for k in ("salutation", "first_name", "name")}
    return any(form and _has(text, form) for form in forms)


def _date_label(month_day: MonthDay) -> str:
    return f"{MONTHS[month_day[0] - 1].capitalize()} {month_day[1]}"


def fact_problems(template: Draft, rewrite: Draft, facts: Mapping[str, object]) -> list[str]:
    """What the rewrite lost or changed of the template's facts, as one-line problems."""
    before, after = template.text(), rewrite.text()
    problems: list[str] = []
    person, me = facts.get("person"), facts.get("me")
    if person is not None and _person_named(before, person) and not _person_named(after, person):
        name = getattr(person, "salutation", "") or getattr(person, "name", "")
        problems.append(f"FACT-NAME: the message no longer names {name}; greet them by name")
    company = str(facts.get("company", ""))
    if company and _has(before, company) and not _has(after, without_legal_form(company)):
        problems.append(f"FACT-COMPANY: the company {company} is missing; name it as written")
    role = str(facts.get("role", ""))
    if role and _has(before, role) and not _has(after, role):
        problems.append(f'FACT-ROLE: the role "{role}" is missing; name it exactly')
    # The phone number is a fact of a voicemail (said twice); in a signature it is optional.
    spoken = template.message_kind in ("voicemail", "call-script")
    for key in ("name", "phone") if spoken else ("name",):
        value = str(getattr(me, key, "") or "")
        if value and value in before and value not in after:
            problems.append(f"FACT-CANDIDATE: your {key} {value} is missing; keep it as given")
    problems.extend(_date_problems(dates_in(before), dates_in(after)))
    return problems


def _date_problems(before: dict[MonthDay, set[str]], after: dict[MonthDay, set[str]]) -> list[str]:
    problems = []
    for month_day in before:
        if month_day not in after:
            problems.append(
                f"FACT-DATE: the date {_date_label(month_day)} is missing; keep every date given"
            )
    for month_day, weekdays in after.items():
        if month_day not in before:
            problems.append(
                f"FACT-DATE: {_date_label(month_day)} is not a date in the facts; use only "
                "the dates given"
            )
        elif before[month_day] and weekdays - before[month_day]:
            wrong, right = sorted(weekdays - before[month_day])[0], sorted(before[month_day])[0]
            problems.append(
                f"FACT-DATE: {_date_label(month_day)} is a {right}, not a {wrong}; "
                "keep the weekday given"
            )
    return problems
