"""A rejection written in words no phrase list holds, found by two cues in one place.

"Unfortunately, the panel chose a candidate with more sales experience": a word of regret
and, in the same sentence or the next, a word of someone else chosen or of the application
stopped. Either alone is everyday mail ("unfortunately I'm busy Thursday", "another
candidate cancelled, so we have a free slot"); together they are a rejection. The two word
lists are data (classify.yaml, rejection_cues).
"""

from __future__ import annotations

import re

from followup.mail.reading.rules import ClassifyRules

# a sentence ends at . ! ? or a blank line; a line break inside a paragraph does not end it
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def rejection_cues(text: str, rules: ClassifyRules) -> tuple[str, str] | None:
    """(regret words, turned-down words) found together, or None."""
    if rules.regret_cues.search(text) is None:  # most mail: one search and done
        return None
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    for index, sentence in enumerate(sentences[:200]):
        regret = rules.regret_cues.search(sentence)
        if regret is None:
            continue
        for near in sentences[index : index + 2]:
            turned = rules.turned_down_cues.search(near)
            if turned is not None:
                return regret.group(0), turned.group(0)
    return None
