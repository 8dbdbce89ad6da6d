"""Checks against the records: the company, the role, titles, names and the interview."""

from __future__ import annotations

import re
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from followup.domain.company import without_legal_form
from followup.lint.checks import Hit, Target, body_or_start, matches, name_tokens
from followup.lint.draft import WORD_RE, Span
from followup.lint.ruleset import Rule


# Words before "role at X" / "joining X" that make X the candidate's own employer.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


OWN_PAST_RE = re.compile(
    r"\b(?:my|our|current|previous|former|past|last|before|after|since|until|while)"
    r"(?:\s+[\w-]+){0,2}\s+$",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def capitalized_runs(size: int) -> re.Pattern[str]:
    """Runs of at least `size` capitalized words ("Acme Analytics", "Dear Ms Chen")."""
    word = r"[A-Z][\w&'’-]*"
    return re.compile(rf"{word}(?:[ \t]+{word}){{{size - 1},}}")


ORG_SUFFIXES = _words(
    "inc incorporated llc llp ltd limited corp corporation co gmbh plc ag kg se sa s.a sas "
    "spa s.p.a srl bv b.v nv n.v pty pte pvt sdn bhd k.k kk ab oy lp the"
)
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
    words = [POSSESSIVE_RE.sub("", w).casefold() for w in WORD_RE.findall(without_legal_form(name))]
    return [w for w in words if w and w not in ORG_SUFFIXES]


@lru_cache(maxsize=8192)
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


@lru_cache(maxsize=8192)
def same_words(found: str, expected: str, ignore: frozenset[str] = frozenset()) -> bool:
    """Either phrase's words all appear in the other (seniority and company words aside)."""
    a = [w.casefold() for w in WORD_RE.findall(found) if w.casefold() not in ignore]
    b = [w.casefold() for w in WORD_RE.findall(expected) if w.casefold() not in ignore]
    if not a or not b:
        return True
    return all(any(_word_like(x, y) for y in b) for x in a) or all(
        any(_word_like(y, x) for x in a) for y in b
    )


def _people_tokens(target: Target) -> frozenset[str]:
    ctx = target.ctx
    names = (*ctx.people_names, ctx.recipient_name or "", ctx.candidate_name or "")
    return frozenset().union(*map(name_tokens, names))  # each name's words are kept


@lru_cache(maxsize=1024)
def _whole_words(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _role_words(phrase: str) -> re.Pattern[str]:
    """The role as words, the last one with any ending: "data engineering" for the role
    "Data Engineer", "engineers", "developer's"."""
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"[\w'’]*", re.IGNORECASE)


def _scanned(target: Target) -> list[Span]:
    subject = target.draft.subject
    return [subject, target.draft.message] if subject is not None else [target.draft.message]


# ------------------------------------------------------------------ the company


@lru_cache(maxsize=1024)
def _normalized_name(name: str) -> frozenset[str]:
    return frozenset({" ".join(name.lower().split())})  # as Target.holds_any reads it


def _other_company_hits(target: Target) -> list[Hit]:
    hits = []
    for other in target.ctx.other_companies:
        if not target.holds_any(_normalized_name(other)):
            continue  # most drafts name no other company: skip the scan
        for span in _scanned(target):
            for match in _whole_words(other).finditer(target.draft.text, span.start, span.end):
                problem = f'names "{match.group(0)}", another company you applied to'
                hits.append(Hit(match.start(), match.end(), {"problem": problem}))
    return hits


def _company_like_phrases(target: Target, folded: str, similarity: float) -> set[str]:
    """Capitalized phrases as long as the company's name (in words) that could be a slip
    of the pen for it: close in length, sharing its first or its last letter."""
    size = len(folded.split())
    text = target.draft.text
    phrases: set[str] = set()
    for span in _scanned(target):
        for run in capitalized_runs(size).findall(text, span.start, span.end):
            phrases.update(_run_phrases(run, folded, similarity))
    return phrases


@lru_cache(maxsize=8192)
def _run_phrases(run: str, folded: str, similarity: float) -> tuple[str, ...]:
    """The phrases of one capitalized run that could stand for the company (the same runs
    come back in draft after draft: "Thank You", "Data Engineer", the company itself)."""
    size = len(folded.split())
    words = run.split()
    phrases = []
    for i in range(max(1, len(words) - size + 1)):
        window = words[i : i + size]
        last = window[-1]
        if last.endswith(("'s", "’s")):
            window[-1] = last = last[:-2]
        if not last or (window[0][0].lower() != folded[0] and last[-1] != folded[-1]):
            continue
        length = sum(map(len, window)) + len(window) - 1
        # SequenceMatcher.ratio() cannot reach `similarity` past this length gap
        if 2 * min(length, len(folded)) >= similarity * (length + len(folded)):
            phrases.append(" ".join(window))
    return tuple(phrases)


@lru_cache(maxsize=8192)
def _looks_like(candidate: str, folded: str, similarity: float) -> bool:
    matcher = SequenceMatcher(None, candidate, folded)
    return matcher.quick_ratio() >= similarity and matcher.ratio() >= similarity


@lru_cache(maxsize=1024)
def _folded_company(company: str) -> str:
    # Compared without its legal form: "Maple Data" is how a letter names "Maple Data Inc."
    return without_legal_form(company).casefold()


def _misspelled_company_hits(target: Target, similarity: float, skip: frozenset[str]) -> list[Hit]:
    company = target.ctx.company or ""
    folded = _folded_company(company)
    if not folded:
        return []
    hits = []
    for found in sorted(_company_like_phrases(target, folded, similarity)):
        candidate = found.casefold()
        if candidate == folded or candidate in skip:
            continue
        if _looks_like(candidate, folded, similarity):
            problem = f'"{found}" looks like a misspelling of {company}'
            for span in _scanned(target):
                for match in _whole_words(found).finditer(target.draft.text, span.start, span.end):
                    hits.append(Hit(match.start(), match.end(), {"problem": problem}))
    return hits


def check_company_matches(target: Target, rule: Rule) -> list[Hit]:
    ctx = target.ctx
    hits = _other_company_hits(target)
    if not ctx.company:
        return hits
    people = _people_tokens(target)
    seen = {(h.start, h.end) for h in hits}
    for span in _scanned(target):
        for match in matches(target, rule, span):
            found = POSSESSIVE_RE.sub("", match.group("name").rstrip(".,;:"))
            if same_org(found, ctx.company) or set(name_tokens(found)) <= people:
                continue
            if ctx.company_display and same_org(found, ctx.company_display):
                continue
            if OWN_PAST_RE.search(target.draft.text, max(0, match.start() - 40), match.start()):
                continue  # "my role at Initech", "before joining Initech": the candidate's past
            if ctx.role and same_words(found, ctx.role, SENIORITY):
                continue
            start = match.start("name")
            problem = f'names "{found}" where the records say {ctx.company}'
            if (start, start + len(found)) not in seen:
                seen.add((start, start + len(found)))
                hits.append(Hit(start, start + len(found), {"problem": problem}))
    skip = people | {w.casefold() for w in (ctx.role or "").split()}
    skip |= {(ctx.company_display or "").casefold()}
    for hit in _misspelled_company_hits(target, rule.params.similarity or 0.8, skip):
        if not any(h.start <= hit.start < h.end for h in hits):
            hits.append(hit)
    return sorted(hits, key=lambda h: h.start)


# ------------------------------------------------------------------ role, title, names


@lru_cache(maxsize=1024)
def _role_ignores(company: str) -> frozenset[str]:
    """Words a role may carry besides its own: seniority, and the company's name."""
    return SENIORITY | frozenset(_org_words(company))


def check_role_matches(target: Target, rule: Rule) -> list[Hit]:
    ctx = target.ctx
    if not ctx.role:
        return []
    ignore = _role_ignores(ctx.company or "")
    hits = []
    for span in _scanned(target):
        for match in matches(target, rule, span):
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
    for match in matches(target, rule, body):
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
    for match in matches(target, rule, body):
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
    # The subject line counts: "Thank you - Data Engineer interview" names the role.
    spans = [body] if target.draft.subject is None else [body, target.draft.subject]
    for phrase in {role, plain}:
        for span in spans:
            if _role_words(phrase).search(target.draft.text, span.start, span.end):
                return []
    span = body_or_start(target.draft)
    return [Hit(span.start, span.end)]


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?"
# The ways a letter names a date: "March 3", "3 March", "Mar 3rd", "Tuesday", "3/3", ISO.
# One static pattern; which date a match names is checked after (`names_day`).
DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?(?:,?\s+(?P<y2>\d{{4}}))?"
    rf"|(?P<wd>{_WEEKDAY})\.?"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<n1>\d{1,2})/(?P<n2>\d{1,2})(?:/(?P<y3>\d{2,4}))?)(?![\w/])",
    re.IGNORECASE,
)


