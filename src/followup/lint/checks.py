"""The checks behind the rules: pure functions from a draft and its context to hits.

Each check type named in rules.yaml is one function here (or in records.py).
A check returns Hits: a span of the text and the values its rule's message
needs ({words}, {found}, {problem}...). The engine turns hits into findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from followup.domain.company import without_legal_form
from followup.lint.context import LintContext
from followup.lint.draft import (
    WORD_RE,
    Draft,
    Span,
    normalize_signoff,
    sentences,
    word_spans,
)
from followup.lint.lazy import LazyPattern
from followup.lint.ruleset import Rule, RuleSet

Value = str | int | float


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    values: dict[str, Value] = field(default_factory=dict)


@dataclass(slots=True)
class Target:
    """A parsed draft with its context, and the figures several checks share."""

    draft: Draft
    ctx: LintContext
    rules: RuleSet
    signoffs: frozenset[str]
    words: int
    paragraphs: int
    chars: int
    spoken_seconds: float | None
    prefilter: bool = True  # False: scan every pattern (the reference evaluation)
    _sentences: list[Span] | None = None
    _normalized: str | None = None
    _present: frozenset[str] | None = None
    _starts: dict[str, list[int]] | None = None
    _names: list[Span] | None = None
    _leads: dict[frozenset[str], list[int]] = field(default_factory=dict)

    @property
    def name_spans(self) -> list[Span]:
        """Where the draft names the company, the role or a person: words inside a name
        ("Lumen Pay", "Benefits Analyst") are never talk about pay or benefits."""
        if self._names is None:
            ctx = self.ctx
            names = [ctx.company, ctx.company_display, ctx.role, ctx.recipient_name,
                     ctx.recipient_title, *ctx.people_names, *ctx.other_companies]  # fmt: skip
            self._names = [
                Span(m.start(), m.end())
                for name in names
                if name and name.strip()
                for m in _name_pattern(name).finditer(self.draft.text)
            ]
        return self._names

    def in_name(self, start: int, end: int) -> bool:
        return any(s.start <= start and end <= s.end for s in self.name_spans)

    @property
    def normalized(self) -> str:
        """The text in lower case, each run of white space one space, a space at each end."""
        if self._normalized is None:
            self._normalized = " " + " ".join(self.draft.text.lower().split()) + " "
        return self._normalized

    @property
    def present(self) -> frozenset[str]:
        """The keys of the rules' patterns that the draft's words carry (see lint.keys)."""
        if self._present is None:
            index = self.rules.key_index
            self._starts = index.scan(self.draft.text) if self.prefilter else None
            self._present = index.keys if self._starts is None else frozenset(self._starts)
        return self._present

    def finditer(
        self, pattern: re.Pattern[str] | LazyPattern, lead: frozenset[str] | None, span: Span
    ) -> Iterator[re.Match[str]]:
        """pattern.finditer over the span; a pattern whose matches start with a word
        carrying one of `lead` (see lint.keys.lead) is tried only where such words start."""
        starts = self._starts if self.present is not None else None
        if lead is None or starts is None:
            yield from pattern.finditer(self.draft.text, span.start, span.end)
            return
        where = self._leads.get(lead)
        if where is None:  # several patterns and spans share a lead: sorted once
            if len(lead) == 1:  # most leads: one key, whose starts are in order already
                where = starts.get(next(iter(lead)), [])
            else:
                where = sorted({at for key in lead if key in starts for at in starts[key]})
            self._leads[lead] = where
        done = span.start
        for at in where:
            if at < done:
                continue
            if at >= span.end:
                return
            match = pattern.match(self.draft.text, at, span.end)
            if match is not None:
                yield match
                done = max(match.end(), at + 1)

    def holds_any(self, texts: frozenset[str]) -> bool:
        """Whether the draft contains one of these texts (in `normalized` form)."""
        return not self.prefilter or any(n in self.normalized for n in texts)

    @property
    def body_sentences(self) -> list[Span]:
        if self._sentences is None:
            self._sentences = sentences(self.draft.text, self.draft.body)
        return self._sentences

    def scope(self, name: str) -> Span | None:
        if name == "subject":
            return self.draft.subject
        if name == "message":
            return self.draft.message
        return self.draft.body


Check = Callable[[Target, Rule], list[Hit]]


@lru_cache(maxsize=1024)
def _name_pattern(name: str) -> re.Pattern[str]:
    """A name as whole words, with or without its legal form ("Maple Data" for "Maple
    Data Inc."), with any possessive."""
    short = without_legal_form(name)
    words = [re.escape(w) for w in short.split()]
    suffix = r"(?:,?\s+[A-Z][\w.]*)?" if short != name.strip() else ""
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + suffix + r"(?![\w-])", re.IGNORECASE)


