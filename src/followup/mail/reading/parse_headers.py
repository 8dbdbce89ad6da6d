"""Header values of a parsed message as plain values, never raising: decoded headers,
addresses (each one valid addr-spec, names one line), Message-IDs and dates. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.parser import HeaderParser
from email.utils import getaddresses, parsedate_to_datetime

from followup.mail.reading.addresses import clean_name, valid_address
from followup.mail.reading.limits import MAX_ADDRESS_FIELD_CHARS, MAX_ADDRESSES
from followup.mail.reading.parse_bounds import CappedPolicy
from followup.mail.reading.parse_part import children, param, payload_bytes
from followup.mail.reading.text import decode_bytes, header_text

_MSGID = re.compile(r"<[^<>\s]+>")
_SPACE_OR_BRACKET = re.compile(r"[\s<>]")
# the lookbehind starts a match only at the start of a run: linear on "aaaa...a"
_EMAIL = re.compile(r"(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_DOTS = re.compile(r"\.{2,}")
_ADDRESS_FIELDS = frozenset(("from", "sender", "to", "cc", "reply-to"))
_LISTED_ANGLE_ADDRESS = re.compile(r"<[^<>]*[,;][^<>]*>")


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    email: str  # lower-cased; may be "" when the header named no address

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2] if "@" in self.email else ""

    @property
    def local_part(self) -> str:
        return self.email.rpartition("@")[0]


def message_id_in(headers: tuple[tuple[str, str], ...]) -> str | None:
    """The Message-ID of a header list, or None."""
    for name, value in headers:
        if name.lower() == "message-id":
            ids = message_ids(value)
            return ids[0] if ids else None
    return None


def message_ids(value: str | None) -> tuple[str, ...]:
    """Message-IDs in a header value, each as "<id>"; a bare id without brackets is kept too."""
    if not value:
        return ()
    found = tuple(_MSGID.findall(value))
    if found:
        return found
    bare = value.strip().strip("<>").strip()
    return (f"<{bare}>",) if bare and not _SPACE_OR_BRACKET.search(bare) and "@" in bare else ()


def bare_message_id(value: str) -> str:
    """The comparable form of a Message-ID: no brackets, no surrounding space."""
    return value.strip().strip("<>").strip()


def raw_headers(msg: Message) -> tuple[tuple[str, str], ...]:
    """Header values unfolded and decoded (RFC 2047 words, raw 8-bit text), never raising."""
    return tuple((str(name), header_text(value)) for name, value in msg.raw_items())


def first_value(index: dict[str, list[str]], name: str) -> str | None:
    """The first value of a header in an index by lower-cased name, or None."""
    values = index.get(name)
    return values[0] if values else None


def address_fields(msg: Message) -> dict[str, list[str]]:
    """The raw values of From, Sender, To, Cc and Reply-To, by lower-cased name. Addresses
    are parsed from raw values and names decoded after: a decoded encoded word must not add
    an address ("=?utf-8?q?Ann=0D=0ABcc=3A_evil=40x=2Eexample?=")."""
    raw: dict[str, list[str]] = {}
    for name, value in msg.raw_items():
        if name.lower() in _ADDRESS_FIELDS:
            raw.setdefault(name.lower(), []).append(str(value))
    return raw


def addresses(values: list[str], set_aside: list[str] | None = None) -> tuple[Address, ...]:
    """Name and address pairs of raw address fields: each address one valid addr-spec (else
    ""), each name decoded and one line; at most MAX_ADDRESSES of them from the first
    MAX_ADDRESS_FIELD_CHARS characters. An angle address holding a list ("<a@x,b@y>") is
    no address at all, not two."""
    text = " ".join(", ".join(values).split())
    if "<" in text:
        text = _LISTED_ANGLE_ADDRESS.sub("<>", text)
    if len(text) > MAX_ADDRESS_FIELD_CHARS:
        text = text[:MAX_ADDRESS_FIELD_CHARS].rpartition(",")[0]
        if set_aside is not None:
            set_aside.append(f"address field longer than {MAX_ADDRESS_FIELD_CHARS} characters cut")
    try:
        pairs = getaddresses([text]) if text else []
    except Exception:  # getaddresses is strict in newer Pythons and can still trip
        pairs = []
    out: list[Address] = []
    for name, raw_email in pairs:
        if len(out) >= MAX_ADDRESSES:
            if set_aside is not None:
                set_aside.append(
                    f"more than {MAX_ADDRESSES} addresses in one field: the rest set aside"
                )
            break
        email = header_text(raw_email).strip().strip("<>")  # raw 8-bit bytes as text
        if email and _SPACE_OR_BRACKET.search(email):  # a broken quote swallowed the name
            found = _EMAIL.search(email)
            email = found.group(0) if found else ""
        address = valid_address(email) or _obsolete_local_part(email)
        clean = clean_name(header_text(name) if name else "")
        if address or clean:
            out.append(Address(name=clean, email=address))
    return tuple(out)


def _obsolete_local_part(email: str) -> str:
    """An address whose local part has dots in a row or at an end ("d..steffes@x.example",
    RFC 5322's obsolete form, common in old corporate mail), lower-cased; else ""."""
    if "." not in email.partition("@")[0]:
        return ""
    local, _, domain = email.partition("@")
    tidy = _DOTS.sub(".", local).strip(".")
    if not tidy or valid_address(f"{tidy}@{domain}") is None:
        return ""
    return email.lower()


def header_date(value: str | None, problems: list[str]) -> datetime | None:
    """A Date header's value in UTC, or None (noted in `problems` when unreadable)."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        problems.append(f"unreadable Date: {value[:60]!r}")
        return None
    if parsed.tzinfo is None:  # RFC 5322 "-0000": the zone is unknown, UTC is the best guess
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def attached_headers(part: Message, ctype: str, problems: list[str]) -> tuple[tuple[str, str], ...]:
    """The headers of an attached message (message/rfc822) or a text/rfc822-headers part."""
    if ctype == "message/rfc822":
        found = list(children(part))
        return raw_headers(found[0]) if found else ()
    text, _ = decode_bytes(payload_bytes(part), param(part, "charset"))
    try:
        headers = HeaderParser(policy=CappedPolicy.new()).parsestr(text)
    except Exception:
        problems.append("unreadable returned headers")
        return ()
    return raw_headers(headers)
