"""Checks against the records: the company, the role, titles, names and the interview."""

from __future__ import annotations

import re
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from followup.lint.checks import Hit, Target, body_or_start, name_tokens
from followup.lint.draft import WORD_RE, Span
from followup.lint.ruleset import Rule

CAPITALIZED_RUN_RE = re.compile(r"[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*)*")
ORG_SUFFIXES = frozenset({"inc", "llc", "ltd", "corp", "corporation", "co", "gmbh", "plc", "the"})
SENIORITY = frozenset({"senior", "sr", "junior", "jr", "lead", "staff", "principal", "the"})
POSSESSIVE_RE = re.compile(r"['’]s?$")
STOPWORD_TEXT = (
    "a about above after again all also am an and any are as at be because been before being "
    "both but by can could did do does doing during each few for from further had has have "
    "having he her here hers him his how i if in into is it its itself just me more most my "
    "myself no nor not now of off on once only or other our ours out over own same she "
    "should so some such than that the their them then there these they this those through "
    "to too under until up very was we were what when where which while who whom why will "
    "with would you your yours "
)
STOPWORDS = frozenset(STOPWORD_TEXT.split())


def _org_words(name: str) -> list[str]:
    words = [POSSESSIVE_RE.sub("", w).casefold() for w in WORD_RE.findall(name)]
    return [w for w in words if w and w not in ORG_SUFFIXES]


def same_org(found: str, company: str) -> bool:
    """The same company, allowing a shortened name ("Acme" for "Acme Analytics Inc.")."""
    a, b = _org_words(found), _org_words(company)
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return longer[: len(shorter)] == shorter


def _word_like(a: str, b: str) -> bool:
    """One word standing for another: equal, or sharing a stem ("engineering", "engineer")."""
    return a == b or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5])


def same_words(found: str, expected: str, ignore: frozenset[str] = frozenset()) -> bool:
    """Either phrase's words all appear in the other (seniority and company words aside)."""
    a = [w.casefold() for w in WORD_RE.findall(found) if w.casefold() not in ignore]
    b = [w.casefold() for w in WORD_RE.findall(expected) if w.casefold() not in ignore]
    if not a or not b:
        return True
    return all(any(_word_like(x, y) for y in b) for x in a) or all(
        any(_word_like(y, x) for x in a) for y in b
    )


def _people_tokens(target: Target) -> set[str]:
    ctx = target.ctx
    names = [*ctx.people_names, ctx.recipient_name or "", ctx.candidate_name or ""]
    return {token for name in names for token in name_tokens(name)}


@lru_cache(maxsize=256)
def _whole_words(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)


def _scanned(target: Target) -> list[Span]:
    subject = target.draft.subject
    return [subject, target.draft.message] if subject is not None else [target.draft.message]


# ------------------------------------------------------------------ the company


def _other_company_hits(target: Target) -> list[Hit]:
    hits = []
    for other in target.ctx.other_companies:
        for span in _scanned(target):
            for match in _whole_words(other).finditer(target.draft.text, span.start, span.end):
                problem = f'names "{match.group(0)}", another company you applied to'
                hits.append(Hit(match.start(), match.end(), {"problem": problem}))
    return hits


def _misspelled_company_hits(target: Target, similarity: float, skip: set[str]) -> list[Hit]:
    company = target.ctx.company or ""
    size = len(company.split())
    folded = company.casefold()
    hits = []
    for span in _scanned(target):
        for run in CAPITALIZED_RUN_RE.finditer(target.draft.text, span.start, span.end):
            tokens = list(re.finditer(r"\S+", run.group(0)))
            for i in range(max(1, len(tokens) - size + 1)):
                window = tokens[i : i + size]
                start, end = run.start() + window[0].start(), run.start() + window[-1].end()
                found = POSSESSIVE_RE.sub("", target.draft.text[start:end])
                if found.casefold() == folded or found.casefold() in skip:
                    continue
                matcher = SequenceMatcher(None, found.casefold(), folded)
                if matcher.real_quick_ratio() >= similarity and matcher.ratio() >= similarity:
                    problem = f'"{found}" looks like a misspelling of {company}'
                    hits.append(Hit(start, start + len(found), {"problem": problem}))
    return hits


