"""Delivery reports read from their MIME parts: the per-recipient blocks of a delivery status
(RFC 3464, its RFC 6533 form, an old gateway's text) and a read receipt's disposition
(RFC 8098). Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from email.parser import HeaderParser
from itertools import pairwise

from followup.mail.reading.addresses import valid_address
from followup.mail.reading.limits import MAX_PARTS
from followup.mail.reading.parse_bounds import CappedPolicy
from followup.mail.reading.parse_part import children, payload_bytes
from followup.mail.reading.text import decode_bytes, header_text

# RFC 3464 reports and their RFC 6533 form for internationalised addresses
STATUS_TYPES = frozenset(("message/delivery-status", "message/global-delivery-status"))
STATUS_REPORTS = frozenset(("delivery-status", "global-delivery-status"))
_DSN_FIELD = re.compile(r"(?im)^(?:final|original)-recipient[ \t]*:")


@dataclass(frozen=True, slots=True)
class RecipientStatus:
    """One per-recipient block of a message/delivery-status report (RFC 3464)."""

    recipient: str
    action: str  # failed, delayed, delivered, relayed, expanded (lower-cased)
    status: str = ""  # e.g. 5.1.1
    diagnostic: str = ""


def names_recipients(text: str) -> bool:
    """Whether a text holds a report's Final-Recipient or Original-Recipient field."""
    return _DSN_FIELD.search(text) is not None


def text_statuses(text: str) -> list[RecipientStatus]:
    """The per-recipient blocks of a report written as text (an old gateway's)."""
    return _status_blocks(_text_blocks(text))


def delivery_statuses(part: Message) -> list[RecipientStatus]:
    """The per-recipient blocks of a message/(global-)delivery-status part."""
    blocks = list(children(part))
    # its bytes read as UTF-8: the str payload turns raw UTF-8 ("josé@x") into U+FFFD
    data = blocks[0].get_payload(decode=True) if len(blocks) == 1 else None
    rest = decode_bytes(data, "utf-8")[0] if isinstance(data, bytes) else None
    if rest is not None and rest.strip():
        # message/global-delivery-status is parsed as one message: the per-message block
        # its headers, the per-recipient blocks its body
        blocks.extend(_text_blocks(rest))
    if not blocks:  # some servers send it unparsed: read the text as header blocks
        text, _ = decode_bytes(payload_bytes(part), "utf-8")
        blocks = _text_blocks(text)
    return _status_blocks(blocks)


def disposition(part: Message) -> tuple[str, str] | None:
    """An MDN's (Final-Recipient, Disposition), read as one header block (the stdlib parses
    the part as a message whose headers they are, or leaves it as text); None: no fields."""
    blocks = list(children(part))
    if not blocks:
        text, _ = decode_bytes(payload_bytes(part), "utf-8")
        blocks = _text_blocks(text)
    if not blocks:
        return None
    recipient = _dsn_field(blocks[0], "Final-Recipient") or ""
    found = (_dsn_field(blocks[0], "Disposition") or "").lower()
    return (_strip_address_type(recipient), found)


def _text_blocks(text: str) -> list[Message]:
    text = text.replace("\r\n", "\n")
    return [
        HeaderParser(policy=CappedPolicy.new()).parsestr(b.strip() + "\n")
        for b in text.split("\n\n", MAX_PARTS)[:MAX_PARTS]
    ]


def _status_blocks(blocks: list[Message]) -> list[RecipientStatus]:
    found = []
    # the first block is the per-message one, unless a report that leaves out the blank
    # lines put the recipients' fields in it too
    first = blocks[:1] if blocks and _dsn_field(blocks[0], "Final-Recipient") else []
    for block in [*first, *blocks[1:MAX_PARTS]] if len(blocks) > 1 else blocks:
        for fields in _recipient_groups(block):
            recipient = _field(fields, "Final-Recipient") or _field(fields, "Original-Recipient")
            action = (_field(fields, "Action") or "").lower()
            if not recipient and not action:
                continue
            found.append(
                RecipientStatus(
                    recipient=_strip_address_type(recipient or ""),
                    action=action,
                    status=_field(fields, "Status") or "",
                    diagnostic=_field(fields, "Diagnostic-Code") or "",
                )
            )
    return found


def _recipient_groups(block: Message) -> list[list[tuple[str, str]]]:
    """The block's fields, cut before each Final-Recipient after the first: some reports
    run their recipients' blocks together without the blank lines between them."""
    fields = _fields(block)[:MAX_PARTS]
    starts = [i for i, (k, _) in enumerate(fields) if k == "final-recipient"]
    if len(starts) < 2:
        return [fields]
    cuts = [0, *starts[1:], len(fields)]
    return [fields[a:b] for a, b in pairwise(cuts)]


def _field(fields: list[tuple[str, str]], name: str) -> str | None:
    lowered = name.lower()
    value = next((v for k, v in fields if k == lowered), None)
    return header_text(value) if value is not None else None


def _dsn_field(block: Message, name: str) -> str | None:
    return _field(_fields(block), name)


def _fields(block: Message) -> list[tuple[str, str]]:
    """A block's fields, names lower-cased, values raw: raw UTF-8 in a global report
    ("Final-Recipient: utf-8; josé@x") is read as text, where the parsed one would be
    replacement characters; [] for a block the parser cannot list."""
    try:
        return [(k.lower(), v) for k, v in block.raw_items()]
    except Exception:
        return []


def _strip_address_type(value: str) -> str:
    """ "rfc822; bob@example.com" -> "bob@example.com"; "" when that is no single address."""
    _, sep, address = value.partition(";")
    return valid_address((address if sep else value).strip().strip("<>")) or ""
