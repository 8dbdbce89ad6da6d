"""Keys (lint.keys) are sound: a draft without any key of a pattern cannot match it."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from followup.lint import load_rules
from followup.lint.keys import UNSURE, WORD_RE, KeyIndex, keys, lead


def test_keys_of_a_few_patterns() -> None:
    flags = re.IGNORECASE
    assert keys(re.compile(r"\bstill\s+waiting\b", flags)) == {"waiting "}  # the longer
    assert keys(re.compile(r"\bstill\s*waiting\b", flags)) == {"still"}  # "stillwaiting"
    assert keys(re.compile(r"\b(?:salary|bonus(?:es)?)\b", flags)) == {"salary", "bonus"}
    assert keys(re.compile(r"\b[Jj]oin(?:ing)?\s+(?P<name>[A-Z]\w*)")) == {"join"}
    assert keys(re.compile(r"\?", flags)) is None
    assert keys(re.compile(r"interest\w*", flags)) is None  # may start inside a word


def test_unsure_lists_every_letter_ignorecase_matches_to_ascii_otherwise() -> None:
    ascii_word = re.compile(r"[a-z0-9_]", re.IGNORECASE)
    odd = []
    for code in range(0x80, sys.maxunicode + 1):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        low = ch.lower()
        as_ascii = ascii_word.fullmatch(ch) or (low.isascii() and low != ch)
        changes = len(low) != 1 or bool(WORD_RE.fullmatch(ch)) != bool(WORD_RE.fullmatch(low))
        if as_ascii or changes:
            odd.append(ch)
    assert "".join(odd) == UNSURE


def test_a_draft_holding_an_unsure_letter_holds_every_key() -> None:
    index = load_rules().key_index
    assert index.present("We discussed the \u017falary") == index.keys
    assert "salar" not in index.present("We discussed the weather")
    assert "salar" in index.present("We discussed the SALARY band")


Case = tuple[str, re.Pattern[str], frozenset[str]]


def _cases(field: str, patterns: str = "patterns") -> list[Case]:
    """(rule, pattern, its keys or leads) for every pattern that has them."""
    return [
        (rule.id, pattern.compiled, found)
        for rule in load_rules().rules
        for pattern, found in zip(
            getattr(rule.params, patterns), getattr(rule.params, field), strict=True
        )
        if found is not None
    ]


PATTERNS = _cases("keys")
LEADS = _cases("leads") + _cases("also_leads", "also")  # a rule's `also` patterns have leads too


def each_pattern(cases: list[Case]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Run a test on text drawn from each pattern, after a few kinds of text before it."""

    def wrap(test: Callable[..., None]) -> Callable[..., None]:
        ids = [f"{r}:{p.pattern[:30]}" for r, p, _ in cases]
        test = given(data=st.data(), before=st.sampled_from(["", "x", "a ", "(", "re-"]))(test)
        test = settings(
            max_examples=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )(test)
        return pytest.mark.parametrize(("rule_id", "pattern", "found"), cases, ids=ids)(test)

    return wrap


@each_pattern(PATTERNS)
def test_every_match_carries_a_key(
    rule_id: str, pattern: re.Pattern[str], found: frozenset[str], data: st.DataObject, before: str
) -> None:
    """A key is only a shortcut: skipping on its absence must never hide a match."""
    text = before + data.draw(st.from_regex(pattern, fullmatch=True))
    if pattern.search(text) is not None:
        assert KeyIndex(found).present(text) & found, (rule_id, text, found)


def test_most_patterns_are_tried_only_where_their_first_word_starts() -> None:
    every = sum(len(rule.params.patterns) for rule in load_rules().rules)
    assert len(LEADS) >= 0.9 * every
    assert lead(re.compile(r"\b(?:the|an?)\s+role", re.IGNORECASE)) == {"the ", "a ", "an "}
    assert lead(re.compile(r"\b(?P<name>[A-Z]\w+)\s+Inc\b")) is None
    # the first word whole ("i "), where every way on leaves it: only "I" itself is tried
    assert lead(re.compile(r"\bI(?:'ve|\s+have)?\s+built", re.IGNORECASE)) == {"i "}
    assert lead(re.compile(r"\bI", re.IGNORECASE)) == {"i"}  # "In" matches too
    assert lead(re.compile(r"\bbeg(?:ging)?s?\b")) == {"beg ", "begs ", "begging ", "beggings "}


@each_pattern(LEADS)
def test_every_match_starts_at_a_word_with_a_lead_key(
    rule_id: str, pattern: re.Pattern[str], found: frozenset[str], data: st.DataObject, before: str
) -> None:
    text = before + data.draw(st.from_regex(pattern, fullmatch=True))
    starts = KeyIndex(found).scan(text)
    assume(starts is not None)  # else the linter scans the whole span (see KeyIndex.scan)
    assert starts is not None
    allowed = {at for key in found for at in starts.get(key, [])}
    for match in pattern.finditer(text):
        assert match.start() in allowed, (rule_id, text, match.start(), found)
