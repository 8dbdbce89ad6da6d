"""The commands that add missing data, as a draft names them.

Kept in one place so that the wording follows the CLI when its options change.
"""

from __future__ import annotations

from followup.domain.model import Interview, Person


def person_email(person: Person) -> str:
    return f"followup person set {person.id} --email ADDRESS"


def person_phone(person: Person) -> str:
    return f"followup person set {person.id} --phone NUMBER"


def person_linkedin(person: Person) -> str:
    return f"followup person set {person.id} --linkedin URL"


def interview_note(interview: Interview, person: Person) -> str:
    # The same PERSON_ID=TEXT form as `followup interview add --note`.
    return f'followup interview set {interview.id} --note "{person.id}=TOPIC"'


def add_person(app_id: int) -> str:
    return f'followup person add --app {app_id} --name "NAME" --email ADDRESS'


def competing_offer(app_id: int) -> str:
    return f"followup app set {app_id} --competing-offer-by YYYY-MM-DD"


PROFILE_OPTIONS: dict[str, str] = {
    "name": '--name "YOUR NAME"',
    "email": "--email ADDRESS",
    "phone": '--phone "NUMBER"',
    "signoff": '--signoff "Best regards"',
    "qualifications": '--qualifications "I did X. [keyword, keyword]; another strength"',
    "linkedin": "--linkedin URL",
}


def profile_set(*fields: str) -> str:
    return "followup profile set " + " ".join(PROFILE_OPTIONS[f] for f in fields)
