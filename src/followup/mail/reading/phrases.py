"""Phrase lists compiled into one regex each, searched in lower-cased text.

Phrases match on whole words, with any run of spaces between words; "..." inside a phrase
allows up to 80 other characters of the same line there ("unfortunately ... not selected").
Scripts written without spaces (Chinese, Japanese, Thai) have no word boundaries: a phrase
that starts with such a character matches wherever it stands, and one that ends with one ends
anywhere ("採用を見送らせて" inside a sentence).
The regex is a trie: phrases sharing a beginning share its test, so a list of hundreds of
phrases costs about what its distinct beginnings cost (Python's engine tries the branches of
an alternation one by one, and a flat list of 400 phrases is 400 tries at each candidate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GAP = r"[^\n]{0,80}?"
_SPACE = r"\s+"
# Han, kana, Hangul syllables, Thai: words are not set apart by spaces
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class Phrases:
    """A compiled phrase list, searched in the lower-cased text.

    Each branch at the root starts with its literal first character and checks the word
    boundary just after it (`d(?<!\\w.)ecided`): with a literal first and no IGNORECASE, the
    regex engine scans for possible first characters in C instead of trying every branch at
    every position."""

    pattern: re.Pattern[str]

    def search(self, text: str) -> re.Match[str] | None:
        """The first phrase found (its text lower-cased), or None."""
        return self.pattern.search(text.lower())


def _units(phrase: str) -> list[str]:
    """A phrase as regex units: one escaped character, a run of spaces, or a gap."""
    units: list[str] = []
    segments = [seg.split() for seg in phrase.split("...") if seg.split()]
    for index, words in enumerate(segments):
        if index:
            units.append(_GAP)
        for position, word in enumerate(words):
            if position:
                units.append(_SPACE)
            units.extend(re.escape(char) for char in word)
    return units


class _Node:
    __slots__ = ("children", "end")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.end = False


def _emit(node: _Node, root: bool = False, unspaced: bool = False) -> str:
    branches = []
    for unit, child in node.children.items():
        spaceless = _UNSPACED.fullmatch(unit) is not None
        boundary = r"(?<!\w.)" if root and not spaceless else ""  # a phrase starts a word
        branches.append(unit + boundary + _emit(child, unspaced=spaceless))
    if node.end:
        branches.append("" if unspaced else r"(?!\w)")  # and ends one
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def phrase_pattern(phrases: list[str]) -> Phrases:
    """One regex for a phrase list: whole words, any spaces, "..." as a short gap."""
    root = _Node()
    # longer phrases first, so a match names the longest phrase found at its place
    for phrase in sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True):
        units = _units(phrase)
        if not units:
            continue
        node = root
        for unit in units:
            node = node.children.setdefault(unit, _Node())
        node.end = True
    if not root.children:
        return Phrases(re.compile(r"(?!x)x"))  # matches nothing
    return Phrases(re.compile(_emit(root, root=True)))
