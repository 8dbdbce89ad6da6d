"""Text helpers for mail: charsets that lie, encoded headers, HTML bodies, quoted replies,
subjects with reply prefixes. Pure and never raising."""

from __future__ import annotations

import html
import re
from email.header import decode_header

# Reply and forward prefixes in many languages, plus the prefixes calendars and
# auto-responders put before the original subject, so all of them compare equal.
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|sv|rv|vs|fw|fwd|wg|tr|antw|ref|res|enc|odp|fs|vb|rif|r|i"
    r"|accepted|declined|tentative|tentatively accepted|invitation|updated invitation"
    r"|canceled event|cancelled event|canceled|cancelled|automatic reply|auto"
    r"|out of office|automatische antwort|réponse automatique|undeliverable|unzustellbar)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*|\[[^\]]*\]\s*)",
    re.IGNORECASE,
)
_HTML_DROP = re.compile(r"(?is)<(script|style|head)\b.*?</\1\s*>")
_HTML_BREAK = re.compile(r"(?i)<\s*(?:br|/p|/div|/tr|/li|/h\d)\b[^>]*>")
_HTML_TAG = re.compile(r"(?s)<[^>]*>")
_BLANK_RUN = re.compile(r"\n\s*\n(?:\s*\n)+")
_QUOTE_HEADER = re.compile(
    r"(?im)^(?:"
    r"on\b.{0,200}\bwrote:?"  # Gmail, Apple Mail
    r"|am\b.{0,200}\bschrieb.{0,40}"  # German
    r"|le\b.{0,200}\ba écrit\s*:?"  # French
    r"|el\b.{0,200}\bescribió\s*:?"  # Spanish
    r"|il\b.{0,200}\bha scritto\s*:?"  # Italian
    r"|op\b.{0,200}\bschreef.{0,40}"  # Dutch
    r"|den\b.{0,200}\bskrev.{0,40}"  # Swedish, Danish, Norwegian
    r"|-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine"
    r"|mensaje original|messaggio originale|oorspronkelijk bericht"
    r"|ursprungligt meddelande)\s*-{2,}"
    r"|_{10,}\s*$"  # Outlook's separator line above the quoted header block
    r"|(?:from|von|de|da|van|från|fra):\s.*\n(?:.*\n)?\s*(?:sent|gesendet|envoyé|enviado"
    r"|inviato|verzonden|skickat|sendt|date|datum):\s"  # Outlook's quoted header block
    r")"
)


def normalize_subject(subject: str) -> str:
    """Strip reply/forward prefixes in many languages and [tags]; fold case and spaces."""
    text = " ".join(subject.split())
    for _ in range(20):  # a bounded loop: "Re: AW: [ext] Fwd: Re:" peels layer by layer
        stripped = _SUBJECT_PREFIX.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return text.strip().casefold()


def reply_text(text: str) -> str:
    """The new text of a reply: everything above the first quote header or quoted line."""
    match = _QUOTE_HEADER.search(text)
    head = text[: match.start()] if match else text
    lines = [line for line in head.splitlines() if not line.lstrip().startswith(">")]
    return "\n".join(lines).strip()


def html_to_text(markup: str) -> str:
    text = _HTML_DROP.sub(" ", markup)
    text = _HTML_BREAK.sub("\n", text)
    text = html.unescape(_HTML_TAG.sub(" ", text))
    text = "\n".join(" ".join(line.split()) for line in text.splitlines())
    return _BLANK_RUN.sub("\n\n", text).strip()


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Text from bytes in a declared charset; a wrong or unknown charset never raises.

    Returns the text and a problem sentence when the declared charset did not fit.
    """
    declared = (charset or "").strip().strip('"').lower() or None
    for candidate in (declared, "utf-8"):
        if candidate is None:
            continue
        try:
            text = data.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
        if candidate == declared or declared in (None, "us-ascii", "ascii"):
            return text, None
        return text, f"declared charset {declared} did not fit, read as {candidate}"
    # cp1252 reads any Western-European byte soup; undefined bytes become U+FFFD
    text = data.decode("cp1252", errors="replace")
    return text, f"declared charset {declared or 'none'} did not fit, read as cp1252"


def header_text(value: object) -> str:
    """One header value as text: encoded words decoded, 8-bit bytes read as UTF-8 or cp1252."""
    text = str(value)
    if any("\udc80" <= ch <= "\udcff" for ch in text):  # raw 8-bit bytes the parser escaped
        text = decode_bytes(text.encode("ascii", "surrogateescape"), "utf-8")[0]
    if "=?" in text:
        text = _decode_words(text)
    return " ".join(text.split())


def _decode_words(text: str) -> str:
    try:
        chunks = decode_header(text)
    except Exception:  # a malformed encoded word: the raw text is still readable
        return text
    out = []
    for chunk, charset in chunks:
        if isinstance(chunk, bytes):
            out.append(decode_bytes(chunk, charset)[0])
        else:
            out.append(chunk)
    return "".join(out)
