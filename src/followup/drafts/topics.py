"""What kind of topic an interview note is, so that the thank-you words it fittingly; pure.

Most notes are about the work ("his plan to split the monolith"): the draft enjoys the
conversation and may tie a strength to it. Some are practical ("relocation support + start
date"): a candidate thanks the person for answering questions and claims no fit. Pay is
never repeated back. A note about hard questions ("she grilled me on SQL") is not quoted,
but its topic is: the candidate appreciated the questions about SQL.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def pattern_table(*rows: tuple[str, str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, replacement) rows, compiled once, case-insensitive (a row that must match
    the case says so with `(?-i:...)`)."""
    return tuple((re.compile(p, re.IGNORECASE), r) for p, r in rows)


PAY_RE = re.compile(
    r"\b(?:comp|compensation|salary|salaries|pay(?:\s+bands?|\s+range)?|bonus(?:es)?|equity"
    r"|stock\s+options|rsus?|benefits\s+package|perks|day\s+rate|money|raise|ctc|hike|increment"
    r"|package|super(?:annuation)?|pension|hourly\s+rate|wages?)\b",
    re.IGNORECASE,
)
PRACTICAL_RE = re.compile(
    r"\b(?:relocat\w*|visas?|sponsorship|start\s+dates?|notice(?:\s+period)?|joining|probation|remote\s+(?:work|policy)"
    r"|hybrid|office\s+days?|days\s+in\s+the\s+office|commute|interview\s+(?:loop|process"
    r"|stages?|rounds?)|next\s+steps|hiring\s+(?:process|timeline)|working\s+hours"
    r"|(?:annual|parental)\s+leave|holiday\s+allowance)\b",
    re.IGNORECASE,
)
# "she grilled me on SQL", "tough questions about capacity planning"
QUESTIONS_RE = re.compile(
    r"^(?:you\s+)?(?:(?:grilled|quizzed|pressed|drilled|challenged|probed|pushed|tested)"
    r"\s+me\s+(?:hard\s+|a\s+lot\s+|really\s+hard\s+)?(?:with\s+questions\s+)?"
    r"|(?:lots\s+of\s+|many\s+|some\s+)?(?:tough|hard|difficult|deep|tricky|detailed|probing)"
    r"\s+questions\s+|you\s+asked\s+(?:me\s+)?(?:lots|a\s+lot|loads)\s+(?:of\s+questions\s+)?)"
    r"(?:on|about|around|over|re:?|regarding)\s+(?P<topic>.+)$"
    # a labelled note: "Q: how I'd design a rate limiter" ("Q" is "question" by then)
    r"|^(?:(?:the|main|key|big|tough)\s+)?questions?\s*(?::|\s-)\s*(?P<label>.+)$",
    re.IGNORECASE,
)
# An exercise of the interview rather than a topic: thanked as working through it together.
EXERCISES = pattern_table(
    (r"\bpair(?:ing|ed)?(?:\s+programming)?\b", "the pairing exercise"),
    (r"\blive[- ]cod\w*|\bcoding\s+(?:exercise|test|challenge)", "the coding exercise"),
    (r"\btake[- ]?home\b", "my take-home exercise"),
    (r"\bdebugging\s+(?:session|exercise)\b", "the debugging exercise"),
    (r"\bwhiteboard\w*|\bleetcode\b", "the whiteboard exercise"),
    (r"\bcase\s+study\b", "the case study"),
    # an exercise the candidate gave: its own verb ("teaching the demo lesson")
    (r"\b(?:demo|sample|trial|model|mock)\s+(?:lesson|class)\b", "teaching the demo lesson"),
    (r"\bportfolio\s+(?:review|walk-?through|presentation)\b", "walking you through my portfolio"),
    (r"\brole[- ]?play|\bmock\s+(?:pitch|sales\s+call|call)\b", "the role-play"),
    (r"\bbehaviou?ral\b|\bbiggest\s+(?:failure|weakness|mistake)", ""),
)
EXERCISE_SENTENCES = (
    "I especially enjoyed working through {exercise} with you.",
    "I particularly enjoyed working through {exercise} together.",
    "I especially valued working through {exercise} with you.",
)
GERUND_LEADS = ("I especially enjoyed", "I particularly enjoyed", "I especially valued")
QUESTIONS_GENERAL = (
    "I especially appreciated your thoughtful questions.",
    "I particularly appreciated the questions you asked.",
    "I especially valued your thoughtful questions.",
)
# Small talk and the person's own story: enjoyed, but no claim that it is "the kind of work".
PERSONAL_RE = re.compile(
    r"\b(?:hik\w*|running|marathon|cycling|climbing|skiing|surfing|football|soccer|cricket"
    r"|rugby|tennis|golf|travel\w*|holiday\s+plans|kids|children|dogs?|cats?|weather|coffee"
    r"|books?|music|cooking|gardening|your\s+(?:background|career|time\s+at|story|journey"
    r"|path|previous\s+(?:job|role|company)))\b",
    re.IGNORECASE,
)
# How the team is organised rather than its work: size, hiring, rotations, offices.
ORGANISATION_RE = re.compile(
    r"\b(?:on-?call\s+(?:rotation|schedule)s?|rotations?|office\s+(?:move|moves|relocation"
    r"|location|layout)|(?:new|moving|move\s+to\s+(?:a|the|their|your)?)\s*offices?|headcount"
    r"|team\s+size|size\s+of\s+(?:the|your)\s+team|hiring|hire|reorg\w*|reorgani[sz]\w*"
    r"|org\s+chart|reporting\s+lines?|reports\s+to|\d+\s+(?:people|engineers|devs|developers"
    r"|members|reports|persons)"
    # how the team plans and meets: its rituals, not work the candidate would take on
    r"|plan(?:s|ning)?\s+(?:its|their|the|your|a)\s+(?:quarters?|years?|sprints?|roadmap)"
    r"|(?:quarterly|sprint|annual)\s+planning|planning\s+(?:process|cycle)s?|stand-?ups?"
    r"|retrospectives?|ways?\s+of\s+working|(?:their|the|your|its)\s+offices?\s+in|canteen|cafeteria|perks)\b",
    re.IGNORECASE,
)
TEAM_SENTENCES = (
    "I especially enjoyed hearing how your team is organised.",
    "I particularly enjoyed learning how your team works together.",
    "I especially appreciated hearing how your team is set up.",
)
TEAM_SENTENCES_NOT_MET = (
    "I especially enjoyed learning how the team is organised.",
    "I particularly enjoyed learning how the team works together.",
    "I especially appreciated learning how the team is set up.",
)
MAX_TOPIC_WORDS = 7
LEAD_IN_RE = re.compile(
    r"^(?:we|you)\s+(?:talked|discussed|covered|went\s+over|explained|chatted|walked\s+me"
    r"\s+through|went\s+through)\s+(?:about\s+|through\s+|over\s+)?",
    re.IGNORECASE,
)
# The thank-you already starts with thanks: these do not.
PRACTICAL_SENTENCES = (
    "I also appreciated your clear answers about {topic}.",
    "I found it helpful to go through {topic} with you.",
    "I also appreciated you taking me through {topic}.",
)
PRACTICAL_GENERAL = (
    "I also appreciated your clear answers to my questions.",
    "I found it helpful to have my questions answered so clearly.",
    "I also appreciated you taking me through the practical details.",
)


