"""Needles: texts one of which every match of a pattern contains.

A draft holding none of a pattern's needles cannot match it, so the pattern is not
scanned at all. Most content patterns never match a good draft, and looking a few
words up in the draft once is far cheaper than running a hundred regular expressions.
The needles are read off the pattern's parse tree (Python's own regex parser); where
that gives nothing usable the pattern is simply always scanned.
"""

from __future__ import annotations

import re
from typing import Any

MIN_NEEDLE = 3
MAX_NEEDLES = 12  # each needle costs a lookup per draft
Needles = frozenset[str]


# Texts inside most letters: a needle made of them rarely lets a draft skip a pattern.
COMMON_TEXT = (
    "any you your would have been was know time next when with this that the and for are "
    "will can more one let need team work role job interview back last only help "
    "all about our really"
)
COMMON_TEXTS = frozenset(COMMON_TEXT.split())


def _selectivity(texts: set[str]) -> tuple[bool, int, int, int]:
    shortest = min(map(len, texts))
    common = sum(1 for t in texts if t.lower() in COMMON_TEXTS)
    # past 8 characters a longer needle skips hardly more drafts, while each costs a lookup
    return (shortest >= MIN_NEEDLE, -common, min(shortest, 8), -len(texts))


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """Of two sets of texts (a match contains one of each), the more selective one."""
    usable = [s for s in (a, b) if s and len(s) <= MAX_NEEDLES and all(len(x) >= 1 for x in s)]
    if not usable:
        return None
    return max(usable, key=_selectivity)


def _join(a: str, b: str) -> str:
    """Two texts in a row, a run of white space kept as one space (see `normalize`)."""
    return a + b[1:] if a.endswith(" ") and b.startswith(" ") else a + b


def _is_space(c: Any, op: Any, arg: Any) -> bool:
    """Whether a parsed item matches white space only (`\\s`, " ", "\\n")."""
    if op is c.LITERAL:
        return chr(arg).isspace()
    return op is c.IN and all(
        item == (c.CATEGORY, c.CATEGORY_SPACE) or (item[0] is c.LITERAL and chr(item[1]).isspace())
        for item in arg
    )


def _walk(items: Any) -> tuple[set[str] | None, set[str], bool]:
    """For a parsed pattern: the best set of texts one of which every match contains
    (in `normalize`d form), the texts the pattern starts with, and whether those are all
    of it."""
    from re import _constants as c  # type: ignore[attr-defined]

    best: set[str] | None = None
    run = {""}
    starting = True  # still in the literal start of the pattern
    prefixes = {""}
    for op, arg in items:
        if op is c.AT:
            continue  # \b and ^ match no character
        if op is c.LITERAL or (
            op in (c.MAX_REPEAT, c.MIN_REPEAT)
            and arg[0] >= 1
            and len(arg[2]) == 1
            and _is_space(c, *arg[2][0])
        ):
            piece = " " if op is not c.LITERAL or chr(arg).isspace() else chr(arg)
            run = {_join(r, piece) for r in run}
            continue
        if op in (c.BRANCH, c.SUBPATTERN):
            walks = [_walk(alt) for alt in arg[1]] if op is c.BRANCH else [_walk(arg[3])]
            if all(done for _, _, done in walks):
                longer = {_join(r, q) for r in run for _, found, _ in walks for q in found}
                if len(longer) <= MAX_NEEDLES:
                    run = longer
                    continue
            best = _better(best, run if run != {""} else None)
            inner = [b for b, _, _ in walks if b]
            union = {x for b in inner for x in b} if len(inner) == len(walks) else None
            best = _better(best, union)
        else:
            best = _better(best, run if run != {""} else None)
        if starting:
            prefixes, starting = run, False
        run = {""}
    if starting:
        prefixes = run
    return _better(best, run if run != {""} else None), prefixes, starting


def normalize(text: str) -> str:
    """The form needles are looked for in: lower case, each run of white space one
    space, a space at either end (so `\\s+x` at the very start still finds " x")."""
    return " " + " ".join(text.lower().split()) + " "


def needles(pattern: re.Pattern[str]) -> Needles | None:
    """Texts one of which every match of `pattern` contains, so that a draft holding none
    of them skips the pattern: most patterns never match a good draft, and a substring
    test is far cheaper than a regex scan. None when no such texts are known."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        found, _, _ = _walk(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # an internal parser that changed: scan every time
        return None
    if not found or any(not x.strip() for x in found):
        return None
    if min(map(len, found)) < MIN_NEEDLE and any(ch.isalnum() for x in found for ch in x):
        return None
    return frozenset(x.lower() for x in found)


def _trie_pattern(words: frozenset[str]) -> str:
    """A regular expression matching, at a position, the longest of `words` there: a trie,
    longer continuations tried first, so one pass finds what a hundred `in` tests would."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        children = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not children:
            return ""
        either = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
        return f"(?:{either})?" if "" in node else either

    return build(trie)


class NeedleFinder:
    """Which of a set of needles occur in a text, in one regex pass.

    At each position the trie pattern reports the longest needle starting there; every
    other needle starting there is a prefix of it (both are text from that position on),
    so adding each found needle's needle-prefixes gives exactly the needles present.
    """

    def __init__(self, needles: frozenset[str]) -> None:
        self.needles = needles
        self._pattern = re.compile(f"(?=({_trie_pattern(needles)}))") if needles else None
        self._with_prefixes = {
            n: frozenset(n[:i] for i in range(1, len(n) + 1) if n[:i] in needles) for n in needles
        }

    def present(self, normalized: str) -> frozenset[str]:
        if self._pattern is None:
            return frozenset()
        found: set[str] = set()
        for match in self._pattern.finditer(normalized):
            found |= self._with_prefixes[match.group(1)]
        return frozenset(found)