def _month(name: str) -> int:
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name.casefold()[:3]))


def names_day(match: re.Match[str], day: date) -> bool:
    """Whether a DATE_RE match names `day` (a weekday name counts: "on Tuesday")."""
    groups = match.groupdict()
    year = groups["y1"] or groups["y2"]
    if year and int(year) != day.year:
        return False
    if groups["m1"]:
        return _month(groups["m1"]) == day.month and int(groups["d1"]) == day.day
    if groups["m2"]:
        return _month(groups["m2"]) == day.month and int(groups["d2"]) == day.day
    if groups["wd"]:
        return WEEKDAYS[day.weekday()].startswith(groups["wd"].casefold()[:3])
    if groups["iso"]:
        return groups["iso"] == day.isoformat()
    first, second = int(groups["n1"]), int(groups["n2"])
    return (first, second) in ((day.month, day.day), (day.day, day.month))


def mentions_day(text: str, span: Span, day: date) -> bool:
    return any(names_day(m, day) for m in DATE_RE.finditer(text, span.start, span.end))


def check_mentions_interview_date(target: Target, rule: Rule) -> list[Hit]:
    day = target.ctx.interview_date
    if day is None:
        return []
    body = target.draft.body
    if mentions_day(target.draft.text, body, day):
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
    starts = [m.start() for m in matches(target, rule, target.draft.body)]
    found = []
    for sentence in target.body_sentences:
        if any(sentence.start <= at < sentence.end for at in starts) or (
            note_words
            and len(note_words & content_words(text[sentence.start : sentence.end])) >= enough
        ):
            found.append(sentence)
    return found


