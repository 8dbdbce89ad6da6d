"""Never-raising reads of one stdlib MIME part: its type, parameters, file name, disposition,
decoded payload and child parts. Pure."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import Message


def content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return "application/octet-stream"


def param(part: Message, name: str) -> str | None:
    try:
        value = part.get_param(name)
    except Exception:
        return None
    if isinstance(value, tuple):  # RFC 2231 (charset, language, value)
        value = value[2]
    return str(value) if value is not None else None


def filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        return None
    return str(name) if name else None


def payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        return b""
    return data if isinstance(data, bytes) else b""


def is_attachment(part: Message) -> bool:
    try:
        return (part.get_content_disposition() or "") == "attachment"
    except Exception:
        return False


def children(part: Message) -> Iterator[Message]:
    """The parts of a multipart or the message of an attached one; none when unreadable."""
    try:
        payload = part.get_payload()
    except Exception:
        return
    if isinstance(payload, list):
        yield from (p for p in payload if isinstance(p, Message))
