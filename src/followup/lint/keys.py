"""Keys: the words without which a pattern cannot match, so the draft is not scanned for it.

Most content patterns never match a good draft, and scanning a draft with a hundred
regular expressions costs far more than looking its words up once. For each pattern the
rules file is compiled with, `keys` reads (off Python's own parse tree) a few lower-case
keys such that every match contains a word of the text that starts with one of them
("salar" for `\\bsalar(?:y|ies)\\b`), or that is exactly one (written with a trailing space:
"pay " for `\\bpay\\b`). A word is a run of `\\w` characters, the way `\\b` sees them.

`KeyIndex.present` splits a draft into its words once and returns the keys they carry;
what a word carries is remembered, so a draft costs about one dict look-up per distinct
word. A pattern none of whose keys is present is skipped; one without keys is always
scanned. A case-insensitive pattern matches four non-ASCII letters as ASCII ones (see
UNSURE); a draft holding one is scanned in full.
"""

from __future__ import annotations

import re
from typing import Any

WORD_RE = re.compile(r"\w+")
# The letters `re.IGNORECASE` matches to an ASCII letter although they do not lower-case
# to it (dotted and dotless i, long s, Kelvin sign): tests/lint/test_lint_keys.py checks
# there are no others.
UNSURE = "\u0130\u0131\u017f\u212a"
MAX_KEYS = 24  # an alternation of more words than this is not worth a key each
MEMO_LIMIT = 200_000  # distinct words remembered per rule set
# Words in most letters: a key among them rarely lets a draft skip a pattern.
COMMON_TEXT = (
    "a an the to of in on at for and or is are be i you your we our my me it this that "
    "with would will can have has was were know time next when team work role job "
    "interview any about more thank thanks"
)
COMMON = frozenset(COMMON_TEXT.split())
Keys = frozenset[str]


def _word_char(c: Any, op: Any, arg: Any) -> str | None:
    """The lower-case ASCII letter or digit this parsed item matches (either case of one
    letter counts: "[Jj]"), else None."""
    if op is c.LITERAL:
        ch = chr(arg).lower()
        return ch if ch.isascii() and ch.isalnum() else None
    if op is c.IN and arg and all(o is c.LITERAL for o, _ in arg):
        chars = {chr(a).lower() for _, a in arg}
        if len(chars) == 1:
            (ch,) = chars
            return ch if ch.isascii() and ch.isalnum() else None
    return None


def _non_word(c: Any, op: Any, arg: Any) -> bool:
    """Whether the item matches one character that is not a word character."""
    if op is c.LITERAL:
        return WORD_RE.fullmatch(chr(arg)) is None
    return op is c.IN and all(
        item == (c.CATEGORY, c.CATEGORY_SPACE)
        or (item[0] is c.LITERAL and WORD_RE.fullmatch(chr(item[1])) is None)
        for item in arg
    )


def _rank(keys: set[str]) -> tuple[bool, int, int, bool, int]:
    words = [k.rstrip() for k in keys]
    return (
        min(map(len, words)) >= 3,
        -sum(1 for w in words if w in COMMON),
        min(*map(len, words), 8),
        all(k.endswith(" ") for k in keys),
        -len(keys),
    )


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    usable = [s for s in (a, b) if s and len(s) <= MAX_KEYS]
    return max(usable, key=_rank) if usable else None


class _Walk:
    """One pass over a parsed sequence, from a position that may start a word."""

    def __init__(self, c: Any, starts_word: bool) -> None:
        self.c = c
        self.starts_word = starts_word  # a word character here begins a word of the text
        self.run: str | None = None  # ASCII letters read since a word began
        self.best: set[str] | None = None

    def close(self, whole: bool) -> None:
        if self.run:
            self.offer({self.run + " " if whole else self.run})
        self.run = None

    def offer(self, keys: set[str] | None) -> None:
        self.best = _better(self.best, keys)

    def item(self, op: Any, arg: Any) -> None:
        c = self.c
        ch = _word_char(c, op, arg)
        if ch is not None:
            if self.run is not None:
                self.run += ch
            elif self.starts_word:
                self.run = ch
            self.starts_word = False
        elif op is c.AT:
            boundary = arg is c.AT_BOUNDARY
            self.close(whole=boundary)
            self.starts_word = boundary
        elif op in (c.ASSERT, c.ASSERT_NOT):
            pass  # a look-around consumes nothing: the run and the position stand
        elif _non_word(c, op, arg):
            self.close(whole=True)
            self.starts_word = True
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            self.repeat(*arg)
        elif op is c.SUBPATTERN:
            self.close(whole=False)
            self.offer_all([arg[3]])
        elif op is c.BRANCH:
            self.close(whole=False)
            self.offer_all(arg[1])
        else:
            self.close(whole=False)
            self.starts_word = False

    def repeat(self, low: int, _high: int, body: Any) -> None:
        c = self.c
        if len(body) == 1 and _non_word(c, *body[0]):
            # \s+ ends a word before it; \s* may match nothing, and a word go on
            self.close(whole=low >= 1)
            self.starts_word = low >= 1
            return
        self.close(whole=False)
        if low >= 1:
            self.offer_all([body])
        self.starts_word = False

    def offer_all(self, alternatives: list[Any]) -> None:
        """Keys of a group or an alternation: every alternative's, together."""
        walks = [walk(alt, self.c, self.starts_word) for alt in alternatives]
        if all(w.best for w in walks):
            self.offer({k for w in walks for k in w.best or ()})
        self.starts_word = all(w.starts_word for w in walks)


