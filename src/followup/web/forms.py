"""Form data -> a use case's input, with every problem kept next to its field.

A `Form` reads the submitted values; each `text`, `date`... call returns the parsed value or
None and remembers the field's message. A use case's refusal (`UserError`) is put on the
field it names (`field_of`), else shown above the form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from followup.errors import UserError

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

MAX_TEXT = 10_000

# The field a use case's refusal is about, by its code; else by its `what` parameter.
_FIELD_OF_CODE = {
    "country.unknown": "country",
    "country.format": "country",
    "zone.unknown": "tz",
    "email.invalid": "email",
    "interview.ends-before-start": "end",
    "interview.person-twice": "person_ids",
    "person.other-application": "person_ids",
    "country.alias": "country",
    "applied.in-future": "applied_on",
    "url.invalid": "job_url",
    "phone.invalid": "phone",
    "interview.too-long": "end",
    "touch.inbound-kind": "kind",
    "touch.outbound-kind": "kind",
    "touch.decision-before": "decision_by",
    "interview.decision-before": "decision_by",
}
_FIELD_OF_WHAT = {
    "time zone": "tz",
    "start": "start",
    "end": "end",
    "decision_by": "decision_by",
    "interview date": "start",
    "time of the contact": "at",
    "date applied": "applied_on",
}


def field_of(error: UserError, fields: Sequence[str]) -> str | None:
    """The form field `error` is about, if the form has it."""
    name = _FIELD_OF_CODE.get(error.code)
    what = error.params.get("what")
    if name is None and isinstance(what, str):
        name = _FIELD_OF_WHAT.get(what, what.replace(" ", "_"))
    return name if name in fields else None


class Form:
    """The submitted values of one form and the problems found in them."""

    def __init__(self, values: Mapping[str, str], lists: Mapping[str, list[str]]) -> None:
        self.values = {k: v for k, v in values.items() if k != "csrf_token"}
        self.lists = lists
        self.errors: dict[str, str] = {}
        self.problem: str | None = None  # a refusal not tied to one field

    @property
    def ok(self) -> bool:
        return not self.errors and self.problem is None

    def text(self, name: str, label: str, *, required: bool = False) -> str | None:
        value = self.values.get(name, "").strip()
        if len(value) > MAX_TEXT:
            self.errors[name] = f"{label} is longer than {MAX_TEXT} characters."
            return None
        if not value:
            if required:
                self.errors[name] = f"{label} is required."
            return None
        return value

    def parsed(
        self, name: str, label: str, parse: Callable[[str], T], *, required: bool = False
    ) -> T | None:
        value = self.text(name, label, required=required)
        if value is None:
            return None
        try:
            return parse(value)
        except UserError as exc:
            self.errors[name] = _sentence(exc.problem)
            return None

    def date(self, name: str, label: str, *, required: bool = False) -> date | None:
        from followup.app.timeparse import parse_date

        return self.parsed(name, label, lambda v: parse_date(v, label), required=required)

    def datetime(self, name: str, label: str, *, required: bool = False) -> datetime | None:
        from followup.app.timeparse import parse_datetime

        return self.parsed(name, label, lambda v: parse_datetime(v, label), required=required)

    def choice(self, name: str, label: str, kind: type[E], default: E | None = None) -> E | None:
        value = self.values.get(name, "").strip()
        if not value:
            if default is None:
                self.errors[name] = f"{label} is required."
            return default
        try:
            return kind(value)
        except ValueError:
            self.errors[name] = f"{label} must be one of: {', '.join(m.value for m in kind)}."
            return None

    def flag(self, name: str) -> bool:
        return self.values.get(name, "") in {"on", "true", "1", "yes"}

    def ids(self, name: str, label: str) -> list[int]:
        found = []
        for value in self.lists.get(name, []):
            if not value.isdigit() or not 0 < int(value) < 2**31:
                self.errors[name] = f"{label}: {value[:20]!r} is not an id."
                return []
            found.append(int(value))
        return found

    def refused(self, error: UserError, fields: Sequence[str]) -> None:
        """Keep a use case's refusal next to its field, or above the form."""
        name = field_of(error, fields)
        if name is None:
            self.problem = _sentence(error.problem)
        else:
            self.errors[name] = _sentence(error.problem)

    def context(self) -> dict[str, Any]:
        return {
            "values": self.values,
            "lists": self.lists,  # fields with many values (checkboxes), to tick them again
            "errors": self.errors,
            "problem": self.problem,
        }


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def empty_form() -> dict[str, Any]:
    return {"values": {}, "lists": {}, "errors": {}, "problem": None}


def person_notes(notes: Mapping[str, str]) -> dict[int, str]:
    """Interview notes keyed by person id, from JSON's string keys (digits, checked by the
    API's model)."""
    return {int(key): note for key, note in notes.items()}
