"""Reading a subject: its bracketed tags, and the words of the user's own name in it."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from followup.mail.reading.parse import ParsedMessage

SPACE_BEFORE_COLON = re.compile(r"\s+:")


def strip_tags(subject: str) -> str:
    """ "[EXT] Automatic reply: ..." -> "automatic reply: ..."."""
    text = subject.strip()
    while text.startswith("[") and "]" in text:
        text = text.split("]", 1)[1].strip()
    return text


def without_marks(text: str) -> str:
    """ "Ārpus biroja automātiskā" -> "Arpus biroja automatiska": letters without their accents,
    as an old client or a plain-text gateway writes a subject."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8)
def prefixes_without_marks(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The prefixes that an accent changes, written without it."""
    return tuple(folded for p in prefixes if (folded := without_marks(p)) != p)


def leading_tags(subject: str) -> list[str]:
    """ "[EXT] [Out of Office] Re: ..." -> ["ext", "out of office"]."""
    tags: list[str] = []
    text = subject.strip()
    while text.startswith("[") and "]" in text and len(tags) < 5:
        tag, text = text[1:].split("]", 1)
        tags.append(tag.strip())
        text = text.strip()
    return tags


# a tag a program puts after the subject it answers: GroupWise's "Re: Budget (Out of Office
# reply)", a procmail recipe's "Re: Budget [auto-reply]"
_TRAILING_TAG = re.compile(r"[(\[]([^()\[\]]{1,40})[)\]]\s*$")


def trailing_tag(subject: str) -> str | None:
    """ "Re: Budget (Out of Office reply)" -> "out of office reply"; None without one."""
    found = _TRAILING_TAG.search(subject.strip())
    return " ".join(found.group(1).lower().split()) if found else None


_NAME_SPLIT = re.compile(r"[^\w]+")


def own_name_words(parsed: ParsedMessage, mine: frozenset[str]) -> frozenset[str]:
    """The words of the user's name: their addresses' local parts ("alice.candidate") and the
    display names the message gives those addresses."""
    words = [w for address in mine for w in _NAME_SPLIT.split(address.partition("@")[0])]
    for address in (*parsed.to, *parsed.cc):
        if address.email in mine:
            words.extend(_NAME_SPLIT.split(address.name))
    return frozenset(w.lower() for w in words if len(w) > 2)


_WORD = re.compile(r"\w+")


def without_words(text: str, words: frozenset[str]) -> str:
    """The text without these words, also where they are joined to others ("[alice-candidate/
    portfolio]", "Alice Candidate's Personal Meeting Room")."""
    if not words:
        return text
    return _WORD.sub(lambda m: "" if m.group(0).lower() in words else m.group(0), text)
