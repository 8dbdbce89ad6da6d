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
MAX_NEEDLES = 40
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
    return (shortest >= MIN_NEEDLE, -common, shortest, -len(texts))


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """Of two sets of texts (a match contains one of each), the more selective one."""
    usable = [s for s in (a, b) if s and len(s) <= MAX_NEEDLES and all(len(x) >= 1 for x in s)]
    if not usable:
        return None
    return max(usable, key=_selectivity)


def _walk(items: Any) -> tuple[set[str] | None, set[str], bool]:
    """For a parsed pattern: the best set of texts one of which every match contains,
    the literal texts the pattern starts with, and whether those are all of it."""
    from re import _constants as c  # type: ignore[attr-defined]

    best: set[str] | None = None
    run = {""}
    starting = True  # still in the literal start of the pattern
    prefixes = {""}
    for op, arg in items:
        if op is c.AT:
            continue  # \b and ^ match no character
        if op is c.LITERAL:
            run = {r + chr(arg) for r in run}
            continue
        if op in (c.BRANCH, c.SUBPATTERN):
            walks = [_walk(alt) for alt in arg[1]] if op is c.BRANCH else [_walk(arg[3])]
            if all(done for _, _, done in walks):
                run = {r + q for r in run for _, found, _ in walks for q in found}
                if len(run) <= MAX_NEEDLES:
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


def needles(pattern: re.Pattern[str]) -> Needles | None:
    """Texts one of which every match of `pattern` contains, so that a draft holding none
    of them skips the pattern: most patterns never match a good draft, and a substring
    test is far cheaper than a regex scan. None when no such texts are known."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        found, _, _ = _walk(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # an internal parser that changed: scan every time
        return None
    if not found:
        return None
    if min(map(len, found)) < MIN_NEEDLE and any(ch.isalnum() for x in found for ch in x):
        return None
    return frozenset(x.lower() for x in found)