def exercise_sentence(text: str, variant: int = 0) -> str | None:
    """The sentence for a note about an exercise of the interview, or None."""
    for pattern, exercise in EXERCISES:
        if pattern.search(text):
            if not exercise:
                return QUESTIONS_GENERAL[variant % 3]
            if exercise.split(" ", 1)[0].endswith("ing"):
                return f"{GERUND_LEADS[variant % 3]} {exercise}."
            return EXERCISE_SENTENCES[variant % 3].format(exercise=exercise)
    return None


def is_personal(text: str) -> bool:
    """Small talk or the person's own story, not the work of the role."""
    return PERSONAL_RE.search(text) is not None


def is_organisational(text: str) -> bool:
    """About how the team is organised (its size, hiring, rotation, office), not its work."""
    return ORGANISATION_RE.search(text) is not None


def team_sentence(met: bool, variant: int = 0) -> str:
    """A sentence about the team that quotes nothing (for a note such as "5 people")."""
    return (TEAM_SENTENCES if met else TEAM_SENTENCES_NOT_MET)[variant % 3]


def questions_topic(text: str) -> str | None:
    """The topic of a note about hard questions ("grilled me on SQL" -> "SQL"), or None."""
    match = QUESTIONS_RE.match(text.strip())
    if match is None:
        return None
    topic = (match.group("topic") or match.group("label")).strip()
    if len(topic.split()) > MAX_TOPIC_WORDS or PAY_RE.search(topic):
        return None
    return topic


def is_practical(text: str) -> bool:
    """A note about pay or the practical side of the job rather than the work itself."""
    return bool(PAY_RE.search(text) or PRACTICAL_RE.search(text))


def practical_sentence(
    text: str,
    variant: int = 0,
    has_verb: bool = False,
    topic: Callable[[str], str] = str.strip,
) -> str:
    """Thanks for answering practical questions, naming the topic unless it is pay or it
    reads as a clause ("she said they sponsor visas"); `topic` words it as the object of
    "about" (with its article: "the visa sponsorship timeline")."""
    found = LEAD_IN_RE.sub("", text).strip()
    if not has_verb:
        # Of a list ("expected ctc and joining date"), the items that may be named: not pay,
        # and not a detail with a number ("60 day notice").
        items = [p for p in re.split(r",\s*|\s+and\s+", found) if p.strip()]
        kept = [p for p in items if not PAY_RE.search(p) and not re.search(r"\d", p)]
        found = " and ".join(kept) if len(kept) < len(items) else found
    if (
        PAY_RE.search(found)
        or has_verb
        or not found
        or len(found.split()) > MAX_TOPIC_WORDS
        or re.search(r"\d", found)
    ):
        return PRACTICAL_GENERAL[variant % 3]
    return PRACTICAL_SENTENCES[variant % 3].format(topic=topic(found))