GENERIC_GREETING_NAMES = frozenset(
    {
        "hiring manager", "hiring team", "sir or madam", "sir", "madam", "sir/madam", "team",
        "all", "everyone", "there", "recruiter", "recruiting team", "friend", "colleagues",
        "folks", "hr", "hr team", "whom it may concern", "to whom it may concern",
        "hiring committee",
    }
)  # fmt: skip
HONORIFIC_RE = re.compile(r"\b(?:Mr|Ms|Mrs|Mx|Dr|Prof|Miss)\b\.?\s*", re.IGNORECASE)
PHONE_RE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")
INTRODUCTION_RE = re.compile(
    r"\b(?:this\s+is|my\s+name\s+is|it'?s|I'?m|I\s+am)\s+[A-Z]", re.IGNORECASE
)


def _first_line(draft: Draft) -> Span:
    start = draft.message.start
    end = draft.text.find("\n", start)
    return Span(start, len(draft.text) if end == -1 else end)


def _first_sentence(target: Target) -> Span:
    """Where a missing opening belongs: the first sentence of the message."""
    found = target.body_sentences or sentences(target.draft.text, target.draft.message)
    return found[0] if found else _first_line(target.draft)


def _last_line(draft: Draft) -> Span:
    end = max(len(draft.text.rstrip()), draft.message.start)
    start = max(draft.text.rfind("\n", 0, end) + 1, draft.message.start)
    return Span(min(start, end), end)


def body_or_start(draft: Draft) -> Span:
    """Where a missing part should go: the body, else the start of the message."""
    if draft.body.end > draft.body.start:
        return draft.body
    return _first_line(draft)