def _recalls_at_once(target: Target, rule: Rule) -> bool:
    """Whether a pattern matches at a character that some sentence holds: every character
    of the body but white space and .!? is inside one (see draft.sentences), so the body
    need not be split. The plain evaluation (`prefilter=False`) always splits it."""
    text = target.draft.text
    return target.prefilter and any(
        m.end() > m.start() and not text[m.start()].isspace() and text[m.start()] not in ".!?"
        for m in matches(target, rule, target.draft.body)
    )


def check_interview_detail(target: Target, rule: Rule) -> list[Hit]:
    if _recalls_at_once(target, rule) or detail_sentences(target, rule):
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


@lru_cache(maxsize=1024)
def subject_pattern(template: str, role: str | None) -> re.Pattern[str]:
    """A template such as "Thank you - {role} interview" as a forgiving pattern; the
    date, if any, is the group `date`, checked after the match (see `names_day`)."""
    parts = []
    for part in re.split(r"(\{role\}|\{date\})", template):
        if part == "{role}":
            parts.append(r"\s+".join(map(re.escape, role.split())) if role else ".+?")
        elif part == "{date}":
            parts.append(r"(?P<date>.+?)")
        else:
            parts.append(_literal(part))
    return re.compile(r"\s*" + "".join(parts) + r"\s*[.]?", re.IGNORECASE)


def _subject_fits(found: str, template: str, role: str | None, day: date | None) -> bool:
    match = subject_pattern(template, role).fullmatch(found)
    if match is None:
        return False
    if day is None or "date" not in match.groupdict():
        return True
    named = DATE_RE.fullmatch(match.group("date").strip())
    return named is not None and names_day(named, day)


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
        if _subject_fits(found, template, ctx.role, ctx.interview_date):
            return []
    expected = rule.params.templates[0].format(
        role=ctx.role or "{role}",
        date=spoken_date(ctx.interview_date) if ctx.interview_date else "{date}",
    )
    return [Hit(subject.start, subject.end, {"found": found, "expected": expected})]
