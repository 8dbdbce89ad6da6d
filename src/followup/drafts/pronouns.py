"""A note spoken to its subject: third person to second ("his plan" -> "your plan", "Dana
explained" -> "you explained", "she wants" -> "you want"). Pure functions."""

from __future__ import annotations

import re
from collections.abc import Sequence


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Third person to second: the note is about the person the draft goes to.
PRONOUNS = {
    "he": "you",
    "she": "you",
    "they": "you",
    "him": "you",
    "them": "you",
    "his": "your",
    "their": "your",
    "theirs": "yours",
    "hers": "yours",
    "himself": "yourself",
    "herself": "yourself",
    "themselves": "yourselves",
    "he's": "you're",
    "she's": "you're",
    "they're": "you're",
    "he'd": "you'd",
    "she'd": "you'd",
    "they'd": "you'd",
    "he'll": "you'll",
    "she'll": "you'll",
    "they'll": "you'll",
}
IRREGULAR = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
    "goes": "go",
}
# "her" before these is the object ("asked her about"), else the possessive ("her team").
OBJECT_FOLLOWERS = _words(
    "about for to that and or with on in at from if whether how what why when a an the"
)


def _verb_for_you(word: str) -> str:
    low = word.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    if low.endswith("ed") or not low.endswith("s") or low.endswith("ss") or len(low) < 4:
        return word
    if low.endswith("ies"):
        return word[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]


def _name_forms(names: Sequence[str]) -> tuple[set[str], set[str]]:
    """The recipient's name as written in notes: full, first, last, titled."""
    plain: set[str] = set()
    for name in names:
        words = [w for w in name.split() if w]
        if not words:
            continue
        plain.add(" ".join(words).casefold())
        plain.add(words[0].casefold())
        if len(words) > 1:
            plain.add(words[-1].casefold())
            plain.add(" ".join(words[1:]).casefold())
    possessive = {f"{n}'s" for n in plain}
    return plain, possessive


def to_second_person(text: str, names: Sequence[str] = ()) -> str:
    """The note spoken to its subject: "his plan" -> "your plan", "Dana explained" ->
    "you explained", "she wants" -> "you want"."""
    plain, possessive = _name_forms(names)
    # Names first (longest first, so "Dana Chen" before "Dana").
    for form in sorted(possessive | plain, key=len, reverse=True):
        repl = "your" if form.endswith("'s") else "you"
        text = re.sub(rf"(?<![\w'-]){re.escape(form)}(?![\w'-])", repl, text, flags=re.IGNORECASE)
    words = text.split(" ")
    out: list[str] = []
    subject_you = False
    plural_seen = False  # after "changes", "they" is the changes, not the person
    for i, word in enumerate(words):
        core = word.rstrip(",;:")
        tail = word[len(core) :]
        low = core.lower()
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if low == "her":
            new = "you" if not nxt or nxt in OBJECT_FOLLOWERS or tail else "your"
        elif low in PRONOUNS and not (plural_seen and low.startswith(("they", "them", "their"))):
            new = PRONOUNS[low]
        elif subject_you:
            new = _verb_for_you(core)
        else:
            new = core
        subject_you = new.lower() == "you" and low in ("he", "she", "they", "you") and not tail
        if (
            len(low) > 3
            and low.endswith("s")
            and not low.endswith(("ss", "us", "is", "'s"))
            and low not in PRONOUNS
            and not subject_you
        ):
            plural_seen = True
        if new != core and core[:1].isupper() and i == 0:
            new = new[:1].upper() + new[1:]
        out.append(new + tail)
    return " ".join(out)