@lru_cache(maxsize=4096)
def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name, without titles and punctuation, case-folded."""
    return tuple(w.casefold() for w in WORD_RE.findall(HONORIFIC_RE.sub(" ", name)))


# ------------------------------------------------------------------ counts


def check_word_count(target: Target, rule: Rule) -> list[Hit]:
    low, high = rule.params.min, rule.params.max
    if (low is not None and target.words < low) or (high is not None and target.words > high):
        span = body_or_start(target.draft)
        return [Hit(span.start, span.end)]
    return []


def check_paragraph_count(target: Target, rule: Rule) -> list[Hit]:
    low, high = rule.params.min, rule.params.max
    count = target.paragraphs
    if (low is not None and count < low) or (high is not None and count > high):
        span = body_or_start(target.draft)
        return [Hit(span.start, span.end)]
    return []


def check_char_count(target: Target, rule: Rule) -> list[Hit]:
    limit = rule.params.max or 0
    if rule.params.context_limit and target.ctx.linkedin_limit is not None:
        limit = target.ctx.linkedin_limit
    if target.chars > limit:
        message = target.draft.message
        return [Hit(message.start + limit, message.start + target.chars, {"max": limit})]
    return []


def check_max_char(target: Target, rule: Rule) -> list[Hit]:
    span = target.scope(rule.params.scope)
    if span is None:
        return []
    char, allowed = rule.params.char, rule.params.max or 0
    text, positions = target.draft.text, []
    found = text.find(char, span.start, span.end)
    while found != -1:
        positions.append(found)
        found = text.find(char, found + len(char), span.end)
    if len(positions) <= allowed:
        return []
    first_extra = positions[allowed]
    return [Hit(first_extra, first_extra + len(char), {"count": len(positions)})]


# ------------------------------------------------------------------ patterns


def matches(target: Target, rule: Rule, span: Span) -> Iterator[re.Match[str]]:
    """Matches of the rule's patterns in the span. A pattern whose keys (words every
    match holds, see lint.keys) are all absent from the draft is not even scanned."""
    params, present = rule.params, target.present
    if params.any_keys is not None and params.any_keys.isdisjoint(present):
        return
    for pattern, keys, lead in zip(params.patterns, params.keys, params.leads, strict=True):
        if keys is None or not keys.isdisjoint(present):
            yield from target.finditer(pattern, lead, span)


def check_forbidden(target: Target, rule: Rule) -> list[Hit]:
    if rule.params.unless and any(target.ctx.flag(flag) for flag in rule.params.unless):
        return []
    span = target.scope(rule.params.scope)
    if span is None:
        return []
    hits: list[Hit] = []
    for match in sorted(matches(target, rule, span), key=lambda m: (m.start(), -m.end())):
        if hits and match.start() < hits[-1].end:
            continue  # two patterns on the same words make one finding
        if target.in_name(match.start(), match.end()):
            continue  # "Lumen Pay" is a name, not pay talk
        hits.append(Hit(match.start(), match.end(), {"found": match.group(0)}))
    return hits


def _inside(positions: list[int], sentence: Span) -> bool:
    return any(sentence.start <= at < sentence.end for at in positions)


def check_required(target: Target, rule: Rule) -> list[Hit]:
    span = target.scope(rule.params.scope)
    if span is None:
        return []
    text = target.draft.text
    if not rule.params.also:
        if any(True for _ in matches(target, rule, span)):
            return []
    else:  # a pattern and an `also` pattern in one sentence
        starts = [m.start() for m in matches(target, rule, span)]
        params = rule.params
        also = [
            m.start()
            for p, lead in zip(params.also, params.also_leads, strict=True)
            if starts  # else the rule fails whatever `also` finds
            for m in target.finditer(p, lead, span)
        ]
        if starts and also:
            spans = target.body_sentences if span == target.draft.body else sentences(text, span)
            if any(_inside(starts, s) and _inside(also, s) for s in spans):
                return []
    where = span if span.end > span.start else body_or_start(target.draft)
    return [Hit(where.start, where.end)]


# ------------------------------------------------------------------ structure


def check_greeting_by_name(target: Target, rule: Rule) -> list[Hit]:
    draft = target.draft
    if draft.greeting is None:
        line = _first_sentence(target)
        return [Hit(line.start, line.end, {"problem": "there is no greeting by name"})]
    name = " ".join(name_tokens(draft.part(draft.greeting_name)))
    if not name or name in GENERIC_GREETING_NAMES:
        greeting = draft.part(draft.greeting)
        problem = f'the greeting "{greeting}" does not name the person'
        return [Hit(draft.greeting.start, draft.greeting.end, {"problem": problem})]
    return []


def _known_tokens(ctx: LintContext) -> list[set[str]]:
    if ctx.recipient_name:  # their full name, and the name they go by
        goes_by = name_tokens(ctx.recipient_call_me or "")
        return [set(name_tokens(ctx.recipient_name)) | set(goes_by)]
    return [set(name_tokens(n)) for n in ctx.people_names if n]


def check_greeting_names_recipient(target: Target, rule: Rule) -> list[Hit]:
    draft, ctx = target.draft, target.ctx
    if draft.greeting_name is None:
        return []
    found = draft.part(draft.greeting_name)
    tokens = name_tokens(found)
    if not tokens or " ".join(tokens) in GENERIC_GREETING_NAMES:
        return []
    known = _known_tokens(ctx)
    if not known or any(set(tokens) <= person for person in known):
        return []
    expected = ctx.recipient_name or "one of " + ", ".join(ctx.people_names)
    span = draft.greeting_name
    return [Hit(span.start, span.end, {"found": found, "expected": expected})]


def check_signoff(target: Target, rule: Rule) -> list[Hit]:
    draft = target.draft
    if draft.signoff is None:
        line = _last_line(draft)
        return [Hit(line.start, line.end, {"problem": "there is no sign-off"})]
    signoff = draft.part(draft.signoff)
    if normalize_signoff(signoff) not in target.signoffs:
        problem = f'"{signoff}" is not a professional sign-off'
        return [Hit(draft.signoff.start, draft.signoff.end, {"problem": problem})]
    return []


def check_subject_length(target: Target, rule: Rule) -> list[Hit]:
    subject = target.draft.subject
    limit = rule.params.max or 0
    if subject is None or subject.end - subject.start <= limit:
        return []
    thread = target.ctx.thread_subject
    if thread and target.draft.part(subject).strip().casefold() == thread.strip().casefold():
        return []  # the thread's own subject: kept, not chosen
    return [Hit(subject.start, subject.end, {"chars": subject.end - subject.start})]


def check_header_absent(target: Target, rule: Rule) -> list[Hit]:
    span = target.draft.headers.get(rule.params.header)
    if span is None or span.end == span.start:
        return []
    return [Hit(span.start, span.end)]


# ------------------------------------------------------------------ spoken scripts


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _phones(text: str, start: int, end: int) -> list[tuple[Span, str]]:
    found = []
    for match in PHONE_RE.finditer(text, start, end):
        digits = _digits(match.group(0))
        if len(digits) >= 7:
            found.append((Span(match.start(), match.end()), digits))
    return found


def _same_phone(a: str, b: str) -> bool:
    return a[-7:] == b[-7:]


def _region(target: Target, within: int, from_end: bool) -> Span:
    words = word_spans(target.draft.text, target.draft.body)
    if not words:
        return target.draft.body
    if from_end:
        return Span(words[max(0, len(words) - within)].start, target.draft.body.end)
    return Span(target.draft.body.start, words[min(within, len(words)) - 1].end)


def _own_phone(target: Target) -> str | None:
    if target.ctx.candidate_phone and len(_digits(target.ctx.candidate_phone)) >= 7:
        return _digits(target.ctx.candidate_phone)
    return None


def check_spoken_opening(target: Target, rule: Rule) -> list[Hit]:
    text, ctx = target.draft.text, target.ctx
    region = _region(target, rule.params.within_words or 25, from_end=False)
    own = _own_phone(target)
    phones = _phones(text, region.start, region.end)
    has_phone = any(own is None or _same_phone(d, own) for _, d in phones)
    opening = text[region.start : region.end]
    if ctx.candidate_name:
        tokens = set(name_tokens(ctx.candidate_name))
        has_name = any(w.casefold() in tokens for w in WORD_RE.findall(opening))
    else:
        has_name = INTRODUCTION_RE.search(opening) is not None
    missing = [
        part for part, ok in (("your name", has_name), ("your phone number", has_phone)) if not ok
    ]
    if not missing:
        return []
    problem = "the script does not start with " + " and ".join(missing)
    where = _first_sentence(target)
    return [Hit(where.start, where.end, {"problem": problem})]


def check_spoken_closing(target: Target, rule: Rule) -> list[Hit]:
    text = target.draft.text
    region = _region(target, rule.params.within_words or 20, from_end=True)
    phones = _phones(text, target.draft.body.start, target.draft.body.end)
    own = _own_phone(target) or (phones[0][1] if phones else None)
    said = [span for span, digits in phones if own is not None and _same_phone(digits, own)]
    # the number must be said twice, the second time near the end
    if len(said) >= 2 and said[-1].start >= region.start:
        return []
    return [Hit(region.start, region.end)]
