"""People as vCard 4 (RFC 6350), out and in, through vobject: the people of the search
(or of one application) exported, and the cards of a .vcf file added to an application.
A file that isn't vCard, or a card without a name, is refused before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup.app.errors import InputError

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.domain.model import Person


@dataclass(frozen=True, slots=True)
class VcardImport:
    app_id: int
    text: str
    name: str = "the file"


def export_vcards(ctx: Context, app_id: int | None = None) -> str:
    reader = ctx.reader()
    histories = [reader.history(app_id)] if app_id is not None else list(reader.histories())
    return "".join(_card(person, h.application.company) for h in histories for person in h.people)


def _card(person: Person, company: str) -> str:
    import vobject

    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("fn").value = person.name
    card.add("org").value = [company]
    card.add("role").value = person.role.value
    for name, value in (
        ("email", person.email),
        ("tel", person.phone),
        ("title", person.title),
        ("url", person.linkedin),
        ("tz", person.tz),
    ):
        if value:
            card.add(name).value = value
    return str(card.serialize())


def _value(card: Any, name: str) -> str | None:
    found = card.contents.get(name)
    if not found:
        return None
    value = found[0].value
    text = " ".join(value) if isinstance(value, list) else str(value)
    return text.strip() or None


def read_cards(text: str, name: str) -> list[dict[str, Any]]:
    import vobject
    from vobject.base import ParseError

    try:
        cards = [c for c in vobject.readComponents(text) if c.name == "VCARD"]
    except (ParseError, ValueError) as exc:
        raise InputError(
            f"{name} is not a valid vCard file ({str(exc).strip()})",
            code="vcard.malformed",
            params={"name": name},
        ) from None
    if not cards:
        raise InputError(f"{name} holds no vCard", code="vcard.malformed", params={"name": name})
    people = []
    for n, card in enumerate(cards, 1):
        full_name = _value(card, "fn")
        if not full_name:
            raise InputError(
                f"card {n} of {name} has no name (FN)",
                code="vcard.malformed",
                params={"name": name},
            )
        people.append(
            {
                "name": full_name,
                "email": _value(card, "email"),
                "phone": _value(card, "tel"),
                "title": _value(card, "title"),
                "linkedin": _value(card, "url"),
                "role": (_value(card, "role") or "other").lower(),
            }
        )
    return people


def import_vcards(ctx: Context, data: VcardImport) -> list[Person]:
    """Add every card's person to the application, all or none."""
    from followup.app.schedule import replan
    from followup.domain.model import PersonRole

    cards = read_cards(data.text, data.name)
    added = []
    with ctx.uow() as uow:
        for card in cards:
            role = card.pop("role")
            added.append(
                uow.people.add(
                    data.app_id,
                    card.pop("name"),
                    role=PersonRole(role)
                    if role in PersonRole._value2member_map_
                    else PersonRole.OTHER,
                    **card,
                )
            )
        replan(ctx, uow, data.app_id)
    return added