def walk(items: Any, c: Any, starts_word: bool) -> _Walk:
    state = _Walk(c, starts_word)
    for op, arg in items:
        state.item(op, arg)
    state.close(whole=False)
    return state


def keys(pattern: re.Pattern[str]) -> Keys | None:
    """Keys one of which every match of `pattern` carries (see the module doc), or None
    when none are known: the pattern is then always scanned."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        found = walk(_parser.parse(pattern.pattern, pattern.flags), c, False).best
    except Exception:  # an internal parser that changed: scan every time
        return None
    return frozenset(found) if found else None


def _ends_word(items: list[Any], c: Any) -> bool:
    """Whether every match of `items`, read right after a word character, begins with a
    word boundary: a non-word character, \\b, or a group or repeat all of whose ways do."""
    for i, (op, arg) in enumerate(items):
        rest = items[i + 1 :]
        if op is c.AT:
            return bool(arg is c.AT_BOUNDARY)
        if op in (c.ASSERT, c.ASSERT_NOT):
            continue  # consumes nothing
        if _non_word(c, op, arg):
            return True
        if op is c.SUBPATTERN:
            return _ends_word([*arg[3], *rest], c)
        if op is c.BRANCH:
            return all(_ends_word([*alt, *rest], c) for alt in arg[1])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _high, body = arg
            once = _ends_word([*body, *rest], c)
            return once if low >= 1 else once and _ends_word(rest, c)
        return False
    return False  # the match may end inside a word ("I" in "In")


def _lead(items: Any, c: Any, starts_word: bool) -> set[str] | None:
    """Keys the word a match starts with carries: the pattern opens with \\b (or a
    look-around) and then a word's first letters ("i " when the word is "I" alone), or a
    group of such alternatives."""
    items = list(items)
    for i, (op, arg) in enumerate(items):
        rest = items[i + 1 :]
        if op is c.AT and arg is c.AT_BOUNDARY:
            starts_word = True
        elif op in (c.ASSERT, c.ASSERT_NOT):
            continue
        elif op is c.SUBPATTERN:  # what follows the group belongs to each of its ways
            return _lead([*arg[3], *rest], c, starts_word)
        elif op is c.BRANCH:
            found = [_lead([*alt, *rest], c, starts_word) for alt in arg[1]]
            return {k for f in found for k in f or ()} if all(found) else None
        else:
            letters, j = "", i
            while j < len(items):
                ch = _word_char(c, *items[j])
                if ch is None and items[j][0] not in (c.ASSERT, c.ASSERT_NOT):
                    break
                letters += ch or ""
                j += 1
            if not (starts_word and letters):
                return None
            if j < len(items) and items[j][0] is c.MAX_REPEAT and items[j][1][:2] == (0, 1):
                # "an?": the word with the letter and the word without it
                head, (_, (_, _, body)), tail = items[i:j], items[j], items[j + 1 :]
                ways = [_lead([*head, *body, *tail], c, True), _lead([*head, *tail], c, True)]
                return {k for way in ways for k in way or ()} if all(ways) else None
            return {letters + " "} if _ends_word(items[j:], c) else {letters}
    return None


def lead(pattern: re.Pattern[str]) -> Keys | None:
    """Keys the first word of every match starts with, when a match can only begin at the
    start of such a word (so only there is it tried), else None."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        found = _lead(_parser.parse(pattern.pattern, pattern.flags), c, False)
    except Exception:  # an internal parser that changed: scan the whole span
        return None
    return frozenset(found) if found and len(found) <= MAX_KEYS else None


def carried(word: str, keys: frozenset[str], lengths: tuple[int, ...]) -> frozenset[str]:
    """The keys a (lower-case) word carries: those it starts with, and itself if a key."""
    found = {word[:n] for n in lengths if n <= len(word) and word[:n] in keys}
    if word + " " in keys:
        found.add(word + " ")
    return frozenset(found)


class KeyIndex:
    """The keys of a rule set's patterns, and which of them a draft holds."""

    def __init__(self, all_keys: frozenset[str]) -> None:
        self.keys = all_keys
        self._lengths = tuple(sorted({len(k) for k in all_keys if not k.endswith(" ")}))
        self._memo: dict[str, tuple[str, ...]] = {}

    def scan(self, text: str) -> dict[str, list[int]] | None:
        """Where the words of `text` that carry keys start, by key; None when the text
        holds a letter of UNSURE (or one whose lower case is longer): then nothing may be
        skipped."""
        lower = text.lower()
        if len(lower) != len(text) or any(ch in text for ch in UNSURE):
            return None
        memo, found = self._memo, dict[str, list[int]]()
        for match in WORD_RE.finditer(lower):
            word = match.group()
            got = memo.get(word)
            if got is None:
                got = tuple(carried(word, self.keys, self._lengths))
                if len(memo) < MEMO_LIMIT:
                    memo[word] = got
            for key in got:  # most words carry none: the loop is the hot path
                at = found.get(key)
                if at is None:
                    found[key] = [match.start()]
                else:
                    at.append(match.start())
        return found

    def present(self, text: str) -> frozenset[str]:
        """The keys the words of `text` carry (all of them when `scan` cannot tell)."""
        found = self.scan(text)
        return self.keys if found is None else frozenset(found)