def check_company_matches(target: Target, rule: Rule) -> list[Hit]:
    ctx = target.ctx
    hits = _other_company_hits(target)
    if not ctx.company:
        return hits
    people = _people_tokens(target)
    seen = {(h.start, h.end) for h in hits}
    for span in _scanned(target):
        for pattern in rule.params.patterns:
            for match in pattern.finditer(target.draft.text, span.start, span.end):
                found = match.group("name").rstrip(".,;:")
                found = POSSESSIVE_RE.sub("", found)
                if same_org(found, ctx.company) or set(name_tokens(found)) <= people:
                    continue
                if ctx.role and same_words(found, ctx.role, SENIORITY):
                    continue
                start = match.start("name")
                problem = f'names "{found}" where the records say {ctx.company}'
                if (start, start + len(found)) not in seen:
                    seen.add((start, start + len(found)))
                    hits.append(Hit(start, start + len(found), {"problem": problem}))
    skip = people | {w.casefold() for w in (ctx.role or "").split()}
    for hit in _misspelled_company_hits(target, rule.params.similarity or 0.8, skip):
        if not any(h.start <= hit.start < h.end for h in hits):
            hits.append(hit)
    return sorted(hits, key=lambda h: h.start)


# ------------------------------------------------------------------ role, title, names


def check_role_matches(target: Target, rule: Rule) -> list[Hit]:
    ctx = target.ctx
    if not ctx.role:
        return []
    ignore = SENIORITY | frozenset(_org_words(ctx.company or ""))
    hits = []
    for span in _scanned(target):
        for pattern in rule.params.patterns:
            for match in pattern.finditer(target.draft.text, span.start, span.end):
                found = match.group("role")
                if same_words(found, ctx.role, ignore):
                    continue
                hits.append(Hit(match.start("role"), match.end("role"), {"found": found}))
    return hits


def check_title_matches(target: Target, rule: Rule) -> list[Hit]:
    title = target.ctx.recipient_title
    if not title:
        return []
    hits = []
    body = target.draft.body
    for pattern in rule.params.patterns:
        for match in pattern.finditer(target.draft.text, body.start, body.end):
            found = match.group("title")
            if not same_words(found, title, SENIORITY):
                hits.append(Hit(match.start("title"), match.end("title"), {"found": found}))
    return hits


def check_names_match(target: Target, rule: Rule) -> list[Hit]:
    known = _people_tokens(target)
    if not target.ctx.people_names and not target.ctx.recipient_name:
        return []
    hits = []
    body = target.draft.body
    for pattern in rule.params.patterns:
        for match in pattern.finditer(target.draft.text, body.start, body.end):
            found = POSSESSIVE_RE.sub("", match.group("name"))
            if found.casefold() not in known:
                hits.append(
                    Hit(match.start("name"), match.start("name") + len(found), {"found": found})
                )
    return hits


# ------------------------------------------------------------------ mentions


def check_mentions_role(target: Target, rule: Rule) -> list[Hit]:
    role = target.ctx.role
    if not role:
        return []
    body = target.draft.body
    words = role.split()
    plain = " ".join(w for w in words if w.casefold().rstrip(".") not in SENIORITY) or role
    for phrase in {role, plain}:
        if _whole_words(phrase).search(target.draft.text, body.start, body.end):
            return []
    span = body_or_start(target.draft)
    return [Hit(span.start, span.end)]


