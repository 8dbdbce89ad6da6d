"""Outcomes written in words no phrase list holds, found by two cues in one place.

"Unfortunately, the panel chose a candidate with more sales experience": a word of regret
and, in the same sentence or the next, a word of someone else chosen or of the application
stopped. "Congratulations - we'd love for you to join us": a word of good news and a word of
joining in one sentence. Either cue alone is everyday mail ("unfortunately I'm busy
Thursday", "happy to join the call"); together they are an outcome. An offer phrase with a
negation just before it ("we won't be extending an offer") is a rejection.

Two more shapes need no word of regret: a choice made for someone else in one sentence
("we have chosen another candidate", "optamos por seguir com outra pessoa"), and a negation
that stops the application in one clause ("we won't be able to continue the process with
you"). And a rejection phrase whose clause goes on about something else is no rejection
("decided not to move forward with the old vendor"). The word lists are data
(classify.yaml: rejection_cues, offer_cues).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from followup.mail.reading.phrases import Phrases
from followup.mail.reading.rules import ClassifyRules

# a sentence ends at . ! ? or a blank line; a line break inside a paragraph does not end it
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_CLAUSE_END = re.compile(r"[.!?;:\n]")
_WRAPPED = re.compile(r"(?<!\n)\n(?![ \t]*\n)")  # a line break that is not a blank line


def rejection_cues(text: str, rules: ClassifyRules) -> tuple[str, str] | None:
    """(regret words, turned-down words) found together, or None; not when the turned-down
    words go on about something else ("we'll not be moving forward with the upgrade")."""

    def about_it(sentences: list[str], turned: re.Match[str]) -> bool:
        lowered = turned.string.lower()
        return not about_something_else(turned.group(0), lowered, turned.end(), rules)

    return _together(text, rules.regret_cues, rules.turned_down_cues, reach=2, keep=about_it)


def chosen_other(text: str, rules: ClassifyRules) -> tuple[str, str] | None:
    """(choice words, someone-else words) found in one sentence, or None."""
    return _together(text, rules.chose_cues, rules.others_cues, reach=1)


def stopped(text: str, rules: ClassifyRules) -> tuple[str] | None:
    """A negation, then a word of going on, then the application, in one clause ("won't be
    able to continue the process with you"); (the clause's text,), or None."""
    lowered = text.lower()
    if rules.going_on_cues.pattern.search(lowered) is None:  # most mail: one search and done
        return None
    for negation in rules.negations.pattern.finditer(lowered):
        clause = _clause_after(lowered, negation.start(), 90)
        going_on = rules.going_on_cues.search(clause)
        if going_on is None:
            continue
        rest = clause[going_on.end() :]
        # "do not wish to continue receiving your daily letter": a mailing's way out
        if rules.receiving_words.pattern.match(rest.lstrip()) is not None:
            continue
        if rules.application_words.search(rest) is not None:
            return (clause.strip(),)
    return None


def filled(text: str, rules: ClassifyRules) -> tuple[str, str] | None:
    """(post words, filled words) in one sentence, or None; None as well for a post not
    filled ("has not yet been filled") and when the message goes on to another role ("has
    been filled, but we're opening a platform role")."""
    found = _together(text, rules.filled_cues, rules.post_words, reach=1)  # the rarer first
    if found is None or rules.negations.search(found[0]) is not None:
        return None
    return None if rules.elsewhere_words.search(text) is not None else (found[1], found[0])


def about_something_else(phrase: str, lowered: str, end: int, rules: ClassifyRules) -> bool:
    """Does a rejection phrase that ends in a word of going on ("decided not to move
    forward") go on with "with" and name neither the application nor a person ("... with
    the old vendor")? Or does one that ends in "another" or "other" ("we went with
    another") go on to a thing, not a person ("... interview format", "... supplier")?"""
    if phrase.endswith("other"):  # "another", "other"
        following = " ".join(_clause_after(lowered, end, 40).split()[:2])
        return rules.thing_words.search(following) is not None
    if not _ends_in(phrase, rules.going_on_cues):
        return False
    rest = _clause_after(lowered, end, 60).lstrip()
    if not rest.startswith("with "):
        return False
    return rules.application_words.search(rest) is None


def offers_something_else(phrase: str, lowered: str, end: int, rules: ClassifyRules) -> bool:
    """Does an offer phrase that ends in its verb ("happy to offer") go on to offer
    something other than the post or to the person ("... some advice over coffee")? Or
    does the phrase, with the words its gap let in, name a step of the process ("selected
    for the interview stage of the analyst position"): a step reached is no job given?"""
    if rules.offer_steps.search(phrase) is not None:
        return True
    after = _clause_after(lowered, end, 60).lstrip()
    # "like to offer you" offers what follows it: the post ("the SRE position"), or something
    # else ("a free preview copy of our assessments")
    if phrase.endswith(" you") and _ends_in(phrase.removesuffix(" you"), rules.offer_verbs):
        found = rules.offer_objects.search(after)
        named = (found is not None and found.start() == 0) or rules.post_words.search(after)
        return not named
    if not _ends_in(phrase, rules.offer_verbs):
        return False
    found = rules.offer_objects.search(after)
    return found is None or found.start() != 0


def _ends_in(phrase: str, words: Phrases) -> bool:
    found = words.search(phrase)
    return found is not None and found.end() == len(phrase)


def _clause_after(lowered: str, start: int, reach: int) -> str:
    """The clause from `start`, at most `reach` characters; a line break inside a paragraph
    does not end it (mail is wrapped at 72 characters)."""
    window = _WRAPPED.sub(" ", lowered[start : start + reach])
    end = _CLAUSE_END.search(window)
    return window[: end.start()] if end else window


def sentence_around(found: re.Match[str]) -> str:
    """The sentence a phrase found in a text stands in (at most 200 characters either side)."""
    text, start, end = found.string, found.start(), found.end()
    before = text[max(0, start - 200) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    after = text[end : end + 200]
    stop = _SENTENCE_END.search(after)
    return (
        before[ends[-1] if ends else 0 :]
        + found.group(0)
        + (after[: stop.start()] if stop else after)
    )


def offer_cues(text: str, rules: ClassifyRules) -> tuple[str, str] | None:
    """(good-news words, joining words) found together and said to the reader ("we'd love
    you to join us"), or None: "pleased to announce that Maria will join the team" is news
    of someone else, "glad to hear the contract was signed" no offer."""

    def to_the_reader(sentences: list[str], joining: re.Match[str]) -> bool:
        return any(rules.reader_words.search(sentence) for sentence in sentences)

    return _together(text, rules.good_news_cues, rules.joining_cues, reach=2, keep=to_the_reader)


def negation_before(lowered: str, start: int, rules: ClassifyRules) -> str | None:
    """A negation among the few words before `start` in the same clause, or None."""
    before = lowered[max(0, start - 40) : start]
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    found = rules.negations.search(before[ends[-1] :] if ends else before)
    return found.group(0) if found else None


def asked_before(lowered: str, start: int, requests: Phrases) -> str | None:
    """A request among the few words before `start` in the same clause ("can you prepare
    the offer letter"), or None."""
    before = _WRAPPED.sub(" ", lowered[max(0, start - 50) : start])
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    found = requests.search(before[ends[-1] :] if ends else before)
    return found.group(0) if found else None


def _together(
    text: str,
    first: Phrases,
    second: Phrases,
    reach: int,
    keep: Callable[[list[str], re.Match[str]], bool] | None = None,
) -> tuple[str, str] | None:
    """The first and second words found within `reach` sentences, the second kept by `keep`
    (given the sentences from the first's on and the second's match), or None."""
    if first.search(text) is None:  # most mail: one search and done
        return None
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    for index, sentence in enumerate(sentences[:200]):
        one = first.search(sentence)
        if one is None:
            continue
        window = sentences[index : index + reach]
        for near in window:
            two = second.search(near)
            if two is not None and (keep is None or keep(window, two)):
                return one.group(0), two.group(0)
    return None
