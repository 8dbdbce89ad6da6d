"""Words that fit: company names in running text, subjects that fit, and punctuation. Pure
functions. The interviewer's note turned into a sentence is in `followup.drafts.notes`.
"""

from __future__ import annotations

import re

from followup.domain.company import without_legal_form

# ------------------------------------------------------------------ company names


def display_company(name: str) -> str:
    """The company as running text names it: without its legal form ("Inc.", "GmbH")."""
    return without_legal_form(name)


# ------------------------------------------------------------------ punctuation

_DOUBLED = (
    (re.compile(r"(?<![.])\.\.(?![.])"), "."),
    (re.compile(r"[ \t]+([.,;:!?])"), r"\1"),
    (re.compile(r",([.!?;:])"), r"\1"),
    (re.compile(r"([.!?;:]),"), r"\1"),
    (re.compile(r"([!?;:])\."), r"\1"),
    (re.compile(r"\.([!?;:])"), r"\1"),
    (re.compile(r"([,;:!?])\1+"), r"\1"),
)


# "Thursday, March 5 about" needs its closing comma in US style; "Thursday 5 March" has none.
_US_DATE_RE = re.compile(
    r"\b((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (?:January|February|March|April|May|June"
    r"|July|August|September|October|November|December) \d{1,2})(?= (?!and\b|or\b)[a-z])"
)


def tidy_punctuation(text: str) -> str:
    """No doubled punctuation ("Inc..", "role,.", "? ."); an ellipsis stays. A US date
    with its weekday is closed by a comma when the sentence goes on."""
    for pattern, repl in _DOUBLED:
        text = pattern.sub(repl, text)
    return _US_DATE_RE.sub(r"\1,", text)


# ------------------------------------------------------------------ subjects

SUBJECT_LIMIT = 60  # the linter's LINT-SUBJECT-LENGTH


def fit_subject(*candidates: str, limit: int = SUBJECT_LIMIT) -> str:
    """The first candidate that fits in `limit` characters (else the shortest)."""
    cleaned = [" ".join(c.split()) for c in candidates if c and c.strip()]
    for candidate in cleaned:
        if len(candidate) <= limit:
            return candidate
    return min(cleaned, key=len) if cleaned else ""