@lru_cache(maxsize=64)
def date_pattern(day: date) -> re.Pattern[str]:
    """The ways a letter names a date: "March 3", "3 March", "Mar 3rd", "Tuesday", "3/3"."""
    month, month_abbr = day.strftime("%B"), day.strftime("%b")
    weekday, weekday_abbr = day.strftime("%A"), day.strftime("%a")
    d, m = day.day, day.month
    ordinal = rf"{d}(?:st|nd|rd|th)?"
    months = rf"(?:{month}|{month_abbr}\.?)"
    forms = [
        rf"{months}\s+{ordinal}\b",
        rf"\b{ordinal}\s+(?:of\s+)?{months}",
        rf"\b(?:{weekday}|{weekday_abbr}\.?)(?![\w])",
        rf"\b0?{m}/0?{d}\b",
        rf"\b0?{d}/0?{m}\b",
        rf"\b{day.isoformat()}\b",
    ]
    return re.compile("|".join(forms), re.IGNORECASE)


def check_mentions_interview_date(target: Target, rule: Rule) -> list[Hit]:
    day = target.ctx.interview_date
    if day is None:
        return []
    body = target.draft.body
    if date_pattern(day).search(target.draft.text, body.start, body.end):
        return []
    span = body_or_start(target.draft)
    return [Hit(span.start, span.end)]


def content_words(text: str) -> set[str]:
    return {w for w in (x.casefold() for x in WORD_RE.findall(text)) if w not in STOPWORDS}


def detail_sentences(target: Target, rule: Rule) -> list[Span]:
    """The sentences that recall something specific from the interview."""
    text = target.draft.text
    note_words = content_words(target.ctx.interview_note or "")
    enough = rule.params.min_note_words or 2
    found = []
    for sentence in target.body_sentences:
        if any(p.search(text, sentence.start, sentence.end) for p in rule.params.patterns) or (
            note_words
            and len(note_words & content_words(text[sentence.start : sentence.end])) >= enough
        ):
            found.append(sentence)
    return found


def check_interview_detail(target: Target, rule: Rule) -> list[Hit]:
    if detail_sentences(target, rule):
        return []
    span = body_or_start(target.draft)
    return [Hit(span.start, span.end)]


# ------------------------------------------------------------------ subjects

REPLY_PREFIX_RE = re.compile(r"\s*(?:re|aw|sv|fwd?)\s*:", re.IGNORECASE)
SEPARATOR_RE = re.compile(r"(\s*[-–—:]\s*|\s+)")


def spoken_date(day: date) -> str:
    return f"{day:%B} {day.day}"


def _literal(part: str) -> str:
    pieces = []
    for piece in SEPARATOR_RE.split(part):
        if not piece:
            continue
        if SEPARATOR_RE.fullmatch(piece):
            pieces.append(r"\s*[-–—:]\s*" if piece.strip() else r"\s+")
        else:
            pieces.append(re.escape(piece))
    return "".join(pieces)


@lru_cache(maxsize=256)
def subject_pattern(template: str, role: str | None, day: date | None) -> re.Pattern[str]:
    """A template such as "Thank you - {role} interview" as a forgiving pattern."""
    parts = []
    for part in re.split(r"(\{role\}|\{date\})", template):
        if part == "{role}":
            parts.append(r"\s+".join(map(re.escape, role.split())) if role else ".+?")
        elif part == "{date}":
            parts.append(rf"(?:{date_pattern(day).pattern})(?:,?\s+\d{{4}})?" if day else ".+?")
        else:
            parts.append(_literal(part))
    return re.compile(r"\s*" + "".join(parts) + r"\s*[.]?", re.IGNORECASE)


def check_subject_format(target: Target, rule: Rule) -> list[Hit]:
    subject, ctx = target.draft.subject, target.ctx
    if subject is None or subject.end == subject.start:
        return []
    found = target.draft.part(subject)
    if REPLY_PREFIX_RE.match(found):
        return []  # a reply keeps the thread's subject
    if ctx.thread_subject and found.casefold().strip() == ctx.thread_subject.casefold().strip():
        return []
    for template in rule.params.templates:
        if subject_pattern(template, ctx.role, ctx.interview_date).fullmatch(found):
            return []
    expected = rule.params.templates[0].format(
        role=ctx.role or "{role}",
        date=spoken_date(ctx.interview_date) if ctx.interview_date else "{date}",
    )
    return [Hit(subject.start, subject.end, {"found": found, "expected": expected})]
