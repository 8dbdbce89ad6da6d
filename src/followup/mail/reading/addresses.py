"""Addresses and names taken from mail written by strangers.

An address is exactly one valid addr-spec (email-validator, syntax only: no DNS), lower-cased;
anything else, such as "ivy@example.test,evil@example.test", is no address. A name is one
line: RFC 6868 escapes decoded, control characters and line separators turned to spaces,
whitespace collapsed, bidirectional overrides dropped, at most MAX_NAME_CHARS characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from followup.mail.reading.limits import MAX_NAME_CHARS

_MAX_ADDRESS_CHARS = 254  # RFC 5321's limit on a path
# characters that never stand in an addr-spec we accept (no quoted local parts, no literals)
# (nor the punctuation of CJK text: "收件人：bob@x.example" is a label, then the address)
_NEVER_IN_ADDRESS = re.compile(
    r"[\s,;:<>()\[\]\"\\\x00-\x1f\x7f-\x9f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]"
)
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)
# any address in running text; the lookbehind starts a match only at the start of a run
ANY_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_RFC6868 = re.compile(r"\^(\^|n|N|')")


def valid_address(value: str | None) -> str | None:
    """`value` as one lower-cased addr-spec ("mailto:" allowed before it), or None."""
    if not value:
        return None
    text = value.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    if (
        not text
        or len(text) > _MAX_ADDRESS_CHARS
        or text.count("@") != 1
        or _NEVER_IN_ADDRESS.search(text)
    ):
        return None
    return _validated(text.lower())


@lru_cache(maxsize=16384)  # a mailbox repeats its senders; a new one costs ~0.1 ms
def _validated(text: str) -> str | None:
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(
            text,
            check_deliverability=False,  # pure: no DNS; syntax is what is checked
            test_environment=True,  # accept the reserved .test domain (RFC 2606)
            allow_quoted_local=False,
            allow_domain_literal=False,
            allow_display_name=False,
        )
    except (EmailNotValidError, ValueError, UnicodeError):
        return None
    return str(result.normalized).lower()


def decode_rfc6868(value: str) -> str:
    """RFC 6868 parameter escapes: ^n (new line), ^^ (caret), ^' (double quote)."""
    if "^" not in value:
        return value
    return _RFC6868.sub(lambda m: {"^": "^", "n": "\n", "N": "\n", "'": '"'}[m.group(1)], value)


def clean_name(value: object, *, rfc6868: bool = False) -> str:
    """A display name as one line of at most MAX_NAME_CHARS characters."""
    text = str(value or "")[: MAX_NAME_CHARS * 8]  # bounded work on a giant name
    if rfc6868:
        text = decode_rfc6868(text)
    text = text.translate(_BIDI_CONTROLS)
    if not text.isprintable():
        text = "".join(" " if _is_control(ch) else ch for ch in text)
    text = " ".join(text.split())
    if len(text) > MAX_NAME_CHARS:
        text = text[: MAX_NAME_CHARS - 1].rstrip() + "…"
    return text


def _is_control(ch: str) -> bool:
    """C0/C1 controls, line and paragraph separators, lone surrogates."""
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs")
