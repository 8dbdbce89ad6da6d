"""A small summary of a message's HTML: what bulk mail is made of and a person's mail is not.

The readable text drops the markup, and with it the links, images and tracking pixels that
tell a mailing from a person's note: `summarize_html` counts them in one bounded pass of
regular expressions over the markup (no tree is built). Pure and never raising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# markup read per message: a newsletter's links are in its first part, its unsubscribe link
# and pixel in its last, and a summary need not be exact past this
MAX_MARKUP_CHARS = 200_000
_TAIL_CHARS = 50_000

_ANCHOR = re.compile(r"(?i)<a\b([^>]{0,2000})>")
MAX_ANCHORS = 300  # links and images read per message
_INNER_CHARS = 400  # an anchor's content read for its words
_HREF = re.compile(r"""(?is)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_IMAGE = re.compile(r"(?is)<img\b([^>]{0,2000})>")
_SRC = re.compile(r"""(?is)\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_SIZE = re.compile(r"""(?i)\b(width|height)\s*[=:]\s*["']?\s*(\d{1,5})""")
_TAG = re.compile(r"(?s)<[^>]{0,2000}>")
# a link that unsubscribes, opts out or removes the reader from a list: its words, or its
# address ("https://x.example/remove.html"); "remove the old project" is no such link
_UNSUBSCRIBE = re.compile(
    r"(?i)unsubscri|\bunsub\b|opt[\s_-]?out|\bremove\s+(?:me|yourself)\b|abbestellen"
    r"|abmelden|d[ée]sinscri|d[ée]sabonn|darse de baja|uitschrijven|disiscriviti"
)
_UNSUBSCRIBE_ADDRESS = re.compile(r"(?i)unsub|opt-?out|remove|removal")
_IP_HOST = re.compile(r"(?i)^\s*(?:https?:)?//(?:[^/@\s]*@)?(\d{1,3}(?:\.\d{1,3}){3})(?:[:/?#]|$)")
# a private or loopback address: a colleague's test server, not a spammer's
_PRIVATE_IP = re.compile(r"^(?:10|127)\.|^192\.168\.|^172\.(?:1[6-9]|2\d|3[01])\.")
# text painted white on a page that sets no background: written to be read by filters only
# (searched in the lower-cased markup; each pattern starts with a literal, so scans are fast)
_WHITE_TEXT = re.compile(r"""color\s*[=:]\s*["']?\s*(?:#fff\b|#ffffff\b|white\b)""")
_BACKGROUND = re.compile(r"b(?:gcolor\s*=|ackground(?:-color)?\s*[:=])")


@dataclass(frozen=True, slots=True)
class HtmlSummary:
    links: int = 0  # distinct web addresses linked
    images: int = 0  # images fetched from the web (not a part of the message: cid:)
    linked_images: int = 0  # web images that are links
    pixels: int = 0  # 1x1 (or 0x0) web images: tracking pixels
    unsubscribe_links: int = 0  # links whose text or address unsubscribes or opts out
    ip_links: int = 0  # links to a bare IP address
    white_text: bool = False  # white text on a page with no background of its own
    alone: bool = False  # no text/plain part beside the HTML (mail clients write both)


def _value(match: re.Match[str] | None) -> str:
    if match is None:
        return ""
    return next((g for g in match.groups() if g is not None), "").strip()


def summarize_html(parts: list[str], *, alone: bool = False) -> HtmlSummary | None:
    """The summary of a message's HTML parts, or None when it has none; `alone`: the message
    has no text/plain part."""
    if not parts:
        return None
    markup = "\n".join(parts)
    if len(markup) > MAX_MARKUP_CHARS:
        head = MAX_MARKUP_CHARS - _TAIL_CHARS
        markup = f"{markup[:head]}\n{markup[-_TAIL_CHARS:]}"
    lowered = markup.lower()
    links: set[str] = set()
    unsubscribe = ip_links = linked_images = 0
    for count, anchor in enumerate(_ANCHOR.finditer(markup)):
        if count >= MAX_ANCHORS:
            break
        close = lowered.find("</a", anchor.end(), anchor.end() + _INNER_CHARS)
        inner = markup[anchor.end() : close] if close >= 0 else ""
        href = _value(_HREF.search(anchor.group(1)))
        if not href or href.lower().startswith(("mailto:", "#", "tel:")):
            if _UNSUBSCRIBE_ADDRESS.search(href):  # "mailto:remove@..." still unsubscribes
                unsubscribe += 1
            continue
        links.add(href)
        if _UNSUBSCRIBE_ADDRESS.search(href) or _UNSUBSCRIBE.search(_TAG.sub(" ", inner)):
            unsubscribe += 1
        host = _IP_HOST.search(href)
        if host is not None and not _PRIVATE_IP.search(host.group(1)):
            ip_links += 1
        if "<img" in inner.lower():
            linked_images += 1
    images = pixels = 0
    for count, image in enumerate(_IMAGE.finditer(markup)):
        if count >= MAX_ANCHORS:
            break
        source = _value(_SRC.search(image.group(1))).lower()
        if not source.startswith(("http:", "https:", "//")):
            continue
        images += 1
        sizes = {name.lower(): int(n) for name, n in _SIZE.findall(image.group(1))}
        if len(sizes) == 2 and max(sizes.values()) <= 1:
            pixels += 1
    white = _white_text(lowered) and _BACKGROUND.search(lowered) is None
    return HtmlSummary(
        links=len(links),
        images=images,
        linked_images=linked_images,
        pixels=pixels,
        unsubscribe_links=unsubscribe,
        ip_links=ip_links,
        white_text=white,
        alone=alone,
    )


def _white_text(lowered: str) -> bool:
    """A text colour of white, not a background's ("bgcolor=white", "background-color")."""
    for found in _WHITE_TEXT.finditer(lowered):
        before = lowered[max(0, found.start() - 1) : found.start()]
        if not (before.isalnum() or before == "-"):
            return True
    return False
