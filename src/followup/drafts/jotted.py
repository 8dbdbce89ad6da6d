"""Notes jotted the way people type them, made ready to be read as a topic; pure.

A note is often a topic followed by asides: "their churn model, shes rebuilding it in dbt",
"month end close - they r moving to netsuite", "demo lesson w/ year 8s, went well". The
topic is what a thank-you can name; an aside (a clause, the candidate's own impression,
anything after a dash) is the user's memo to themselves and is left out. Shorthand
("abt", "yr", "they r") is written out first.
"""

from __future__ import annotations

import re

from followup.drafts.topics import pattern_table

SHORTHAND = pattern_table(
    (r"\babt\b\.?", "about"),
    (r"\byrs\b\.?", "years"),
    (r"\byr\b\.?", "year"),
    (r"\bmgmt\b\.?", "management"),
    (r"\bdept\b\.?", "department"),
    (r"\bbtw\b,?\s*", ""),
    (r"\b(she|he|they|we|you|i)\s+r\b", r"\1 are"),
    (r"\b(she|he)s\b", r"\1 is"),
    (r"\btheyre\b", "they are"),
    (r"\bwanna\b", "want to"),
    (r"\bgonna\b", "going to"),
    # a compound before its noun takes its hyphen: "month-end close", "year-end audit"
    (r"\b(month|quarter|year|half)\s+end\b(?=\s+[a-z])", r"\1-end"),
)
# A part that starts like this is a clause or an aside, not a topic.
_CLAUSE_START_TEXT = (
    "he she they we i you it there he's she's they're we're i'm it's "
    "mostly mainly very really also still but though plus overall went seemed "
    "felt liked loved said thinks"
)
CLAUSE_STARTS = frozenset(_CLAUSE_START_TEXT.split())
# Words that make a part the candidate's own impression ("went well", "very keen on me").
ASIDE_RE = re.compile(
    r"\b(?:my|me|went\s+(?:well|ok|okay|fine|great)|keen|impressed|positive|good\s+sign"
    r"|still|vibes?|fit)\b",
    re.IGNORECASE,
)
VERB_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|want|wants|need|needs"
    r"|said|says|told|loved|liked|went|seems?|seemed)\b",
    re.IGNORECASE,
)
# The interview itself rather than a topic ("basic screening qs", "intro call").
ABOUT_THE_INTERVIEW_RE = re.compile(
    r"^(?:(?:a|the|some|basic|standard|usual|generic|general|quick|short|first|initial"
    r"|intro|introductory|screening|phone|hr|recruiter|few|couple\s+of|lots\s+of|many)\s+)*"
    r"(?P<what>questions|qs|screen|screening|call|chat|intro|introduction|interview)$",
    re.IGNORECASE,
)
# "they want someone who ...", "looking for a person to own ...": what they seek in a hire.
WANTS_SOMEONE_RE = re.compile(
    r"^(?:the\s+team\s+|the\s+role\s+)?(?:you|they|he|she|we)?\s*(?:are\s+|'re\s+)?"
    r"(?:want|wants|need|needs|looking\s+for|are\s+after|after|hiring)\s+"
    r"(?:someone|somebody|a\s+person|a\s+candidate|people|an?\s+[\w-]+\s+(?:who|to|with)\b)",
    re.IGNORECASE,
)


def expand_shorthand(text: str) -> str:
    for pattern, repl in SHORTHAND:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


def _is_aside(part: str) -> bool:
    words = part.lower().split()
    if not words:
        return True
    return words[0] in CLAUSE_STARTS or bool(VERB_RE.search(part) or ASIDE_RE.search(part))


def topic_part(text: str) -> str:
    """The note without its asides: what follows a spaced dash, and each later part (after
    a comma or semicolon) that is a clause or the candidate's impression. A list of topics
    ("Flink, on-call, hiring") is kept whole."""
    head = re.split(r"\s+[-–—]+\s+", text, maxsplit=1)[0]
    if len(head.split()) < 2:  # a label ("Questions - how you'd build ..."), not a topic
        head = text
    parts = re.split(r"(\s*[,;]\s+)", head)
    kept = parts[0]
    for sep, part in zip(parts[1::2], parts[2::2], strict=False):
        if _is_aside(part):
            continue
        kept += sep + part
    return kept.strip()


def about_the_interview(text: str) -> str | None:
    """ "questions" when the note names only the interview's questions ("basic screening
    qs"), "interview" when only the interview ("intro call"), else None."""
    match = ABOUT_THE_INTERVIEW_RE.match(text.strip())
    if match is None:
        return None
    return "questions" if match.group("what").lower() in ("questions", "qs") else "interview"


def wants_someone(text: str) -> bool:
    """The note says what kind of person they are looking for in more than one short
    clause can carry ("someone for year 9 science and coordinating the club"): a
    joined list of what they want rarely reads well when quoted."""
    long = " and " in text or len(text.split()) > 12
    return long and WANTS_SOMEONE_RE.match(text.strip()) is not None
