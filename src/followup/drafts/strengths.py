"""The candidate's strengths, chosen with judgement: a strength appears in a thank-you only
when it is relevant to what was discussed with that person.

The profile keeps one strength per line, written as a whole sentence ("I led the move of
forty nightly jobs to Kafka.") or a phrase, with optional keywords in brackets at the end
("... [streaming, Kafka, Flink]"). `best_strength` scores every strength against the interview
note with BM25 (a small Okapi BM25 written here: a handful of short documents needs no
index) and returns the best one above `THRESHOLD`, else None, so that the draft uses a
general sentence instead of a strength that shares only a word with the note.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+(?:[+#]+)?", re.UNICODE)
KEYWORDS_RE = re.compile(r"\s*\[([^\[\]]*)\]\s*$")
# Words too common in job talk to say that a strength fits a topic.
_STOPWORD_TEXT = (
    "a about after all also an and any are as at be been being but by can could did do "
    "does for from had has have he her his how i if in into is it its just me more most "
    "my no not of on or our out over own same she so some such than that the their them "
    "then there these they this those through to too under up very was we were what when "
    "where which while who why will with would you your "
    "team teams work worked working role roles company job jobs year years experience "
    "lot new great good really things thing way ways people time plan plans part"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
K1 = 1.2
B = 0.75
THRESHOLD = 0.25  # one shared topic word in a one-strength profile scores about 0.29


@dataclass(frozen=True, slots=True)
class Strength:
    text: str  # as the candidate wrote it, without the keywords
    keywords: tuple[str, ...] = ()

    @property
    def is_sentence(self) -> bool:
        """Written as a sentence of its own ("I led ...", "In my last role ...")."""
        return bool(re.match(r"(?:I|I'm|I've|My|In\s+my|At\s+\w+)\b", self.text)) and (
            len(self.text.split()) > 3
        )


def parse_strengths(text: str) -> list[Strength]:
    """One strength per line (or ";"), keywords in brackets at the end of a line."""
    found = []
    for raw in re.split(r"\s*(?:\n|;)\s*", text.strip()):
        line = " ".join(raw.split())
        if not line:
            continue
        keywords: tuple[str, ...] = ()
        match = KEYWORDS_RE.search(line)
        if match:
            keywords = tuple(k.strip() for k in match.group(1).split(",") if k.strip())
            line = line[: match.start()].strip()
        if line:
            found.append(Strength(line, keywords))
    return found


def _stem(word: str) -> str:
    word = word.casefold()
    for suffix in ("ations", "ation", "ings", "ing", "ers", "er", "ies", "es", "ed", "s"):
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    return [_stem(w) for w in WORD.findall(text) if w.casefold() not in STOPWORDS and len(w) > 1]


def scores(strengths: list[Strength], note: str) -> list[float]:
    """The BM25 score of each strength (its words and keywords) for the note."""
    docs = [Counter(terms(" ".join((s.text, *s.keywords)))) for s in strengths]
    if not docs:
        return []
    query = set(terms(note))
    n = len(docs)
    avg = sum(sum(d.values()) for d in docs) / n or 1.0
    result = []
    for doc in docs:
        length = sum(doc.values())
        score = 0.0
        for term in query:
            tf = doc.get(term, 0)
            if not tf:
                continue
            df = sum(1 for d in docs if term in d)
            idf = math.log((n - df + 0.5) / (df + 0.5) + 1)
            score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avg))
        result.append(score)
    return result


def best_strength(
    strengths: list[Strength], note: str, threshold: float = THRESHOLD
) -> Strength | None:
    """The strength most relevant to the note, if one scores above the threshold."""
    scored = scores(strengths, note)
    if not scored:
        return None
    best = max(range(len(scored)), key=lambda i: (scored[i], -i))
    return strengths[best] if scored[best] > threshold else None
