"""The sentence that ties the conversation to what the candidate brings (SEED-HIGHLIGHT).

A strength comes from the profile as the candidate typed it: a whole sentence ("I led the
move of forty jobs to Kafka."), a line from a CV that drops the "I" ("led a team of five
engineers"), or a noun phrase ("five years of PostgreSQL tuning", "data pipeline design").
`fit_sentence` reads which it is and writes a sentence that fits each:

- a sentence is quoted after a short lead: "It connects to my own work: I led ...";
- a CV line gets its "I" back: "It connects to my own work: I led a team of five engineers.";
- a phrase is something the candidate brings: "... and I would bring five years of
  PostgreSQL tuning to it." (a bare field gets "experience in": "experience in data
  pipeline design").

Pure: no I/O beyond the packaged spelling table.
"""

from __future__ import annotations

import re

from followup.drafts.jotted import expand_shorthand
from followup.drafts.spelling import respell
from followup.drafts.strengths import Strength

GENERAL_FIT = (
    # the closing paragraphs of the thank-you say "glad" (variant 0) and "carry over" (2)
    "It is the kind of work I enjoy most, and I would welcome the chance to help with it.",
    "It is close to the work I enjoy most, and my experience would carry over well.",
    "That is the kind of work my background fits, and I would be glad to help with it.",
)
SENTENCE_LEADS = (
    "It connects to my own work: {}",
    "That ties in with my own experience: {}",
    "It is close to what I have done myself: {}",
)
PHRASE_LEADS = (
    "It connects to my own work, and I would bring {} to it.",
    "That ties in with my own experience, and I would bring {} to it.",
    "It is close to what I have done myself, and I would bring {} to it.",
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Past tenses a CV line starts with that do not end in -ed.
IRREGULAR_PAST = _words(
    "led built ran grew cut wrote taught won made set brought drove took kept held spent sold "
    "began rebuilt rewrote oversaw undertook overtook broke found founded shipped shrank"
)
# Words ending in -ed that open a noun phrase ("advanced SQL", "distributed systems") unless
# an article or a number follows them ("automated the release checks").
ED_ADJECTIVES = _words(
    "advanced applied automated detailed distributed embedded experienced integrated "
    "seasoned skilled specialised specialized certified dedicated proven qualified related "
    "regulated mixed unified managed"
)
# A CV line in the present ("lead a team of five", "build data pipelines for ...").
PRESENT_VERBS = _words(
    "lead build run design manage own ship mentor coach teach write maintain develop deliver "
    "automate scale migrate operate support drive"
)
OBJECT_STARTS = _words(
    "the a an my our their its this that these those two three four five six seven eight "
    "nine ten eleven twelve fifteen twenty several many"
)
# A quality the phrase already claims: brought as it is ("strong stakeholder management").
QUALITIES = _words("strong solid deep broad proven excellent extensive thorough wide")
# Heads that make a phrase something one brings as it is ("strong SQL skills").
BRINGABLE = _words(
    "experience expertise background skills skill knowledge years months track record "
    "understanding familiarity fluency ability grounding instinct eye feel"
)
SUBJECT_RE = re.compile(
    r"(?:I|I'm|I've|I'd|I’m|I’ve|I’d|My|We|We've|Our|In\s+my|At\s+\S+|As\s+an?|For\s+\S+"
    r"|Over\s+\S+|During\s+\S+|Since\s+\S+)\s",
)


def _is_number(word: str) -> bool:
    return word.isdigit() or word.rstrip("+").isdigit() or word in OBJECT_STARTS


COMMON_FIRST = (
    OBJECT_STARTS
    | BRINGABLE
    | ED_ADJECTIVES
    | _words("my our strong deep solid broad hands-on data end-to-end large small real-time")
)


def _lower_first(text: str, verb: bool = False) -> str:
    """The first word in lower case when it is a verb (`verb`) or a common word capitalized
    only because it comes first ("Led" -> "led", "Strong" -> "strong"); a name or an
    acronym stays ("PostgreSQL", "AWS", "Acme")."""
    first, _, rest = text.partition(" ")
    common = verb or first.lower() in COMMON_FIRST
    if common and first[:1].isupper() and first[1:].islower():
        return f"{first.lower()} {rest}".rstrip()
    return text


# A CV headline naming what the candidate is: "Chartered Accountant with 7 years in audit".
TITLE_RE = re.compile(
    r"^(?:(?:a|an)\s+)?(?:[\w&/-]+\s+){0,3}(?:accountant|analyst|engineer|designer|teacher"
    r"|manager|developer|consultant|scientist|nurse|lawyer|solicitor|auditor|architect"
    r"|executive|specialist|officer|director|administrator|coordinator|educator|writer"
    r"|researcher|planner|controller|marketer|representative|associate|partner|economist"
    r"|technician|therapist|pharmacist|editor|recruiter|strategist|owner)s?"
    r"(?:\s+(?:with|of|at|in|since|for|who|and)\b.*)?$",
    re.IGNORECASE,
)
TITLE_LEADS = (
    "It connects to my own work as {}.",
    "That ties in with my own experience as {}.",
    "It is close to what I have done as {}.",
)


def strength_shape(text: str) -> str:
    """ "sentence", "past" / "present" (a CV line without its "I"), "gerund", "title" (a
    headline naming what the candidate is) or "phrase"."""
    if SUBJECT_RE.match(text + " ") and len(text.split()) > 3:
        return "sentence"
    first_word = text.split(maxsplit=1)[0].lower()
    verb = first_word in IRREGULAR_PAST | PRESENT_VERBS or first_word.endswith("ing")
    if TITLE_RE.match(text) and not verb:
        return "title"
    words = text.split()
    first = words[0].lower()
    nxt = words[1].lower() if len(words) > 1 else ""
    if first in IRREGULAR_PAST or (
        first.endswith("ed") and len(first) > 4 and (first not in ED_ADJECTIVES or _is_number(nxt))
    ):
        return "past" if len(words) > 1 else "phrase"
    if first in PRESENT_VERBS and _is_number(nxt):
        return "present"
    if first.endswith("ing") and len(first) > 5 and len(words) > 1:
        return "gerund"
    return "phrase"


def _bringable(phrase: str) -> str:
    """A noun phrase as something one brings: as written when it names experience, skills
    or a quantity ("five years of ..."), else the field it names ("experience in ...")."""
    low = phrase.lower().split()
    if low[0] in OBJECT_STARTS | QUALITIES or _is_number(low[0]) or BRINGABLE.intersection(low):
        return phrase
    return f"experience in {phrase}"


def fit_sentence(strength: Strength | None, variant: int = 0) -> str:
    """The sentence tying the conversation to what the candidate brings: the relevant
    strength in a sentence that fits its shape (see the module doc), else a general sentence
    that claims nothing specific."""
    if strength is None:
        return GENERAL_FIT[variant % 3]
    text = respell(expand_shorthand(" ".join(strength.text.split())).rstrip(".!;, "))
    shape = strength_shape(text)
    if shape == "sentence":
        first = text.split(" ", 1)[0]
        quoted = (
            text if first.startswith(("I'", "I’")) or first == "I" else _lower_first(text, True)
        )
        return SENTENCE_LEADS[variant % 3].format(quoted + ".")
    if shape == "title":
        bare = re.sub(r"^(?:a|an)\s+", "", text, flags=re.IGNORECASE)
        article = "an" if bare[:1].lower() in "aeio" else "a"
        return TITLE_LEADS[variant % 3].format(f"{article} {bare}")
    if shape in ("past", "present"):
        return SENTENCE_LEADS[variant % 3].format(f"I {_lower_first(text, verb=True)}.")
    if shape == "gerund":
        return PHRASE_LEADS[variant % 3].format(f"experience in {_lower_first(text, verb=True)}")
    return PHRASE_LEADS[variant % 3].format(_bringable(_lower_first(text)))
