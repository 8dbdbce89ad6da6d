"""Outcomes written in words no phrase list holds, found by two cues in one place.

"Unfortunately, the panel chose a candidate with more sales experience": a word of regret
and, in the same sentence or the next, a word of someone else chosen or of the application
stopped. "Congratulations - we'd love for you to join us": a word of good news and a word of
joining in one sentence. Either cue alone is everyday mail ("unfortunately I'm busy
Thursday", "happy to join the call"); together they are an outcome. An offer phrase with a
negation just before it ("we won't be extending an offer") is a rejection. The word lists
are data (classify.yaml: rejection_cues, offer_cues).
"""

from __future__ import annotations

import re

from followup.mail.reading.phrases import Phrases
from followup.mail.reading.rules import ClassifyRules

# a sentence ends at . ! ? or a blank line; a line break inside a paragraph does not end it
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_CLAUSE_END = re.compile(r"[.!?;:\n]")


def rejection_cues(text: str, rules: ClassifyRules) -> tuple[str, str] | None:
    """(regret words, turned-down words) found together, or None."""
    return _together(text, rules.regret_cues, rules.turned_down_cues, reach=2)


def offer_cues(text: str, rules: ClassifyRules) -> tuple[str, str] | None:
    """(good-news words, joining words) found in one sentence, or None."""
    return _together(text, rules.good_news_cues, rules.joining_cues, reach=1)


def negation_before(lowered: str, start: int, rules: ClassifyRules) -> str | None:
    """A negation among the few words before `start` in the same clause, or None."""
    before = lowered[max(0, start - 40) : start]
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    found = rules.negations.search(before[ends[-1] :] if ends else before)
    return found.group(0) if found else None


def _together(text: str, first: Phrases, second: Phrases, reach: int) -> tuple[str, str] | None:
    if first.search(text) is None:  # most mail: one search and done
        return None
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    for index, sentence in enumerate(sentences[:200]):
        one = first.search(sentence)
        if one is None:
            continue
        for near in sentences[index : index + reach]:
            two = second.search(near)
            if two is not None:
                return one.group(0), two.group(0)
    return None
