"""Attendees and organizers of a calendar event: single valid addresses (see `ics`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from followup.mail.reading.addresses import clean_name, valid_address
from followup.mail.reading.limits import (
    MAX_ATTENDEES,
)

RESOURCE_CUTYPES = frozenset({"ROOM", "RESOURCE"})


@dataclass(frozen=True, slots=True)
class Attendee:
    email: str
    name: str = ""
    role: str = ""  # CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT, NON-PARTICIPANT
    partstat: str = ""  # NEEDS-ACTION, ACCEPTED, DECLINED, TENTATIVE, ...
    cutype: str = "INDIVIDUAL"  # INDIVIDUAL, GROUP, ROOM, RESOURCE, UNKNOWN

    @property
    def is_resource(self) -> bool:
        return self.cutype in RESOURCE_CUTYPES or self.email.endswith(
            "@resource.calendar.google.com"
        )


@dataclass(frozen=True, slots=True)
class Organizer:
    email: str
    name: str = ""
    sent_by: str | None = None  # the address that sent on the organizer's behalf (an ATS robot)


def cal_address(value: Any) -> str:
    """One valid addr-spec from a CAL-ADDRESS ("mailto:a@b.example"), else ""."""
    return valid_address(str(value)[:1_000]) or ""


def person_address(prop: Any) -> str:
    """The address of an ATTENDEE or ORGANIZER: its EMAIL parameter (RFC 6638) when that is
    one valid address, else its CAL-ADDRESS. iCloud writes a relay (mailto:2_...@imip.me.com)
    as the CAL-ADDRESS and the person's own address in EMAIL; CalDAV servers may write a
    urn:uuid: CAL-ADDRESS with the address in EMAIL."""
    return valid_address(param_value(prop, "EMAIL")) or cal_address(prop)


def param_value(prop: Any, name: str) -> str:
    params = getattr(prop, "params", None) or {}
    value = params.get(name)
    if isinstance(value, list):  # a parameter given several values
        value = value[0] if value else None
    return str(value).strip()[:1_000] if value is not None else ""


def read_attendees(event: Any, problems: list[str], set_aside: list[str]) -> Iterable[Attendee]:
    raw = event.get("ATTENDEE")
    if raw is None:
        return
    read = 0
    props = raw if isinstance(raw, list) else [raw]
    for index, prop in enumerate(props):
        if read >= MAX_ATTENDEES:
            reason = f"{len(props) - index} attendees beyond the first {MAX_ATTENDEES} set aside"
            problems.append(reason)
            set_aside.append(reason)
            return
        email = person_address(prop)
        if not email:
            written = " ".join(str(prop)[:60].split())
            if "@" in written:  # an address, but not exactly one valid one: refused
                reason = f"attendee refused, not one valid address: {written!r}"
                set_aside.append(reason)
            else:
                reason = f"attendee without an email address: {written!r}"
            problems.append(reason)
            continue
        read += 1
        yield Attendee(
            email=email,
            name=clean_name(param_value(prop, "CN"), rfc6868=True),
            role=param_value(prop, "ROLE").upper() or "REQ-PARTICIPANT",
            partstat=param_value(prop, "PARTSTAT").upper() or "NEEDS-ACTION",
            cutype=param_value(prop, "CUTYPE").upper() or "INDIVIDUAL",
        )


def read_organizer(event: Any, problems: list[str]) -> Organizer | None:
    prop = event.get("ORGANIZER")
    if isinstance(prop, list):
        prop = prop[0] if prop else None
    if prop is None:
        return None
    email = person_address(prop)
    if not email and "@" in str(prop)[:1_000]:
        problems.append(f"organizer refused, not one valid address: {str(prop)[:60]!r}")
    sent_by = cal_address(param_value(prop, "SENT-BY")) or None
    if not email and not sent_by:
        return None
    name = clean_name(param_value(prop, "CN"), rfc6868=True)
    return Organizer(email=email, name=name, sent_by=sent_by)
