"""Text helpers for mail: charsets that lie, encoded headers, HTML bodies, quoted replies,
subjects with reply prefixes. Pure and never raising."""

from __future__ import annotations

import binascii
import re

from followup.mail.reading.limits import MAX_HEADER_CHARS
from followup.mail.reading.visible import html_to_text

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
# RFC 2047: =?charset?Q|B?text?= (charset may carry an RFC 2231 *language)
_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,64})\?([QqBb])\?([^?\s]*)\?=")
_BASE64 = re.compile(rb"[A-Za-z0-9+/]*")
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
    # a forward's header: Lotus Notes ("----- Forwarded by Ann Lee/HOU/ECT on ..."), Gmail,
    # Apple Mail
    r"|\s*-{3,}\s*forwarded by\b.{0,200}"
    r"|-{3,}\s*forwarded message\s*-{3,}"
    r"|begin forwarded message:"
    # Outlook's separator line, when a quoted header ("From:", "De :") follows it; a
    # mailing list's footer also starts under such a line
    r"|_{10,}[ \t\r]*\n(?:[ \t\r]*\n)?[ \t]*\*?[^\W\d_][^\n:]{0,20}[ \t]*:"
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


def quoted_text(text: str) -> str:
    """What a reply or a forward quotes: everything from the first quote header, or the
    quoted lines ("> ...") when there is none; "" when nothing is quoted."""
    match = _QUOTE_HEADER.search(text)
    if match:
        return text[match.start() :]
    return "\n".join(
        line.lstrip()[1:] for line in text.splitlines() if line.lstrip().startswith(">")
    )


__all__ = [
    "decode_bytes",
    "decode_words",
    "header_text",
    "html_to_text",
    "normalize_subject",
    "quoted_text",
    "reply_text",
]


# labels real mail uses that Python's codecs don't know, or that mean something else in
# practice: ISO-8859-1 and US-ASCII labels are read as windows-1252 (as every browser and
# mail client does: the smart quotes and euro sign of 0x80-0x9F), UTF-7's old names
_CHARSET_ALIASES = {
    "unicode-1-1-utf-7": "utf-7",
    "x-unicode-1-1-utf-7": "utf-7",
    "x-unicode-2-0-utf-7": "utf-7",
    "utf7": "utf-7",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "windows-1252": "cp1252",
    "x-cp1252": "cp1252",
    "cp-1252": "cp1252",
    "unicode-1-1-utf-8": "utf-8",
    "utf8": "utf-8",
    "x-user-defined": "cp1252",
    "ks_c_5601-1987": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift-jis": "cp932",
    "shift_jis": "cp932",
    "x-sjis": "cp932",
    "tis-620": "cp874",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
}
# single-byte Western labels often put on UTF-8 text by a misconfigured sender
_WESTERN = frozenset({"cp1252", "us-ascii", "ascii"})
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Text from bytes in a declared charset; a wrong or unknown charset never raises.

    Returns the text and a problem sentence when the declared charset did not fit. A
    Western single-byte label on bytes that are valid UTF-8 (with multi-byte characters)
    is read as UTF-8: that label was wrong.
    """
    label = (charset or "").strip().strip('"').lower() or None
    declared = _CHARSET_ALIASES.get(label, label) if label else None
    quiet = declared in (None, "us-ascii", "ascii")  # UTF-8 under these labels is no news
    if declared in _WESTERN and not data.isascii() and _UTF8_MULTIBYTE.search(data):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return text, None if quiet else f"declared charset {label} did not fit, read as utf-8"
    # a byte windows-1252 leaves undefined (0x81, 0x8D...) under a Latin-1 label: Latin-1
    latin1 = "latin-1" if declared == "cp1252" and label != "windows-1252" else None
    for candidate in (declared, latin1, "utf-8"):
        if candidate is None:
            continue
        try:
            text = data.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
        if candidate in (declared, latin1) or quiet:
            return text, None
        return text, f"declared charset {label} did not fit, read as {candidate}"
    # cp1252 reads any Western-European byte soup; undefined bytes become U+FFFD
    text = data.decode("cp1252", errors="replace")
    return text, f"declared charset {declared or 'none'} did not fit, read as cp1252"


def header_text(value: object) -> str:
    """One header value as text: encoded words decoded, 8-bit bytes read as UTF-8 or cp1252.

    At most MAX_HEADER_CHARS characters of the raw value are read (parse_message cuts them
    earlier and says so); linear time in the length."""
    text = str(value)[:MAX_HEADER_CHARS]
    if not text.isascii() and any("\udc80" <= ch <= "\udcff" for ch in text):  # raw 8-bit bytes
        text = decode_bytes(text.encode("ascii", "surrogateescape"), "utf-8")[0]
    if "=?" in text:
        text = decode_words(text)
    return " ".join(text.split())


def decode_words(text: str) -> str:
    """RFC 2047 encoded words decoded in one pass (the stdlib decoder is quadratic in their
    number). Adjacent words of one charset are joined as bytes before decoding (a character
    may be split across two words); white space between encoded words is dropped; a word
    that does not decode is kept as written."""
    out: list[str] = []
    pending = bytearray()
    pending_charset: str | None = None
    pos = 0
    after_word = False
    for match in _ENCODED_WORD.finditer(text):
        between = text[pos : match.start()]
        data = _word_bytes(match.group(2), match.group(3))
        if data is None:  # not decodable: keep it as text
            continue
        if between and not (after_word and between.isspace()):
            out.append(_flush(pending, pending_charset))
            pending, pending_charset = bytearray(), None
            out.append(between)
        charset = match.group(1).partition("*")[0].lower()
        if pending_charset is not None and charset != pending_charset:
            out.append(_flush(pending, pending_charset))
            pending = bytearray()
        pending += data
        pending_charset = charset
        pos = match.end()
        after_word = True
    out.append(_flush(pending, pending_charset))
    out.append(text[pos:])
    return "".join(out)


def _word_bytes(encoding: str, payload: str) -> bytes | None:
    try:
        raw = payload.encode("ascii")
    except UnicodeEncodeError:
        return None
    try:
        if encoding in "Qq":
            return binascii.a2b_qp(raw, header=True)
        raw = raw.rstrip(b"=")
        if not _BASE64.fullmatch(raw):  # the stdlib refuses such a word too
            return None
        if len(raw) % 4 == 1:  # one stray character cannot be base64: drop it
            raw = raw[:-1]
        return binascii.a2b_base64(raw + b"=" * (-len(raw) % 4))
    except (binascii.Error, ValueError):
        return None


def _flush(data: bytearray, charset: str | None) -> str:
    if not data:
        return ""
    return decode_bytes(bytes(data), charset)[0]
