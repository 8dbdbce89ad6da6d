"""The interviewer's note turned into a sentence addressed to that interviewer. Pure
functions.

The interview note is a *topic* the user typed in any shape ("the migration of their batch
jobs", "she explained how they test in production", "we talked about on-call"). `note_sentence`
makes it a grammatical sentence to the person it is about ("his plan" -> "your plan"), or,
when it cannot, a safe frame that quotes nothing. A note that would embarrass its subject if
sent back ("grilled me", "seemed bored") is never quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from followup.drafts.jotted import about_the_interview, expand_shorthand, topic_part, wants_someone
from followup.drafts.pronouns import OBJECT_FOLLOWERS, PRONOUNS, to_second_person
from followup.drafts.spelling import respell
from followup.drafts.topics import (
    QUESTIONS_GENERAL,
    exercise_sentence,
    is_organisational,
    is_personal,
    is_practical,
    pattern_table,
    practical_sentence,
    questions_topic,
    team_sentence,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ------------------------------------------------------------------ notes

# Notes that would embarrass their subject (or the candidate) if sent back.
EMBARRASSING_RE = re.compile(
    r"\b(?:grill\w*|push(?:ed|es|ing)?\s+(?:me\s+)?(?:hard|back)|tough\s+on|hard\s+on\s+me"
    r"|harsh\w*|rude\w*|dismissive|condescend\w*|arrogant|bor(?:ed|ing)|distracted"
    r"|skeptic\w*|sceptic\w*|doubt\w*|not\s+impressed|unimpressed|stump\w*|blank(?:ed)?"
    r"|bomb(?:ed)?|struggl\w*|mess(?:ed)?(?:\s+up)?|messy|awkward\w*|nervous|tired|grump\w*"
    r"|interrupt\w*|hate[ds]?|annoy\w*|weird|odd|terrible|awful|red\s+flags?|toxic|chaotic"
    r"|disorgani[sz]ed|burn(?:ed|t)?\s*out|overwork\w*|layoffs?|yawn\w*|rambl\w*"
    r"|seem(?:ed|s)?|didn'?t\s+(?:like|seem|care|listen)|did\s+not\s+(?:like|seem)"
    r"|tricky|gotcha|trick\s+questions?|impatient|rushed|frown\w*|sigh\w*|eye[- ]?roll\w*"
    r"|accent|attractive|cute|married|pregnan\w*|religio\w*|salary"
    r"|lol|wtf|ugh|meh|sucks?|crap\w*|damn|leaving|quit\w*|resign\w*|fired|laid\s+off"
    r"|let\s+go|notice\s+period\s+is)\b",
    re.IGNORECASE,
)
ABBREVIATIONS = pattern_table(
    (r"\bw/o\b", "without"),
    (r"\bw/(?=\s|\w)", "with "),
    (r"\bb/c\b", "because"),
    (r"\s*(?:->|=>|→)\s*", " and "),
    (r"\s+&\s+", " and "),
    (r"\s+\+\s+", " and "),
    (r"\bvs\.?(?=\s)", "versus"),
    (r"\be\.g\.\s*", "such as "),
    (r"\betc\.?$", ""),
    (r"\bre:\s*", "about "),
    (r"\bthru\b", "through"),
    (r"\bppl\b", "people"),
    (r"\bQs\b", "questions"),
    (r"(?-i:\bQ\b)", "question"),  # not the "q" of "q3"
    (r"\bmgr\b", "manager"),
    (r"\bconvo\b", "conversation"),
    # Said back to the person, their problems are challenges.
    (r"\b(?:problems|issues|pain\s+points)\b", "challenges"),
    (r"\b(?:problem|issue|pain\s+point)\b", "challenge"),
)
MAX_NOTE_WORDS = 24  # longer than one sentence can carry: not quoted
DETERMINERS = _words(
    "the a an how what why when where which whether their your our his her its my this that "
    "these those"
)
GROUP_WORDS = frozenset(["team", "company", "group", "org", "department", "squad", "platform"])
FINITE = _words(
    "is are was were has have had will would can could should may might must does do did "
    "isn't aren't wasn't weren't hasn't haven't won't can't don't doesn't didn't "
    "expects thinks said says explained mentioned described told showed shared "
    "asked talked walked discussed spoke went covered outlined moved"
)
REPORT_VERBS = _words(
    "explained mentioned described told shared showed outlined said talked walked spoke gave "
    "presented pointed noted highlighted emphasized emphasised stressed demoed"
)
TALK_VERBS = _words("talked discussed spoke chatted covered went dug")
WH_WORDS = _words("how what why where when which whether")
# Words that end a note's main phrase: a verb after them is not the note's own verb.
CLAUSE_BREAKS = WH_WORDS | _words("who that and or if because while once so")
# Common words a note may start with, capitalized only because they come first.
COMMON_STARTS = _words(
    "data cost costs growth migration migrating hiring plans plan roadmap team teams work "
    "moving building scaling testing on-call career culture onboarding mentoring design "
    "system systems platform product customer customers quality security performance "
    "reliability latency pipeline pipelines tooling tools budget process processes "
    "deployment release releases code review reviews"
)
FILLER_RE = re.compile(
    r"^(?:about\s+|(?:(?:a|the)\s+)?(?:(?:really|very)\s+)?(?:(?:great|good|nice|fun|long|short|"
    r"interesting|deep|useful|quick)\s+)?(?:chat|talk|discussion|conversation|convo|exchange|"
    r"call|dive|deep[- ]dive)(?:\s+with\s+[\w'-]+(?:\s+[\w'-]+){0,2}?)?"
    r"\s+(?:about|on|of|around|into|regarding)\s+)",
    re.IGNORECASE,
)
# A note without a subject: "asked me about X" is the interviewer's, "went over X" both's.
IMPLIED_YOU = _words(
    "asked explained mentioned described showed shared outlined walked gave presented "
    "wants needs thinks expects hopes plans believes"
)
IMPLIED_WE = _words("talked discussed covered went chatted spoke")


def _clean(note: str) -> str:
    text = " ".join(note.replace("\u2019", "'").split())
    text = text.strip(" \"'`“”‘").rstrip(".!;,: ")
    for pattern, repl in ABBREVIATIONS:
        text = pattern.sub(repl, text)
    text = topic_part(expand_shorthand(text))
    return respell(" ".join(text.split()).rstrip(".!;,: "))


def _lower_first(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first.lower() in DETERMINERS | {"you", "your", "we"} and not first.isupper():
        return f"{first.lower()} {rest}".rstrip()
    return text


# Singular nouns that a jotted note uses without its article ("talked k8s migration").
COUNT_NOUNS = _words(
    "migration rollout plan roadmap strategy architecture setup stack redesign rewrite launch "
    "project reorg reorganisation reorganization refactor move transition upgrade timeline "
    "schedule deadline policy budget pipeline service monolith codebase backlog rotation "
    "office framework database cluster approach process system model cycle period lesson "
    "club programme program curriculum dashboard report product app territory portfolio "
    "structure close audit transition setup review role position date rebuild revamp overhaul "
    "rebrand refresh replatforming"
)
# "with small team" -> "with a small team": a bare singular after a preposition.
BARE_AFTER_PREPOSITION_RE = re.compile(
    r"\b(with|for|into|as|at|in)\s+((?:small|big|large|lean|tiny|new|single|growing|remote|"
    r"distributed|dedicated|young|local|global|busy)\s+)(team|company|group|startup|business|"
    r"school|office|department|agency|firm|practice|clinic|client|customer)\b",
    re.IGNORECASE,
)
# Verbs whose bare singular object is one of many: "how I'd design rate limiter" -> "a".
MAKE_VERBS = _words("design designed build built implement implemented write wrote scale")
MAKE_OBJECT_RE = re.compile(
    rf"\b((?:{'|'.join(sorted(MAKE_VERBS))})) ((?:[\w-]+ ){{0,2}}[a-z][\w-]*(?:er|or))$"
)


def _counted(words: list[str]) -> bool:
    """A bare singular noun phrase whose head is counted ("k8s migration", "visa
    sponsorship timeline", "rate limiter"): it takes an article."""
    head = words[-1].lower()
    named = head in COUNT_NOUNS or (len(words) > 1 and len(head) > 5 and head.endswith("er"))
    return named and words[0].lower() not in DETERMINERS | {"you", "your", "my", "our"}


def _topic(text: str) -> str:
    """A topic as the object of "about": lower-cased start, and "the" before each bare
    singular noun phrase ("k8s migration" -> "the k8s migration"; "notice period and hybrid
    setup" -> "the notice period and the hybrid setup")."""
    text = _lower_first(text)
    parts = re.split(r"(, | and )", text)
    if len(parts) > 1 and all(
        len(p.split()) <= 4 and not FINITE.intersection(p.lower().split()) for p in parts[::2]
    ):
        return "".join(p if i % 2 else _one_topic(p) for i, p in enumerate(parts))
    return _one_topic(text)


# -ing words that name a kind of thing ("the onboarding process"), not an action.
NOUN_ING = _words(
    "onboarding hiring billing pricing marketing training testing planning accounting "
    "engineering reporting ticketing booking banking learning scheduling budgeting joining"
)
PHRASE_ENDS = OBJECT_FOLLOWERS | _words("into across between within during over under by")


def _one_topic(text: str) -> str:
    words = text.split()
    # the phrase ends at a preposition, a dash or a comma ("k8s migration - 6 months")
    head = next(
        (i for i, w in enumerate(words) if w.lower() in PHRASE_ENDS or w in "-–—:"), len(words)
    )
    head = next((i + 1 for i, w in enumerate(words[:head]) if w.endswith((",", ":"))), head)
    bare = [w.rstrip(",:") for w in words[:head]]
    verb = words[0].lower().endswith("ing") and words[0].lower() not in NOUN_ING if words else False
    if words and 0 < head <= 3 and _counted(bare) and not verb:
        return "the " + text
    return MAKE_OBJECT_RE.sub(r"\1 a \2", text)


def _join_parts(text: str) -> str:
    """ "Flink; on-call; hiring" -> "Flink, on-call and hiring"; a list of short phrases
    written with commas ("incident reviews, postmortems") gets its "and" too."""
    parts = [p.strip() for p in re.split(r"\s*[;|]\s*|\s+/\s+", text) if p.strip()]
    if len(parts) < 2:
        parts = [p.strip() for p in text.split(",") if p.strip()]
        low = text.lower().split()
        if (
            len(parts) < 2
            or "and" in low
            or "or" in low
            or any(len(p.split()) > 5 for p in parts)
            or any(w in FINITE | CLAUSE_BREAKS for w in low)
        ):
            return text
    return ", ".join(parts[:-1]) + " and " + parts[-1]


LEADS = ("I especially enjoyed", "I particularly enjoyed", "I especially enjoyed")
APPRECIATED = ("I especially appreciated", "I particularly appreciated", "I especially valued")


def safe_sentence(met: bool, variant: int = 0) -> str:
    """A sentence about the interview that quotes nothing."""
    if met:
        return (
            "I especially enjoyed our conversation and hearing how you see the role.",
            "I particularly enjoyed our conversation and the questions you asked.",
            "I especially appreciated how openly you talked about the work ahead.",
        )[variant % 3]
    return (
        "I especially enjoyed learning more about the team and its work.",
        "I particularly enjoyed learning about the work ahead for the team.",
        "I especially appreciated learning how the team works.",
    )[variant % 3]


def is_embarrassing(note: str) -> bool:
    return EMBARRASSING_RE.search(note) is not None


def _prepared(note: str, names: Sequence[str]) -> str | None:
    """The note cleaned up and spoken to its subject; None when it must not be quoted."""
    text = _clean(note)
    if not text or is_embarrassing(text) or re.search(r"[?!\"()\[\]{}<>=*#@]", text):
        return None
    first_sentence = re.split(r"(?<=[a-z0-9])[.]\s+(?=[A-Z])", text)
    if len(first_sentence) > 1:
        text = first_sentence[0].rstrip(".")
    if len(text.split()) > MAX_NOTE_WORDS or len(text) < 3:
        return None
    text = BARE_AFTER_PREPOSITION_RE.sub(r"\1 a \2\3", FILLER_RE.sub("", text))
    first = text.split(" ", 1)[0]
    if first.lower() in IMPLIED_YOU:
        text = "you " + text[:1].lower() + text[1:]
    elif first.lower() in IMPLIED_WE:
        text = "we " + text[:1].lower() + text[1:]
    elif (
        first[:1].isupper()
        and first[1:].islower()
        and (first.lower() in COMMON_STARTS or first.lower().endswith("ing"))
    ):
        text = text[:1].lower() + text[1:]
    return _join_parts(to_second_person(text, names))


def _from_we(words: list[str], low: list[str], met: bool, lead: str) -> str | None:
    """ "we talked about X", "we discussed X"."""
    if len(low) < 2 or low[1] not in TALK_VERBS or not met:
        return None
    rest = words[2:]
    if rest and rest[0].lower() == "with":  # "chatted with the team lead about on-call"
        about = next((i for i, w in enumerate(low) if i > 2 and w in ("about", "on")), None)
        rest = words[about:] if about is not None else []
    if low[1] in ("went", "dug") and len(low) > 2 and low[2] in ("over", "into", "through"):
        rest = words[3:]
    elif low[1] == "went" and len(low) > 3 and low[2] == "deep" and low[3] in ("on", "into"):
        rest = words[4:]
    elif rest and rest[0].lower() in ("about", "through", "over", "on"):
        rest = rest[1:]
    return f"{lead} talking with you about {_topic(' '.join(rest))}." if rest else None


def _from_you(text: str, low: list[str], met: bool, variant: int) -> str | None:
    """ "you asked me about X", "you explained X", "you want X"."""
    lead, appreciated = LEADS[variant % 3], APPRECIATED[variant % 3]
    words = text.split()
    if low[0] == "you" and len(low) > 1 and low[1] == "asked":
        rest = words[3:] if len(low) > 2 and low[2] == "me" else words[2:]
        # "asked (me) a lot of questions about X", "asked lots about X"
        while rest and rest[0].lower() in ("a", "lot", "lots", "loads", "of", "many", "questions"):
            rest = rest[1:]
        if rest and rest[0].lower() in ("about", "for", "on"):
            rest = rest[1:]
        return (
            f"{appreciated} your questions about {_lower_first(' '.join(rest))}." if rest else None
        )
    if not met or len(low) < 2:
        return None
    if low[1] in REPORT_VERBS:
        # "you explained k8s migration" -> "... you explained the k8s migration"
        said = " ".join([words[0], words[1], _topic(" ".join(words[2:]))]).rstrip()
        return f"{appreciated} that {_lower_first(said)}."
    return f"{lead} hearing that {_lower_first(text)}."


def _from_i(words: list[str], low: list[str], met: bool, variant: int) -> str | None:
    """ "I talked about X", "I learned that X", "I asked about X"; anything else about
    the candidate is not quoted."""
    lead, appreciated = LEADS[variant % 3], APPRECIATED[variant % 3]
    if len(low) < 3:
        return None
    topic = " ".join(words[3:])
    if low[1] in ("talked", "spoke") and low[2] == "about" and topic:
        return f"{lead} the chance to talk with you about {topic}."
    if low[1] in ("learned", "learnt") and low[2] in WH_WORDS | {"about", "that"}:
        return f"{lead} learning {' '.join(words[2:])}."
    if low[1] == "asked" and low[2] == "about" and met and topic:
        return f"{appreciated} your answers to my questions about {topic}."
    return None


def note_sentence(note: str, names: Sequence[str] = (), met: bool = True, variant: int = 0) -> str:
    """The interview note as one sentence to the person it is about (see module doc)."""
    return read_note(note, names, met, variant)[0]


def read_note(
    note: str, names: Sequence[str] = (), met: bool = True, variant: int = 0
) -> tuple[str, str]:
    """The note's sentence and its kind: "work" (a strength may follow), "questions" (the
    person's questions, a strength may follow), "practical", "team" (how the team is
    organised), "personal" or "safe" (nothing may)."""
    spoken = to_second_person(_clean(note), names)
    topic = questions_topic(spoken) if met else None
    if topic is not None and not is_embarrassing(topic):
        lead = APPRECIATED[variant % 3]
        return f"{lead} your questions about {_topic(topic)}.", "questions"
    text = _prepared(note, names)
    if text is None:
        return safe_sentence(met, variant), "safe"
    special = _special_sentence(text, met, variant)
    if special is not None:
        return special
    # "pairing exercise on X" is thanked as an exercise; "went over my take-home" reads on.
    told = text.split(" ", 1)[0].lower() in ("we", "you", "i")
    exercise = exercise_sentence(text, variant) if met and not told else None
    if exercise is not None:
        return exercise, "exercise"
    if is_practical(text):
        low = text.lower().split()
        clause = any(w in FINITE for w in low[2:]) or (
            low[0] not in ("we", "you") and any(w in FINITE for w in low[1:])
        )
        return practical_sentence(text, variant, has_verb=clause, topic=_topic), "practical"
    found = _work_sentence(text, met, variant)
    if found is None:
        return safe_sentence(met, variant), "safe"
    if is_organisational(text):
        # about the team rather than its work: enjoyed, but no claim that it is the work
        # the candidate enjoys; a clause or a count ("team is 5 people") is not quoted
        low = text.lower().split()
        quoted = low[0] in ("i", "we") or (
            not re.search(r"\b\d+\b", text) and not any(w in FINITE for w in low[1:])
        )
        if not quoted:
            return team_sentence(met, variant), "team"
        # "dashboards rebuild + hiring plan": a note with a part (as the user split it) that
        # names some work in a phrase of its own is about the work (a strength may follow);
        # a lone word ("standups + retros") names none
        parts = re.split(r"\s*[+;]\s*", note)
        work = [p for p in parts if len(p.split()) > 1 and not is_organisational(p)]
        return found, ("work" if work else "team")
    if " your questions about " in found:
        return found, "questions"
    return found, ("personal" if is_personal(text) else "work")


def _special_sentence(text: str, met: bool, variant: int) -> tuple[str, str] | None:
    """A note that names only the interview ("basic screening qs"), or what they look for
    in a hire ("they want someone for year 9 science"): a sentence that quotes none of it."""
    about = about_the_interview(text)
    if about == "questions" and met:
        return QUESTIONS_GENERAL[variant % 3], "questions"
    if about is not None:
        return safe_sentence(met, variant), "safe"
    if wants_someone(text):
        lead = LEADS[variant % 3]
        if met:
            return f"{lead} hearing what you are looking for in the role.", "work"
        return f"{lead} learning what the team is looking for in the role.", "work"
    return None


TOPIC_RE = re.compile(r"(?:our conversation about|talking with you about|learning about) (.+)\.$")


def note_topic(sentence: str) -> str:
    """The topic a work sentence names ("your plan to split the monolith"), or ""."""
    match = TOPIC_RE.search(sentence)
    return match.group(1) if match else ""


def _work_sentence(text: str, met: bool, variant: int) -> str | None:
    words = text.split()
    low = [w.lower().strip(",;:") for w in words]
    lead = LEADS[variant % 3]
    found: str | None
    if low[0] == "we":
        found = _from_we(words, low, met, lead)
    elif low[0] in ("you", "you're", "you've", "you'll", "you'd"):
        found = _from_you(text, low, met, variant)
    elif low[0] in ("i", "i'm", "i've"):
        found = _from_i(words, low, met, variant)
    elif low[0] in WH_WORDS:
        found = f"{lead} hearing {_lower_first(text)}."
    else:
        if low[0] in GROUP_WORDS:
            text = "your " + text
            words, low = text.split(), ["your", *low]
        main = low[: next((i for i, w in enumerate(low) if i and w in CLAUSE_BREAKS), len(low))]
        copula = next((i for i, w in enumerate(main) if w in ("is", "are")), 0)
        if 0 < copula <= 5 and len(main) - copula <= 4 and not PRONOUNS.keys() & set(main):
            # "sales cycle into schools is long": the subject is the topic
            subject = " ".join(words[:copula])
            found = f"{lead} our conversation about {_topic(subject)}." if met else None
        elif any(w in FINITE for w in main[1:]):
            clause = (
                text if text[:1].isupper() and low[0] not in DETERMINERS else _lower_first(text)
            )
            if low[0] == "the" and len(low) > 1 and low[1] in GROUP_WORDS:
                clause = "your " + " ".join(words[1:])
            found = f"{lead} hearing that {clause}."
        elif met:
            found = f"{lead} our conversation about {_topic(text)}."
        else:
            found = f"{lead} learning about {_topic(text)}."
    return found
