"""One CSV row read into an application: every value checked, every problem named.

`read_row` turns a row's values (field -> text, as a mapping found them) into a `RowData`
ready to write, or the list of what is wrong with it, so an import reports all the
problems of all the rows before it writes anything.

The people of an application travel in one cell (`contacts`), one person a line:

    Dana Chen <dana@acme.example>; recruiter; Talent Partner; +49 30 1234567

name and address, then role, job title and phone, each optional after the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from followup.app.errors import InputError
from followup.errors import UserError

if TYPE_CHECKING:
    from followup.domain.model import Person

# A status, compared without case, spaces or punctuation: the outcome it records ("" for
# none: still open).
STATUS_OUTCOMES = {
    "": "",
    "applied": "",
    "saved": "",
    "interviewing": "",
    "interview": "",
    "scheduled": "",
    "waiting": "",
    "inprogress": "",
    "pending": "",
    "open": "",
    "ghosted": "",
    "noresponse": "",
    "wishlist": "",
    "bookmarked": "",
    "screen": "",
    "screening": "",
    "phonescreen": "",
    "onsite": "",
    "interviewed": "",
    "assessment": "",
    "finalround": "",
    "rejected": "rejected",
    "rejection": "rejected",
    "offer": "offer",
    "offered": "offer",
    "offerreceived": "offer",
    "withdrawn": "withdrawn",
    "hired": "hired",
    "accepted": "hired",
    "declined": "declined",  # the candidate declined the offer (as `export csv` writes it)
}
SAVED_STATUSES = ("saved", "wishlist", "bookmarked")  # found, not applied for yet
AMOUNT_FIELDS = ("salary_min", "salary_max", "offer_base", "offer_bonus")
TEXT_DETAILS = (
    "source",
    "location",
    "work_mode",
    "salary_currency",
    "salary_period",
    "tags",
    "offer_currency",
    "offer_notes",
)
_AMOUNT = re.compile(r"\d{1,3}(?:([,. '])\d{3})(?:\1\d{3})*|\d+")
_PERSON = re.compile(r"(?P<name>[^<>]*?)\s*(?:<(?P<email>[^<>]*)>)?\s*")


def key(text: str) -> str:
    """A header or status as compared: lower case, letters and digits only."""
    return "".join(c for c in text.lower() if c.isalnum())


@dataclass(frozen=True, slots=True)
class RowData:
    """A row that passed every check, as the application it becomes: the arguments of
    the repositories' `add` for it (`app`) and for each of its people (`contacts`)."""

    app: dict[str, Any]
    outcome: str = ""  # "": none
    decided: date | None = None
    contacts: tuple[dict[str, Any], ...] = ()


def format_contact(person: Person) -> str:
    head = f"{person.name} <{person.email}>" if person.email else person.name
    parts = [head, person.role.value, person.title or "", person.phone or ""]
    return "; ".join(parts).rstrip("; ")


def _contact(
    name: str, email: str | None, role: str, title: str | None, phone: str | None
) -> dict[str, Any]:
    return {"name": name, "email": email, "role": role, "title": title, "phone": phone}


def parse_contacts(text: str) -> list[dict[str, Any]]:
    """The people of a `contacts` cell; InputError naming the first line that isn't one."""
    people = []
    for line in (x.strip() for x in text.splitlines()):
        if not line:
            continue
        head, *rest = [part.strip() for part in line.split(";")]
        found = _PERSON.fullmatch(head)
        role = (rest[0] if rest else "") or "recruiter"
        if found is None or not found["name"] or len(rest) > 3:
            raise InputError(
                f"{line!r} is not a contact (Name <email>; role; title; phone)",
                code="import.contact",
                params={},
            )
        title, phone = [*rest[1:], "", ""][:2]
        people.append(
            _contact(
                found["name"], found["email"] or None, role.lower(), title or None, phone or None
            )
        )
    return people


def parse_date(text: str, formats: Sequence[str]) -> date:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if not formats:
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    shown = " or ".join(formats) if formats else "YYYY-MM-DD"
    raise InputError(f"{text!r} is not a date ({shown})", code="import.date", params={})


def parse_amount(text: str, what: str) -> int:
    """A whole amount, thousands grouped or not: 85000, 85,000, 85.000, 85 000."""
    if not _AMOUNT.fullmatch(text):
        raise InputError(
            f"{text!r} is not an amount for the {what.replace('_', ' ')}",
            code="import.amount",
            params={},
        )
    return int(re.sub(r"\D", "", text))


def _with_scheme(link: str) -> str:
    """A link as sheets often hold it, "jobs.acme.example/41", with its https:// put back."""
    host = link.split("/", 1)[0]
    if "://" not in link and "." in host and " " not in link:
        return f"https://{link}"
    return link


def _checked(found: list[str], check: Callable[[], Any]) -> Any:
    """Run `check`; its refusal, if any, joins `found` (so a row's problems all show)."""
    try:
        return check()
    except UserError as exc:
        found.append(exc.problem)
        return None


def _details(
    record: Mapping[str, str], formats: Sequence[str], found: list[str], applied: date | None
) -> dict[str, Any]:
    from followup.app.validate import check_url
    from followup.store.checks import application_details, check_salary

    before = len(found)
    details: dict[str, Any] = {k: record[k] for k in TEXT_DETAILS if record.get(k)}
    if applied is not None:
        details["applied_on"] = applied
    if record.get("job_url"):
        details["job_url"] = _checked(found, partial(check_url, _with_scheme(record["job_url"])))
    for name in AMOUNT_FIELDS:
        if record.get(name):
            details[name] = _checked(found, partial(parse_amount, record[name], name))
    if record.get("offer_deadline"):
        text = record["offer_deadline"]
        details["offer_deadline"] = _checked(found, lambda: parse_date(text, formats))
    if len(found) == before:  # each value read: now the rules between them
        details = _checked(found, lambda: application_details(details)) or details
        _checked(found, lambda: check_salary(details))
    return details


def _contacts(record: Mapping[str, str], found: list[str]) -> tuple[dict[str, Any], ...]:
    from followup.app.input_checks import check_phone
    from followup.domain.model import PersonRole
    from followup.store.checks import email

    people = _checked(found, lambda: parse_contacts(record.get("contacts", ""))) or []
    if record.get("contact_name"):
        people.append(
            _contact(
                record["contact_name"],
                record.get("contact_email") or None,
                (record.get("contact_role") or "recruiter").lower(),
                None,
                record.get("contact_phone") or None,
            )
        )
    for person in people:
        _checked(found, partial(email, person["email"]))
        _checked(found, partial(check_phone, person["phone"], record.get("country") or None))
        if person["role"] not in PersonRole._value2member_map_:
            found.append(f"{person['role']!r} is not a contact role")
    return tuple(people)


def read_row(
    record: Mapping[str, str], formats: Sequence[str], extra: str
) -> tuple[RowData | None, list[str]]:
    """The row as an application, or None and every reason it can't be imported."""
    from followup.app.validate import check_country, check_zone

    found = [f"no {name}" for name in ("company", "role") if not record.get(name)]
    applied = decided = None
    if record.get("applied"):
        applied = _checked(found, lambda: parse_date(record["applied"], formats))
    if record.get("decided"):
        decided = _checked(found, lambda: parse_date(record["decided"], formats))
    status = key(record.get("status") or "")
    if status not in STATUS_OUTCOMES:
        found.append(
            f"{record['status']!r} is not a status (e.g. saved, applied, interviewing, offer, "
            "rejected, withdrawn, hired, declined)"
        )
    country = _checked(found, lambda: check_country(record.get("country") or None))
    tz = _checked(found, lambda: check_zone(record.get("tz") or None))
    details = _details(record, formats, found, applied)
    contacts = _contacts(record, found)
    if extra:
        found.append(f"{extra} (a stray delimiter?)")
    if found:
        return None, found
    details["saved"] = status in SAVED_STATUSES and applied is None
    app = {"company": record["company"], "role": record["role"], "country": country, "tz": tz}
    app |= {"notes": _notes(record), "details": details}
    return RowData(app, STATUS_OUTCOMES[status], decided, contacts), []


def _notes(record: Mapping[str, str]) -> str:
    """The notes, with a contact who has no name (an address or number only) kept there."""
    unnamed = (
        [record[k] for k in ("contact_email", "contact_phone") if record.get(k)]
        if not record.get("contact_name")
        else []
    )
    contact = f"Contact: {', '.join(unnamed)}" if unnamed else ""
    return "\n".join(x for x in (record.get("notes"), contact) if x)
